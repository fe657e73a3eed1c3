/**
 * Block links survive browser tabs from an older build (#19): an update that removes `id`,
 * `source` or `sourceHash` from a block that stays is refused (`UpdateRules`, read from the
 * update's delete set); a new value, a block removed whole, and the other attributes are edits
 * like any other.
 */
import { Schema } from 'prosemirror-model';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { type Refusal, UpdateRules } from '../../server/collab/update-rules';
import { CONTENT_FRAGMENT } from '../../shared/schema';

const OWNERS = { ownerOf: () => null };

function block(name: string, attrs: Record<string, string>, words?: string): Y.XmlElement {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value);
  if (words !== undefined) element.insert(0, [new Y.XmlText(words)]);
  return element;
}

/** A translation: a linked paragraph, a heading, and a list whose item holds a linked paragraph. */
function server(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const list = block('bullet_list', { id: 'e3', source: 'tlist' });
  const item = block('list_item', { id: 'e4', source: 'titem' });
  item.insert(0, [block('paragraph', { id: 'e5', source: 'tli', sourceHash: 'h2', sourceText: 'Пункт.' }, 'An item.')]);
  list.insert(0, [item]);
  doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [
    block('paragraph', { id: 'e1', source: 'tp1', sourceHash: 'h1', sourceText: 'Абзац.' }, 'A paragraph.'),
    block('heading', { level: '2' as string, id: 'e2' }, 'A heading'),
    list,
  ]);
  return doc;
}

/** What a client (another Yjs client id, same person) sends after `change`, checked against the server's copy. */
function check(base: Y.Doc, change: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Refusal | null {
  const client = new Y.Doc();
  client.clientID = 2;
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(client);
  client.transact(() => change(client.getXmlFragment(CONTENT_FRAGMENT), client));
  const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
  return UpdateRules.check(base, structs, 7, OWNERS, ds);
}

const first = (fragment: Y.XmlFragment) => fragment.get(0) as Y.XmlElement;

describe('removing a block’s link attributes in place is refused', () => {
  test('removing "source" from a paragraph that stays', () => {
    const refusal = check(server(), (fragment) => first(fragment).removeAttribute('source'));
    expect(refusal).toEqual({ reason: 'schema', detail: expect.stringContaining('removing "source" from a paragraph') });
  });

  test('a block’s own id may go for a moment: the editor replaces a copy’s id in a dispatch of its own', () => {
    expect(check(server(), (fragment) => first(fragment).removeAttribute('id'))).toBeNull();
    expect(check(server(), (fragment) => ((fragment.get(2) as Y.XmlElement).get(0) as Y.XmlElement).removeAttribute('id'))).toBeNull();
  });

  test('removing "sourceHash" with "source" is refused; "sourceHash" alone (back to unconfirmed, as undoing a stamp does) is not', () => {
    expect(check(server(), (fragment) => first(fragment).removeAttribute('sourceHash'))).toBeNull();
    expect(
      check(server(), (fragment) => {
        first(fragment).removeAttribute('sourceHash');
        first(fragment).removeAttribute('sourceText');
      }),
    ).toBeNull();
    expect(
      check(server(), (fragment) => {
        first(fragment).removeAttribute('sourceHash');
        first(fragment).removeAttribute('source');
      }),
    ).toMatchObject({ reason: 'schema', detail: expect.stringContaining('"source"') });
  });

  test('a tab still running the schema from before ids: y-prosemirror strips what it does not know, and the update is refused', () => {
    const old = new Schema({
      nodes: {
        doc: { content: 'block+' },
        paragraph: { content: 'text*', group: 'block' },
        heading: { attrs: { level: { default: 1 } }, content: 'text*', group: 'block' },
        bullet_list: { content: 'list_item+', group: 'block' },
        list_item: { content: 'paragraph+' },
        text: {},
      },
    });
    const refusal = check(server(), (fragment, doc) => {
      const { doc: pm, meta } = initProseMirrorDoc(fragment, old);
      const typed = pm.replace(1, 1, old.node('doc', null, [old.node('paragraph', null, [old.text('Typed. ')])]).slice(1, 8));
      updateYFragment(doc, fragment, typed, meta);
    });
    expect(refusal).toMatchObject({ reason: 'schema', detail: expect.stringMatching(/removing "(id|source|sourceHash)" from a paragraph/) });
  });
});

describe('what stays allowed', () => {
  test('a new value for each of them', () => {
    expect(
      check(server(), (fragment) => {
        first(fragment).setAttribute('id', 'e9');
        first(fragment).setAttribute('source', 'tp2');
        first(fragment).setAttribute('sourceHash', 'h9');
      }),
    ).toBeNull();
  });

  test('removing a block whole, or a list with its items and their paragraphs', () => {
    expect(check(server(), (fragment) => fragment.delete(0, 1))).toBeNull();
    expect(check(server(), (fragment) => fragment.delete(2, 1))).toBeNull();
  });

  test('typing, and removing other attributes (sourceText)', () => {
    expect(check(server(), (fragment) => (first(fragment).get(0) as Y.XmlText).insert(0, 'Now '))).toBeNull();
    expect(check(server(), (fragment) => (first(fragment).get(0) as Y.XmlText).delete(0, 2))).toBeNull();
    expect(check(server(), (fragment) => first(fragment).removeAttribute('sourceText'))).toBeNull();
  });

  test('a reconnecting client’s step 2 repeats old deletions of links since replaced: nothing is refused', () => {
    const base = server();
    // Earlier, the id was replaced (its old value deleted) and a block removed.
    const earlier = new Y.Doc();
    earlier.clientID = 3;
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(base));
    first(earlier.getXmlFragment(CONTENT_FRAGMENT)).setAttribute('id', 'e7');
    earlier.getXmlFragment(CONTENT_FRAGMENT).delete(1, 1);
    Y.applyUpdate(base, Y.encodeStateAsUpdate(earlier));
    const { structs, ds } = Y.decodeUpdate(Y.encodeStateAsUpdate(earlier));
    expect(ds.clients.size).toBeGreaterThan(0);
    expect(UpdateRules.check(base, structs, 7, OWNERS, ds)).toBeNull();
  });
});
