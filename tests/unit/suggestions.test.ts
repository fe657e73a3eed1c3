/**
 * The text with open suggestions left out (#17): what approvals judge, words are counted in and
 * the search index reads. On ProseMirror nodes, and on the JSON read from Yjs, where leaving a
 * suggestion out must hash exactly as the text did before it was made.
 */
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import type * as Y from 'yjs';
import { contentHash, settledOf } from '../../server/domain/section-content';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { hasSuggestions, jsonHasSuggestions, jsonWithoutSuggestions, suggestionAuthors, withoutSuggestions } from '../../shared/suggestions';

const insertion = (author = 7, id = 'ins-1') => schema.marks.insertion.create({ id, author, at: Date.UTC(2026, 8, 2, 10) });
const deletion = (author = 8, id = 'del-1') => schema.marks.deletion.create({ id, author, at: Date.UTC(2026, 8, 3, 10) });
const { bold } = schema.marks;
const text = (value: string, ...marks: ReturnType<typeof insertion>[]) => schema.text(value, marks);
const paragraph = (...content: ReturnType<typeof text>[]) => schema.nodes.paragraph.create(null, content);
const doc = (...blocks: ReturnType<typeof paragraph>[]) => schema.nodes.doc.create(null, blocks);

describe('withoutSuggestions', () => {
  it('leaves suggested insertions out and keeps suggested deletions, unmarked, as one text', () => {
    const before = doc(paragraph(text('Return '), text('and readmission ', insertion()), text('migration '), text('obsolete ', deletion()), text('law.')));
    const after = withoutSuggestions(before);
    expect(after.toJSON()).toEqual(doc(paragraph(text('Return migration obsolete law.'))).toJSON());
    expect(after.child(0).childCount).toBe(1);
    expect(hasSuggestions(before)).toBe(true);
    expect(hasSuggestions(after)).toBe(false);
  });

  it('keeps the other marks of the text, and joins runs only where they match', () => {
    const before = doc(paragraph(text('Law ', bold.create()), text('No. 5 ', bold.create(), deletion()), text('of 2024')));
    expect(withoutSuggestions(before).toJSON()).toEqual(doc(paragraph(text('Law No. 5 ', bold.create()), text('of 2024'))).toJSON());
  });

  it('leaves out a deletion proposed over a proposed insertion with the insertion', () => {
    const before = doc(paragraph(text('Keep '), text('this', insertion(7), deletion(8))));
    expect(withoutSuggestions(before).toJSON()).toEqual(doc(paragraph(text('Keep '))).toJSON());
  });

  it('keeps a block made only of a suggested insertion, empty, so the tree stays valid', () => {
    const before = doc(paragraph(text('First.')), paragraph(text('A whole new paragraph.', insertion())));
    const after = withoutSuggestions(before);
    expect(after.childCount).toBe(2);
    expect(after.child(1).content.size).toBe(0);
    expect(() => after.check()).not.toThrow();
  });

  it('works inside lists and tables', () => {
    const cell = schema.nodes.table_cell.create(null, paragraph(text('cell '), text('added', insertion())));
    const table = schema.nodes.table.create(null, schema.nodes.table_row.create(null, cell));
    const item = schema.nodes.list_item.create(null, paragraph(text('item'), text(' gone', deletion())));
    const before = schema.nodes.doc.create(null, [table, schema.nodes.bullet_list.create(null, item)]);
    const after = withoutSuggestions(before);
    expect(after.child(0).textContent).toBe('cell ');
    expect(after.child(1).textContent).toBe('item gone');
    expect(hasSuggestions(after)).toBe(false);
  });

  it('returns a document without suggestions as it is', () => {
    const plain = doc(paragraph(text('Nothing suggested.')));
    expect(withoutSuggestions(plain)).toBe(plain);
  });
});

/** A section's Y.Doc as the server holds it, and its JSON as the server reads it. */
function section(json: Record<string, unknown>) {
  const ydoc = prosemirrorJSONToYDoc(schema, json, CONTENT_FRAGMENT);
  const ytext = (ydoc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const read = () => yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>;
  return { ydoc, ytext, read };
}

describe('jsonWithoutSuggestions, on the JSON read from Yjs', () => {
  const original = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Return migration law of 2024.' }] }] };
  const attrs = (id: string, author: number) => ({ id, author, at: Date.UTC(2026, 8, 2) });

  it('hashes a section with open suggestions as it hashed before they were made', () => {
    const { ytext, read } = section(original);
    const before = contentHash(read());
    ytext.insert(7, 'and readmission ', { insertion: attrs('s1', 7) });
    ytext.format(0, 6, { deletion: attrs('s2', 8) });
    ytext.format(0, 6, { bold: {} });
    ytext.format(0, 6, { bold: null });
    const json = read();
    expect(jsonHasSuggestions(json)).toBe(true);
    expect(contentHash(json)).not.toBe(before);
    expect(contentHash(jsonWithoutSuggestions(json))).toBe(before);
    expect(settledOf(json).settled.hash).toBe(before);
  });

  it('rejecting keeps the settled text; accepting changes it, as the same words typed directly', () => {
    const { ytext, read } = section(original);
    ytext.insert(7, 'and readmission ', { insertion: attrs('s1', 7) });
    ytext.format(0, 6, { deletion: attrs('s2', 8) });
    const open = contentHash(jsonWithoutSuggestions(read()));
    // Rejecting the deletion: the mark goes, the text stays.
    ytext.format(0, 6, { deletion: null });
    expect(contentHash(jsonWithoutSuggestions(read()))).toBe(open);
    // Accepting the insertion: the mark goes, the text is the section's.
    ytext.format(7, 16, { insertion: null });
    const accepted = contentHash(jsonWithoutSuggestions(read()));
    expect(accepted).not.toBe(open);
    const typed = section(original);
    typed.ytext.insert(7, 'and readmission ');
    expect(accepted).toBe(contentHash(typed.read()));
  });

  it('returns JSON without suggestions as the same object (approvals stored before suggestions still match)', () => {
    expect(jsonWithoutSuggestions(original)).toBe(original);
  });

  it('keeps the shape of y-prosemirror JSON: no empty marks, no empty content', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'only suggested', marks: [{ type: 'insertion', attrs: attrs('s', 1) }] }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'kept', marks: [{ type: 'deletion', attrs: attrs('d', 2) }] }] },
      ],
    };
    expect(jsonWithoutSuggestions(json)).toEqual({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph', content: [{ type: 'text', text: 'kept' }] }] });
  });

  it('counts the words of the settled text', () => {
    const json = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one two ' }, { type: 'text', text: 'three four', marks: [{ type: 'insertion', attrs: attrs('s', 1) }] }] }],
    };
    expect(settledOf(json).words).toBe(2);
  });
});

test('suggestionAuthors names each person whose open suggestions the text carries, once', () => {
  const json = doc(
    paragraph(text('a', insertion(7)), text('b'), text('c', deletion(8)), text('d', insertion(7, 'ins-2'))),
  ).toJSON() as Record<string, unknown>;
  expect(suggestionAuthors(json)).toEqual([7, 8]);
  expect(suggestionAuthors({ type: 'doc', content: [{ type: 'paragraph' }] })).toEqual([]);
});
