import { diffDocuments } from '../../shared/document-diff';

const p = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const h = (text: string, level = 1) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
const doc = (...content: unknown[]) => ({ type: 'doc', content });

const A = 'Мигранты имеют право на добровольное возвращение.';
const B = 'Государство обеспечивает реинтеграцию возвращающихся граждан.';
const C = 'Türkmenistan migrasiýa kanunçylygy.';

describe('comparing two versions of a section', () => {
  test('identical documents have no changes', () => {
    const diff = diffDocuments(doc(h('Тема'), p(A)), doc(h('Тема'), p(A)));
    expect(diff).toMatchObject({ insertions: 0, deletions: 0, moves: 0 });
    expect(diff.blocks.every((b) => b.change === 'equal')).toBe(true);
  });

  test('one changed character in a paragraph shows as a word-level change of that word', () => {
    const diff = diffDocuments(doc(p(A)), doc(p(A.replace('право', 'правo'))));
    expect(diff.blocks).toHaveLength(1);
    expect(diff.blocks[0].change).toBe('changed');
    expect(diff.blocks[0].segments.filter((s) => s.change === 'delete').map((s) => s.text)).toEqual(['право']);
    expect(diff.blocks[0].segments.filter((s) => s.change === 'insert').map((s) => s.text)).toEqual(['правo']);
    expect(diff).toMatchObject({ insertions: 1, deletions: 1 });
  });

  test('an edited paragraph, a deleted paragraph and an inserted one are told apart', () => {
    const diff = diffDocuments(doc(h('Тема'), p(A), p(B)), doc(h('Тема'), p(`${A} Дополнение.`), p(C)));
    expect(diff.blocks.map((b) => b.change)).toEqual(['equal', 'changed', 'deleted', 'inserted']);
    expect(diff.blocks[1].segments.filter((s) => s.change === 'insert').map((s) => s.text.trim())).toEqual(['Дополнение.']);
    expect(diff.blocks[2].segments[0]).toEqual({ text: B, change: 'delete' });
    expect(diff.blocks[3].segments[0]).toEqual({ text: C, change: 'insert' });
  });

  test('a moved paragraph shows as moved at both ends, not as new text', () => {
    const diff = diffDocuments(doc(p(A), p(B), p(C)), doc(p(B), p(C), p(A)));
    expect(diff.moves).toBe(1);
    expect(diff.blocks.find((b) => b.change === 'moved-away')!.segments[0].text).toBe(A);
    expect(diff.blocks.find((b) => b.change === 'moved-here')!.segments[0].text).toBe(A);
    expect(diff).toMatchObject({ insertions: 0, deletions: 0 });
  });

  test('headings keep their level and list items and table cells say what they are', () => {
    const before = doc(h('Раздел', 2));
    const after = doc(
      h('Раздел', 2),
      { type: 'bullet_list', content: [{ type: 'list_item', content: [p('Пункт')] }] },
      {
        type: 'table',
        content: [{ type: 'table_row', content: [{ type: 'table_cell', content: [p('Часы')] }] }],
      },
    );
    const diff = diffDocuments(before, after);
    expect(diff.blocks.map((b) => [b.kind, b.level, b.change])).toEqual([
      ['heading', 2, 'equal'],
      ['bullet item', null, 'inserted'],
      ['table cell', null, 'inserted'],
    ]);
  });
});

type Mark = { type: string; attrs?: Record<string, unknown> };
const text = (value: string, ...marks: Mark[]) => (marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const cell = (value: string, type = 'table_cell') => ({ type, content: [p(value)] });
const table = (...rows: unknown[][]) => ({ type: 'table', content: rows.map((cells) => ({ type: 'table_row', content: cells })) });
const bold = { type: 'bold' };

describe('comparisons keep the shape of the document', () => {
  test('every segment carries its marks: inserted and equal text the new ones, deleted text the old ones', () => {
    const link = { type: 'link', attrs: { href: 'https://www.iom.int/', title: null } };
    const before = doc(para(text('Миграция '), text('право', { type: 'italic' }), text(' старое')));
    const after = doc(para(text('Миграция '), text('право', { type: 'italic' }), text(' '), text('IOM', link), text(' H'), text('2', { type: 'subscript' }), text('O')));
    const diff = diffDocuments(before, after);
    expect(diff.blocks).toHaveLength(1);
    const segments = diff.blocks[0].segments;
    expect(segments.find((s) => s.text === 'право')).toEqual({ text: 'право', change: 'equal', marks: [{ type: 'italic' }] });
    expect(segments.find((s) => s.text === 'IOM')).toEqual({ text: 'IOM', change: 'insert', marks: [{ type: 'link', href: 'https://www.iom.int/' }] });
    expect(segments.find((s) => s.text === '2')).toEqual({ text: '2', change: 'insert', marks: [{ type: 'subscript' }] });
    expect(segments.filter((s) => s.change === 'delete').map((s) => s.text)).toEqual(['старое']);
    // Inserted text split only by its marks is still one insertion.
    expect(diff).toMatchObject({ insertions: 1, deletions: 1, formatChanges: 0 });
  });

  test('a link that is not safe is carried as plain text', () => {
    const diff = diffDocuments(doc(p('')), doc(para(text('click', { type: 'link', attrs: { href: 'javascript:alert(1)', title: null } }))));
    expect(diff.blocks.flatMap((b) => b.segments).find((s) => s.text === 'click')).toEqual({ text: 'click', change: 'insert' });
  });

  test('deleted words keep the marks they had', () => {
    const diff = diffDocuments(doc(para(text('Türkmenistan '), text('kanun', { type: 'strike' }), text(' migrasiýa hukugy we başgalar'))), doc(p('Türkmenistan migrasiýa hukugy we başgalar')));
    expect(diff.blocks[0].segments.filter((s) => s.change === 'delete')).toEqual([{ text: 'kanun', change: 'delete', marks: [{ type: 'strike' }] }, { text: ' ', change: 'delete' }]);
  });

  test('a word made bold is a formatting change, not an insertion or deletion', () => {
    const diff = diffDocuments(doc(p('Ҳуқуқи муҳоҷират ва Migration law')), doc(para(text('Ҳуқуқи '), text('муҳоҷират', bold), text(' ва Migration law'))));
    expect(diff.blocks.map((b) => b.change)).toEqual(['changed']);
    expect(diff.blocks[0].segments).toEqual([
      { text: 'Ҳуқуқи ', change: 'equal' },
      { text: 'муҳоҷират', change: 'format', marks: [bold] },
      { text: ' ва Migration law', change: 'equal' },
    ]);
    expect(diff).toMatchObject({ insertions: 0, deletions: 0, moves: 0, formatChanges: 1 });
  });

  test('bold taken away keeps the old marks as former marks', () => {
    const diff = diffDocuments(doc(para(text('Oʻzbekiston', bold), text(' qonuni'))), doc(p('Oʻzbekiston qonuni')));
    expect(diff.blocks[0].segments[0]).toEqual({ text: 'Oʻzbekiston', change: 'format', formerMarks: [bold] });
  });

  test('a changed table cell keeps its table, row and column, and the other cells stay equal', () => {
    const before = doc(p('Часы'), table([cell('Тема', 'table_header'), cell('Часы', 'table_header')], [cell('Право'), cell('4')], [cell('Reintegration'), cell('2')]));
    const after = doc(p('Часы'), table([cell('Тема', 'table_header'), cell('Часы', 'table_header')], [cell('Право'), cell('6')], [cell('Reintegration'), cell('2')]));
    const diff = diffDocuments(before, after);
    const cells = diff.blocks.filter((b) => b.kind === 'table cell');
    expect(cells.map((b) => [b.cell, b.change])).toEqual([
      [{ table: 0, row: 0, column: 0, header: true }, 'equal'],
      [{ table: 0, row: 0, column: 1, header: true }, 'equal'],
      [{ table: 0, row: 1, column: 0, header: false }, 'equal'],
      [{ table: 0, row: 1, column: 1, header: false }, 'deleted'],
      [{ table: 0, row: 1, column: 1, header: false }, 'inserted'],
      [{ table: 0, row: 2, column: 0, header: false }, 'equal'],
      [{ table: 0, row: 2, column: 1, header: false }, 'equal'],
    ]);
    expect(diff.blocks[0].cell).toBeUndefined();
    expect(diff).toMatchObject({ insertions: 1, deletions: 1 });
  });

  test('list items say their list, depth and where an item starts', () => {
    const item = (...content: unknown[]) => ({ type: 'list_item', content });
    const after = doc(
      { type: 'ordered_list', attrs: { order: 3 }, content: [item(p('Первый'), p('продолжение')), item(p('Второй'), { type: 'bullet_list', content: [item(p('Вложенный'))] })] },
    );
    const diff = diffDocuments(doc(p('')), after);
    expect(diff.blocks.filter((b) => b.change !== 'deleted').map((b) => [b.kind, b.segments[0].text, b.list])).toEqual([
      ['ordered item', 'Первый', { kind: 'ordered', depth: 1, itemStart: true, start: 3 }],
      ['ordered item', 'продолжение', { kind: 'ordered', depth: 1, itemStart: false }],
      ['ordered item', 'Второй', { kind: 'ordered', depth: 1, itemStart: true }],
      ['bullet item', 'Вложенный', { kind: 'bullet', depth: 2, itemStart: true }],
    ]);
  });

  test('words inserted before punctuation leave the rest equal, formatting after them included', () => {
    const para = (text: string) => doc({ type: 'paragraph', content: [{ type: 'text', text }, { type: 'text', text: '!', marks: [{ type: 'bold' }] }] });
    const diff = diffDocuments(para('Соглашение 2013 года, ст. 4.'), para('Соглашение 2013 года о реадмиссии, ст. 4.'));
    expect(diff.blocks[0].segments.filter((s) => s.change !== 'equal')).toEqual([{ text: 'о реадмиссии', change: 'insert' }]);
    expect(diff).toMatchObject({ insertions: 1, deletions: 0, formatChanges: 0 });
  });

  test('a comparison carries runs, not characters', () => {
    const long = 'Мигранты имеют право на добровольное возвращение и реинтеграцию. '.repeat(20);
    const diff = diffDocuments(doc(p(long)), doc(para(text(long, bold))));
    expect(diff.blocks[0].segments).toHaveLength(1);
    expect(diff.formatChanges).toBe(1);
  });
});

describe('comparing versions that carry open suggestions (#17)', () => {
  const suggestion = (type: 'insertion' | 'deletion') => ({ type, attrs: { id: `s-${type}`, author: 7, at: 1 } });
  const run = (text: string, ...marks: unknown[]) => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });
  const para = (...content: unknown[]) => ({ type: 'paragraph', content });
  const before = doc(para(run('Право на возвращение.')));

  test('a suggested insertion shows as inserted text that carries the mark', () => {
    const diff = diffDocuments(before, doc(para(run('Право на '), run('добровольное ', suggestion('insertion')), run('возвращение.'))));
    expect(diff.blocks[0].segments).toContainEqual({ text: 'добровольное ', change: 'insert', marks: [{ type: 'insertion' }] });
    expect(diff.insertions).toBe(1);
  });

  test('a suggested deletion shows as a formatting change to "suggested for deletion", and rejecting it as one back', () => {
    const suggested = doc(para(run('Право на '), run('возвращение', suggestion('deletion')), run('.')));
    const made = diffDocuments(before, suggested);
    expect(made.blocks[0].segments).toContainEqual({ text: 'возвращение', change: 'format', marks: [{ type: 'deletion' }] });
    expect(made).toMatchObject({ insertions: 0, deletions: 0, formatChanges: 1 });
    const rejected = diffDocuments(suggested, before);
    expect(rejected.blocks[0].segments).toContainEqual({ text: 'возвращение', change: 'format', formerMarks: [{ type: 'deletion' }] });
  });

  test('accepting a suggested insertion is the mark going; rejecting it, the text going', () => {
    const suggested = doc(para(run('Право на '), run('добровольное ', suggestion('insertion')), run('возвращение.')));
    const accepted = diffDocuments(suggested, doc(para(run('Право на добровольное возвращение.'))));
    expect(accepted).toMatchObject({ insertions: 0, deletions: 0, formatChanges: 1 });
    const rejected = diffDocuments(suggested, before);
    expect(rejected.blocks[0].segments).toContainEqual({ text: 'добровольное ', change: 'delete', marks: [{ type: 'insertion' }] });
  });

  test('both catalogues name the suggestion marks, for the formatting a text had', async () => {
    const { diffEn } = await import('../../shared/i18n/diff.en');
    const { diffRu } = await import('../../shared/i18n/diff.ru');
    expect(diffEn['diff.mark.insertion']).toBe('suggested insertion');
    expect(diffEn['diff.mark.deletion']).toBe('suggested for deletion');
    expect(diffRu['diff.mark.deletion']).toBe('предложено удалить');
  });
});

describe('comparing versions with footnotes and cross-references (#18)', () => {
  const run = (text: string, ...marks: unknown[]) => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });
  const para = (...content: unknown[]) => ({ type: 'paragraph', content });
  const note = (...content: unknown[]) => ({ type: 'footnote', content });
  const reference = (target: string, label = '1.3 Return migration', section = 'regional-3') => ({ type: 'cross_reference', attrs: { section, target, label } });
  const FOOTNOTE = [{ type: 'footnote' }];
  const body = 'Закон о миграции применяется к возвращающимся гражданам';

  test('an added footnote is inserted text, marked as a note, where the footnote stands; the body words stay equal', () => {
    const diff = diffDocuments(doc(para(run(`${body}.`))), doc(para(run(body), note(run('Закон № 477-IV, ст. 12.')), run('.'))));
    expect(diff.blocks).toHaveLength(1);
    expect(diff.blocks[0].change).toBe('changed');
    expect(diff.blocks[0].segments).toEqual([
      { text: body, change: 'equal' },
      { text: 'Закон № 477-IV, ст. 12.', change: 'insert', marks: FOOTNOTE },
      { text: '.', change: 'equal' },
    ]);
    expect(diff).toMatchObject({ insertions: 1, deletions: 0, formatChanges: 0 });
  });

  test('a changed word of a footnote is a change inside the note; its first word is never glued to the word before it', () => {
    const before = doc(para(run(body), note(run('Закон № 477-IV, '), run('ст. 12', { type: 'italic' }), run('.')), run('.')));
    const after = doc(para(run(body), note(run('Кодекс № 477-IV, '), run('ст. 13', { type: 'italic' }), run('.')), run('.')));
    const { segments } = diffDocuments(before, after).blocks[0];
    expect(segments.filter((s) => s.change === 'delete').map((s) => s.text)).toEqual(['Закон', '12']);
    expect(segments.filter((s) => s.change === 'insert').map((s) => s.text)).toEqual(['Кодекс', '13']);
    expect(segments.find((s) => s.text === '13')!.marks).toEqual([{ type: 'footnote' }, { type: 'italic' }]);
    // The body word before the note's number is untouched.
    expect(segments[0]).toEqual({ text: body, change: 'equal' });
  });

  test('a deleted footnote is deleted text marked as a note', () => {
    const diff = diffDocuments(doc(para(run(body), note(run('Ibid.')), run('.'))), doc(para(run(`${body}.`))));
    expect(diff.blocks[0].segments).toContainEqual({ text: 'Ibid.', change: 'delete', marks: FOOTNOTE });
    expect(diff.deletions).toBe(1);
  });

  test('an empty footnote added or removed, a reference pointed elsewhere under the same label, and ids given to a heading and a table change nothing', () => {
    const table = (id: string | null) => ({
      type: 'table',
      ...(id ? { attrs: { id } } : {}),
      content: [{ type: 'table_row', content: [{ type: 'table_cell', content: [p('Часы')] }] }],
    });
    const before = doc(h('Реинтеграция', 2), para(run('см. '), reference('tq1w2e3r4t')), table(null));
    const after = doc(
      { type: 'heading', attrs: { level: 2, id: 'tnewid0001' }, content: [{ type: 'text', text: 'Реинтеграция' }] },
      para(run('см. '), reference('section', '1.3 Return migration', 'regional-4'), { type: 'footnote' }),
      table('ttable0001'),
    );
    const diff = diffDocuments(before, after);
    expect(diff.blocks.every((block) => block.change === 'equal')).toBe(true);
    expect(diff).toMatchObject({ insertions: 0, deletions: 0, moves: 0, formatChanges: 0 });
  });

  test('a cross-reference reads as its label, marked as a reference; a new label is a change of words', () => {
    const before = doc(para(run('см. '), reference('t1', '1.3 Return migration')));
    const same = diffDocuments(before, before);
    expect(same.blocks[0].segments).toEqual([
      { text: 'см. ', change: 'equal' },
      { text: '1.3 Return migration', change: 'equal', marks: [{ type: 'reference' }] },
    ]);
    const relabelled = diffDocuments(before, doc(para(run('см. '), reference('t1', '1.4 Return migration'))));
    expect(relabelled.blocks[0].segments.filter((s) => s.change !== 'equal').map((s) => [s.change, s.text])).toEqual([
      ['delete', '1.3'],
      ['insert', '1.4'],
    ]);
  });

  test('typed words turned into a reference, or into a note, are a formatting change', () => {
    const typed = doc(para(run('см. 1.3 Return migration')));
    const diff = diffDocuments(typed, doc(para(run('см. '), reference('t1', '1.3 Return migration'))));
    expect(diff.blocks[0].segments).toContainEqual({ text: '1.3 Return migration', change: 'format', marks: [{ type: 'reference' }] });
  });

  test('both catalogues name a note and a reference, and frame a note’s words', async () => {
    const { diffEn } = await import('../../shared/i18n/diff.en');
    const { diffRu } = await import('../../shared/i18n/diff.ru');
    expect([diffEn['diff.mark.footnote'], diffEn['diff.note.start'], diffEn['diff.note.end']]).toEqual(['footnote', '[Footnote: ', ']']);
    expect([diffRu['diff.mark.footnote'], diffRu['diff.mark.reference'], diffRu['diff.note.start']]).toEqual(['сноска', 'перекрёстная ссылка', '[Сноска: ']);
  });
});
