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
