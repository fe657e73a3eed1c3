/**
 * The section store under both transports: one copy of a section in memory, whoever asks for it
 * (a connection, a version read, a restore), and changes made on someone's behalf go the same way
 * as a connection's — stored before the call returns, sent to everyone connected, attributed.
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../shared/collab-protocol';
import { type Db, openDatabase } from '../../server/db/client';
import type { Peer } from '../../server/documents/section-document';
import { SectionDocuments } from '../../server/documents/section-documents';
import { UpdateLog } from '../../server/documents/update-log';
import { AuditLog } from '../../server/domain/audit';
import { People } from '../../server/domain/people';
import type { SectionStore } from '../../server/domain/section-store';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import { tempDataDir } from '../support/workspace';

const SECTION = 'regional-2';
let dataDir: string;
let db: Db;
let store: SectionDocuments;
const stored: { sectionId: string; personId: number | null }[] = [];
const authors: { clientId: number; personId: number }[] = [];

beforeEach(async () => {
  dataDir = tempDataDir('section-documents');
  db = openDatabase(dataDir);
  await ensureWorkspace(db, new People(db, new AuditLog(db), new WorkspaceEventBus()));
  stored.length = 0;
  authors.length = 0;
  store = new SectionDocuments(new UpdateLog(db), {
    sectionIdleMs: 20,
    compactAfterRows: 10_000,
    onStored: (sectionId, personId) => stored.push({ sectionId, personId }),
    onAuthor: (_sectionId, clientId, personId) => authors.push({ clientId, personId }),
  });
});
afterEach(() => {
  store.close();
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A connection that applies the updates it is sent to a Y.Doc of its own. */
class MirrorPeer implements Peer {
  readonly doc = new Y.Doc();
  send(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), this.doc, this);
  }
  close(): void {}
}

test('the domain reads and changes sections through the interface it owns, not the endpoint', () => {
  const domainView: SectionStore = store;
  domainView.change(SECTION, 7, (doc) => doc.getText('t').insert(0, 'restored text'));
  expect(domainView.read(SECTION, (doc) => doc.getText('t').toString())).toBe('restored text');
  expect(stored).toEqual([{ sectionId: SECTION, personId: 7 }]);
  expect(authors.map((author) => author.personId)).toEqual([7]);
});

test('a change on someone’s behalf is stored before the call returns', () => {
  store.change(SECTION, null, (doc) => doc.getText('t').insert(0, 'kept'));
  const fresh = new UpdateLog(db).load(SECTION);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fresh.update!);
  expect(doc.getText('t').toString()).toBe('kept');
  // The server acting for nobody names nobody as the author.
  expect(stored).toEqual([{ sectionId: SECTION, personId: null }]);
  expect(authors).toEqual([]);
});

test('a connection and the domain share one copy: a change reaches the connection at once', () => {
  const document = store.open(SECTION);
  const peer = new MirrorPeer();
  store.join(document, peer);
  store.change(SECTION, 3, (doc) => doc.getText('t').insert(0, 'live'));
  expect(peer.doc.getText('t').toString()).toBe('live');
  expect(store.open(SECTION)).toBe(document);
  expect(store.loaded).toBe(1);
});

test('reading a section nobody has open keeps nothing in memory; a changed one unloads once idle, a joined one stays', async () => {
  expect(store.read(SECTION, (doc) => doc.getText('t').length)).toBe(0);
  expect(store.loaded).toBe(0);
  store.change(SECTION, null, (doc) => doc.getText('t').insert(0, 'x'));
  const held = store.open('regional-3');
  store.join(held, new MirrorPeer());
  expect(store.loaded).toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect(store.loaded).toBe(1);
  expect(store.open('regional-3')).toBe(held);
  expect(store.read(SECTION, (doc) => doc.getText('t').toString())).toBe('x');
});
