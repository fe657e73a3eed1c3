/**
 * A real editing session (josephg/editing-traces "friendsforever", 26,078 transactions) typed
 * through one y-websocket client: every other client, the server, the update log and a restarted
 * server all end with exactly the trace's final text.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import type * as Y from 'yjs';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, logRows, onServer } from '../support/collab-state';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const TRACE = path.resolve(__dirname, '../../../shared/data/editing-traces/friendsforever-flat.json.gz');
const SECTION = 'regional-2';
const COMPACT_AFTER_ROWS = 5000;

interface Trace {
  startContent?: string;
  endContent: string;
  /** Patches are [position, characters to delete, text to insert], counted in code points. */
  txns: { patches: [number, number, string][] }[];
}

/**
 * Y.Text counts UTF-16 code units, the trace counts code points: converts a code-point position
 * (identity while the text holds no astral characters, which is checked as it grows).
 */
function replayInto(text: Y.Text, txns: Trace['txns']): void {
  let astral = false;
  const units = (from: number, codePoints: number): number => {
    if (!astral) return codePoints;
    const s = text.toString();
    let at = from;
    for (let cp = 0; cp < codePoints && at < s.length; cp++) at += s.codePointAt(at)! > 0xffff ? 2 : 1;
    return at - from;
  };
  for (const txn of txns) {
    text.doc!.transact(() => {
      for (const [position, deleteCount, insert] of txn.patches) {
        const at = units(0, position);
        if (deleteCount > 0) text.delete(at, units(at, deleteCount));
        if (insert) {
          if (/[\uD800-\uDFFF]/.test(insert)) astral = true;
          text.insert(at, insert);
        }
      }
    });
  }
}

let workspace: TestWorkspace;
let cookie: string;
const clients: CollabClient[] = [];
const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(TRACE)).toString('utf8')) as Trace;

beforeAll(async () => {
  workspace = await startTestWorkspace({ compactAfterRows: COMPACT_AFTER_ROWS });
  const member = await addTestPerson(workspace, 'member', 'TM');
  cookie = await signIn(workspace.url, member.email, member.password);
});
afterAll(async () => {
  try {
    closeAll(clients.splice(0));
  } finally {
    await workspace.stop();
  }
});

function connect(): CollabClient {
  const client = connectCollab(workspace.url, SECTION, cookie);
  clients.push(client);
  return client;
}

test('a 26,000-transaction editing trace typed by one client arrives exactly at another, and survives a restart', async () => {
  expect(trace.txns.length).toBe(26_078);
  const writer = connect();
  const reader = connect();
  await Promise.all([synced(writer), synced(reader)]);
  const text = writer.doc.getText('trace');
  if (trace.startContent) text.insert(0, trace.startContent);

  // One Yjs transaction, so one update message, per trace transaction; the event loop gets a
  // turn every few hundred of them so that sending and storing run alongside typing.
  let updates = 0;
  writer.doc.on('update', () => updates++);
  for (let from = 0; from < trace.txns.length; from += 500) {
    replayInto(text, trace.txns.slice(from, from + 500));
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(text.toString()).toBe(trace.endContent);
  expect(updates).toBe(trace.txns.length);

  await waitFor(() => reader.doc.getText('trace').length === trace.endContent.length, 'the reader to catch up', 90_000);
  await waitFor(
    () => reader.doc.getText('trace').toString() === trace.endContent,
    'the reader to hold the final text',
    5000,
  );
  expect(onServer(workspace, SECTION, (doc) => doc.getText('trace').toString())).toBe(trace.endContent);
  // While the section is open, the log is merged once it passes COMPACT_AFTER_ROWS rows (right
  // after the batch of messages that passed it: one socket read can hold hundreds).
  await waitFor(() => logRows(workspace, SECTION) <= COMPACT_AFTER_ROWS + 1, 'the log to be merged while open', 2000);

  closeAll(clients.splice(0));
  const { dataDir } = workspace;
  await workspace.stop();
  // Closing the server merged the section's log into one row.
  const file = new Database(path.join(dataDir, 'workspace.sqlite'), { readonly: true });
  const rows = file.prepare('SELECT count(*) AS n FROM doc_updates WHERE section_id = ?').get(SECTION) as { n: number };
  file.close();
  expect(rows.n).toBe(1);

  workspace = await startTestWorkspace({ dataDir, compactAfterRows: COMPACT_AFTER_ROWS });
  const fresh = connect();
  await synced(fresh);
  expect(fresh.doc.getText('trace').toString()).toBe(trace.endContent);
  expect(logRows(workspace, SECTION)).toBe(1);
}, 120_000);
