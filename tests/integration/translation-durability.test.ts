/**
 * A translation (#19) is as durable as its source: the server as `npm start` runs it, in a child
 * process, is killed with SIGKILL the instant a second person saw the last update of the English
 * version, and after a restart that update is there, in the English version and nowhere else.
 */
import fs from 'node:fs';
import * as Y from 'yjs';
import { documentKey } from '../../shared/languages';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll } from '../support/collab-state';
import {
  type ChildWorkspace,
  type TestPerson,
  addTestPerson,
  api,
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

const SECTION = 'national-kz';
const EN = documentKey(SECTION, 'en');

beforeAll(async () => {
  // People and the languages are set on the data directory first, by a server that is then stopped.
  dataDir = tempDataDir('translation-durability');
  const setup = await startTestWorkspace({ dataDir });
  let coordinator: TestPerson;
  [typist, follower, latecomer, coordinator] = await Promise.all([
    addTestPerson(setup, 'member', 'KZ', 'Typist'),
    addTestPerson(setup, 'lead', 'KZ', 'Follower'),
    addTestPerson(setup, 'member', 'KZ', 'Latecomer'),
    addTestPerson(setup, 'coordinator', 'IOM', 'Coordinator'),
  ]);
  const cookie = await signIn(setup.url, coordinator.email, coordinator.password);
  const { status } = await api(setup.url, cookie)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } });
  expect(status).toBe(200);
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

async function connect(child: ChildWorkspace, key: string, person: TestPerson): Promise<CollabClient> {
  const client = connectCollab(child.url, key, await signIn(child.url, person.email, person.password));
  clients.push(client);
  await synced(client);
  return client;
}

/** Every Yjs client's clock in `seen` is reached in `stored`: `stored` holds every update of `seen`. */
function holdsEverything(stored: Y.Doc, seen: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(stored));
  return [...Y.decodeStateVector(seen)].every(([client, clock]) => (have.get(client) ?? 0) >= clock);
}

test('an update of the English version another person saw survives kill -9 the same instant', async () => {
  const server = await spawn();
  const a = await connect(server, EN, typist);
  const b = await connect(server, EN, follower);

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
  const c = await connect(restarted, EN, latecomer);
  expect(c.doc.getText('t').toString()).toBe(expected);
  expect(holdsEverything(c.doc, seenState)).toBe(true);
  // The Russian source holds none of it.
  const source = await connect(restarted, SECTION, latecomer);
  expect(source.doc.getText('t').toString()).toBe('');
}, 60_000);
