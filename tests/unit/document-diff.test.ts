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
