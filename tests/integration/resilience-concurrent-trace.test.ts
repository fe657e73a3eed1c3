/**
 * friendsforever-concurrent (two people typing one document at the same time, with the real
 * concurrency of the session: every transaction names the transactions it was typed on) replayed
 * by two real y-websocket clients through the server. Each agent types its next transactions as
 * soon as its client has received everything they were typed on; the server carries every update
 * between them. Both clients, the server, and the server after a restart end with the trace's
 * `endContent`, character for character.
 *
 * The replay itself is checked first with two documents connected in memory, so that a failure of
 * the second test is the server's.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, onServer, version, waitForConvergence } from '../support/collab-state';
import { type ConcurrentTrace, ConcurrentReplay, loadConcurrentTrace } from '../support/traces';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, tempDataDir } from '../support/workspace';

const SECTION = 'regional-2';
/** The Y.Text the trace is typed into (one that `content()` compares). */
const TEXT = 'notes';
/** Transactions an agent types before letting the network run. */
const CHUNK = 25;
/** Concurrent inserts at one place are ordered by client id: agent 0's must be the lower. */
const CLIENT_IDS = [1_000_001, 1_000_002];

jest.setTimeout(60_000);

let trace: ConcurrentTrace;
let dataDir: string;
let workspace: TestWorkspace;
const cookies: string[] = [];
const clients: CollabClient[] = [];

beforeAll(async () => {
  trace = loadConcurrentTrace();
  dataDir = tempDataDir('concurrent-trace');
  workspace = await startTestWorkspace({ dataDir });
  // Two people of two working groups, both drafting the regional modules.
  const people = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Agent Zero'),
    addTestPerson(workspace, 'lead', 'KG', 'Agent One'),
  ]);
  for (const person of people) cookies.push(await signIn(workspace.url, person.email, person.password));
});

afterAll(async () => {
  try {
    closeAll(clients.splice(0));
  } finally {
    await workspace.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

function docWithClientId(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

/** Resolves at the next update one of `clients` receives from the server. */
function remoteUpdate(watched: CollabClient[], timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const handlers = watched.map((client) => {
      const handler = (_update: Uint8Array, origin: unknown) => {
        if (origin !== client.provider) return;
        stop();
        resolve();
      };
      client.doc.on('update', handler);
      return { client, handler };
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no update came through the server: the replay is stuck'));
    }, timeoutMs);
    const stop = () => {
      clearTimeout(timer);
      for (const { client, handler } of handlers) client.doc.off('update', handler);
    };
  });
}

test('the concurrent trace replayed by two documents connected in memory gives its endContent', () => {
  const docs = CLIENT_IDS.map(docWithClientId);
  // Each document's own updates wait in the other's inbox until delivered, in order.
  const inboxes: Uint8Array[][] = [[], []];
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'delivery') inboxes[1 - i].push(update);
    }),
  );
  const replay = new ConcurrentReplay(trace, docs, TEXT);
  while (!replay.done()) {
    const applied = replay.step(0, CHUNK) + replay.step(1, CHUNK);
    let delivered = 0;
    docs.forEach((doc, i) => {
      for (const update of inboxes[i].splice(0)) {
        Y.applyUpdate(doc, update, 'delivery');
        delivered++;
      }
    });
    if (applied === 0 && delivered === 0) throw new Error('the replay is stuck: no agent is ready and nothing is in flight');
  }
  docs.forEach((doc, i) => inboxes[i].splice(0).forEach((update) => Y.applyUpdate(doc, update, 'delivery')));
  // Real concurrency was replayed: many txns were placed beside edits their agent had not seen.
  expect(replay.concurrentPlacements).toBeGreaterThan(1000);
  expect(docs[0].getText(TEXT).toString()).toBe(trace.endContent);
  expect(docs[1].getText(TEXT).toString()).toBe(trace.endContent);
  for (const doc of docs) doc.destroy();
});

test('two people typing the concurrent trace through the server end with its exact text, at both clients, on the server and after a restart', async () => {
  const agents = CLIENT_IDS.map((clientId, agent) =>
    connectCollab(workspace.url, SECTION, cookies[agent], { doc: docWithClientId(clientId) }),
  );
  clients.push(...agents);
  await Promise.all(agents.map((client) => synced(client)));

  const replay = new ConcurrentReplay(
    trace,
    agents.map((client) => client.doc),
    TEXT,
  );
  const started = Date.now();
  while (!replay.done()) {
    const applied = replay.step(0, CHUNK) + replay.step(1, CHUNK);
    if (applied === 0) await remoteUpdate(agents);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  await waitForConvergence(workspace, SECTION, agents, 20_000);
  console.log(
    `${trace.txns.length} txns replayed through the server in ${Date.now() - started} ms ` +
      `(${replay.concurrentPlacements} placed beside edits their agent had not seen yet)`,
  );
  for (const client of agents) expect(client.doc.getText(TEXT).toString()).toBe(trace.endContent);
  expect(onServer(workspace, SECTION, (doc) => doc.getText(TEXT).toString())).toBe(trace.endContent);
  const serverVersion = onServer(workspace, SECTION, version);

  closeAll(clients.splice(0));
  await workspace.stop();
  workspace = await startTestWorkspace({ dataDir });
  // What the log holds, read by the server, and sent to someone who opens the section afresh.
  expect(onServer(workspace, SECTION, version)).toBe(serverVersion);
  expect(onServer(workspace, SECTION, (doc) => doc.getText(TEXT).toString())).toBe(trace.endContent);
  const reader = connectCollab(workspace.url, SECTION, cookies[0]);
  clients.push(reader);
  await synced(reader);
  expect(reader.doc.getText(TEXT).toString()).toBe(trace.endContent);
});
