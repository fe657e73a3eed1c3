/**
 * The WAL checkpointer: while its thread runs, the server's connection does not stop to checkpoint
 * after its commits, and the write-ahead log still reaches the database file; when the thread is
 * gone, the connection checkpoints on its own again.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { UpdateLog } from '../../server/documents/update-log';
import { WalCheckpointer } from '../../server/db/checkpointer';
import { type Db, databaseFile, openDatabase } from '../../server/db/client';
import { AuditLog } from '../../server/domain/audit';
import { People } from '../../server/domain/people';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import { tempDataDir, waitFor } from '../support/workspace';

let dataDir: string;
let db: Db;

beforeEach(async () => {
  dataDir = tempDataDir('checkpointer');
  db = openDatabase(dataDir);
  await ensureWorkspace(db, new People(db, new AuditLog(db), new WorkspaceEventBus()));
  // Start from a database file that holds everything written so far.
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const autocheckpointPages = () => db.$client.pragma('wal_autocheckpoint', { simple: true });
const fileSize = () => fs.statSync(databaseFile(dataDir)).size;

/** Appends ~`kib` KiB of real updates, one commit each, as the server does. */
function type(kib: number): void {
  const log = new UpdateLog(db);
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => log.append('national-kz', update));
  for (let i = 0; i < kib; i++) doc.getText('notes').insert(0, 'x'.repeat(1024));
}

test('while the thread runs, commits leave checkpoints to it, and the log still reaches the database file', async () => {
  const checkpointer = new WalCheckpointer(db, databaseFile(dataDir));
  try {
    expect(autocheckpointPages()).toBe(10_000);
    expect(await checkpointer.running).toBe(true);
    const before = fileSize();
    // ~6 MiB: past SQLite's default 1,000 pages, far below the server connection's own threshold.
    type(6 * 1024);
    await waitFor(() => fileSize() > before + 4 * 1024 * 1024, 'the checkpointer copied the log into the file', 10_000);
  } finally {
    await checkpointer.close();
  }
});

test('under commits without a pause, the thread still starts the log over, long before the backstop', async () => {
  // The server's timing scaled down (a pass every 20 ms, a restart past 1,000 pages), so that a test
  // typing as fast as it can still gives the thread many passes: the file size at the end is the
  // longest the log ever grew, and it depends on how often the thread ran, which is not the point.
  const checkpointer = new WalCheckpointer(db, databaseFile(dataDir), { intervalMs: 20, restartAfterPages: 1_000 });
  // No backstop: whatever keeps the log short here is the thread.
  db.$client.pragma('wal_autocheckpoint = 0');
  const wal = `${databaseFile(dataDir)}-wal`;
  try {
    expect(await checkpointer.running).toBe(true);
    // ~8,000 commits back to back: ~90 MiB of log (measured) if it never started over.
    type(8 * 1024);
    // Started over past 1,000 pages (4 MiB), plus what arrives between passes.
    expect(fs.statSync(wal).size).toBeLessThan(16 * 1024 * 1024);
  } finally {
    await checkpointer.close();
  }
});

test('without its thread, nothing reaches the database file until the connection checkpoints itself', () => {
  db.$client.pragma('wal_autocheckpoint = 10000');
  const before = fileSize();
  type(1024);
  expect(fileSize()).toBe(before);
});

test('when the thread cannot run, the server connection checkpoints on its own again', async () => {
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const checkpointer = new WalCheckpointer(db, path.join(dataDir, 'no-such-dir', 'workspace.sqlite'));
  try {
    await waitFor(() => autocheckpointPages() === 1_000, 'the connection took checkpoints back', 10_000);
    expect(quiet.mock.calls.some(([line]) => String(line).includes('the WAL checkpointer stopped'))).toBe(true);
  } finally {
    quiet.mockRestore();
    await checkpointer.close();
  }
});

test('a thread that stops is started again, and the connection hands checkpoints back to it', async () => {
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const checkpointer = new WalCheckpointer(db, databaseFile(dataDir));
  try {
    expect(await checkpointer.running).toBe(true);
    expect(autocheckpointPages()).toBe(10_000);
    checkpointer.crashForTest();
    await waitFor(() => !checkpointer.active, 'the thread to stop');
    expect(autocheckpointPages()).toBe(1_000);
    // The first restart comes after a second.
    await waitFor(() => checkpointer.active && autocheckpointPages() === 10_000, 'the thread to run again', 5_000);
    expect(quiet.mock.calls.some(([line]) => /restarts in 1 s/.test(String(line)))).toBe(true);
    type(256);
    await waitFor(() => fileSize() > 256 * 1024, 'the restarted thread to copy the log into the file', 5_000);
  } finally {
    quiet.mockRestore();
    await checkpointer.close();
  }
});

test('close stops the thread quietly', async () => {
  const errors = jest.spyOn(console, 'error');
  const checkpointer = new WalCheckpointer(db, databaseFile(dataDir));
  await checkpointer.close();
  await checkpointer.close();
  expect(errors).not.toHaveBeenCalled();
  errors.mockRestore();
});
