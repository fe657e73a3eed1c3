/**
 * The WAL checkpointer's thread: its own connection to the workspace database, copying what the
 * write-ahead log holds into the database file every few hundred milliseconds. Started by
 * `WalCheckpointer`; see there for why.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface CheckpointThreadSetup {
  file: string;
  intervalMs: number;
}

const { file, intervalMs } = workerData as CheckpointThreadSetup;
const sqlite = new Database(file);
sqlite.pragma('journal_mode = WAL');
// The same durability as the server's connection: the WAL is synced before its pages are copied.
sqlite.pragma('synchronous = NORMAL');
sqlite.pragma('busy_timeout = 5000');

const timer = setInterval(() => {
  // PASSIVE never waits for, nor blocks, the server's readers and writers.
  sqlite.pragma('wal_checkpoint(PASSIVE)');
}, intervalMs);

parentPort?.on('message', (message: 'close') => {
  if (message !== 'close') return;
  clearInterval(timer);
  sqlite.close();
  parentPort?.close();
});
