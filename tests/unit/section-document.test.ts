/**
 * A section document in memory: what it stores and sends when several connections write in the
 * same turn of the event loop, and how a stored section is answered before it is built.
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../shared/collab-protocol';
import { type Peer, SectionDocument } from '../../server/documents/section-document';
import { UpdateLog } from '../../server/documents/update-log';
import { GroupCommit } from '../../server/documents/group-commit';
import { SectionDocuments } from '../../server/documents/section-documents';
import { type Db, openDatabase } from '../../server/db/client';
import { AuditLog } from '../../server/domain/audit';
import { People } from '../../server/domain/people';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import { tempDataDir } from '../support/workspace';

const SECTION = 'regional-3';
let dataDir: string;
let db: Db;
let log: UpdateLog;
const documents: SectionDocument[] = [];

beforeEach(async () => {
  dataDir = tempDataDir('section-document');
  db = openDatabase(dataDir);
  await ensureWorkspace(db, new People(db, new AuditLog(db), new WorkspaceEventBus()));
  log = new UpdateLog(db);
});
afterEach(() => {
  for (const document of documents.splice(0)) document.destroy();
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function open(sectionId = SECTION, commits?: GroupCommit, from: UpdateLog = log): SectionDocument {
  const document = new SectionDocument(sectionId, from, { compactAfterRows: 10_000, commits });
  documents.push(document);
  return document;
}

/** A connection that records the sync messages it is sent, decoded. */
class RecordingPeer implements Peer {
  readonly received: { step: number; payload: Uint8Array }[] = [];
  readonly doc = new Y.Doc();
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    this.received.push({ step, payload });
    if (step !== 0) Y.applyUpdate(this.doc, payload);
  }
  close(): void {}
  /** Types into its own doc and returns the update (as a provider would send it). */
  type(text: string): Uint8Array {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => (update = u);
    this.doc.once('update', capture);
    this.doc.getText('notes').insert(this.doc.getText('notes').length, text);
    return update!;
  }
  updates(): Uint8Array[] {
    return this.received.filter((m) => m.step === 2).map((m) => m.payload);
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const clientsIn = (update: Uint8Array) => [...Y.decodeUpdate(update).structs.map((s) => s.id.client)].sort();

test('writes of one turn are stored as one row, and each connection is sent the others’ in one message', async () => {
  const document = open();
  const [a, b, c, watcher] = [new RecordingPeer(), new RecordingPeer(), new RecordingPeer(), new RecordingPeer()];
  for (const peer of [a, b, c, watcher]) document.peers.add(peer);
  const rowsBefore = log.load(SECTION).rows;
  for (const peer of [a, b, c]) Y.applyUpdate(document.doc, peer.type(`from ${peer.doc.clientID} `), peer);
  // Nothing is sent before it is stored, and nothing is stored before the turn ends.
  expect(watcher.updates()).toHaveLength(0);
  expect(log.load(SECTION).rows).toBe(rowsBefore);
  await nextTurn();
  expect(log.load(SECTION).rows).toBe(rowsBefore + 1);
  expect(watcher.updates()).toHaveLength(1);
  expect(clientsIn(watcher.updates()[0])).toEqual([a, b, c].map((p) => p.doc.clientID).sort());
  for (const peer of [a, b, c]) {
    expect(peer.updates()).toHaveLength(1);
    expect(clientsIn(peer.updates()[0])).toEqual([a, b, c].filter((p) => p !== peer).map((p) => p.doc.clientID).sort());
  }
  const texts = [a, b, c, watcher].map((p) => p.doc.getText('notes').length);
  expect(new Set(texts).size).toBe(1);
});

test('a connection that wrote everything in the batch is sent nothing back', async () => {
  const document = open();
  const [writer, reader] = [new RecordingPeer(), new RecordingPeer()];
  document.peers.add(writer);
  document.peers.add(reader);
  Y.applyUpdate(document.doc, writer.type('one '), writer);
  Y.applyUpdate(document.doc, writer.type('two'), writer);
  await nextTurn();
  expect(writer.updates()).toHaveLength(0);
  expect(reader.updates()).toHaveLength(1);
  expect(reader.doc.getText('notes').toString()).toBe('one two');
});

test('with many writers in one batch, writers are sent the whole batch (their own part is ignored)', async () => {
  const document = open();
  const writers = Array.from({ length: 6 }, () => new RecordingPeer());
  for (const peer of writers) document.peers.add(peer);
  for (const peer of writers) Y.applyUpdate(document.doc, peer.type('x'), peer);
  await nextTurn();
  for (const peer of writers) {
    expect(peer.updates()).toHaveLength(1);
    expect(clientsIn(peer.updates()[0])).toHaveLength(6);
    expect(peer.doc.getText('notes').length).toBe(6);
  }
});

test('a lone section’s batch is committed without a transaction around it; several share one', async () => {
  let transactions = 0;
  const commits = new GroupCommit((work) => {
    transactions++;
    log.inTransaction(work);
  });
  const [alone, other] = ['regional-1', 'regional-2'].map((id) => open(id, commits));
  const writer = new RecordingPeer();
  alone.peers.add(writer);
  Y.applyUpdate(alone.doc, writer.type('alone'), writer);
  await nextTurn();
  expect(transactions).toBe(0);
  expect(log.load('regional-1').rows).toBe(1);
  const second = new RecordingPeer();
  other.peers.add(second);
  Y.applyUpdate(alone.doc, writer.type(' again'), writer);
  Y.applyUpdate(other.doc, second.type('together'), second);
  await nextTurn();
  expect(transactions).toBe(1);
  expect([log.load('regional-1').rows, log.load('regional-2').rows]).toEqual([2, 1]);
});

/** A connection whose every send takes `ms` of the event loop, as a system call to a slow socket would. */
class SlowPeer extends RecordingPeer {
  constructor(private readonly ms: number) {
    super();
  }
  override send(message: Uint8Array): void {
    const until = performance.now() + this.ms;
    while (performance.now() < until);
    super.send(message);
  }
}

test('a broadcast that took long makes the next batch wait as long, and what arrives meanwhile goes out as one', async () => {
  const document = open();
  const writer = new RecordingPeer();
  const crowd = Array.from({ length: 4 }, () => new SlowPeer(2));
  for (const peer of [writer, ...crowd]) document.peers.add(peer);
  Y.applyUpdate(document.doc, writer.type('a'), writer);
  await nextTurn();
  // Four sends of 2 ms: the broadcast took over 2 ms, so the next one rests about as long (8 ms).
  expect(crowd[0].updates()).toHaveLength(1);
  expect(document.broadcastDueIn()).toBeGreaterThan(0);
  Y.applyUpdate(document.doc, writer.type('b'), writer);
  await nextTurn();
  Y.applyUpdate(document.doc, writer.type('c'), writer);
  await nextTurn();
  expect(crowd[0].updates()).toHaveLength(1);
  for (let waited = 0; crowd[3].updates().length < 2 && waited < 2000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(crowd.map((peer) => peer.updates().length)).toEqual([2, 2, 2, 2]);
  expect(crowd[0].doc.getText('notes').toString()).toBe('abc');
  // Stored as one row before it was sent.
  expect(log.load(SECTION).rows).toBe(2);
});

test('a quick broadcast never makes the next one wait', async () => {
  const document = open();
  const [writer, watcher] = [new RecordingPeer(), new RecordingPeer()];
  for (const peer of [writer, watcher]) document.peers.add(peer);
  for (const letter of ['a', 'b', 'c']) {
    Y.applyUpdate(document.doc, writer.type(letter), writer);
    await nextTurn();
    expect(document.broadcastDueIn()).toBe(0);
  }
  expect(watcher.updates()).toHaveLength(3);
});

test('a change the server makes itself is stored before the call returns', () => {
  const document = open();
  const rowsBefore = log.load(SECTION).rows;
  document.doc.getText('notes').insert(0, 'restored text');
  expect(log.load(SECTION).rows).toBe(rowsBefore + 1);
});

test('a stored section answers a new reader with the stored bytes, reads it from a copy, and is built only when changed', async () => {
  const source = new Y.Doc();
  source.getText('notes').insert(0, 'Модуль 3. Реинтеграция возвращающихся мигрантов');
  const stored = Y.encodeStateAsUpdate(source);
  log.append(SECTION, stored);
  const documents = new SectionDocuments(log, { sectionIdleMs: 60_000, compactAfterRows: 10_000 });
  const document = documents.open(SECTION);
  const peer = new RecordingPeer();
  documents.join(document, peer);
  expect(document.applied).toBe(false);
  // No sync step 1 yet: our state vector is not known before the document is built.
  for (const message of document.greeting(peer)) peer.send(message);
  expect(peer.received).toHaveLength(0);
  const answer = document.stateFor(Y.encodeStateVector(peer.doc));
  expect(Buffer.from(answer).equals(Buffer.from(stored))).toBe(true);
  Y.applyUpdate(peer.doc, answer);
  await nextTurn();
  expect(document.applied).toBe(false);
  // What the server reads of it (a page's request, a dashboard row) comes from a copy.
  expect(documents.read(SECTION, (doc) => doc.getText('notes').toString())).toBe(source.getText('notes').toString());
  expect(document.applied).toBe(false);
  // The first change builds it, and the reader is sent the step 1 it was owed.
  const writer = new RecordingPeer();
  documents.join(document, writer);
  Y.applyUpdate(writer.doc, stored);
  Y.applyUpdate(document.doc, writer.type(' — draft'), writer);
  expect(document.applied).toBe(true);
  expect(peer.received.map((m) => m.step)).toEqual([0]);
  await nextTurn();
  expect(peer.doc.getText('notes').toString()).toBe(writer.doc.getText('notes').toString());
  documents.close();
});

test('a client that already holds part of the section makes the document build at once', () => {
  const source = new Y.Doc();
  source.getText('notes').insert(0, 'first part');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(source));
  source.getText('notes').insert(0, 'more ');
  log.append(SECTION, Y.encodeStateAsUpdate(source));
  const document = open();
  const answer = document.stateFor(Y.encodeStateVector(client));
  expect(document.applied).toBe(true);
  Y.applyUpdate(client, answer);
  expect(client.getText('notes').toString()).toBe('more first part');
});

test('sections written in the same turn are committed in one transaction, and sent only after it', async () => {
  let transactions = 0;
  const commits = new GroupCommit((work) => {
    transactions++;
    log.inTransaction(work);
  });
  const sections = ['regional-1', 'regional-2', 'regional-3'].map((id) => open(id, commits));
  const watchers = sections.map((document) => {
    const [writer, watcher] = [new RecordingPeer(), new RecordingPeer()];
    document.peers.add(writer);
    document.peers.add(watcher);
    Y.applyUpdate(document.doc, writer.type(`in ${document.sectionId}`), writer);
    return watcher;
  });
  expect(watchers.every((watcher) => watcher.updates().length === 0)).toBe(true);
  await nextTurn();
  expect(transactions).toBe(1);
  for (const [i, watcher] of watchers.entries()) {
    expect(watcher.doc.getText('notes').toString()).toBe(`in ${sections[i].sectionId}`);
    expect(log.load(sections[i].sectionId).rows).toBe(1);
  }
});

test('a group commit that keeps failing is seen by nobody, in any of its sections, and closes their connections', async () => {
  class FullDisk extends UpdateLog {
    override append(): number {
      throw new Error('disk full');
    }
  }
  const full = new FullDisk(db);
  const commits = new GroupCommit((work) => full.inTransaction(work));
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const sections = ['regional-4', 'regional-5'].map((id) => open(id, commits, full));
  const closed: string[] = [];
  const watchers = sections.map((document) => {
    const writer = new RecordingPeer();
    const watcher = new RecordingPeer();
    watcher.close = () => closed.push(document.sectionId);
    document.peers.add(writer);
    document.peers.add(watcher);
    Y.applyUpdate(document.doc, writer.type('lost'), writer);
    return watcher;
  });
  // The first fails; the second, which the failed transaction never reached, is tried again.
  await nextTurn();
  await nextTurn();
  quiet.mockRestore();
  expect(watchers.every((watcher) => watcher.updates().length === 0)).toBe(true);
  expect(sections.every((document) => document.broken)).toBe(true);
  expect(closed.sort()).toEqual(['regional-4', 'regional-5']);
  expect(sections.map((document) => log.load(document.sectionId).rows)).toEqual([0, 0]);
});

test('a section whose append fails in a group commit fails alone; the sections after it are committed on the next turn', async () => {
  class FailingFor extends UpdateLog {
    override append(sectionId: string, update: Uint8Array): number {
      if (sectionId === 'national-kz') throw new Error('disk full');
      return super.append(sectionId, update);
    }
  }
  const failing = new FailingFor(db);
  const commits = new GroupCommit((work) => failing.inTransaction(work));
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const [first, second] = ['national-kz', 'national-kg'].map((id) => open(id, commits, failing));
  const watchers = [first, second].map((document) => {
    const [writer, watcher] = [new RecordingPeer(), new RecordingPeer()];
    document.peers.add(writer);
    document.peers.add(watcher);
    Y.applyUpdate(document.doc, writer.type(`in ${document.sectionId}`), writer);
    return watcher;
  });
  await nextTurn();
  await nextTurn();
  quiet.mockRestore();
  expect(first.broken).toBe(true);
  expect(watchers[0].updates()).toHaveLength(0);
  expect(second.broken).toBe(false);
  expect(watchers[1].doc.getText('notes').toString()).toBe('in national-kg');
  expect(log.load('national-kg').rows).toBe(1);
});
