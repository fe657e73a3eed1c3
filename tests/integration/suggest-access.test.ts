/**
 * The `suggest` access level (#17), held by the server: a reviewer's connection takes suggestions
 * and nothing else. The reviewer attacks through a raw y-protocols client; the updates are made the
 * way the editor makes them, by y-prosemirror from ProseMirror transactions (`updateYFragment`),
 * so they have the real shapes. What is not a suggestion is dropped where messages are received:
 * nothing applied, stored or sent, the sender closed with 4422 and the reason that says so.
 */
import type { Mark } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment, ySyncPluginKey } from 'y-prosemirror';
import * as Y from 'yjs';
import { SuggestionRules } from '../../server/collab/suggestion-rules';
import { CLOSE_UPDATE_REFUSED, REASON_NOT_A_SUGGESTION } from '../../shared/collab-protocol';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { logRows, onServer, storedSections } from '../support/collab-state';
import { type RawClient, openRaw, syncUpdateMessage } from '../support/raw-socket';
import {
  type TestPerson,
  type TestWorkspace,
  addTestPerson,
  signIn,
  startTestWorkspace,
  waitFor,
} from '../support/workspace';

let workspace: TestWorkspace;
let member: TestPerson;
let reviewer: TestPerson;
let memberCookie: string;
let reviewerCookie: string;
const open: RawClient[] = [];
let nextClientId = 880_000;

const SECTION = 'national-kz';
const SENTENCE = 'Migrants have the right to return.';

beforeAll(async () => {
  workspace = await startTestWorkspace();
  member = await addTestPerson(workspace, 'member', 'KZ', 'Асель');
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Reviewer Rita');
  memberCookie = await signIn(workspace.url, member.email, member.password);
  reviewerCookie = await signIn(workspace.url, reviewer.email, reviewer.password);
  // The Kazakh group's text, written by its member through the editor's own mapping.
  const writer = await raw(SECTION, memberCookie);
  const json = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: SENTENCE }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Bold words', marks: [{ type: 'bold' }] }, { type: 'text', text: ' and plain ones.' }] },
      { type: 'paragraph' },
    ],
  };
  writer.send(syncUpdateMessage(updateFrom(writer.mirror, (doc) => prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(CONTENT_FRAGMENT)))));
  await writer.barrier();
  writer.close();
});
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});
afterAll(() => workspace.stop());

async function raw(sectionId: string, cookie: string): Promise<RawClient> {
  const client = await openRaw(workspace.url, sectionId, cookie);
  open.push(client);
  return client;
}

/** The Yjs update a change makes on a copy of `base`, under a client id of its own. */
function updateFrom(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  // Set after loading: Yjs would pick a new id on seeing its own in the state.
  doc.clientID = nextClientId++;
  const before = Y.encodeStateVector(doc);
  change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/**
 * The update the editor sends for a ProseMirror transaction on the section as `base` holds it:
 * the transaction is applied to the editor state and written back to Yjs by y-prosemirror in one
 * Yjs transaction, as its sync plugin does.
 */
function editorUpdate(base: Y.Doc, change: (state: EditorState) => Transaction): Uint8Array {
  return updateFrom(base, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const { doc: pmDoc, meta } = initProseMirrorDoc(fragment, schema);
    const state = EditorState.create({ schema, doc: pmDoc });
    const next = state.apply(change(state));
    doc.transact(() => updateYFragment(doc, fragment, next.doc, meta), ySyncPluginKey);
  });
}

const insertion = (author: number, id = 'ins-1'): Mark => schema.marks.insertion.create({ id, author, at: Date.now() });
const deletion = (author: number, id = 'del-1'): Mark => schema.marks.deletion.create({ id, author, at: Date.now() });

/** Position just inside the start of the n-th (0-based) paragraph of a ProseMirror document. */
function startOf(state: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
  return pos + 1;
}

/** Where `words` start in the ProseMirror document. */
function find(state: EditorState, words: string): number {
  let found = -1;
  state.doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(words)) found = pos + node.text!.indexOf(words);
  });
  if (found < 0) throw new Error(`"${words}" is not in the document`);
  return found;
}

/** The section's text as the editor shows it, without marks. */
const plain = (doc: Y.Doc) => initProseMirrorDoc(doc.getXmlFragment(CONTENT_FRAGMENT), schema).doc.textContent;
const fragmentText = (doc: Y.Doc) => doc.getXmlFragment(CONTENT_FRAGMENT).toString();
const stateVector = (doc: Y.Doc) => Y.encodeStateVector(doc);

describe('a reviewer works on a section at the suggest level', () => {
  test('the reviewer is told suggest, the working group edit', async () => {
    const suggester = await raw(SECTION, reviewerCookie);
    const editor = await raw(SECTION, memberCookie);
    expect(suggester.access()).toBe('suggest');
    expect(editor.access()).toBe('edit');
  });
});

describe('what is not a suggestion is dropped: nothing applied, stored or sent, the reviewer told', () => {
  const attacks: [string, (state: EditorState) => Transaction][] = [
    ['a plain insertion', (state) => state.tr.insertText('Not proposed, just written. ', startOf(state, 0))],
    ['a deletion of existing text', (state) => state.tr.delete(find(state, 'the right'), find(state, 'the right') + 'the right'.length)],
    ['bold added to existing text', (state) => state.tr.addMark(find(state, 'plain'), find(state, 'plain') + 5, schema.marks.bold.create())],
    ['bold taken off existing text', (state) => state.tr.removeMark(find(state, 'Bold'), find(state, 'Bold') + 4, schema.marks.bold)],
    [
      'a new paragraph, even one marked as suggested',
      (state) => state.tr.insert(state.doc.content.size, schema.nodes.paragraph.create(null, schema.text('A whole new paragraph.', [insertion(reviewer.id)]))),
    ],
    ['a paragraph split in two', (state) => state.tr.split(find(state, 'have'))],
    ['a line break', (state) => state.tr.insert(find(state, 'have'), schema.nodes.hard_break.create())],
    ['a suggested insertion in another person’s name', (state) => state.tr.insert(startOf(state, 0), schema.text('Forged. ', [insertion(member.id)]))],
    ['a suggested deletion in another person’s name', (state) => state.tr.addMark(find(state, 'return'), find(state, 'return') + 6, deletion(member.id))],
    ['an insertion mark put on existing text', (state) => state.tr.addMark(find(state, 'return'), find(state, 'return') + 6, insertion(reviewer.id))],
    [
      'a proper suggestion with a plain insertion in the same update',
      (state) => state.tr.insert(startOf(state, 0), schema.text('Proposed. ', [insertion(reviewer.id)])).insertText('Sneaked in.', startOf(state, 1) + 'Proposed. '.length),
    ],
  ];

  test.each(attacks)('%s', async (_what, attack) => {
    const bystander = await raw(SECTION, memberCookie);
    const suggester = await raw(SECTION, reviewerCookie);
    const before = onServer(workspace, SECTION, stateVector);
    const textBefore = onServer(workspace, SECTION, fragmentText);
    const rowsBefore = logRows(workspace, SECTION);
    const framesBefore = bystander.received.length;

    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, attack)));
    const closed = await suggester.closed;
    expect(closed).toEqual({ code: CLOSE_UPDATE_REFUSED, reason: REASON_NOT_A_SUGGESTION });
    expect(onServer(workspace, SECTION, stateVector)).toEqual(before);
    expect(onServer(workspace, SECTION, fragmentText)).toBe(textBefore);
    expect(logRows(workspace, SECTION)).toBe(rowsBefore);
    await bystander.barrier();
    // The bystander got nothing but the answer to its own question.
    expect(bystander.received.length).toBe(framesBefore + 1);
    expect(bystander.isClosed()).toBe(false);
  });

  test('a change outside the ProseMirror fragment is dropped too', async () => {
    const suggester = await raw(SECTION, reviewerCookie);
    const before = onServer(workspace, SECTION, stateVector);
    suggester.send(syncUpdateMessage(updateFrom(suggester.mirror, (doc) => doc.getText('notes').insert(0, 'hidden'))));
    expect((await suggester.closed).code).toBe(CLOSE_UPDATE_REFUSED);
    expect(onServer(workspace, SECTION, stateVector)).toEqual(before);
  });
});

describe('suggestions are taken, stored and broadcast', () => {
  test('a suggested insertion and a suggested deletion reach the working group, and are stored', async () => {
    const editor = await raw(SECTION, memberCookie);
    const suggester = await raw(SECTION, reviewerCookie);
    const proposed = 'and the duty to readmit ';
    suggester.send(
      syncUpdateMessage(
        editorUpdate(suggester.mirror, (state) => state.tr.insert(find(state, 'to return'), schema.text(proposed, [insertion(reviewer.id, 'ins-a')]))),
      ),
    );
    await suggester.barrier();
    suggester.send(
      syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.addMark(find(state, 'plain ones'), find(state, 'plain ones') + 10, deletion(reviewer.id, 'del-a')))),
    );
    await suggester.barrier();
    expect(suggester.isClosed()).toBe(false);

    const marked = (doc: Y.Doc, mark: 'insertion' | 'deletion', text: string) => plain(doc).includes(text) && markAttrs(doc, text, mark) !== null;
    await waitFor(() => marked(editor.mirror, 'insertion', proposed) && marked(editor.mirror, 'deletion', 'plain ones'), 'both suggestions at the editor');
    expect(marked(onServer(workspace, SECTION, (doc) => doc), 'insertion', proposed)).toBe(true);
    const stored = storedSections(workspace.dataDir, [SECTION]).get(SECTION)!;
    expect(marked(stored, 'insertion', proposed)).toBe(true);
    expect(marked(stored, 'deletion', 'plain ones')).toBe(true);
    const attrs = markAttrs(stored, proposed, 'insertion');
    expect(attrs).toMatchObject({ id: 'ins-a', author: reviewer.id });
  });

  test('typing on inside one’s own suggestion, even with inherited bold, is taken', async () => {
    const suggester = await raw(SECTION, reviewerCookie);
    const mark = insertion(reviewer.id, 'ins-b');
    suggester.send(
      syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.insert(find(state, 'words'), schema.text('strong ', [schema.marks.bold.create(), mark])))),
    );
    await suggester.barrier();
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.insert(find(state, 'strong ') + 6, schema.text(', firm', [schema.marks.bold.create(), mark])))));
    await suggester.barrier();
    expect(suggester.isClosed()).toBe(false);
    await waitFor(() => onServer(workspace, SECTION, plain).includes('strong, firm'), 'the suggestion on the server');
  });

  test('a reviewer withdraws their own suggestions: deletes their insertion, takes off their deletion mark', async () => {
    const suggester = await raw(SECTION, reviewerCookie);
    const words = 'Withdrawn soon. ';
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.insert(startOf(state, 0), schema.text(words, [insertion(reviewer.id, 'ins-c')])))));
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.addMark(find(state, 'Migrants'), find(state, 'Migrants') + 8, deletion(reviewer.id, 'del-c')))));
    await suggester.barrier();
    await waitFor(() => onServer(workspace, SECTION, plain).includes(words), 'the insertion on the server');

    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.delete(find(state, words), find(state, words) + words.length))));
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.removeMark(find(state, 'Migrants'), find(state, 'Migrants') + 8, schema.marks.deletion))));
    await suggester.barrier();
    expect(suggester.isClosed()).toBe(false);
    const server = onServer(workspace, SECTION, (doc) => doc);
    expect(plain(server)).not.toContain(words);
    expect(markAttrs(server, 'Migrants', 'deletion')).toBeNull();
  });

  test('typing into an empty paragraph makes a new text: taken when it is all the reviewer’s suggestion, and withdrawn whole', async () => {
    const suggester = await raw(SECTION, reviewerCookie);
    const words = 'Filled by a suggestion.';
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.insert(startOf(state, 2), schema.text(words, [insertion(reviewer.id, 'ins-d')])))));
    await suggester.barrier();
    await waitFor(() => onServer(workspace, SECTION, plain).includes(words), 'the suggestion on the server');
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.delete(find(state, words), find(state, words) + words.length))));
    await suggester.barrier();
    expect(suggester.isClosed()).toBe(false);
    expect(onServer(workspace, SECTION, plain)).not.toContain(words);
  });

  test('one’s own suggestion may not be accepted by its author: taking off the insertion mark is dropped', async () => {
    const suggester = await raw(SECTION, reviewerCookie);
    const words = 'Self-accepted? ';
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.insert(startOf(state, 0), schema.text(words, [insertion(reviewer.id, 'ins-e')])))));
    await suggester.barrier();
    const before = onServer(workspace, SECTION, stateVector);
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.removeMark(find(state, words), find(state, words) + words.length, schema.marks.insertion))));
    expect((await suggester.closed).reason).toBe(REASON_NOT_A_SUGGESTION);
    expect(onServer(workspace, SECTION, stateVector)).toEqual(before);
    expect(markAttrs(onServer(workspace, SECTION, (doc) => doc), words, 'insertion')).toMatchObject({ author: reviewer.id });
  });

  test('the working group edits normally beside a reviewer, and the reviewer suggests on what it just wrote', async () => {
    const editor = await raw(SECTION, memberCookie);
    const suggester = await raw(SECTION, reviewerCookie);
    // The reviewer's first change makes the shadow; the member's plain edit must reach it.
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.addMark(find(state, 'Bold'), find(state, 'Bold') + 4, deletion(reviewer.id, 'del-f')))));
    await suggester.barrier();
    expect(onServer(workspace, SECTION, (doc) => SuggestionRules.shadowed(doc))).toBe(true);
    const added = 'Written directly by the group.';
    editor.send(syncUpdateMessage(editorUpdate(editor.mirror, (state) => state.tr.insertText(`${added} `, startOf(state, 0)))));
    await editor.barrier();
    expect(editor.isClosed()).toBe(false);
    await waitFor(() => plain(suggester.mirror).includes(added), 'the member’s text at the reviewer');
    suggester.send(syncUpdateMessage(editorUpdate(suggester.mirror, (state) => state.tr.addMark(find(state, 'directly'), find(state, 'directly') + 8, deletion(reviewer.id, 'del-g')))));
    await suggester.barrier();
    expect(suggester.isClosed()).toBe(false);
    expect(markAttrs(onServer(workspace, SECTION, (doc) => doc), 'directly', 'deletion')).toMatchObject({ id: 'del-g', author: reviewer.id });
    // The last suggesting connection gone, the section stops keeping a shadow.
    suggester.close();
    await waitFor(() => !onServer(workspace, SECTION, (doc) => SuggestionRules.shadowed(doc)), 'the shadow to be dropped');
  });
});

/** The ProseMirror range [from, to) of `text` in a section. */
function rangeOf(doc: Y.Doc, text: string): [number, number] {
  const state = EditorState.create({ schema, doc: initProseMirrorDoc(doc.getXmlFragment(CONTENT_FRAGMENT), schema).doc });
  const from = find(state, text);
  return [from, from + text.length];
}

/** The attributes of the `mark` on the first character of `text`, or null when it has none. */
function markAttrs(doc: Y.Doc, text: string, mark: 'insertion' | 'deletion'): Record<string, unknown> | null {
  const pm = initProseMirrorDoc(doc.getXmlFragment(CONTENT_FRAGMENT), schema).doc;
  const [from] = rangeOf(doc, text);
  const found = pm.resolve(from + 1).marks().find((m) => m.type === schema.marks[mark]);
  return found ? (found.attrs as Record<string, unknown>) : null;
}
