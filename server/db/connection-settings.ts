/**
 * The settings every connection to the workspace database runs with: the server's own and the
 * checkpointer thread's, so that both write and sync the log the same way.
 */
import type Database from 'better-sqlite3';

export function applyConnectionSettings(sqlite: Database.Database): void {
  // WAL: readers never block the writer. synchronous=NORMAL: a committed row survives a crash of
  // this process (kill -9); only a power loss can drop the last commits (see README, Durability).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}
