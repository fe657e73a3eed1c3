/**
 * The text with open suggestions left out (#17): what approvals judge, words are counted in and
 * the search index reads. On ProseMirror nodes, and on the JSON read from Yjs, where leaving a
 * suggestion out must hash exactly as the text did before it was made.
 */
import { EditorState, type Transaction } from 'prosemirror-state';
import { initProseMirrorDoc, prosemirrorJSONToYDoc, updateYFragment, yXmlFragmentToProsemirrorJSON, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import { SuggestionRules } from '../../server/collab/suggestion-rules';
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

describe('footnotes (#18): suggestions inside a note are suggestions like any others', () => {
  const note = (...content: ReturnType<typeof text>[]) => schema.nodes.footnote.create(null, content);
  const inline = (...content: Node[]) => schema.nodes.paragraph.create(null, content);
  type Node = ReturnType<typeof text>;

  it('withoutSuggestions leaves out words suggested inside a note and keeps words suggested for deletion there', () => {
    const before = doc(inline(text('Law'), note(text('Art. 5'), text(' and 6', insertion()), text(', 2011', deletion())), text(' applies.')));
    const after = withoutSuggestions(before);
    expect(after.toJSON()).toEqual(doc(inline(text('Law'), note(text('Art. 5, 2011')), text(' applies.'))).toJSON());
    expect(hasSuggestions(before)).toBe(true);
    expect(hasSuggestions(after)).toBe(false);
    expect(() => after.check()).not.toThrow();
  });

  it('a note suggested whole is left out whole; a note suggested for deletion stays, settled inside', () => {
    const suggestedNote = schema.nodes.footnote.create(null, text('New note'), [insertion()]);
    expect(withoutSuggestions(doc(inline(text('Law'), suggestedNote))).toJSON()).toEqual(doc(inline(text('Law'))).toJSON());
    const doomed = schema.nodes.footnote.create(null, [text('Old '), text('and new ', insertion(7, 'inner')), text('note')], [deletion()]);
    expect(withoutSuggestions(doc(inline(text('Law'), doomed))).toJSON()).toEqual(doc(inline(text('Law'), note(text('Old note')))).toJSON());
    const json = doc(inline(text('Law'), doomed)).toJSON();
    expect(jsonWithoutSuggestions(json)).toEqual(doc(inline(text('Law'), note(text('Old note')))).toJSON());
  });

  it('on the JSON read from Yjs, a note with suggestions hashes as it did before they were made', () => {
    const ydoc = prosemirrorJSONToYDoc(schema, doc(inline(text('Law'), note(text('Art. 5 of 2011.')), text(' applies.'))).toJSON(), CONTENT_FRAGMENT);
    const read = () => yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>;
    const before = contentHash(read());
    const paragraph = ydoc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement;
    const noteText = (paragraph.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    noteText.insert('Art. 5'.length, ' and 6', { insertion: { id: 's1', author: 7, at: 1 } });
    noteText.format(0, 4, { deletion: { id: 's2', author: 8, at: 1 } });
    expect(jsonHasSuggestions(read())).toBe(true);
    expect(contentHash(read())).not.toBe(before);
    expect(settledOf(read()).settled.hash).toBe(before);
    expect(suggestionAuthors(read())).toEqual([8, 7]);
  });
});

describe('what an approval judges: the settled text’s hash (#18)', () => {
  const base = () => ({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Reintegration' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Under the law' },
          { type: 'footnote', content: [{ type: 'text', text: 'Law No. 5, art. 12.' }] },
          { type: 'text', text: ', see ' },
          { type: 'cross_reference', attrs: { section: 'regional-3', target: 'section', label: '1.3 Return migration' } },
        ],
      },
      { type: 'table', content: [{ type: 'table_row', content: [{ type: 'table_cell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph' }] }] }] },
    ],
  });
  /** The section as y-prosemirror reads it after `change` to its ProseMirror JSON. */
  const stored = (change: (json: ReturnType<typeof base>) => void = () => {}) => {
    const json = base();
    change(json);
    const ydoc = prosemirrorJSONToYDoc(schema, json, CONTENT_FRAGMENT);
    return yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>;
  };
  const hash = (json: Record<string, unknown>) => settledOf(json).settled.hash;

  it('ids given to a heading and a table change no word: the approval stays current', () => {
    const withIds = stored((json) => {
      (json.content[0] as { attrs: Record<string, unknown> }).attrs.id = 'tq1w2e3r4t';
      (json.content[2] as { attrs?: Record<string, unknown> }).attrs = { id: 'ttable0001' };
    });
    expect(JSON.stringify(withIds)).toContain('tq1w2e3r4t');
    expect(hash(withIds)).toBe(hash(stored()));
    // Without ids the hash is the plain content hash, as approvals stored before ids hold it.
    expect(hash(stored())).toBe(contentHash(stored()));
  });

  it('a footnote’s words, a new footnote and a reference pointed elsewhere are changes of the text', () => {
    const paragraph = (json: ReturnType<typeof base>) => json.content[1] as { content: Record<string, unknown>[] };
    const edited = stored((json) => {
      paragraph(json).content[1] = { type: 'footnote', content: [{ type: 'text', text: 'Law No. 5, art. 13.' }] };
    });
    const added = stored((json) => {
      paragraph(json).content.push({ type: 'footnote', content: [{ type: 'text', text: 'Ibid.' }] });
    });
    const retargeted = stored((json) => {
      paragraph(json).content[3] = { type: 'cross_reference', attrs: { section: 'regional-4', target: 'section', label: '1.3 Return migration' } };
    });
    const hashes = new Set([stored(), edited, added, retargeted].map(hash));
    expect(hashes.size).toBe(4);
  });
});

describe('a reviewer suggesting in a footnote (the suggest level, #18)', () => {
  const REVIEWER = 31;
  let nextClient = 7_000;
  /** A section whose text has a filled and an empty footnote, as the server holds it. */
  const sectionDoc = () =>
    prosemirrorJSONToYDoc(
      schema,
      doc(schema.nodes.paragraph.create(null, [text('Under the law'), schema.nodes.footnote.create(null, text('Law No. 5, art. 12.')), text(' and more'), schema.nodes.footnote.create()])).toJSON(),
      CONTENT_FRAGMENT,
    );
  /** The update the editor sends for a ProseMirror transaction, as y-prosemirror's sync plugin writes it. */
  const editorUpdate = (base: Y.Doc, change: (state: EditorState) => Transaction): Uint8Array => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
    copy.clientID = nextClient++;
    const before = Y.encodeStateVector(copy);
    const fragment = copy.getXmlFragment(CONTENT_FRAGMENT);
    const { doc: pmDoc, meta } = initProseMirrorDoc(fragment, schema);
    const next = EditorState.create({ schema, doc: pmDoc }).apply(change(EditorState.create({ schema, doc: pmDoc })));
    copy.transact(() => updateYFragment(copy, fragment, next.doc, meta), ySyncPluginKey);
    return Y.encodeStateAsUpdate(copy, before);
  };
  /** Where the n-th footnote starts. */
  const footnoteAt = (state: EditorState, n: number) => {
    const found: number[] = [];
    state.doc.descendants((node, pos) => {
      if (node.type.name === 'footnote') found.push(pos);
    });
    return found[n];
  };
  const mine = () => [insertion(REVIEWER, 'fn-1')];
  const judge = (change: (state: EditorState) => Transaction) => {
    const section = sectionDoc();
    const verdict = SuggestionRules.check(section, editorUpdate(section, change), REVIEWER);
    SuggestionRules.release(section);
    return verdict;
  };

  it('typing inside a note, marked as a suggestion, is taken like other suggested text', () => {
    expect(judge((state) => state.tr.insert(footnoteAt(state, 0) + 1 + 'Law No. 5'.length, schema.text(' of 2011', mine())))).toEqual({ kind: 'allowed' });
    expect(judge((state) => state.tr.insert(footnoteAt(state, 1) + 1, schema.text('Ibid.', mine())))).toEqual({ kind: 'allowed' });
    expect(
      judge((state) => state.tr.addMark(footnoteAt(state, 0) + 1, footnoteAt(state, 0) + 4, schema.marks.deletion.create({ id: 'fn-d', author: REVIEWER, at: 1 }))),
    ).toEqual({ kind: 'allowed' });
  });

  it('plain typing in a note, a new note (even one marked as suggested) and a removed note are refused', () => {
    expect(judge((state) => state.tr.insert(footnoteAt(state, 0) + 1, schema.text('Plain ')))).toMatchObject({ kind: 'refused' });
    const suggestedNote = () => schema.nodes.footnote.create(null, schema.text('A new note', mine()), mine());
    expect(judge((state) => state.tr.insert(footnoteAt(state, 0), suggestedNote()))).toEqual({ kind: 'refused', detail: 'a new element or paragraph' });
    expect(judge((state) => state.tr.delete(footnoteAt(state, 1), footnoteAt(state, 1) + 2))).toMatchObject({ kind: 'refused' });
  });

  it('the suggestion, taken into the section, is left out of the settled text until accepted', () => {
    const section = sectionDoc();
    const update = editorUpdate(section, (state) => state.tr.insert(footnoteAt(state, 0) + 1 + 'Law No. 5'.length, schema.text(' of 2011', mine())));
    const before = settledOf(yXmlFragmentToProsemirrorJSON(section.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>).settled.hash;
    expect(SuggestionRules.check(section, update, REVIEWER)).toEqual({ kind: 'allowed' });
    SuggestionRules.apply(section, update, 'reviewer');
    SuggestionRules.release(section);
    const json = yXmlFragmentToProsemirrorJSON(section.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>;
    expect(JSON.stringify(json)).toContain(' of 2011');
    expect(settledOf(json).settled.hash).toBe(before);
  });
});
