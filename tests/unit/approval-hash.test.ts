/**
 * The approval hash (#19): block ids on every block and translation links change no word, so
 * giving every block of an approved section an id (the editor's plugin, or the server's
 * `ensureSourceIds`) keeps its approval current; a word changed still does not.
 */
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import { approvalText, contentHash, settledOf } from '../../server/domain/section-content';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { richSectionJSON } from '../support/sample-content';

type Json = Record<string, unknown>;

/** Gives every block element of the Y.Doc an id (and a translation link on textblocks), as a server change would. */
function addIds(doc: Y.Doc, links = false): number {
  let n = 0;
  const walk = (element: Y.XmlElement | Y.XmlFragment) => {
    for (const child of element.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const type = schema.nodes[child.nodeName];
      if (!type?.isBlock) continue;
      child.setAttribute('id', `tblock${String(++n).padStart(4, '0')}`);
      if (links && type.isTextblock) {
        child.setAttribute('source', `tsrc${n}`);
        child.setAttribute('sourceHash', 'abc123');
        child.setAttribute('sourceText', 'Исходный текст');
      }
      walk(child);
    }
  };
  doc.transact(() => walk(doc.getXmlFragment(CONTENT_FRAGMENT)));
  return n;
}

const read = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FRAGMENT)) as Json;
const hash = (json: Json) => settledOf(json).settled.hash;

describe('the hash an approval stores', () => {
  test('ids on every block (paragraphs, lists, items, quotes, tables, rows, cells) keep the approval current', () => {
    const doc = prosemirrorJSONToYDoc(schema, richSectionJSON(), CONTENT_FRAGMENT);
    const approved = hash(read(doc));
    const given = addIds(doc);
    const withIds = read(doc);
    expect(given).toBeGreaterThan(15);
    expect(JSON.stringify(withIds)).toContain('"type":"paragraph","attrs":{"id":"tblock');
    expect(JSON.stringify(withIds)).toContain('"type":"table_cell","attrs":{');
    expect(hash(withIds)).toBe(approved);
  });

  test('translation links (source, hash, source text) are not judged either', () => {
    const doc = prosemirrorJSONToYDoc(schema, richSectionJSON(), CONTENT_FRAGMENT);
    const approved = hash(read(doc));
    addIds(doc, true);
    expect(JSON.stringify(read(doc))).toContain('sourceText');
    expect(hash(read(doc))).toBe(approved);
  });

  test('a word changed after the ids were given is a change', () => {
    const doc = prosemirrorJSONToYDoc(schema, richSectionJSON(), CONTENT_FRAGMENT);
    addIds(doc);
    const before = hash(read(doc));
    const heading = doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement;
    (heading.get(0) as Y.XmlText).insert(0, 'Новое: ');
    expect(hash(read(doc))).not.toBe(before);
  });

  test('a document without ids comes back as the same object, so hashes stored before ids still match', () => {
    const json = read(prosemirrorJSONToYDoc(schema, richSectionJSON(), CONTENT_FRAGMENT));
    expect(approvalText(json)).toBe(json);
    expect(hash(json)).toBe(contentHash(settledOf(json).settled.json));
  });

  test('other attributes stay: a heading keeps its level, a cell its span, a mark its attributes', () => {
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, id: 'th', source: 'ts', sourceHash: 'x1', sourceText: 'T' }, content: [{ type: 'text', text: 'A' }] },
        { type: 'paragraph', attrs: { id: 'tp' }, content: [{ type: 'text', text: 'B', marks: [{ type: 'link', attrs: { href: 'https://iom.int', title: null } }] }] },
      ],
    };
    expect(approvalText(json)).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'A' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'B', marks: [{ type: 'link', attrs: { href: 'https://iom.int', title: null } }] }] },
      ],
    });
  });
});
