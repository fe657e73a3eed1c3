/**
 * Read-only is enforced where collab messages are received: whatever a read-only connection sends,
 * no document change from it is applied, stored or broadcast, and it may only publish its own
 * presence, under the name its session says.
 */
import type * as Y from 'yjs';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, content, logRows, onServer, scribble, version, waitForConvergence } from '../support/collab-state';
import { type RawClient, awarenessMessage, openRaw, syncUpdateMessage, updateFrom } from '../support/raw-socket';
import {
  type TestPerson,
  type TestWorkspace,
  addTestPerson,
  signIn,
  startTestWorkspace,
  waitFor,
} from '../support/workspace';

let workspace: TestWorkspace;
let kzMember: TestPerson;
let kzLead: TestPerson;
let reviewer: TestPerson;
let uzMember: TestPerson;
let uzLead: TestPerson;
const cookies = new Map<TestPerson, string>();
const clients: CollabClient[] = [];
const raws: RawClient[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace();
  [kzMember, kzLead, reviewer, uzMember, uzLead] = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Aigerim Kazakh member'),
    addTestPerson(workspace, 'lead', 'KZ', 'Daniyar Kazakh lead'),
    addTestPerson(workspace, 'reviewer', 'IOM', 'Rita IOM reviewer'),
    addTestPerson(workspace, 'member', 'UZ', 'Umid Uzbek member'),
    addTestPerson(workspace, 'lead', 'UZ', 'Ulugbek Uzbek lead'),
  ]);
  for (const person of [kzMember, kzLead, reviewer, uzMember, uzLead]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
});
afterEach(() => closeAll([...clients.splice(0), ...raws.splice(0)]));
afterAll(() => workspace.stop());

function connect(sectionId: string, person: TestPerson): CollabClient {
  const client = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  clients.push(client);
  return client;
}

async function raw(sectionId: string, person: TestPerson): Promise<RawClient> {
  const client = await openRaw(workspace.url, sectionId, cookies.get(person)!);
  raws.push(client);
  return client;
}

const connectionOf = (sectionId: string, person: TestPerson) =>
  workspace.server.collab.connectionsOf(sectionId).find((c) => c.person.id === person.id);

/** Everything that would show a change of the section. */
const snapshot = (sectionId: string) => ({
  rows: logRows(workspace, sectionId),
  version: onServer(workspace, sectionId, version),
  content: onServer(workspace, sectionId, content),
});

/**
 * An editor types `marker` and waits until every client has it: the server sends each client its
 * messages in order, so whatever it would have broadcast before has arrived by then.
 */
async function editorTypes(editor: CollabClient, marker: string, others: { doc: Y.Doc }[]): Promise<void> {
  editor.doc.getText('notes').insert(editor.doc.getText('notes').length, marker);
  await waitFor(() => others.every((o) => o.doc.getText('notes').toString().includes(marker)), `${marker} everywhere`);
}

test('a reviewer on the Kazakh section may only suggest (its rules: tests/integration/suggest-access.test.ts)', async () => {
  const suggester = connect('national-kz', reviewer);
  await synced(suggester);
  expect(suggester.access()).toBe('suggest');
});

test('an Uzbek lead and member in the Kazakh section are read-only: their edits reach nobody, even after a restart', async () => {
  const writer = connect('national-kz', kzMember);
  const readerUzLead = connect('national-kz', uzLead);
  const readerUz = connect('national-kz', uzMember);
  await Promise.all([synced(writer), synced(readerUzLead), synced(readerUz)]);
  expect(writer.access()).toBe('edit');
  expect(readerUzLead.access()).toBe('read-only');
  expect(readerUz.access()).toBe('read-only');

  scribble(writer.doc, 'Written by the Kazakh group. ');
  await waitForConvergence(workspace, 'national-kz', [writer, readerUzLead, readerUz]);
  const before = snapshot('national-kz');

  scribble(readerUzLead.doc, 'UZ LEAD EDIT ');
  scribble(readerUz.doc, 'UZBEK EDIT ');
  await waitFor(
    () => connectionOf('national-kz', uzLead)!.droppedUpdates > 0 && connectionOf('national-kz', uzMember)!.droppedUpdates > 0,
    'the server to drop both updates',
  );
  // Read-only clients still follow the editing live.
  await editorTypes(writer, 'after-drop ', [readerUzLead, readerUz]);
  expect(content(writer.doc).notes).not.toMatch(/UZ LEAD|UZBEK/);
  expect(content(writer.doc).prosemirror).not.toMatch(/UZ LEAD|UZBEK/);
  expect(snapshot('national-kz').content).toEqual(content(writer.doc));
  expect(snapshot('national-kz').rows).toBe(before.rows + 1);

  // A restart on the same address: the read-only clients reconnect and offer their edits again
  // in the sync handshake; the new server drops them too.
  const { dataDir, server } = workspace;
  const port = server.port;
  await workspace.stop();
  workspace = await startTestWorkspace({ dataDir, port });
  await waitFor(
    () => [writer, readerUzLead, readerUz].every((c) => c.provider.wsconnected && c.provider.synced),
    'every client to reconnect',
    10_000,
  );
  await waitFor(
    () => (connectionOf('national-kz', uzLead)?.droppedUpdates ?? 0) > 0 && (connectionOf('national-kz', uzMember)?.droppedUpdates ?? 0) > 0,
    'the new server to drop what the read-only clients offered',
  );
  await editorTypes(writer, 'after-restart ', [readerUzLead, readerUz]);
  const fresh = connect('national-kz', kzLead);
  await synced(fresh);
  for (const doc of [writer.doc, fresh.doc]) {
    expect(content(doc).notes).not.toMatch(/UZ LEAD|UZBEK/);
    expect(content(doc).prosemirror).not.toMatch(/UZ LEAD|UZBEK/);
  }
  expect(content(fresh.doc)).toEqual(onServer(workspace, 'national-kz', content));
  expect(content(fresh.doc).notes).toContain('after-restart');
  // The read-only clients keep their own scribbles locally, but the section never had them.
  expect(content(readerUzLead.doc).notes).toContain('UZ LEAD EDIT');
});

test('a Kazakh member cannot write to the Uzbek section', async () => {
  const uzWriter = connect('national-uz', uzMember);
  const uzOther = connect('national-uz', uzLead);
  await Promise.all([synced(uzWriter), synced(uzOther)]);
  scribble(uzWriter.doc, 'Written by the Uzbek group. ');
  await waitForConvergence(workspace, 'national-uz', [uzWriter, uzOther]);

  const kazakh = await raw('national-uz', kzMember);
  expect(kazakh.access()).toBe('read-only');
  const before = snapshot('national-uz');
  const update = updateFrom(kazakh.mirror, (doc) => scribble(doc, 'KAZAKH EDIT IN UZBEK SECTION '));
  kazakh.send(syncUpdateMessage(update, 'update'));
  kazakh.send(syncUpdateMessage(update, 'step2'));
  await kazakh.barrier();
  expect(connectionOf('national-uz', kzMember)!.droppedUpdates).toBe(2);
  expect(snapshot('national-uz')).toEqual(before);
  await editorTypes(uzOther, 'sentinel ', [uzWriter]);
  expect(content(uzWriter.doc).notes).not.toContain('KAZAKH');
  expect(content(uzWriter.doc).prosemirror).not.toContain('KAZAKH');
  expect(kazakh.isClosed()).toBe(false);
  // The Kazakh member still reads the section live.
  await waitFor(() => content(kazakh.mirror).notes.includes('sentinel'), 'the Kazakh reader to follow');
});

test("a reader's forged sync and presence messages are dropped; its own presence carries its session's name", async () => {
  const observer = connect('national-kz', kzMember);
  const watcher = connect('national-kz', kzLead);
  await Promise.all([synced(observer), synced(watcher)]);
  observer.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
  const observerId = observer.doc.clientID;
  await waitFor(
    () => (watcher.provider.awareness.getStates().get(observerId)?.user as { name?: string })?.name === kzMember.name,
    "the observer's presence at the watcher",
  );

  const forger = await raw('national-kz', uzLead);
  expect(forger.access()).toBe('read-only');
  const before = snapshot('national-kz');
  const observerClock = watcher.provider.awareness.meta.get(observerId)!.clock;

  // Document changes written as if by the observer's client, as sync step 2 and as an update,
  // and one under a client id of its own.
  const forged = updateFrom(forger.mirror, (doc) => scribble(doc, 'FORGED '), observerId);
  forger.send(syncUpdateMessage(forged, 'step2'));
  forger.send(syncUpdateMessage(forged, 'update'));
  forger.send(syncUpdateMessage(updateFrom(forger.mirror, (doc) => scribble(doc, 'OWN ID '))));
  // Presence claiming the observer's client id, with a clock far ahead, and its removal.
  forger.send(
    awarenessMessage([{ clientId: observerId, clock: observerClock + 1000, state: { user: { name: 'Spoofed' }, cursor: null } }]),
  );
  forger.send(awarenessMessage([{ clientId: observerId, clock: observerClock + 1001, state: null }]));
  await forger.barrier();
  const forgerConnection = connectionOf('national-kz', uzLead)!;
  expect(forgerConnection.droppedUpdates).toBe(3);
  expect(forgerConnection.droppedAwareness).toBe(2);
  expect(snapshot('national-kz')).toEqual(before);

  // Its own presence, under a name it made up: accepted, with the session's name instead.
  const ownId = 424242;
  forger.send(
    awarenessMessage([{ clientId: ownId, clock: 1, state: { user: { name: 'Definitely Not Rita', color: '#000000' }, cursor: null } }]),
  );
  // Once it spoke for one client id, it cannot speak for another, nor for the observer.
  forger.send(awarenessMessage([{ clientId: ownId + 1, clock: 1, state: { user: { name: 'Second me' } } }]));
  forger.send(awarenessMessage([{ clientId: observerId, clock: observerClock + 2000, state: { user: { name: 'Spoofed' } } }]));
  await forger.barrier();
  expect(forgerConnection.droppedAwareness).toBe(4);

  await editorTypes(observer, 'sentinel ', [watcher]);
  const states = watcher.provider.awareness.getStates();
  const user = (id: number) => states.get(id)?.user as { id?: number; name?: string; color?: string } | undefined;
  expect(user(ownId)?.name).toBe(uzLead.name);
  expect(user(ownId)?.id).toBe(uzLead.id);
  expect(user(ownId)?.color).not.toBe('#000000');
  expect(states.has(ownId + 1)).toBe(false);
  expect(user(observerId)?.name).toBe(kzMember.name);
  expect(watcher.provider.awareness.meta.get(observerId)!.clock).toBeLessThan(observerClock + 1000);
  // The document saw none of it, at the watcher or on the server.
  for (const text of [content(watcher.doc).notes, content(watcher.doc).prosemirror, snapshot('national-kz').content.notes]) {
    expect(text).not.toMatch(/FORGED|OWN ID/);
  }
  expect(forger.isClosed()).toBe(false);
});
