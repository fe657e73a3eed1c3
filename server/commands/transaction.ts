/**
 * A command's writes as one SQLite transaction, and its announcements after the commit.
 *
 * `BEGIN IMMEDIATE`: the write lock is taken before the first read, so what a command reads to
 * decide (is the section in review? is the e-mail taken?) cannot change under it, not even from
 * another process (the admin CLI) on the same file. Every service shares the one better-sqlite3
 * connection, so their statements join this transaction (their own `db.transaction` calls become
 * savepoints), and if anything throws, all of it is rolled back: no change without its audit row,
 * no audit row without its change.
 *
 * Events the services emit meanwhile are held and emitted, in order, once the transaction has
 * committed; if it rolls back they are dropped. So a listener (realtime, collab) never acts on a
 * change that was not stored, and always reads it stored.
 *
 * The work must be synchronous (better-sqlite3 refuses a promise): hash passwords, and read
 * section texts (which stores their pending keystrokes, broadcast as soon as stored), before.
 */
import type { Db } from '../db/client';
import type { WorkspaceEventBus } from '../events';

export function inTransaction<T>(context: { db: Db; events: WorkspaceEventBus }, work: () => T): T {
  const { db, events } = context;
  // A command run inside another's transaction is part of it: the outer one holds the events.
  if (db.$client.inTransaction) return work();
  return events.holding(() => db.$client.transaction(work).immediate());
}
