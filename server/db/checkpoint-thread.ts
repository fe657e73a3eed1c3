/**
 * The WAL checkpointer's thread: its own connection to the workspace database, copying what the
 * write-ahead log holds into the database file every few hundred milliseconds. Started by
 * `WalCheckpointer`; see there for why.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { applyConnectionSettings } from './connection-settings';

/** How often the thread passes over the log, and how long a log (in pages) it starts over (see below). */
export interface CheckpointTiming {
  intervalMs: number;
  restartAfterPages: number;
}

export interface CheckpointThreadSetup extends CheckpointTiming {
  file: string;
}

const { file, intervalMs, restartAfterPages } = workerData as CheckpointThreadSetup;
const sqlite = new Database(file);
// The same durability as the server's connection: the WAL is synced before its pages are copied.
applyConnectionSettings(sqlite);
parentPort?.postMessage('ready' satisfies CheckpointThreadMessage);

/** What the thread tells the server: it runs, or a pass failed (and it goes on trying). */
export type CheckpointThreadMessage = 'ready' | { failed: string };

const timer = setInterval(() => {
  try {
    pass();
  } catch (error) {
    // A full disk, an I/O error: the log keeps everything committed, and the next pass tries again.
    parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) } satisfies CheckpointThreadMessage);
  }
}, intervalMs);

function pass(): void {
  // PASSIVE never waits for, nor blocks, the server's readers and writers.
  const [pass] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  // The log starts over from its beginning only when a commit finds every frame of it copied,
  // which under steady typing never happens: some commit always lands during a pass. Past
  // `restartAfterPages`, RESTART copies the few frames added since the pass above and holds
  // commits back (for about a millisecond) until it has, so the next commit starts the log over.
  // Without it the server's own connection would reach its backstop and checkpoint itself.
  if (pass.log >= restartAfterPages) sqlite.pragma('wal_checkpoint(RESTART)');
}

parentPort?.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  sqlite.close();
  parentPort?.close();
});
