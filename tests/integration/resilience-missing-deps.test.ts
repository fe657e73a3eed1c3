/**
 * An update that depends on one the server never received (a lost message) must not leave the
 * server and the clients silently apart: the server notices the structs or deletions Yjs keeps
 * pending, asks the sender for what it lacks (a sync step 1, server/collab/connection.ts
 * requestMissing), and a real y-websocket provider answers, so that everyone converges.
 */
import * as decoding from 'lib0/decoding';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../shared/collab-protocol';
import { type CollabClient, connectCollab, synced, webSocketWith } from '../support/collab-client';
import { closeAll, onServer, waitForConvergence } from '../support/collab-state';
import { type RawClient, openRaw, syncUpdateMessage, updateFrom } from '../support/raw-socket';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const SYNC_STEP1 = 0;
const SYNC_UPDATE = 2;

let workspace: TestWorkspace;
let cookieA: string;
let cookieB: string;
const opened: (CollabClient | RawClient)[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const [a, b] = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Lossy Link'),
    addTestPerson(workspace, 'lead', 'KZ', 'Good Link'),
  ]);
  cookieA = await signIn(workspace.url, a.email, a.password);
  cookieB = await signIn(workspace.url, b.email, b.password);
});
afterEach(() => closeAll(opened.splice(0)));
afterAll(() => workspace.stop());

function syncKind(frame: Uint8Array): number | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
    return decoding.readVarUint(decoder);
  } catch {
    return null;
  }
}

/**
 * A provider whose link loses the next outgoing document update when told to, and which counts
 * the sync step 1 requests the server sends it.
 */
function lossyClient(sectionId: string) {
  const link = { dropNextUpdate: false, dropped: 0, step1Received: 0 };
  const Base = webSocketWith(cookieA, workspace.url);
  class LossySocket extends Base {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: ArrayBuffer | Buffer) => {
        const frame = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data);
        if (syncKind(frame) === SYNC_STEP1) link.step1Received++;
      });
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      if (link.dropNextUpdate && data instanceof Uint8Array && syncKind(data) === SYNC_UPDATE) {
        link.dropNextUpdate = false;
        link.dropped++;
        return;
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const client = connectCollab(workspace.url, sectionId, cookieA, { connect: false });
  // The provider's socket class (connectCollab's own carries cookie and Origin only).
  (client.provider as unknown as { _WS: unknown })._WS = LossySocket;
  client.provider.connect();
  opened.push(client);
  return { client, link };
}

test('a raw update whose predecessor never arrived is held back, and the server asks the sender for what it lacks', async () => {
  const sectionId = 'national-kz';
  const sender = await openRaw(workspace.url, sectionId, cookieA);
  opened.push(sender);
  const watcher = connectCollab(workspace.url, sectionId, cookieB);
  opened.push(watcher);
  await synced(watcher);

  // Two updates of one client; the second is typed after (so on top of) the first.
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(sender.mirror));
  const updates: Uint8Array[] = [];
  local.on('update', (update: Uint8Array) => updates.push(update));
  local.getText('notes').insert(0, 'first ');
  local.getText('notes').insert(6, 'second');
  expect(updates).toHaveLength(2);

  const framesBefore = sender.received.length;
  sender.send(syncUpdateMessage(updates[1]));
  await sender.barrier();
  // The server could not integrate it: Yjs holds it pending, nobody saw it, and the sender was asked.
  expect(onServer(workspace, sectionId, (doc) => doc.store.pendingStructs !== null)).toBe(true);
  expect(onServer(workspace, sectionId, (doc) => doc.getText('notes').toString())).toBe('');
  const asked = sender.received.slice(framesBefore).filter((frame) => syncKind(frame) === SYNC_STEP1);
  // One step 1 is the request for the missing update (the barrier's answer is a step 2).
  expect(asked.length).toBeGreaterThanOrEqual(1);
  expect(watcher.doc.getText('notes').toString()).toBe('');

  // The missing update arrives: both integrate at once, and reach the other client.
  sender.send(syncUpdateMessage(updates[0]));
  await waitFor(() => watcher.doc.getText('notes').toString() === 'first second', 'both updates at the watcher');
  expect(onServer(workspace, sectionId, (doc) => doc.store.pendingStructs)).toBeNull();
  local.destroy();
});

test('a provider that lost an update to the network gets it asked back, and every client converges', async () => {
  const sectionId = 'regional-4';
  const { client: lossy, link } = lossyClient(sectionId);
  const other = connectCollab(workspace.url, sectionId, cookieB);
  opened.push(other);
  await Promise.all([synced(lossy), synced(other)]);
  const stepsBefore = link.step1Received;

  const text = lossy.doc.getText('notes');
  link.dropNextUpdate = true;
  text.insert(0, 'lost on the way ');
  expect(link.dropped).toBe(1);
  // Typed on top of the lost text: depends on it.
  text.insert(text.length, 'and typed after');
  // The server asks, the provider answers with what the server lacks, and the gap closes.
  await waitFor(() => other.doc.getText('notes').toString() === 'lost on the way and typed after', 'the lost text at the other client');
  expect(link.step1Received).toBeGreaterThan(stepsBefore);
  await waitForConvergence(workspace, sectionId, [lossy, other]);
  expect(onServer(workspace, sectionId, (doc) => doc.store.pendingStructs)).toBeNull();
});

test('a lost insert followed by its deletion: the pending deletion is asked for and applied too', async () => {
  const sectionId = 'regional-5';
  const { client: lossy, link } = lossyClient(sectionId);
  const other = connectCollab(workspace.url, sectionId, cookieB);
  opened.push(other);
  await Promise.all([synced(lossy), synced(other)]);
  lossy.doc.getText('notes').insert(0, 'kept ');
  await waitFor(() => other.doc.getText('notes').toString() === 'kept ', 'the first text at the other client');

  const text = lossy.doc.getText('notes');
  link.dropNextUpdate = true;
  text.insert(5, 'ephemeral');
  expect(link.dropped).toBe(1);
  // The deletion refers to characters the server never got: Yjs keeps it pending (pendingDs).
  text.delete(5, 9);
  text.insert(5, 'and more');
  await waitFor(() => other.doc.getText('notes').toString() === 'kept and more', 'the final text at the other client');
  await waitForConvergence(workspace, sectionId, [lossy, other]);
  expect(onServer(workspace, sectionId, (doc) => doc.store.pendingDs)).toBeNull();
  expect(other.doc.getText('notes').toString()).not.toContain('ephemeral');
});

test("the author whose late update completes someone else's waiting edit is sent that edit too", async () => {
  const sectionId = 'regional-1';
  const author = await openRaw(workspace.url, sectionId, cookieA);
  const follower = await openRaw(workspace.url, sectionId, cookieB);
  opened.push(author, follower);
  // The author types offline; the follower got that text some other way and types after it.
  const authorDoc = new Y.Doc();
  Y.applyUpdate(authorDoc, Y.encodeStateAsUpdate(author.mirror));
  const early = updateFrom(authorDoc, (doc) => doc.getText('notes').insert(0, 'Agreed wording. '));
  Y.applyUpdate(authorDoc, early);
  const followerDoc = new Y.Doc();
  Y.applyUpdate(followerDoc, Y.encodeStateAsUpdate(authorDoc));
  const late = updateFrom(followerDoc, (doc) => doc.getText('notes').insert(16, 'Seconded.'));
  // The follower's edit reaches the server first: it waits for the author's.
  follower.send(syncUpdateMessage(late));
  await follower.barrier();
  expect(onServer(workspace, sectionId, (doc) => doc.store.pendingStructs !== null)).toBe(true);
  // The author's arrives: the server applies both as one change coming from the author, whose
  // own copy still lacks the follower's edit.
  author.send(syncUpdateMessage(early));
  await waitFor(() => author.mirror.getText('notes').toString() === 'Agreed wording. Seconded.', "the follower's edit at the author");
  expect(onServer(workspace, sectionId, (doc) => doc.getText('notes').toString())).toBe('Agreed wording. Seconded.');
});

test('what closed the gap is stored: a restarted server loads the converged text', async () => {
  const dataDir = workspace.dataDir;
  const port = workspace.server.port;
  await workspace.stop();
  workspace = await startTestWorkspace({ dataDir, port });
  expect(onServer(workspace, 'regional-4', (doc) => doc.getText('notes').toString())).toBe('lost on the way and typed after');
  expect(onServer(workspace, 'regional-5', (doc) => doc.getText('notes').toString())).toBe('kept and more');
  expect(onServer(workspace, 'national-kz', (doc) => doc.getText('notes').toString())).toBe('first second');
});
