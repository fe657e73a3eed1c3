/**
 * Co-editing through the real endpoint with real y-websocket clients: concurrent edits converge,
 * late joiners get everything, and offline edits merge on reconnect.
 */
import * as Y from 'yjs';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, content, onServer, version, waitForConvergence } from '../support/collab-state';
import { seededRandom } from '../support/raw-socket';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let cookieA: string;
let cookieB: string;
let cookieC: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const people = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Aigerim'),
    addTestPerson(workspace, 'member', 'KZ', 'Bolat'),
    addTestPerson(workspace, 'lead', 'KZ', 'Dana'),
  ]);
  [cookieA, cookieB, cookieC] = await Promise.all(people.map((p) => signIn(workspace.url, p.email, p.password)));
});
afterEach(() => closeAll(clients.splice(0)));
afterAll(() => workspace.stop());

function connect(sectionId: string, cookie: string): CollabClient {
  const client = connectCollab(workspace.url, sectionId, cookie);
  clients.push(client);
  return client;
}

const paragraphs = (doc: Y.Doc) => doc.getXmlFragment('prosemirror').toArray() as Y.XmlElement[];
const textOf = (paragraph: Y.XmlElement) => paragraph.get(0) as Y.XmlText;

function newParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const xmlText = new Y.XmlText();
  xmlText.insert(0, text);
  paragraph.insert(0, [xmlText]);
  return paragraph;
}

/** All characters of the fragment's text, sorted: what must survive whatever order edits merged in. */
const sortedCharacters = (doc: Y.Doc) =>
  paragraphs(doc)
    .map((p) => textOf(p).toString())
    .join('')
    .split('')
    .sort()
    .join('');

/**
 * One person's edit: a new paragraph, or text typed into an existing one, in the fragment; and a
 * word typed or a run deleted in the text 'notes'. Returns the characters added to the fragment.
 */
function edit(doc: Y.Doc, who: string, round: number, random: () => number): string {
  let added = '';
  doc.transact(() => {
    const fragment = doc.getXmlFragment('prosemirror');
    const existing = paragraphs(doc);
    if (existing.length === 0 || random() < 0.3) {
      added = `${who}${round}.`;
      fragment.insert(Math.floor(random() * (existing.length + 1)), [newParagraph(added)]);
    } else {
      const text = textOf(existing[Math.floor(random() * existing.length)]);
      added = `${who.toLowerCase()}${round}`;
      text.insert(Math.floor(random() * (text.length + 1)), added);
    }
    const notes = doc.getText('notes');
    if (notes.length > 20 && random() < 0.3) {
      const at = Math.floor(random() * (notes.length - 5));
      notes.delete(at, 1 + Math.floor(random() * 4));
    } else {
      notes.insert(Math.floor(random() * (notes.length + 1)), `${who}${round} `);
    }
  });
  return added;
}

test('two Kazakh members editing the same section at the same moment end with the same document', async () => {
  const a = connect('national-kz', cookieA);
  const b = connect('national-kz', cookieB);
  await Promise.all([synced(a), synced(b)]);
  expect([a.access(), b.access()]).toEqual(['edit', 'edit']);

  const random = seededRandom(20240611);
  let typed = '';
  let concurrentRounds = 0;
  for (let round = 0; round < 80; round++) {
    // Both edit in the same tick: neither can have seen the other's edit of this round.
    const seenByBBefore = version(b.doc);
    typed += edit(a.doc, 'A', round, random);
    if (version(b.doc) === seenByBBefore) concurrentRounds++;
    typed += edit(b.doc, 'B', round, random);
    // Sometimes let the messages cross in flight, sometimes let a few rounds pile up.
    if (random() < 0.5) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 4)));
  }
  expect(concurrentRounds).toBe(80);

  await waitForConvergence(workspace, 'national-kz', [a, b]);
  const final = content(a.doc);
  // Nothing typed was lost or duplicated while merging: 80 rounds of two people.
  expect(sortedCharacters(a.doc)).toBe(typed.split('').sort().join(''));
  expect(final.notes.length).toBeGreaterThan(0);
  expect(final.prosemirror).toMatch(/^<paragraph>/);

  // Someone who opens the section afterwards receives all of it from the server.
  const c = connect('national-kz', cookieC);
  await synced(c);
  await waitForConvergence(workspace, 'national-kz', [a, b, c]);
  expect(content(c.doc)).toEqual(final);
  expect(sortedCharacters(c.doc)).toBe(typed.split('').sort().join(''));
});

test('a member who edits offline gets the others’ edits on reconnect, and they get theirs', async () => {
  const a = connect('regional-1', cookieA);
  const b = connect('regional-1', cookieB);
  await Promise.all([synced(a), synced(b)]);
  a.doc.getXmlFragment('prosemirror').insert(0, [newParagraph('Shared opening.')]);
  a.doc.getText('notes').insert(0, 'start ');
  await waitForConvergence(workspace, 'regional-1', [a, b]);

  a.provider.disconnect();
  await waitFor(() => workspace.server.collab.connectionsOf('regional-1').length === 1, 'the server to see A leave');

  // Offline, A types into the shared paragraph and adds one; B types at the same places meanwhile.
  a.doc.transact(() => {
    textOf(paragraphs(a.doc)[0]).insert(0, 'A-offline ');
    a.doc.getXmlFragment('prosemirror').insert(1, [newParagraph('Written on the train by A.')]);
    a.doc.getText('notes').insert(0, 'a-offline ');
  });
  b.doc.transact(() => {
    textOf(paragraphs(b.doc)[0]).insert(0, 'B-online ');
    b.doc.getXmlFragment('prosemirror').insert(1, [newParagraph('Written at the office by B.')]);
    b.doc.getText('notes').insert(0, 'b-online ');
  });
  await waitFor(() => onServer(workspace, 'regional-1', version) === version(b.doc), "B's edits at the server");
  // The server never got A's offline edits while A was away.
  expect(onServer(workspace, 'regional-1', content).prosemirror).not.toContain('A-offline');
  expect(b.doc.getXmlFragment('prosemirror').toString()).not.toContain('train');

  a.provider.connect();
  await synced(a);
  await waitForConvergence(workspace, 'regional-1', [a, b]);
  const merged = content(b.doc);
  for (const piece of ['A-offline', 'B-online', 'Shared opening.', 'Written on the train by A.', 'Written at the office by B.']) {
    expect(merged.prosemirror).toContain(piece);
  }
  expect(paragraphs(b.doc)).toHaveLength(3);
  expect(merged.notes).toContain('a-offline ');
  expect(merged.notes).toContain('b-online ');
  expect(merged.notes).toContain('start ');
});
