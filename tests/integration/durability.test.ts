/**
 * The server as `npm start` runs it, in a child process: an update another person has seen is on
 * disk, whether the process is killed with SIGKILL the moment it was seen, or stopped with SIGTERM
 * in the middle of typing.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll } from '../support/collab-state';
import {
  type ChildWorkspace,
  type TestPerson,
  addTestPerson,
  isRunning,
  signIn,
  spawnWorkspace,
  startTestWorkspace,
  stopWorkspace,
  tempDataDir,
  waitFor,
} from '../support/workspace';

let dataDir: string;
let typist: TestPerson;
let follower: TestPerson;
let latecomer: TestPerson;
const children: ChildWorkspace[] = [];
const clients: CollabClient[] = [];

beforeAll(async () => {
  // People are created on the data directory first, by a server that is then stopped.
  dataDir = tempDataDir('durability');
  const setup = await startTestWorkspace({ dataDir });
  [typist, follower, latecomer] = await Promise.all([
    addTestPerson(setup, 'member', 'KZ', 'Typist'),
    addTestPerson(setup, 'lead', 'KZ', 'Follower'),
    addTestPerson(setup, 'member', 'KZ', 'Latecomer'),
  ]);
  await setup.stop();
});
afterEach(() => closeAll(clients.splice(0)));
afterAll(async () => {
  for (const child of children.splice(0)) await stopWorkspace(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function spawn(): Promise<ChildWorkspace> {
  const child = await spawnWorkspace(dataDir);
  children.push(child);
  return child;
}

/** A server child that is still running (the one the previous test restarted), or a new one. */
async function runningServer(): Promise<ChildWorkspace> {
  const running = children.find(isRunning);
  return running ?? spawn();
}

async function connect(child: ChildWorkspace, sectionId: string, person: TestPerson): Promise<CollabClient> {
  const client = connectCollab(child.url, sectionId, await signIn(child.url, person.email, person.password));
  clients.push(client);
  await synced(client);
  return client;
}

/** Every Yjs client's clock in `seen` is reached in `stored`: `stored` holds every update of `seen`. */
function holdsEverything(stored: Y.Doc, seen: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(stored));
  return [...Y.decodeStateVector(seen)].every(([client, clock]) => (have.get(client) ?? 0) >= clock);
}

test('an update another person saw survives kill -9 the same instant', async () => {
  const server = await runningServer();
  const a = await connect(server, 'national-kz', typist);
  const b = await connect(server, 'national-kz', follower);

  let expected = '';
  for (let i = 0; i < 300; i++) expected += `w${i} `;
  let killedAt: string | null = null;
  // Kill the server in the same tick the follower receives the last update.
  b.doc.on('update', () => {
    const text = b.doc.getText('t');
    if (killedAt === null && text.length === expected.length && text.toString() === expected) {
      server.process.kill('SIGKILL');
      killedAt = text.toString();
    }
  });

  // Many small updates, one per word, sent while the follower receives the earlier ones.
  const text = a.doc.getText('t');
  for (let i = 0; i < 300; i++) {
    text.insert(text.length, `w${i} `);
    if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
  }
  await waitFor(() => killedAt !== null, 'the follower to see every word', 20_000);
  expect(await server.exited).toBeNull();
  expect(server.process.signalCode).toBe('SIGKILL');
  const seenState = Y.encodeStateVector(b.doc);
  // Nobody may send the text again: only what the server stored can come back.
  closeAll(clients.splice(0));

  const restarted = await spawn();
  const c = await connect(restarted, 'national-kz', latecomer);
  expect(c.doc.getText('t').toString()).toBe(expected);
  expect(holdsEverything(c.doc, seenState)).toBe(true);
}, 60_000);

test('SIGTERM while someone types: the server exits within 10 s and keeps every update that was seen', async () => {
  const server = await runningServer();
  const a = await connect(server, 'regional-3', typist);
  const b = await connect(server, 'regional-3', follower);

  const text = a.doc.getText('t');
  let typed = 0;
  const typing = setInterval(() => {
    for (let k = 0; k < 3; k++) text.insert(text.length, `t${typed++} `);
  }, 2);
  try {
    await waitFor(() => b.doc.getText('t').length > 1500, 'the follower to see a good part of the typing', 20_000);
    const signalled = Date.now();
    server.process.kill('SIGTERM');
    const code = await Promise.race([
      server.exited,
      new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 10_000).unref()),
    ]);
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(server.output()).toContain('SIGTERM');
  } finally {
    clearInterval(typing);
  }
  const seen = b.doc.getText('t').toString();
  const seenState = Y.encodeStateVector(b.doc);
  const written = text.toString();
  expect(written.startsWith(seen)).toBe(true);
  closeAll(clients.splice(0));

  const restarted = await spawn();
  const c = await connect(restarted, 'regional-3', latecomer);
  const stored = c.doc.getText('t').toString();
  // Everything the follower saw, in the same order; nothing that was not typed.
  expect(stored.startsWith(seen)).toBe(true);
  expect(written.startsWith(stored)).toBe(true);
  expect(holdsEverything(c.doc, seenState)).toBe(true);
}, 60_000);
