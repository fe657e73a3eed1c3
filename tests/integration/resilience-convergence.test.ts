/**
 * A seeded property test of the collab endpoint under failure: four real y-websocket clients edit
 * one section (the text `notes` and the ProseMirror fragment) while, at random steps, a client
 * goes offline or comes back and the server is killed (SIGKILL or SIGTERM) and restarted on the
 * same port and data directory, so that the clients reconnect by themselves.
 *
 * Two properties:
 * - nothing acknowledged is lost: whenever the server dies, its update log on disk holds every
 *   transaction any client had received from another (what the server relayed, it had stored);
 * - convergence without loss: at the end every client, the log, and a server restarted once more
 *   hold exactly the merge of every transaction every client made, online or offline. Every
 *   transaction inserts a marker no one deletes, so a lost one shows by name; deletions touch only
 *   throwaway text (lower-case letters and "junk" paragraphs).
 *
 * The seed is printed; RESILIENCE_SEED=<n> replays a run. RESILIENCE_LONG=1 (`npm run bench --
 * --resilience`) runs five seeds of many more steps.
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../shared/collab-protocol';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, storedSections } from '../support/collab-state';
import { openRaw, seededRandom, syncUpdateMessage } from '../support/raw-socket';
import {
  type ChildWorkspace,
  signedInPeopleOn,
  spawnWorkspace,
  stopWorkspace,
  tempDataDir,
  waitFor,
} from '../support/workspace';

const LONG = process.env.RESILIENCE_LONG === '1';
const FIRST_SEED = Number(process.env.RESILIENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** A given seed replays that run alone; the long mode runs the seeds after it too. */
const SEEDS = Array.from({ length: LONG ? 5 : 1 }, (_, i) => FIRST_SEED + i);
const STEPS = Number(process.env.RESILIENCE_STEPS ?? (LONG ? 1000 : 300));
const CLIENTS = 4;
/** Sections the Kazakh group edits: each seed has one of its own, the known-bug test the last. */
const SECTIONS = ['national-kz', 'regional-1', 'regional-2', 'regional-3', 'regional-4', 'regional-5'];

// One seed takes about 50 s on the 2-core machine: 120 s leaves room for a loaded CI run.
jest.setTimeout(LONG ? 600_000 : 120_000);

let dataDir: string;
const cookies: string[] = [];
let server: ChildWorkspace | null = null;
const clients: CollabClient[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('convergence');
  const { cookies: signedIn } = await signedInPeopleOn(dataDir, [
    { role: 'member', group: 'KZ', name: 'Aigerim' },
    { role: 'lead', group: 'KZ', name: 'Bolat' },
    { role: 'member', group: 'KZ', name: 'Dana' },
    { role: 'member', group: 'KZ', name: 'Yerlan' },
  ]);
  cookies.push(...signedIn);
});

afterEach(async () => {
  try {
    closeAll(clients.splice(0));
  } finally {
    await stopServer('SIGKILL');
  }
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function startServer(port: number): Promise<ChildWorkspace> {
  server = await spawnWorkspace(dataDir, port, { LOG: '0' });
  return server;
}

async function stopServer(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const child = server;
  server = null;
  if (child) await stopWorkspace(child, signal);
}

/** The section as the update log on disk holds it, read with SQLite directly (no server running). */
function storedDoc(sectionId: string): Y.Doc {
  return storedSections(dataDir, [sectionId]).get(sectionId)!;
}

/** Whether `doc` holds everything `part` holds: merging `part` in changes neither its structs nor its deletions. */
function holds(doc: Y.Doc, part: Y.Doc): boolean {
  const merged = new Y.Doc();
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(doc));
  const before = Y.snapshot(merged);
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(part));
  const same = Y.equalSnapshots(before, Y.snapshot(merged));
  merged.destroy();
  return same;
}

function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** One client's own transactions, with the clock its Yjs client reached after each. */
interface Typist {
  client: CollabClient;
  transactions: { update: Uint8Array; clockAfter: number }[];
  markers: string[];
}

const MARKERS = /<\d+\.\d+>/g;
const HAS_MARKER = /<\d+\.\d+>/;

/** Indexes of `text` where an insert cannot split a marker (never strictly inside `<...>`). */
function boundaries(text: string): number[] {
  const result: number[] = [];
  let inside = false;
  for (let i = 0; i <= text.length; i++) {
    if (!inside) result.push(i);
    if (text[i] === '<') inside = true;
    else if (text[i] === '>') inside = false;
  }
  return result;
}

/** Maximal runs of throwaway letters, as [start, end). */
function junkRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  for (const match of text.matchAll(/[a-z]+/g)) runs.push([match.index, match.index + match[0].length]);
  return runs;
}

function paragraph(content: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(content)]);
  return element;
}

/** The markers a document holds, in the text and in the fragment, sorted. */
function markersIn(doc: Y.Doc): string[] {
  const text = doc.getText('notes').toString() + doc.getXmlFragment('prosemirror').toString();
  return (text.match(MARKERS) ?? []).sort();
}

/**
 * One random edit by `typist`, as one Yjs transaction that always inserts a new marker (so that it
 * advances the client's clock: another client having this clock has the whole transaction), and
 * sometimes also deletes throwaway text or a junk paragraph.
 */
function edit(typist: Typist, index: number, random: () => number): void {
  const { doc } = typist.client;
  const text = doc.getText('notes');
  const fragment = doc.getXmlFragment('prosemirror');
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const junk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
  const marker = `<${index}.${typist.markers.length}>`;
  typist.markers.push(marker);
  doc.transact(() => {
    const kind = random();
    if (kind < 0.55) {
      if (random() < 0.4) {
        const runs = junkRuns(text.toString());
        if (runs.length > 0) {
          const [start, end] = pick(runs);
          const from = start + Math.floor(random() * (end - start));
          text.delete(from, 1 + Math.floor(random() * (end - from)));
        }
      }
      text.insert(pick(boundaries(text.toString())), marker + junk(Math.floor(random() * 8)));
    } else {
      if (random() < 0.4) {
        const junkParagraphs = fragment
          .toArray()
          .map((node, i) => ({ node, i }))
          .filter(({ node }) => node instanceof Y.XmlElement && !HAS_MARKER.test(node.toString()));
        if (junkParagraphs.length > 0) fragment.delete(pick(junkParagraphs).i, 1);
      }
      const nodes = [paragraph(marker)];
      if (random() < 0.5) nodes.push(paragraph(junk(3)));
      fragment.insert(Math.floor(random() * (fragment.length + 1)), nodes);
    }
  });
}

/** Every transaction of `typists` that some other client had received: what the server must have stored. */
function acknowledged(typists: Typist[]): Y.Doc {
  const seen = new Map<number, number>();
  for (const { client } of typists) {
    for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(client.doc))) {
      if (clientId !== client.doc.clientID) seen.set(clientId, Math.max(seen.get(clientId) ?? 0, clock));
    }
  }
  const doc = new Y.Doc();
  const updates = typists.flatMap(({ client, transactions }) =>
    transactions.filter((t) => t.clockAfter <= (seen.get(client.doc.clientID) ?? 0)).map((t) => t.update),
  );
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

/** Waits until every client that means to be online is connected and synced. */
function reconnected(typists: Typist[]): Promise<void> {
  return waitFor(
    () => typists.every(({ client }) => !client.provider.shouldConnect || client.provider.synced),
    'the clients to reconnect by themselves',
    10_000,
  );
}

/**
 * Once the server has died: the log on disk holds every transaction some client had received from
 * another. Returns how many characters and paragraphs that covered.
 */
async function checkLogAfterDeath(sectionId: string, typists: Typist[], when: string): Promise<number> {
  // Whatever the server sent before it died has been read by now; nothing more can come.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const stored = storedDoc(sectionId);
  const mustHave = acknowledged(typists);
  if (!holds(stored, mustHave)) {
    const missing = markersIn(mustHave).filter((marker) => !markersIn(stored).includes(marker));
    throw new Error(`${when}: the log lacks transactions that clients had received from the server (markers: ${missing.join(' ') || 'none, deletions only'})`);
  }
  expect(stored.store.pendingStructs).toBeNull();
  expect(stored.store.pendingDs).toBeNull();
  return mustHave.getText('notes').length + mustHave.getXmlFragment('prosemirror').length;
}

/** Waits until every client holds `everything`; on timeout, says which markers each one lacks. */
async function converged(typists: Typist[], everything: Y.Doc, output: () => string): Promise<void> {
  try {
    await waitFor(
      () => typists.every(({ client }) => client.provider.synced && sameState(client.doc, everything)),
      'every client to hold everything anybody typed',
      20_000,
    );
  } catch (error) {
    const all = markersIn(everything);
    const lacking = typists.map(({ client }, i) => {
      const have = markersIn(client.doc);
      return `client ${i} (${client.provider.synced ? 'synced' : 'not synced'}) lacks ${all.filter((m) => !have.includes(m)).join(' ') || 'no marker'}`;
    });
    throw new Error(`${(error as Error).message}:\n${lacking.join('\n')}\nserver output:\n${output().slice(-2000)}`);
  }
}

async function runSeed(seed: number, sectionId: string): Promise<void> {
  const random = seededRandom(seed);
  let child = await startServer(0);
  const port = child.port;

  // Everything anybody typed, merged: what every copy must end with.
  const everything = new Y.Doc();
  const typists: Typist[] = cookies.slice(0, CLIENTS).map((cookie) => {
    const client = connectCollab(child.url, sectionId, cookie);
    clients.push(client);
    const typist: Typist = { client, transactions: [], markers: [] };
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === client.provider) return;
      typist.transactions.push({ update, clockAfter: Y.getState(client.doc.store, client.doc.clientID) });
      Y.applyUpdate(everything, update);
    });
    return typist;
  });
  await Promise.all(typists.map(({ client }) => synced(client, 10_000)));
  // What the section held before (nothing so far: each seed has a section of its own).
  Y.applyUpdate(everything, Y.encodeStateAsUpdate(typists[0].client.doc));

  const tally = { edits: 0, offlineEdits: 0, disconnects: 0, reconnects: 0, kills: 0, terms: 0, acknowledgedChecked: 0 };
  let up = true;
  for (let step = 0; step < STEPS; step++) {
    const roll = random();
    const index = Math.floor(random() * typists.length);
    const typist = typists[index];
    const provider = typist.client.provider;
    // Every run sees the server die at least once: half-way at the latest.
    const mustDie = up && step >= STEPS >> 1 && tally.kills + tally.terms === 0;
    if (mustDie || (up && roll >= 0.88 && random() < 0.25)) {
      // Mid-flight: some updates are on their way to the server, some on their way back.
      const signal = random() < 0.65 ? 'SIGKILL' : 'SIGTERM';
      await stopServer(signal);
      tally[signal === 'SIGKILL' ? 'kills' : 'terms']++;
      up = false;
      tally.acknowledgedChecked += await checkLogAfterDeath(sectionId, typists, `step ${step}, ${signal}`);
    } else if (roll < 0.7) {
      edit(typist, index, random);
      tally.edits++;
      if (!up || !provider.wsconnected) tally.offlineEdits++;
    } else if (roll < 0.75) {
      if (provider.shouldConnect) {
        provider.disconnect();
        tally.disconnects++;
      }
    } else if (roll < 0.88) {
      if (!provider.shouldConnect) {
        provider.connect();
        tally.reconnects++;
      }
    } else if (!up) {
      child = await startServer(port);
      up = true;
      // Mostly let the clients reconnect first (they back off up to 500 ms); sometimes type at once.
      if (random() < 0.7) await reconnected(typists);
    }
    // Let the network run: mostly a turn of the event loop, sometimes long enough for a round trip.
    await new Promise((resolve) => (random() < 0.8 ? setImmediate(resolve) : setTimeout(resolve, Math.floor(random() * 25))));
  }

  // Everybody back online; the clients reconnect and exchange what the others lack.
  if (!up) child = await startServer(port);
  for (const { client } of typists) if (!client.provider.shouldConnect) client.provider.connect();
  await converged(typists, everything, child.output);
  console.log(`seed ${seed}: ${JSON.stringify(tally)}`);
  const expectedText = everything.getText('notes').toString();
  const expectedFragment = everything.getXmlFragment('prosemirror').toString();
  const allMarkers = typists.flatMap((t) => t.markers).sort();
  expect(markersIn(everything)).toEqual(allMarkers);
  for (const { client } of typists) {
    expect(client.doc.getText('notes').toString()).toBe(expectedText);
    expect(client.doc.getXmlFragment('prosemirror').toString()).toBe(expectedFragment);
  }
  // The run did what it is meant to: the server died and came back, and clients typed offline.
  expect(tally.kills + tally.terms).toBeGreaterThan(0);
  expect(tally.offlineEdits).toBeGreaterThan(0);

  // The log holds exactly that; so does a server restarted on it, for someone who opens it afresh.
  closeAll(clients.splice(0));
  await stopServer('SIGTERM');
  const stored = storedDoc(sectionId);
  expect(sameState(stored, everything)).toBe(true);
  expect(markersIn(stored)).toEqual(allMarkers);
  child = await startServer(port);
  const reader = connectCollab(child.url, sectionId, cookies[0]);
  clients.push(reader);
  await synced(reader, 10_000);
  expect(sameState(reader.doc, everything)).toBe(true);
  expect(reader.doc.getText('notes').toString()).toBe(expectedText);
  expect(reader.doc.getXmlFragment('prosemirror').toString()).toBe(expectedFragment);
}

describe.each(SEEDS.map((seed, i) => [seed, SECTIONS[i % (SECTIONS.length - 1)]] as const))('seed %i on %s', (seed, sectionId) => {
  test('clients that go offline and a server that is killed and restarted lose nothing and converge', async () => {
    console.log(`convergence seed ${seed} (replay with RESILIENCE_SEED=${seed})`);
    try {
      await runSeed(seed, sectionId);
    } catch (error) {
      if (error instanceof Error) error.message = `[RESILIENCE_SEED=${seed}] ${error.message}`;
      throw error;
    }
  });
});

test('a client that drops off leaving an edit whose dependency never arrived does not set the others talking in circles', async () => {
  const child = await startServer(0);
  const sectionId = SECTIONS[SECTIONS.length - 1];
  const bystander = connectCollab(child.url, sectionId, cookies[0]);
  clients.push(bystander);
  await synced(bystander);
  let step1s = 0;
  const handleSync = bystander.provider.messageHandlers[MESSAGE_SYNC];
  bystander.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
    if (decoding.peekVarUint(decoder) === 0) step1s++;
    handleSync(encoder, decoder, ...rest);
  };

  // An editor types offline, reconnects, types on, and drops off again before its sync completes:
  // the server got the second edit, never the first it depends on.
  const offline = new Y.Doc();
  const text = offline.getText('notes');
  text.insert(0, 'typed offline, ');
  const before = Y.encodeStateVector(offline);
  text.insert(text.length, 'typed after reconnecting');
  const editor = await openRaw(child.url, sectionId, cookies[1]);
  editor.send(syncUpdateMessage(Y.encodeStateAsUpdate(offline, before)));
  await editor.barrier();
  editor.close();

  bystander.doc.getText('notes').insert(0, 'one keystroke ');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // One step 1 for the keystroke would be generous; the bug gives thousands.
  expect(step1s).toBeLessThan(20);
});
