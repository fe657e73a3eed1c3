/**
 * A protocol fuzzer: 10,000 random and mutated y-websocket messages (random bytes, truncated and
 * bit-flipped real updates, zero-length frames, huge varints, lying lengths, frames over the
 * payload cap, spliced and repeated real messages) on raw connections: before authentication
 * (pipelined behind an upgrade that is refused), from an editor, and from read-only connections.
 * The server neither crashes nor stalls its event loop for a second; a section that only read-only
 * and unauthenticated connections touched is exactly as it was; and every stored section still
 * loads after a restart.
 *
 * The seed is printed; RESILIENCE_SEED=<n> replays a run. `npm run bench -- --resilience` feeds
 * 100,000 messages (RESILIENCE_LONG=1).
 */
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '../../server/domain/sessions';
import { MESSAGE_AWARENESS } from '../../shared/collab-protocol';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, content, logRows, onServer, scribble, version, waitForConvergence } from '../support/collab-state';
import { LeanWebSocket, UpgradeRefused, maskedFrame, pipelinedUpgrade } from '../support/lean-socket';
import { bytes, corpus, mutate, pick } from '../support/fuzz-messages';
import { awarenessMessage, seededRandom, syncUpdateMessage } from '../support/raw-socket';
import { type TestPerson, type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const LONG = process.env.RESILIENCE_LONG === '1';
const TOTAL = Number(process.env.RESILIENCE_FUZZ_TOTAL ?? (LONG ? 100_000 : 10_000));
const SEED = Number(process.env.RESILIENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_PAYLOAD = 64 * 1024;
/** Written by editors, fuzzed by an editor too. */
const EDITED = 'regional-1';
/** Fuzzed only by read-only connections and unauthenticated upgrades. */
const GUARDED = 'national-kz';

jest.setTimeout(LONG ? 600_000 : 60_000);

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let editor: TestPerson;
let kzLead: TestPerson;
let reviewer: TestPerson;
let uzMember: TestPerson;
const clients: CollabClient[] = [];

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (replay with RESILIENCE_SEED=${SEED})`);
  workspace = await startTestWorkspace({ maxCollabPayload: MAX_PAYLOAD });
  [editor, kzLead, reviewer, uzMember] = await Promise.all([
    addTestPerson(workspace, 'member', 'KG', 'Fuzzing Editor'),
    addTestPerson(workspace, 'lead', 'KZ', 'Kazakh Lead'),
    addTestPerson(workspace, 'reviewer', 'TSPC', 'Fuzzing Reviewer'),
    addTestPerson(workspace, 'member', 'UZ', 'Uzbek Member'),
  ]);
  for (const person of [editor, kzLead, reviewer, uzMember]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
});
afterEach(() => closeAll(clients.splice(0)));
afterAll(() => workspace.stop());

function connect(sectionId: string, person: TestPerson): CollabClient {
  const client = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  clients.push(client);
  return client;
}

/** A fuzz message that is not presence (whose broadcast could look like a barrier's answer). */
function fuzzMessage(random: () => number, real: Uint8Array[]): Uint8Array {
  return mutate(random, real, MAX_PAYLOAD).message;
}

interface LaneResult {
  sent: number;
  closedConnections: number;
  closeCodes: Map<number, number>;
}

const BATCH = 16;

/** The client id and clock of a presence message with one entry, or null. */
function presenceOf(frame: Uint8Array): { clientId: number; clock: number } | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return null;
    const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    if (decoding.readVarUint(inner) !== 1) return null;
    return { clientId: decoding.readVarUint(inner), clock: decoding.readVarUint(inner) };
  } catch {
    return null;
  }
}

/**
 * One connection at a time to `sectionId` as `person`, messages sent in pipelined batches, each
 * followed by a barrier: the lane's own presence with a new clock, which the server broadcasts
 * back once it has handled everything before it (cheap, unlike a sync step 1, whose answer
 * encodes the whole document). When the server closes the connection, the message after the last
 * answered barrier is the one it refused, and the rest of the batch goes again on a new connection.
 */
async function lane(person: TestPerson, sectionId: string, count: number, random: () => number, real: Uint8Array[]): Promise<LaneResult> {
  const result: LaneResult = { sent: 0, closedConnections: 0, closeCodes: new Map() };
  let ws: LeanWebSocket | null = null;
  const me = 1 + Math.floor(random() * 2 ** 30);
  let clock = 0;
  const outstanding = new Set<number>();
  let answers = 0;
  let wake: (() => void) | null = null;
  const fence = () => {
    clock += 2; // a removal when a connection closes takes one clock
    outstanding.add(clock);
    return awarenessMessage([{ clientId: me, clock, state: { lane: true } }]);
  };
  const settle = (socket: LeanWebSocket, expected: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer after message ${result.sent} on ${sectionId}`)), 20_000);
      wake = () => {
        if (answers < expected && !socket.closed) return;
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      wake();
    });
  const open = async () => {
    const socket = await LeanWebSocket.connect({
      host: '127.0.0.1',
      port: workspace.server.port,
      path: `/collab/${sectionId}`,
      headers: { Cookie: cookies.get(person)!, Origin: workspace.url },
    });
    socket.onmessage = (frame) => {
      const presence = presenceOf(frame);
      if (presence && presence.clientId === me && outstanding.delete(presence.clock)) {
        answers++;
        wake?.();
      }
    };
    socket.onclose = () => wake?.();
    // Claim our presence first: fuzzed presence for other ids is then refused, not claimed.
    outstanding.clear();
    answers = 0;
    socket.send(fence());
    await settle(socket, 1);
    return socket;
  };
  let pending: Uint8Array[] = [];
  while (result.sent < count) {
    if (ws === null || ws.closed) ws = await open();
    const socket: LeanWebSocket = ws;
    while (pending.length < Math.min(BATCH, count - result.sent)) pending.push(fuzzMessage(random, real));
    answers = 0;
    outstanding.clear();
    for (const message of pending) {
      socket.send(message);
      socket.send(fence());
    }
    await settle(socket, pending.length);
    if (socket.closed) {
      // Handled: the answered ones and the one that closed the connection.
      const handled = Math.min(pending.length, answers + 1);
      result.sent += handled;
      pending = pending.slice(handled);
      result.closedConnections++;
      const code = socket.closeCode ?? 0;
      result.closeCodes.set(code, (result.closeCodes.get(code) ?? 0) + 1);
      ws = null;
    } else {
      result.sent += pending.length;
      pending = [];
    }
  }
  ws?.close();
  return result;
}

/** Upgrades that must be refused, each with fuzz frames pipelined behind the request. */
async function unauthenticatedLane(count: number, random: () => number, real: Uint8Array[]): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const forged = `${SESSION_COOKIE}=${Buffer.from(bytes(random, 24)).toString('base64url')}`;
  for (let i = 0; i < count; i++) {
    const headers = pick<Record<string, string>>(random, [
      { Origin: workspace.url },
      { Origin: workspace.url, Cookie: forged },
      { Origin: 'https://evil.example', Cookie: cookies.get(kzLead)! },
      { Cookie: cookies.get(kzLead)! },
    ]);
    // Small frames only: a refused upgrade with 64 KiB or more behind it is left half-open (a known
    // bug, shown by its own test below), and would keep the server from closing.
    const frames = Array.from({ length: 1 + Math.floor(random() * 3) }, () => maskedFrame(fuzzMessage(random, real).slice(0, 4096)));
    const status = await pipelinedUpgrade({ host: '127.0.0.1', port: workspace.server.port, path: `/collab/${GUARDED}`, headers }, frames);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  return statuses;
}

/** Everything that would show a change of a section's document. */
const snapshot = (sectionId: string) => ({
  rows: logRows(workspace, sectionId),
  version: onServer(workspace, sectionId, version),
  content: onServer(workspace, sectionId, content),
  state: Buffer.from(onServer(workspace, sectionId, (doc) => Y.encodeStateAsUpdate(doc))).toString('base64'),
});

test(`${TOTAL.toLocaleString('en-US')} fuzzed messages: no crash, no stall, nothing changed by read-only or unauthenticated connections, and every section still loads`, async () => {
  const random = seededRandom(SEED);
  // Both sections have content, written by people who may.
  const kz = connect(GUARDED, kzLead);
  const kg = connect(EDITED, editor);
  await Promise.all([synced(kz), synced(kg)]);
  scribble(kz.doc, 'Kazakh national norms. ');
  scribble(kg.doc, 'Regional module text. ');
  await Promise.all([waitForConvergence(workspace, GUARDED, [kz]), waitForConvergence(workspace, EDITED, [kg])]);
  closeAll(clients.splice(0));
  const guardedBefore = snapshot(GUARDED);
  const real = [...corpus(kz.doc, random), ...corpus(kg.doc, random)];

  // Event-loop delay of this process, which runs the server: histogram and a drift check.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let worstDrift = 0;
  let last = performance.now();
  const drift = setInterval(() => {
    const now = performance.now();
    worstDrift = Math.max(worstDrift, now - last - 50);
    last = now;
  }, 50);
  const started = Date.now();
  try {
    const unauthenticated = Math.round(TOTAL * 0.1);
    const perLane = Math.round((TOTAL - unauthenticated) / 6);
    const lanes = await Promise.all([
      lane(editor, EDITED, perLane, seededRandom(SEED + 1), real),
      lane(editor, EDITED, perLane, seededRandom(SEED + 2), real),
      lane(reviewer, GUARDED, perLane, seededRandom(SEED + 3), real),
      lane(reviewer, GUARDED, perLane, seededRandom(SEED + 4), real),
      lane(uzMember, GUARDED, perLane, seededRandom(SEED + 5), real),
      lane(uzMember, GUARDED, TOTAL - unauthenticated - 5 * perLane, seededRandom(SEED + 6), real),
      unauthenticatedLane(unauthenticated, seededRandom(SEED + 7), real),
    ]);
    const statuses = lanes.pop() as Map<number, number>;
    const results = lanes as LaneResult[];
    const sent = results.reduce((n, r) => n + r.sent, 0) + unauthenticated;
    const codes = new Map<number, number>();
    for (const r of results) for (const [code, n] of r.closeCodes) codes.set(code, (codes.get(code) ?? 0) + n);
    console.log(
      `${sent} messages in ${Date.now() - started} ms; connections closed by the server: ${[...codes].map(([c, n]) => `${c}×${n}`).join(', ')}; ` +
        `refused upgrades: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}; event-loop delay max ${(loop.max / 1e6).toFixed(0)} ms, drift ${worstDrift.toFixed(0)} ms`,
    );
    expect(sent).toBe(TOTAL);
    // Refused before any frame was read: 401 without a session, 403 from another origin.
    expect([...statuses.keys()].every((status) => status === 401 || status === 403)).toBe(true);
    // Closed only with our codes: malformed (4400), an update refused for its content or client ids
    // (4422), too big (1009), or too slow (1013); or dropped without a close frame (0) when `ws`
    // terminates a socket after a protocol error.
    expect([...codes.keys()].every((code) => [4400, 4422, 1009, 1013, 0].includes(code))).toBe(true);
    expect(codes.get(0) ?? 0).toBeLessThanOrEqual(codes.get(1009) ?? 0);
  } finally {
    clearInterval(drift);
    loop.disable();
  }
  expect(loop.max / 1e6).toBeLessThan(1000);
  expect(worstDrift).toBeLessThan(1000);

  // Read-only and unauthenticated connections changed nothing: not in memory, not in the log.
  expect(snapshot(GUARDED)).toEqual(guardedBefore);

  // The server still serves: people who may edit, edit, and see each other.
  const a = connect(GUARDED, kzLead);
  const b = connect(EDITED, editor);
  await Promise.all([synced(a), synced(b)]);
  scribble(a.doc, 'After the storm. ');
  scribble(b.doc, 'Still editing. ');
  await waitForConvergence(workspace, GUARDED, [a]);
  // The fuzzed section may hold structs that wait for dependencies for ever, under ids that later
  // fuzzed structs reused; Yjs sends them to every new client in its sync step 2, where they stay
  // pending too, so until the section is unloaded a new client may lack what the server integrated
  // under those ids (see the report). What was accepted is stored, as the restart below shows.
  await waitFor(() => onServer(workspace, EDITED, content).notes.includes('Still editing. '), 'the edit at the server');
  closeAll(clients.splice(0));
  const guardedAfterEdit = onServer(workspace, GUARDED, content);
  const editedAfterEdit = onServer(workspace, EDITED, content);

  // Every stored section loads in a restarted server, with exactly what was accepted, and a new
  // client of the fuzzed section converges with it.
  const dataDir = workspace.dataDir;
  const port = workspace.server.port;
  await workspace.stop();
  workspace = await startTestWorkspace({ dataDir, port, maxCollabPayload: MAX_PAYLOAD });
  const ids = (workspace.server.db.$client.prepare('SELECT id FROM sections').all() as { id: string }[]).map((row) => row.id);
  expect(ids.length).toBeGreaterThanOrEqual(10);
  for (const id of ids) expect(() => onServer(workspace, id, (doc) => Y.encodeStateAsUpdate(doc))).not.toThrow();
  expect(onServer(workspace, GUARDED, content)).toEqual(guardedAfterEdit);
  expect(onServer(workspace, EDITED, content)).toEqual(editedAfterEdit);
  const reader = connect(EDITED, editor);
  await synced(reader);
  await waitForConvergence(workspace, EDITED, [reader]);
  closeAll(clients.splice(0));
  await waitFor(() => workspace.server.collab.connectionCount === 0, 'no connection left');
});

test('a refused upgrade never reads the frames pipelined behind it', async () => {
  const before = snapshot(GUARDED);
  const update = syncUpdateMessage(
    (() => {
      const doc = new Y.Doc();
      doc.getText('notes').insert(0, 'smuggled behind a refused upgrade');
      return Y.encodeStateAsUpdate(doc);
    })(),
  );
  for (const headers of [{ Origin: workspace.url }, { Origin: 'https://evil.example', Cookie: cookies.get(kzLead)! }] as Record<string, string>[]) {
    const status = await pipelinedUpgrade(
      { host: '127.0.0.1', port: workspace.server.port, path: `/collab/${GUARDED}`, headers },
      [maskedFrame(update), maskedFrame(update)],
    );
    expect([401, 403]).toContain(status);
  }
  await expect(
    LeanWebSocket.connect({ host: '127.0.0.1', port: workspace.server.port, path: `/collab/${GUARDED}`, headers: { Origin: workspace.url } }),
  ).rejects.toBeInstanceOf(UpgradeRefused);
  expect(snapshot(GUARDED)).toEqual(before);
});

/** Server-side sockets of our port that are still open (an upgraded or refused connection). */
function serverSockets(): net.Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is net.Socket => h instanceof net.Socket && h.localPort === workspace.server.port && !h.destroyed);
}

// KNOWN BUG, reported with a patch: refuse() in collab-endpoint.ts ends the socket of a refused
// upgrade but never destroys it; nobody reads that socket any more, so once 64 KiB or more arrived
// behind the request, Node stops reading it and never sees the client's FIN either. The socket
// stays half-open for ever (a descriptor per request, for anyone, without a session) and keeps
// server.close() — SIGTERM — from finishing. Turn `test.failing` into `test` once refuse()
// destroys the socket when the answer is flushed (as `ws` itself does).
test.failing('a refused upgrade with a large body behind it is closed, not left half-open', async () => {
  const before = new Set(serverSockets());
  try {
    for (const headers of [{ Origin: workspace.url }, { Origin: 'https://evil.example', Cookie: cookies.get(kzLead)! }] as Record<string, string>[]) {
      const status = await pipelinedUpgrade(
        { host: '127.0.0.1', port: workspace.server.port, path: `/collab/${GUARDED}`, headers },
        [maskedFrame(new Uint8Array(200 * 1024))],
      );
      expect([401, 403]).toContain(status);
    }
    await waitFor(() => serverSockets().every((socket) => before.has(socket)), 'the refused sockets to close', 2000);
  } finally {
    // Whatever is left would keep the server from closing.
    for (const socket of serverSockets()) if (!before.has(socket)) socket.destroy();
  }
});
