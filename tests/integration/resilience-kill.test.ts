/**
 * kill -9 in the middle of typing, with a crowd: 200 lean clients and 4 real y-websocket clients,
 * spread over four sections, type while the server (a child process, as `npm start` runs it) is
 * killed with SIGKILL and restarted on the same port and data directory. Every client reconnects
 * on its own (the WebsocketProviders by themselves, the lean ones through the reconnect loop
 * below) and sends what the server lacks, as y-websocket's sync does.
 *
 * - Right after the kill, before anybody reconnects, the update log on disk holds everything any
 *   client had received from the server: whatever the server relayed, it had stored first.
 * - In the end, the log and every client hold every character every client typed, before, during
 *   and after the outage; each person's typing is one unbroken run of their text.
 *
 * RESILIENCE_LONG=1 (`npm run bench -- --resilience`) kills the server six times instead of two.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { readUpdateClocks } from '../../bench/lib/thin-client';
import { databaseFile } from '../../server/db/client';
import { MESSAGE_SYNC } from '../../shared/collab-protocol';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, storedSections } from '../support/collab-state';
import { LeanWebSocket } from '../support/lean-socket';
import { openRaw, syncStep1Message, syncUpdateMessage, updateFrom } from '../support/raw-socket';
import {
  type ChildWorkspace,
  signedInPeopleOn,
  spawnWorkspace,
  stopWorkspace,
  tempDataDir,
  waitFor,
} from '../support/workspace';

const LONG = process.env.RESILIENCE_LONG === '1';
const KILLS = LONG ? 6 : 2;
const SECTIONS = ['national-kz', 'regional-1', 'regional-3', 'regional-5'];
const LEAN_CLIENTS = 200;
/** Characters each lean client types per second, on average. */
const TYPING_RATE = 2;
const TICK_MS = 50;
/** The lean clients type here; the real clients write markers into `notes`. */
const TEXT = 'bench';

jest.setTimeout(LONG ? 300_000 : 60_000);

const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** What lean client `n` types: a text of its own, so that its run can be found whole in the section. */
function script(n: number, length: number): string {
  let text = '';
  for (let k = 0; text.length < length; k++) text += `[${n}.${k}]`;
  return text.slice(0, length);
}

/**
 * A lean client that types and reconnects. It keeps a Y.Doc of its own typing only (so it can
 * answer the server's sync step 1 with exactly what the server lacks, as a provider does), and of
 * what the server sends it only which clocks of which Yjs clients arrived. When its connection
 * drops, it tries again every 100-300 ms until the server answers.
 */
class LeanTypist {
  readonly doc = new Y.Doc();
  /** Per Yjs client, the highest clock received from the server. */
  readonly seen = new Map<number, number>();
  synced = false;
  connects = 0;
  private ws: LeanWebSocket | null = null;
  private stopped = false;

  constructor(
    readonly n: number,
    readonly sectionId: string,
    private readonly cookie: string,
    private readonly port: () => number,
  ) {
    this.doc.on('update', (update: Uint8Array) => this.send(syncMessage(UPDATE, update)));
  }

  get typed(): string {
    return this.doc.getText(TEXT).toString();
  }

  get clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  type(): void {
    const text = this.doc.getText(TEXT);
    text.insert(text.length, script(this.n, text.length + 1).slice(-1));
  }

  async connect(): Promise<void> {
    while (!this.stopped) {
      try {
        const ws = await LeanWebSocket.connect(
          {
            host: '127.0.0.1',
            port: this.port(),
            path: `/collab/${this.sectionId}`,
            headers: { Cookie: this.cookie, Origin: `http://127.0.0.1:${this.port()}` },
          },
          5000,
        );
        if (this.stopped) {
          ws.close();
          return;
        }
        this.attach(ws);
        return;
      } catch {
        await sleep(100 + Math.random() * 200);
      }
    }
  }

  private attach(ws: LeanWebSocket): void {
    this.ws = ws;
    this.connects++;
    ws.onclose = () => this.lost(ws);
    ws.onmessage = (data) => this.receive(data);
    if (ws.closed) return this.lost(ws);
    // "Send me everything": the answer says which clocks the server holds.
    this.send(syncMessage(STEP1, new Uint8Array([0])));
  }

  private lost(ws: LeanWebSocket): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.synced = false;
    if (!this.stopped) setTimeout(() => void this.connect(), 100 + Math.random() * 200);
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === STEP1) {
      // The server's state vector: answer with what it lacks of ours (all of it after a restart that lost it).
      this.send(syncMessage(STEP2, Y.encodeStateAsUpdate(this.doc, payload)));
      return;
    }
    readUpdateClocks(payload, (client, _from, to) => {
      if (to > (this.seen.get(client) ?? 0)) this.seen.set(client, to);
    });
    if (step === STEP2) this.synced = true;
  }

  private send(message: Uint8Array): void {
    if (this.ws && !this.ws.closed) this.ws.send(message);
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
    this.ws = null;
    this.doc.destroy();
  }
}

/** A real client per section, writing markers; it counts its connections. */
interface Writer {
  sectionId: string;
  client: CollabClient;
  markers: string[];
  connects: number;
}

let dataDir: string;
const cookies: string[] = [];
let server: ChildWorkspace | null = null;
let port = 0;
const typists: LeanTypist[] = [];
const writers: Writer[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('kill');
  // Kazakh members and leads: they draft their national section and the regional modules.
  const { cookies: signedIn } = await signedInPeopleOn(dataDir, [
    { role: 'member', group: 'KZ', name: 'Asel' },
    { role: 'member', group: 'KZ', name: 'Nurlan' },
    { role: 'lead', group: 'KZ', name: 'Gulnara' },
    { role: 'member', group: 'KZ', name: 'Timur' },
  ]);
  cookies.push(...signedIn);
});

afterAll(async () => {
  for (const typist of typists.splice(0)) typist.stop();
  try {
    closeAll(writers.splice(0).map((writer) => writer.client));
  } finally {
    const child = server;
    server = null;
    if (child) await stopWorkspace(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

async function startServer(): Promise<ChildWorkspace> {
  server = await spawnWorkspace(dataDir, port, { LOG: '0' });
  port = server.port;
  return server;
}

async function stopServer(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const child = server!;
  server = null;
  await stopWorkspace(child, signal);
}

/** Each section as the update log on disk holds it, read with SQLite directly (no server running). */
function storedDocs(): Map<string, Y.Doc> {
  return storedSections(dataDir, SECTIONS);
}

function stateVector(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** Per section, the highest clock of each Yjs client that any client of the section received from the server. */
function receivedFromServer(): Map<string, Map<number, number>> {
  const result = new Map(SECTIONS.map((sectionId) => [sectionId, new Map<number, number>()]));
  const note = (sectionId: string, client: number, clock: number) => {
    const seen = result.get(sectionId)!;
    if (clock > (seen.get(client) ?? 0)) seen.set(client, clock);
  };
  for (const typist of typists) {
    for (const [client, clock] of typist.seen) if (client !== typist.doc.clientID) note(typist.sectionId, client, clock);
  }
  for (const { sectionId, client } of writers) {
    for (const [id, clock] of stateVector(client.doc)) if (id !== client.doc.clientID) note(sectionId, id, clock);
  }
  return result;
}

/** Per section, every Yjs client that typed there and the clock it reached. */
function everythingTyped(): Map<string, Map<number, number>> {
  const result = new Map(SECTIONS.map((sectionId) => [sectionId, new Map<number, number>()]));
  for (const typist of typists) if (typist.clock > 0) result.get(typist.sectionId)!.set(typist.doc.clientID, typist.clock);
  for (const { sectionId, client } of writers) {
    const clock = Y.getState(client.doc.store, client.doc.clientID);
    if (clock > 0) result.get(sectionId)!.set(client.doc.clientID, clock);
  }
  return result;
}

/** The clients of `have` that are behind `need`, as "client: have/need". */
function behind(have: Map<number, number>, need: Map<number, number>, except: number | null = null): string[] {
  return [...need]
    .filter(([client, clock]) => client !== except && (have.get(client) ?? 0) < clock)
    .map(([client, clock]) => `${client}: ${have.get(client) ?? 0}/${clock}`);
}

/** Types at TYPING_RATE per lean client and a marker per writer now and then, until stopped. */
function startTyping(): () => void {
  const perTick = Math.max(1, Math.round((LEAN_CLIENTS * TYPING_RATE * TICK_MS) / 1000));
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) typists[Math.floor(Math.random() * typists.length)].type();
    for (const writer of writers) {
      if (Math.random() < 0.3) continue;
      const marker = `<${writer.sectionId}.${writer.markers.length}>`;
      writer.markers.push(marker);
      const notes = writer.client.doc.getText('notes');
      notes.insert(Math.random() < 0.5 ? 0 : notes.length, marker);
    }
  }, TICK_MS);
  return () => clearInterval(timer);
}

async function everybodyConnected(what: string): Promise<void> {
  await waitFor(
    () => typists.every((typist) => typist.synced) && writers.every((writer) => writer.client.provider.synced),
    `${what} (${typists.filter((t) => !t.synced).length} lean and ${writers.filter((w) => !w.client.provider.synced).length} real clients not synced)`,
    20_000,
  );
}

test(`${LEAN_CLIENTS} lean and ${SECTIONS.length} real clients typing through ${KILLS} kill -9s reconnect by themselves and lose nothing the server accepted, nor anything they typed`, async () => {
  await startServer();
  for (let n = 0; n < LEAN_CLIENTS; n++) {
    typists.push(new LeanTypist(n, SECTIONS[n % SECTIONS.length], cookies[n % cookies.length], () => port));
  }
  SECTIONS.forEach((sectionId, i) => {
    const client = connectCollab(server!.url, sectionId, cookies[i % cookies.length]);
    const writer: Writer = { sectionId, client, markers: [], connects: 0 };
    client.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') writer.connects++;
    });
    writers.push(writer);
  });
  // Connect in waves, as people arrive.
  for (let i = 0; i < typists.length; i += 25) await Promise.all(typists.slice(i, i + 25).map((typist) => typist.connect()));
  await Promise.all(writers.map((writer) => synced(writer.client, 10_000)));
  await everybodyConnected('every client to connect');

  const stopTyping = startTyping();
  try {
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(1200 + Math.random() * 600);
      await stopServer('SIGKILL');
      // Whatever the server sent before it died has been read by now; nothing more can come.
      await sleep(20);
      const received = receivedFromServer();
      const stored = storedDocs();
      let checked = 0;
      for (const sectionId of SECTIONS) {
        const doc = stored.get(sectionId)!;
        const lacking = behind(stateVector(doc), received.get(sectionId)!);
        expect({ kill, sectionId, lacking }).toEqual({ kill, sectionId, lacking: [] });
        expect(doc.store.pendingStructs).toBeNull();
        checked += [...received.get(sectionId)!.values()].reduce((sum, clock) => sum + clock, 0);
        doc.destroy();
      }
      // The log held something worth checking: what the clients had seen of each other.
      expect(checked).toBeGreaterThan(100);
      // The clients keep typing while the server is down; it comes back on the same port.
      await sleep(300);
      await startServer();
      await everybodyConnected(`every client to reconnect by itself after kill ${kill}`);
    }
  } finally {
    stopTyping();
  }

  // Every client reconnected by itself after every kill.
  for (const typist of typists) expect(typist.connects).toBeGreaterThanOrEqual(KILLS + 1);
  for (const writer of writers) expect(writer.connects).toBeGreaterThanOrEqual(KILLS + 1);

  // Every client ends with everything anybody typed in its section.
  const typed = everythingTyped();
  try {
    await waitFor(
      () =>
        typists.every((typist) => behind(typist.seen, typed.get(typist.sectionId)!, typist.doc.clientID).length === 0) &&
        writers.every((writer) => behind(stateVector(writer.client.doc), typed.get(writer.sectionId)!).length === 0),
      'every client to receive everything typed in its section',
      20_000,
    );
  } catch (error) {
    const lagging = typists.filter((typist) => behind(typist.seen, typed.get(typist.sectionId)!, typist.doc.clientID).length > 0);
    const example = lagging[0] ? behind(lagging[0].seen, typed.get(lagging[0].sectionId)!, lagging[0].doc.clientID) : [];
    throw new Error(`${(error as Error).message}: ${lagging.length} lean clients behind, e.g. ${example.slice(0, 5).join(', ')}`);
  }

  // The log holds exactly that: every client's clock, and each lean client's typing as one run.
  await stopServer('SIGTERM');
  const stored = storedDocs();
  let characters = 0;
  for (const sectionId of SECTIONS) {
    const doc = stored.get(sectionId)!;
    expect(Object.fromEntries(stateVector(doc))).toEqual(Object.fromEntries(typed.get(sectionId)!));
    const text = doc.getText(TEXT).toString();
    const mine = typists.filter((typist) => typist.sectionId === sectionId);
    expect(text.length).toBe(mine.reduce((sum, typist) => sum + typist.typed.length, 0));
    for (const typist of mine) {
      if (!text.includes(typist.typed)) throw new Error(`${sectionId}: lean client ${typist.n}'s typing is not whole in the stored text`);
    }
    characters += text.length;
    const writer = writers.find((w) => w.sectionId === sectionId)!;
    expect(writer.client.doc.getText(TEXT).toString()).toBe(text);
    expect(writer.client.doc.getText('notes').toString()).toBe(doc.getText('notes').toString());
    expect((doc.getText('notes').toString().match(/<[^>]+>/g) ?? []).sort()).toEqual([...writer.markers].sort());
    doc.destroy();
  }
  console.log(
    `${characters} characters typed by ${LEAN_CLIENTS} lean clients and ${writers.reduce((sum, w) => sum + w.markers.length, 0)} markers ` +
      `by ${writers.length} real ones through ${KILLS} kills: all stored, all received`,
  );
});

test('an update that cannot be stored is seen by nobody, not even someone who asks for the section in the same instant', async () => {
  const child = await startServer();
  const [sectionId, elsewhere] = SECTIONS;
  // An update of many small items, which takes the server a good while to apply: while it does,
  // the next two messages arrive, and are read in the same turn of its event loop.
  const busy = new Y.Doc();
  const busyText = busy.getText('notes');
  for (let i = 0; i < 20_000; i++) busyText.insert(Math.floor(Math.random() * (busyText.length + 1)), 'b');
  const slowUpdate = syncUpdateMessage(Y.encodeStateAsUpdate(busy));
  const db = new Database(databaseFile(dataDir));
  const seen: string[] = [];
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const author = await openRaw(child.url, sectionId, cookies[0]);
      const reader = await openRaw(child.url, sectionId, cookies[1]);
      const blocker = await openRaw(child.url, elsewhere, cookies[2]);
      // The disk is full from now on: every append fails.
      db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      const text = `unstorable ${attempt} `;
      blocker.send(slowUpdate);
      author.send(syncUpdateMessage(updateFrom(author.mirror, (doc) => doc.getText('notes').insert(0, text))));
      reader.send(syncStep1Message(reader.mirror));
      await Promise.race([reader.closed, sleep(5000)]);
      if (reader.mirror.getText('notes').toString().includes(text)) seen.push(text);
      db.exec('DROP TRIGGER disk_full');
      for (const raw of [author, reader, blocker]) raw.close();
    }
  } finally {
    db.close();
  }
  expect(seen).toEqual([]);
});
