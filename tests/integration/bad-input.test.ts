/**
 * Malformed, truncated, unknown and oversized frames from a signed-in editor: each closes only the
 * connection that sent it, with a telling close code, and leaves the section exactly as it was
 * (in memory, in the update log, and at every other client), while other people keep editing.
 */
import * as Y from 'yjs';
import { CLOSE_MALFORMED } from '../../shared/collab-protocol';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, content, logRows, onServer, version, waitForConvergence } from '../support/collab-state';
import {
  type Closed,
  type RawClient,
  openRaw,
  seededRandom,
  syncUpdateMessage,
  updateFrom,
} from '../support/raw-socket';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const SECTION = 'national-kz';
const MAX_PAYLOAD = 64 * 1024;

let workspace: TestWorkspace;
let editorCookie: string;
let keeper: CollabClient;
let third: CollabClient;
const raws: RawClient[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace({ maxCollabPayload: MAX_PAYLOAD });
  const [editor, keeperPerson, thirdPerson] = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Raw Socket'),
    addTestPerson(workspace, 'member', 'KZ', 'Keeper'),
    addTestPerson(workspace, 'lead', 'KZ', 'Third'),
  ]);
  editorCookie = await signIn(workspace.url, editor.email, editor.password);
  keeper = connectCollab(workspace.url, SECTION, await signIn(workspace.url, keeperPerson.email, keeperPerson.password));
  third = connectCollab(workspace.url, SECTION, await signIn(workspace.url, thirdPerson.email, thirdPerson.password));
  await Promise.all([synced(keeper), synced(third)]);
  // The section has content: paragraphs in the ProseMirror fragment, and a text.
  keeper.doc.transact(() => {
    const paragraphs = ['Migration law in Kazakhstan.', 'Return and reintegration.'].map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, line);
      paragraph.insert(0, [text]);
      return paragraph;
    });
    keeper.doc.getXmlFragment('prosemirror').insert(0, paragraphs);
    keeper.doc.getText('notes').insert(0, 'Notes that must not change.');
  });
  await waitForConvergence(workspace, SECTION, [keeper, third]);
});
afterEach(() => closeAll(raws.splice(0)));
afterAll(async () => {
  try {
    closeAll([keeper, third].filter(Boolean));
  } finally {
    await workspace.stop();
  }
});

async function raw(): Promise<RawClient> {
  const client = await openRaw(workspace.url, SECTION, editorCookie);
  raws.push(client);
  expect(client.access()).toBe('edit');
  return client;
}

/** Everything that would show a change: the server's state and content, and the log's rows. */
function snapshot() {
  return {
    rows: logRows(workspace, SECTION),
    version: onServer(workspace, SECTION, version),
    content: onServer(workspace, SECTION, content),
    state: Buffer.from(onServer(workspace, SECTION, (doc) => Y.encodeStateAsUpdate(doc))).toString('base64'),
  };
}

async function closedWithin(client: RawClient, ms = 5000): Promise<Closed> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      client.closed,
      new Promise<Closed>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the connection was not closed')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends one bad frame on a fresh editing connection; returns how it was closed. */
async function sendBad(frame: Uint8Array | string): Promise<Closed> {
  const client = await raw();
  const before = snapshot();
  client.send(frame);
  const closed = await closedWithin(client);
  expect(snapshot()).toEqual(before);
  return closed;
}

let edits = 0;
/** The connections that did nothing wrong still edit and see each other's edits. */
async function othersStillWork(): Promise<void> {
  const marker = ` still-editing-${++edits}`;
  keeper.doc.getText('notes').insert(keeper.doc.getText('notes').length, marker);
  await waitFor(() => third.doc.getText('notes').toString().endsWith(marker), 'the third client to see the edit');
  third.doc.getText('notes').insert(0, `${marker} back `);
  await waitFor(() => keeper.doc.getText('notes').toString().startsWith(`${marker} back `), 'the keeper to see the answer');
  expect(keeper.provider.wsconnected && third.provider.wsconnected).toBe(true);
  await waitForConvergence(workspace, SECTION, [keeper, third]);
}

/** A valid update message for the section: text typed into the notes. */
async function validUpdateMessage(text: string): Promise<Uint8Array> {
  const client = await raw();
  const update = updateFrom(client.mirror, (doc) => doc.getText('notes').insert(0, text));
  client.close();
  return syncUpdateMessage(update);
}

test('random bytes close only the connection that sent them and change nothing', async () => {
  const random = seededRandom(7);
  const outcomes: string[] = [];
  for (let i = 0; i < 24; i++) {
    const frame = new Uint8Array(1 + Math.floor(random() * 120)).map(() => Math.floor(random() * 256));
    // Message types 2 and 3 (auth, query presence) carry nothing to check: make them random too.
    if (frame[0] === 2 || frame[0] === 3) frame[0] = 0;
    const client = await raw();
    const before = snapshot();
    client.send(frame);
    // Either the server closes the connection as malformed, or what it read was harmless and it
    // still answers; it never applies anything, and never closes with any other code.
    const outcome = await Promise.race([client.closed, client.barrier().then(() => null, () => client.closed)]);
    outcomes.push(outcome ? String(outcome.code) : 'answered');
    expect(snapshot()).toEqual(before);
  }
  expect(outcomes.every((o) => o === String(CLOSE_MALFORMED) || o === 'answered')).toBe(true);
  expect(outcomes.filter((o) => o === String(CLOSE_MALFORMED)).length).toBeGreaterThanOrEqual(20);
  await othersStillWork();
});

test('a truncated sync update closes the connection with 4400 and applies nothing', async () => {
  const message = await validUpdateMessage('TRUNCATED ');
  // Cut inside the update, inside the length prefix's promise, and after the message header.
  for (const length of [message.length - 1, Math.floor(message.length / 2), 4, 3, 2]) {
    const closed = await sendBad(message.slice(0, length));
    expect(closed.code).toBe(CLOSE_MALFORMED);
  }
  expect(content(third.doc).notes).not.toContain('TRUNCATED');
  await othersStillWork();
});

test('an update cut inside its delete set is refused whole, not half applied', async () => {
  const client = await raw();
  // One transaction that inserts and deletes: its update holds structs, then a delete set.
  const update = updateFrom(client.mirror, (doc) => {
    doc.getText('notes').insert(0, 'HALF ');
    doc.getText('notes').delete(10, 5);
  });
  const cut = update.slice(0, update.length - 1);
  // The hazard is real: plain Yjs integrates the structs, then fails on the delete set.
  const naive = new Y.Doc();
  Y.applyUpdate(naive, Y.encodeStateAsUpdate(client.mirror));
  expect(() => Y.applyUpdate(naive, cut)).toThrow();
  expect(naive.getText('notes').toString()).toContain('HALF ');
  expect(() => Y.decodeUpdate(cut)).toThrow();

  const before = snapshot();
  client.send(syncUpdateMessage(cut));
  expect((await closedWithin(client)).code).toBe(CLOSE_MALFORMED);
  expect(snapshot()).toEqual(before);
  // The same cut update as sync step 2 (an answer to the server's step 1) is refused the same way.
  expect((await sendBad(syncUpdateMessage(cut, 'step2'))).code).toBe(CLOSE_MALFORMED);
  await othersStillWork();
  expect(content(keeper.doc).notes).not.toContain('HALF');
});

test('a text frame closes the connection with 1003 and changes nothing', async () => {
  expect((await sendBad('hello, I am not binary')).code).toBe(1003);
  expect((await sendBad(JSON.stringify({ type: 'update', update: [0, 2, 1] }))).code).toBe(1003);
  await othersStillWork();
});

test('an unknown message type closes the connection with 4400 and changes nothing', async () => {
  expect((await sendBad(new Uint8Array([7]))).code).toBe(CLOSE_MALFORMED);
  // Our own server-to-client access message is not something a client may send.
  expect((await sendBad(new Uint8Array([100, 4, 101, 100, 105, 116]))).code).toBe(CLOSE_MALFORMED);
  // An unknown kind of sync message.
  expect((await sendBad(new Uint8Array([0, 9, 0]))).code).toBe(CLOSE_MALFORMED);
  // A message type varint that never ends.
  expect((await sendBad(new Uint8Array([0xff, 0xff, 0xff]))).code).toBe(CLOSE_MALFORMED);
  await othersStillWork();
});

test('a frame larger than the payload cap closes the connection with 1009 and changes nothing', async () => {
  const client = await raw();
  // A valid update, only too big: 100 KiB of text.
  const update = updateFrom(client.mirror, (doc) => doc.getText('notes').insert(0, 'x'.repeat(100 * 1024)));
  const message = syncUpdateMessage(update);
  expect(message.length).toBeGreaterThan(MAX_PAYLOAD);
  const before = snapshot();
  client.send(message);
  expect((await closedWithin(client)).code).toBe(1009);
  expect(snapshot()).toEqual(before);
  // Just under the cap is accepted: the limit is the payload cap, not something smaller.
  const fits = await raw();
  const small = syncUpdateMessage(updateFrom(fits.mirror, (doc) => doc.getText('notes').insert(0, 'y'.repeat(60 * 1024))));
  expect(small.length).toBeLessThan(MAX_PAYLOAD);
  fits.send(small);
  await waitFor(() => third.doc.getText('notes').length > 60 * 1024, 'the accepted update at the third client');
  expect(fits.isClosed()).toBe(false);
  await othersStillWork();
});

test('an update whose dependencies never arrive does not stop the log from being merged', async () => {
  // A server of its own, that merges the log every 20 rows and unloads idle sections at once.
  const small = await startTestWorkspace({ compactAfterRows: 20, sectionIdleMs: 50 });
  const opened: (CollabClient | RawClient)[] = [];
  try {
    const person = await addTestPerson(small, 'member', 'KZ', 'Typist');
    const cookie = await signIn(small.url, person.email, person.password);
    const rows = () => logRows(small, SECTION);
    // The third of three updates of one Yjs client, sent without the first two: Yjs keeps it
    // waiting for them, and the server asks the sender for what is missing.
    const stray = new Y.Doc();
    stray.clientID = 777;
    const strayUpdates: Uint8Array[] = [];
    stray.on('update', (update: Uint8Array) => strayUpdates.push(update));
    for (const letter of 'abc') stray.getText('stray').insert(stray.getText('stray').length, letter);
    const sender = await openRaw(small.url, SECTION, cookie);
    opened.push(sender);
    sender.send(syncUpdateMessage(strayUpdates[2]));
    await sender.barrier();
    sender.close();

    const typist = connectCollab(small.url, SECTION, cookie);
    opened.push(typist);
    await synced(typist);
    const text = typist.doc.getText('notes');
    for (let i = 0; i < 100; i++) {
      text.insert(text.length, `w${i} `);
      if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(
      () => small.server.sections.read(SECTION, (doc) => doc.getText('notes').length) === text.length,
      'every word at the server',
    );
    // Merged while people type, although one update is still waiting...
    await waitFor(() => rows() <= 21, 'the log to be merged while the section is open', 2000);
    closeAll(opened.splice(0));
    // ...and when the idle section leaves memory.
    await waitFor(() => small.server.sections.loaded === 0, 'the section to unload', 2000);
    expect(rows()).toBe(1);

    const reader = connectCollab(small.url, SECTION, cookie);
    opened.push(reader);
    await synced(reader);
    expect(reader.doc.getText('notes').toString()).toBe(text.toString());
    // What waited was never accepted: it is neither content nor lost from what was accepted.
    expect(reader.doc.getText('stray').toString()).toBe('');
  } finally {
    try {
      closeAll(opened);
    } finally {
      await small.stop();
    }
  }
});
