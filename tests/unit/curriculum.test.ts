/**
 * The syllabus read as data (#20): outcome numbers, hours and assessment tables, the outcomes
 * matrix and the national template, from ordinary section texts.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import { insertTableNode, outcomeEnter, toggleOutcome } from '../../client/src/editor/commands';
import { suggesting } from '../../client/src/editor/suggesting';
import { targetIds } from '../../client/src/editor/target-ids';
import { countWords, settledOf } from '../../server/domain/section-content';
import { diffDocuments } from '../../shared/document-diff';
import { searchLinesOf } from '../../shared/search-text';
import { jsonWithoutSuggestions, withoutSuggestions } from '../../shared/suggestions';
import {
  assessmentOf,
  courseHours,
  hoursOf,
  outcomesMatrix,
  outcomesOf,
  readCellNumber,
  sectionHours,
  templateConformance,
  type TemplateHeading,
} from '../../shared/curriculum';
import { REFERENCE_WORDS, referenceLabel, targetKey, targetsOf } from '../../shared/references';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';

const { doc, paragraph, heading, learning_outcome: outcome, table, table_row: row, table_cell: cell, table_header: header, bullet_list, list_item, cross_reference: reference } = schema.nodes;
const text = (value: string) => schema.text(value);
const p = (...content: (ProseMirrorNode | string)[]) => paragraph.create(null, content.filter((part) => part !== '').map((part) => (typeof part === 'string' ? text(part) : part)));
const lo = (id: string | null, words: string) => outcome.create({ id }, words ? text(words) : null);
const ref = (section: string, target: string) => reference.create({ section, target, label: 'LO' });
/** A cell holding a paragraph of the given parts (text or references). */
const c = (...content: (ProseMirrorNode | string)[]) => cell.create(null, p(...content));
const kindTable = (kind: 'hours' | 'assessment' | null, head: string[], ...rows: ProseMirrorNode[][]) =>
  table.create({ kind }, [row.create(null, head.map((words) => header.create(null, p(words)))), ...rows.map((cells) => row.create(null, cells))]);
const hoursTable = (...rows: string[][]) =>
  kindTable('hours', ['Topic', 'Lecture', 'Seminar', 'Practice', 'Self-study'], ...rows.map((cells) => cells.map((words) => c(words))));
const assessmentTable = (...rows: ProseMirrorNode[][]) => kindTable('assessment', ['Item', 'Weight, %', 'Outcomes'], ...rows);

describe('outcomesOf', () => {
  const text1 = doc.create(null, [
    heading.create({ level: 2 }, text('Outcomes')),
    lo('o1', 'Explain the readmission procedure.'),
    p('Between them.'),
    bullet_list.create(null, list_item.create(null, [p('In a list:'), lo(null, 'Name the  institutions')])),
    lo('o3', 'Compare two countries'),
  ]);

  test('numbers a Part 1 section\'s outcomes "LO m.k" in document order, counting those without ids', () => {
    expect(outcomesOf({ part: 1, position: 3 }, text1)).toEqual([
      { id: 'o1', number: 'LO 3.1', text: 'Explain the readmission procedure.' },
      { id: null, number: 'LO 3.2', text: 'Name the institutions' },
      { id: 'o3', number: 'LO 3.3', text: 'Compare two countries' },
    ]);
  });

  test('numbers a Part 2 section\'s outcomes "LO 2.p.k"', () => {
    expect(outcomesOf({ part: 2, position: 4 }, text1).map((entry) => entry.number)).toEqual(['LO 2.4.1', 'LO 2.4.2', 'LO 2.4.3']);
  });

  test('a text without outcomes has none', () => {
    expect(outcomesOf({ part: 1, position: 1 }, doc.create(null, p('Nothing to learn')))).toEqual([]);
  });
});

describe('readCellNumber', () => {
  test.each([
    ['12', { value: 12 }],
    [' 1,5 ', { value: 1.5 }],
    ['1.5', { value: 1.5 }],
    ['0', { value: 0 }],
    ['', 'blank'],
    ['   ', 'blank'],
    ['two', 'bad'],
    ['-3', 'bad'],
    ['1.5h', 'bad'],
    ['1,5,2', 'bad'],
    ['40 %', 'bad'],
  ])('%j reads as %j', (input, read) => {
    expect(readCellNumber(input)).toEqual(read);
  });

  test('a weight may carry its per cent sign', () => {
    expect(readCellNumber('40 %', { percent: true })).toEqual({ value: 40 });
    expect(readCellNumber('12,5%', { percent: true })).toEqual({ value: 12.5 });
    expect(readCellNumber('%', { percent: true })).toBe('blank');
  });
});

describe('hoursOf', () => {
  test('reads numbers, decimal commas and blank cells, and totals by kind and row', () => {
    const hours = hoursOf(hoursTable(['Legal framework', '2', '1,5', '', '4'], ['Institutions', '1.5', '2', '3', '0']));
    expect(hours.rows).toEqual([
      { topic: 'Legal framework', lecture: 2, seminar: 1.5, practice: 0, selfStudy: 4, total: 7.5, errors: [] },
      { topic: 'Institutions', lecture: 1.5, seminar: 2, practice: 3, selfStudy: 0, total: 6.5, errors: [] },
    ]);
    expect(hours.totals).toEqual({ lecture: 3.5, seminar: 3.5, practice: 3, selfStudy: 4, total: 14 });
  });

  test('a cell that is not a number is an error of its row and counts as 0', () => {
    const hours = hoursOf(hoursTable(['Statistics', 'two', '2', '1.5h', '1']));
    expect(hours.rows[0]).toMatchObject({ lecture: 0, seminar: 2, practice: 0, selfStudy: 1, total: 3, errors: ['lecture', 'practice'] });
    expect(hours.totals.total).toBe(3);
  });

  test('a short row counts its missing cells as blank; decimals add without float noise', () => {
    const hours = hoursOf(hoursTable(['Short', '0,1'], ['Also', '0,2']));
    expect(hours.rows[0]).toMatchObject({ lecture: 0.1, seminar: 0, total: 0.1, errors: [] });
    expect(hours.totals.lecture).toBe(0.3);
  });

  test('a table with only its header has no rows and no hours', () => {
    expect(hoursOf(hoursTable())).toEqual({ rows: [], totals: { lecture: 0, seminar: 0, practice: 0, selfStudy: 0, total: 0 } });
  });

  test('a section sums its hours tables only, and the course sums its sections', () => {
    const one = doc.create(null, [
      hoursTable(['A', '2', '2', '2', '2']),
      p('Between'),
      kindTable(null, ['Not', 'hours'], [c('X'), c('100')]),
      hoursTable(['B', '1', '', '', '1,5']),
    ]);
    const two = doc.create(null, [hoursTable(['C', '4', '', '', ''])]);
    expect(sectionHours(one)).toEqual({ lecture: 3, seminar: 2, practice: 2, selfStudy: 3.5, total: 10.5 });
    expect(courseHours([one, two])).toEqual({ lecture: 7, seminar: 2, practice: 2, selfStudy: 3.5, total: 14.5 });
    expect(courseHours([{ doc: one }, { doc: two }]).total).toBe(14.5);
    expect(courseHours([])).toEqual({ lecture: 0, seminar: 0, practice: 0, selfStudy: 0, total: 0 });
  });
});

describe('assessmentOf', () => {
  const exam = (weight: string, ...outcomes: ProseMirrorNode[]) => [c('Exam'), c(weight), c(...outcomes)];

  test('weights totalling 100 % with every item mapped have no problems', () => {
    const result = assessmentOf(assessmentTable([c('Essay'), c('40'), c(ref('r1', 'o1'), ' ', ref('r1', 'o2'))], exam('60 %', ref('r2', 'o5'))));
    expect(result.items).toEqual([
      { row: 1, item: 'Essay', weight: 40, outcomes: [targetKey('r1', 'o1'), targetKey('r1', 'o2')], errors: [] },
      { row: 2, item: 'Exam', weight: 60, outcomes: [targetKey('r2', 'o5')], errors: [] },
    ]);
    expect(result).toMatchObject({ total: 100, problems: [] });
  });

  test('weights of 90 % are flagged', () => {
    const result = assessmentOf(assessmentTable([c('Essay'), c('30'), c(ref('r1', 'o1'))], exam('60', ref('r1', 'o1'))));
    expect(result).toMatchObject({ total: 90, problems: ['weights-not-100'] });
  });

  test('decimal commas add up to 100', () => {
    const result = assessmentOf(assessmentTable([c('Essay'), c('33,5'), c(ref('r1', 'o1'))], exam('66.5', ref('r1', 'o1'))));
    expect(result).toMatchObject({ total: 100, problems: [] });
  });

  test('a weight that is not a number, and a blank one, are bad weights counted as nothing', () => {
    const result = assessmentOf(assessmentTable([c('Essay'), c('forty'), c(ref('r1', 'o1'))], [c('Quiz'), c(''), c(ref('r1', 'o1'))], exam('100', ref('r1', 'o1'))));
    expect(result.items.map((entry) => [entry.weight, entry.errors])).toEqual([
      [null, ['bad-weight']],
      [null, ['bad-weight']],
      [100, []],
    ]);
    expect(result).toMatchObject({ total: 100, problems: ['bad-weight'] });
  });

  test('an item that checks no outcome is flagged, also when its cell holds only words', () => {
    const result = assessmentOf(assessmentTable([c('Essay'), c('50'), c('see above')], exam('50', ref('r1', 'o1'))));
    expect(result.items[0]).toMatchObject({ outcomes: [], errors: ['item-without-outcome'] });
    expect(result.problems).toEqual(['item-without-outcome']);
  });

  test('a wholly empty row is not an item', () => {
    const result = assessmentOf(assessmentTable([c(''), c(''), c('')], exam('100', ref('r1', 'o1'))));
    expect(result.items).toHaveLength(1);
    expect(result.items[0].row).toBe(2);
    expect(result.problems).toEqual([]);
  });

  test('with an outcome test, references to other places do not count as outcomes', () => {
    const result = assessmentOf(assessmentTable(exam('100', ref('r1', 'heading1'), ref('r1', 'o1'))), (key) => key.endsWith('#o1'));
    expect(result.items[0].outcomes).toEqual([targetKey('r1', 'o1')]);
    expect(assessmentOf(assessmentTable(exam('100', ref('r1', 'heading1'))), () => false).problems).toEqual(['item-without-outcome']);
  });

  test('an empty table totals 0 and says so', () => {
    expect(assessmentOf(assessmentTable())).toEqual({ items: [], total: 0, problems: ['weights-not-100'] });
  });
});

describe('outcomesMatrix', () => {
  const moduleOne = {
    place: { id: 'm1', part: 1, position: 1, title: 'Basics' },
    doc: doc.create(null, [lo('a', 'Define return'), lo('b', 'Define readmission'), lo(null, 'Not yet saved')]),
  };
  const moduleTwo = {
    place: { id: 'm2', part: 1, position: 2, title: 'Practice' },
    doc: doc.create(null, [
      p('This module builds on ', ref('m1', 'b'), '.'),
      assessmentTable([c('Essay'), c('100'), c(ref('m1', 'a'), ref('kz', 'n1'))]),
    ]),
  };
  const national = {
    place: { id: 'kz', part: 2, position: 1, title: 'Kazakhstan' },
    doc: doc.create(null, [lo('n1', 'Apply the national law'), p('Maps to ', ref('m1', 'a'))]),
  };

  test('lists Part 1 modules, every outcome, who teaches it and which items assess it', () => {
    const matrix = outcomesMatrix([moduleOne, moduleTwo, national]);
    expect(matrix.modules).toEqual([
      { section: 'm1', number: '1.1', title: 'Basics' },
      { section: 'm2', number: '1.2', title: 'Practice' },
    ]);
    expect(matrix.rows.map((entry) => [entry.outcome.number, entry.outcome.key, entry.taughtBy, entry.assessedBy, entry.flags])).toEqual([
      ['LO 1.1', 'm1#a', ['m1'], [{ section: 'm2', item: 'Essay' }], []],
      ['LO 1.2', 'm1#b', ['m1', 'm2'], [], ['not-assessed']],
      ['LO 1.3', null, ['m1'], [], ['not-assessed']],
      // A national section pointing at an outcome maps to it; it is not a module that teaches it.
      ['LO 2.1.1', 'kz#n1', [], [{ section: 'm2', item: 'Essay' }], ['not-taught']],
    ]);
  });

  test('a reference inside an assessment table assesses, it does not teach', () => {
    const matrix = outcomesMatrix([moduleOne, moduleTwo, national]);
    expect(matrix.rows.find((entry) => entry.outcome.key === 'm1#a')!.taughtBy).toEqual(['m1']);
  });

  test('assessing an outcome clears its flag', () => {
    const fixed = {
      ...moduleTwo,
      doc: doc.create(null, [assessmentTable([c('Essay'), c('50'), c(ref('m1', 'a'))], [c('Quiz'), c('50'), c(ref('m1', 'b'))])]),
    };
    const row = outcomesMatrix([moduleOne, fixed]).rows.find((entry) => entry.outcome.key === 'm1#b')!;
    expect(row.flags).toEqual([]);
    expect(row.assessedBy).toEqual([{ section: 'm2', item: 'Quiz' }]);
  });

  test('no sections, no matrix', () => {
    expect(outcomesMatrix([])).toEqual({ modules: [], rows: [] });
  });
});

describe('templateConformance', () => {
  const template: TemplateHeading[] = [
    { key: 'legal', title: { en: 'Legal framework', ru: 'Правовая база' } },
    { key: 'institutions', title: { en: 'Institutions and their powers', ru: 'Институты и их полномочия' } },
    { key: 'statistics', title: { en: 'Statistics', ru: 'Статистика' } },
    { key: 'sources', title: { en: 'Sources', ru: 'Источники' } },
  ];

  test('a heading tied to a key counts whatever its words; the title fallback ignores case and spaces', () => {
    const text1 = doc.create(null, [
      heading.create({ level: 2, template: 'legal' }, text('Законодательство Кыргызской Республики')),
      p('The 2000 law on external migration.'),
      heading.create({ level: 2 }, text('  институты и  ИХ полномочия ')),
      p('The State Migration Service.'),
      heading.create({ level: 2 }, text('Statistics')),
      heading.create({ level: 3 }, text('Returns by year')),
      heading.create({ level: 2 }, text('Other notes')),
      p('Text under another heading does not fill Statistics.'),
    ]);
    expect(templateConformance(template, text1)).toEqual({ required: 4, present: 3, filled: 2, missing: ['sources'], empty: ['statistics'] });
  });

  test('text under a subheading fills its parent heading; an empty paragraph does not', () => {
    const text1 = doc.create(null, [
      heading.create({ level: 2, template: 'statistics' }, text('Stats')),
      p(''),
      heading.create({ level: 3 }, text('Returns by year')),
      p('1 200 returns in 2023.'),
      heading.create({ level: 2, template: 'sources' }, text('Sources')),
      p(''),
    ]);
    expect(templateConformance(template, text1)).toMatchObject({ present: 2, filled: 1, missing: ['legal', 'institutions'], empty: ['sources'] });
  });

  test('a heading tied to another key does not count for a key whose title it happens to read', () => {
    const text1 = doc.create(null, [heading.create({ level: 2, template: 'legal' }, text('Sources')), p('Law.')]);
    expect(templateConformance(template, text1)).toMatchObject({ present: 1, missing: ['institutions', 'statistics', 'sources'] });
  });

  test('a reference alone fills a heading; an empty template asks nothing', () => {
    const text1 = doc.create(null, [heading.create({ level: 1 }, text('Sources')), p(ref('m1', 'a'))]);
    expect(templateConformance(template, text1)).toMatchObject({ filled: 1, empty: [] });
    expect(templateConformance([], text1)).toEqual({ required: 0, present: 0, filled: 0, missing: [], empty: [] });
  });
});

describe('outcomes as cross-reference targets', () => {
  const text1 = doc.create(null, [
    heading.create({ level: 2, id: 'h1' }, text('Outcomes')),
    lo(null, 'Not yet saved'),
    lo('o2', 'Explain the readmission procedure'),
    hoursTable(['Topic', '1']),
  ]);

  test('an outcome with an id is a target labelled by its number and words, counted with those without ids', () => {
    const targets = targetsOf({ id: 'm3', part: 1, position: 3, title: 'Return' }, text1);
    expect(targets.map((target) => [target.kind, target.target, target.number])).toEqual([
      ['section', 'section', '1.3'],
      ['heading', 'h1', '1.3'],
      ['outcome', 'o2', 'LO 3.2'],
    ]);
    expect(referenceLabel(targets[2])).toBe('LO 3.2 Explain the readmission procedure');
    expect(referenceLabel(targets[2], REFERENCE_WORDS.ru)).toBe('LO 3.2 Explain the readmission procedure');
  });

  test('a national outcome reads with its part', () => {
    const targets = targetsOf({ id: 'kz', part: 2, position: 5, title: 'Kazakhstan' }, text1);
    expect(targets[2].number).toBe('LO 2.5.2');
  });

  test('the number a reference shows is the one outcomesOf draws', () => {
    const place = { id: 'm3', part: 1, position: 3, title: 'Return' };
    const drawn = outcomesOf(place, text1).find((entry) => entry.id === 'o2')!;
    expect(targetsOf(place, text1).find((target) => target.target === 'o2')!.number).toBe(drawn.number);
  });
});

/**
 * The new node, the table kinds and the heading's template key go wherever text goes (#20): block
 * ids, Yjs, suggestions, search, word counts and diffs.
 */
describe('the syllabus structure passes through', () => {
  const structured = () =>
    doc.create(null, [
      heading.create({ level: 2, template: 'legal' }, text('Legal framework')),
      lo(null, 'Explain readmission'),
      hoursTable(['Readmission', '2', '1,5', '', '']),
      assessmentTable([c('Essay'), c('100'), c(ref('m1', 'o1'))]),
    ]);

  test('block ids: an outcome and a kind table get ids and keep their kind; an outcome turned back to a paragraph keeps its id', () => {
    let counter = 0;
    const state = EditorState.create({ schema, doc: structured(), plugins: [suggesting({ colour: () => '#000000' }), targetIds({ newId: () => `tnew${++counter}` })] });
    const typed = state.apply(state.tr.insertText('!', 3));
    const outcomeNode = typed.doc.child(1);
    expect(outcomeNode.type.name).toBe('learning_outcome');
    expect(outcomeNode.attrs.id).toMatch(/^tnew/);
    expect([typed.doc.child(2).attrs.kind, typed.doc.child(3).attrs.kind]).toEqual(['hours', 'assessment']);
    expect(typed.doc.child(2).attrs.id).toMatch(/^tnew/);
    expect(typed.doc.child(0).attrs.template).toBe('legal');

    const inOutcome = typed.apply(typed.tr.setSelection(TextSelection.create(typed.doc, typed.doc.child(0).nodeSize + 2)));
    let back = inOutcome;
    expect(toggleOutcome(inOutcome, (tr) => (back = inOutcome.apply(tr)))).toBe(true);
    expect(back.doc.child(1).type.name).toBe('paragraph');
    expect(back.doc.child(1).attrs.id).toBe(outcomeNode.attrs.id);
    let again = back;
    expect(toggleOutcome(back, (tr) => (again = back.apply(tr)))).toBe(true);
    expect(again.doc.child(1).type.name).toBe('learning_outcome');
    expect(again.doc.child(1).attrs.id).toBe(outcomeNode.attrs.id);
  });

  test('Yjs: the outcome, the table kinds and the template key survive the shared document', () => {
    const ydoc = prosemirrorJSONToYDoc(schema, structured().toJSON(), CONTENT_FRAGMENT);
    const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(CONTENT_FRAGMENT));
    const back = schema.nodeFromJSON(json);
    expect(back.child(0).attrs.template).toBe('legal');
    expect(back.child(1).type.name).toBe('learning_outcome');
    expect(hoursOf(back.child(2)).totals.total).toBe(3.5);
    expect(assessmentOf(back.child(3)).problems).toEqual([]);
  });

  test('suggestions: leaving them out keeps the structure, and a suggested weight counts once accepted', () => {
    const insertion = schema.marks.insertion.create({ id: 's1', author: 7, at: 1 });
    const deletion = schema.marks.deletion.create({ id: 's2', author: 7, at: 1 });
    const proposed = assessmentTable([c('Essay'), cell.create(null, paragraph.create(null, [schema.text('90', [deletion]), schema.text('100', [insertion])])), c(ref('m1', 'o1'))]);
    const settled = withoutSuggestions(doc.create(null, [lo('o1', 'Explain'), proposed]));
    expect(settled.child(0).type.name).toBe('learning_outcome');
    expect(settled.child(1).attrs.kind).toBe('assessment');
    expect(assessmentOf(settled.child(1))).toMatchObject({ total: 90, problems: ['weights-not-100'] });
    const json = jsonWithoutSuggestions(doc.create(null, [proposed]).toJSON()) as { content: { attrs: { kind: string } }[] };
    expect(json.content[0].attrs.kind).toBe('assessment');
  });

  test('search: an outcome and the cells of a kind table are lines of text', () => {
    const lines = searchLinesOf(structured().toJSON());
    expect(lines).toEqual(expect.arrayContaining(['Explain readmission', 'Readmission', '1,5', 'Essay']));
  });

  test('word counts: an outcome\'s words and the tables\' cells are counted', () => {
    const only = (node: ProseMirrorNode) => settledOf(doc.create(null, [node]).toJSON()).words;
    expect(only(lo('o1', 'Explain the readmission procedure'))).toBe(4);
    expect(only(hoursTable(['Readmission', '2', '1,5', '', '']))).toBe(countWords('Topic Lecture Seminar Practice Self-study Readmission 2 1,5'));
  });

  test('diffs: a reworded outcome and a changed weight show as word changes', () => {
    const before = doc.create(null, [lo('o1', 'Explain readmission'), assessmentTable([c('Essay'), c('90'), c(ref('m1', 'o1'))])]);
    const after = doc.create(null, [lo('o1', 'Explain return and readmission'), assessmentTable([c('Essay'), c('100'), c(ref('m1', 'o1'))])]);
    const diff = diffDocuments(before.toJSON(), after.toJSON());
    const inserted = diff.blocks.flatMap((block) => block.segments.filter((part) => part.change === 'insert').map((part) => part.text.trim()));
    expect(inserted).toEqual(expect.arrayContaining(['return and', '100']));
  });
});

describe('editing outcomes and inserting syllabus tables', () => {
  const stateAt = (node: ProseMirrorNode, pos: number) => EditorState.create({ schema, doc: node, selection: TextSelection.create(node, pos) });
  const run = (state: EditorState, command: typeof outcomeEnter) => {
    let next = state;
    const done = command(state, (tr) => (next = state.apply(tr)));
    return { done, next };
  };

  test('Enter at the end of an outcome starts the next outcome; in an empty one it ends the run', () => {
    const start = doc.create(null, [lo('o1', 'Explain')]);
    const { done, next } = run(stateAt(start, 1 + 'Explain'.length), outcomeEnter);
    expect(done).toBe(true);
    expect(next.doc.childCount).toBe(2);
    expect(next.doc.child(1).type.name).toBe('learning_outcome');
    expect(next.doc.child(1).attrs.id).toBeNull();
    const ended = run(next, outcomeEnter).next;
    expect(ended.doc.child(1).type.name).toBe('paragraph');
  });

  test('Enter inside an outcome or outside one is left to the ordinary split', () => {
    expect(run(stateAt(doc.create(null, [lo('o1', 'Explain')]), 3), outcomeEnter).done).toBe(false);
    expect(run(stateAt(doc.create(null, [p('Text')]), 5), outcomeEnter).done).toBe(false);
  });

  test('a syllabus table goes in with its kind, and the cursor in the first cell under its header', () => {
    const table = kindTable('hours', ['Topic', 'Lecture'], [c(''), c('')]);
    const { done, next } = run(stateAt(doc.create(null, [p('')]), 1), insertTableNode(table));
    expect(done).toBe(true);
    expect(next.doc.child(0).attrs.kind).toBe('hours');
    const $cursor = next.selection.$from;
    expect($cursor.node($cursor.depth - 1).type.name).toBe('table_cell');
    expect($cursor.index($cursor.depth - 3)).toBe(1);
    // Not inside another table.
    expect(insertTableNode(table)(next)).toBe(false);
  });
});
