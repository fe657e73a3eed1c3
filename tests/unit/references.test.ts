/**
 * Cross-reference targets, numbers and labels (#18): what a reference shows is read from the
 * section's place and the block's words each time, so it follows renumbering and rewording.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import {
  REFERENCE_WORDS,
  SECTION_TARGET,
  brokenReferences,
  indexTargets,
  newTargetId,
  referenceLabel,
  referencesIn,
  targetKey,
  targetsOf,
} from '../../shared/references';
import { schema } from '../../shared/schema';

const { doc, paragraph, heading, table, table_row: row, table_cell: cell, footnote, cross_reference: reference } = schema.nodes;
const text = (value: string) => schema.text(value);
const p = (...content: (ProseMirrorNode | string)[]) => paragraph.create(null, content.map((part) => (typeof part === 'string' ? text(part) : part)));
const grid = (id: string | null, first: string) => table.create({ id }, row.create(null, [cell.create(null, p(first)), cell.create(null, p('x'))]));

const place = { id: 'regional-3', part: 1, position: 3, title: 'Return migration (voluntary and forced)' };

const section = doc.create(null, [
  heading.create({ level: 2, id: 'tintro' }, [text('Return '), footnote.create(null, text('See the 2011 law.')), text('and readmission')]),
  p('Body'),
  heading.create({ level: 3, id: null }, text('Not yet pointed at')),
  grid('thours', 'Hours by topic'),
  grid(null, 'A table without id'),
  grid('tlong', 'Длинное название таблицы, которое продолжается и продолжается далее, пока не станет слишком длинным для ссылки'),
  heading.create({ level: 2, id: 'tintro' }, text('A copy not yet renumbered')),
]);

describe('targetsOf', () => {
  const targets = targetsOf(place, section);

  test('lists the section, then its headings and tables with ids, in document order', () => {
    expect(targets.map((target) => [target.kind, target.target])).toEqual([
      ['section', SECTION_TARGET],
      ['heading', 'tintro'],
      ['table', 'thours'],
      ['table', 'tlong'],
    ]);
    expect(targets.every((target) => target.number === '1.3' && target.section === 'regional-3')).toBe(true);
  });

  test('a heading is titled by its words without its footnotes', () => {
    expect(targets[1]).toMatchObject({ title: 'Return and readmission', ordinal: 2 });
  });

  test('a table is counted among all the tables of its section and titled by its first cell, shortened at a word', () => {
    expect(targets[2]).toMatchObject({ title: 'Hours by topic', ordinal: 1 });
    expect(targets[3].ordinal).toBe(3);
    expect(targets[3].title.endsWith('…')).toBe(true);
    expect(targets[3].title.length).toBeLessThanOrEqual(81);
  });

  test('an id held twice names its first block only', () => {
    expect(targets.filter((target) => target.target === 'tintro')).toHaveLength(1);
  });
});

describe('referenceLabel', () => {
  const [sectionTarget, headingTarget, tableTarget] = targetsOf(place, section);

  test('shows the number and the words, and a table by its number in the section', () => {
    expect(referenceLabel(sectionTarget)).toBe('1.3 Return migration (voluntary and forced)');
    expect(referenceLabel(headingTarget)).toBe('1.3 Return and readmission');
    expect(referenceLabel(tableTarget)).toBe('1.3, table 1: Hours by topic');
    expect(referenceLabel(tableTarget, REFERENCE_WORDS.ru)).toBe('1.3, таблица 1: Hours by topic');
  });

  test('follows the section when it moves and the heading when it is reworded', () => {
    const moved = { ...place, part: 1, position: 4 };
    const reworded = doc.create(null, [heading.create({ level: 2, id: 'tintro' }, text('Readmission agreements'))]);
    expect(referenceLabel(targetsOf(moved, reworded)[1])).toBe('1.4 Readmission agreements');
  });
});

describe('references and broken references', () => {
  const kz = doc.create(null, [
    p('See ', reference.create({ section: 'regional-3', target: 'tintro', label: '1.3 Return' }), ' and ', reference.create({ section: 'regional-3', target: 'tgone', label: '1.3 Deleted' })),
    p(reference.create({ section: 'regional-9', target: SECTION_TARGET, label: '1.9' })),
  ]);

  test('lists every reference of a text with its stored label', () => {
    expect(referencesIn(kz)).toEqual([
      { section: 'regional-3', target: 'tintro', label: '1.3 Return' },
      { section: 'regional-3', target: 'tgone', label: '1.3 Deleted' },
      { section: 'regional-9', target: SECTION_TARGET, label: '1.9' },
    ]);
  });

  test('a reference whose block or section is not in the index is broken', () => {
    const index = indexTargets(targetsOf(place, section));
    expect(index.has(targetKey('regional-3', 'tintro'))).toBe(true);
    expect(brokenReferences(kz, index).map((use) => use.target)).toEqual(['tgone', SECTION_TARGET]);
  });
});

test('new ids are short and safe as URL fragments and Word bookmark names', () => {
  const ids = new Set(Array.from({ length: 200 }, () => newTargetId()));
  expect(ids.size).toBe(200);
  for (const id of ids) expect(id).toMatch(/^t[a-z0-9]{9}$/);
});
