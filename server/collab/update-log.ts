/**
 * The durable update log of section documents. Every accepted Yjs update is appended as one row
 * before it is broadcast; when a section's log grows, its rows are replaced by one merged row.
 * better-sqlite3 is synchronous, so "appended" means committed to the WAL when `append` returns.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client';
import { docUpdates } from '../db/schema';

export interface StoredLog {
  /** All rows merged into one update, or null for a section nobody has written yet. */
  update: Uint8Array | null;
  rows: number;
  lastSeq: number;
}

export class UpdateLog {
  private readonly insert;
  private readonly selectRows;

  constructor(private readonly db: Db) {
    this.insert = db
      .insert(docUpdates)
      .values({
        sectionId: sql.placeholder('sectionId'),
        update: sql.placeholder('update'),
        createdAt: sql.placeholder('createdAt'),
      })
      .returning({ seq: docUpdates.seq })
      .prepare();
    this.selectRows = db
      .select({ seq: docUpdates.seq, update: docUpdates.update })
      .from(docUpdates)
      .where(eq(docUpdates.sectionId, sql.placeholder('sectionId')))
      .orderBy(asc(docUpdates.seq))
      .prepare();
  }

  /** Reads a section's rows and merges them, so that loading applies one update once. */
  load(sectionId: string): StoredLog {
    const rows = this.selectRows.all({ sectionId });
    if (rows.length === 0) return { update: null, rows: 0, lastSeq: 0 };
    const updates = rows.map((row) => new Uint8Array(row.update));
    return {
      update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates),
      rows: rows.length,
      lastSeq: rows[rows.length - 1].seq,
    };
  }

  /** Appends one accepted update; returns its sequence number once it is committed. */
  append(sectionId: string, update: Uint8Array): number {
    const row = this.insert.get({
      sectionId,
      update: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      createdAt: new Date(),
    });
    return row!.seq;
  }

  /**
   * Replaces the rows up to `throughSeq` by `state`, which must contain all of them. One
   * transaction: a crash leaves either the old rows or the merged row, never neither.
   */
  compact(sectionId: string, state: Uint8Array, throughSeq: number): void {
    this.db.transaction((tx) => {
      tx.delete(docUpdates)
        .where(and(eq(docUpdates.sectionId, sectionId), lte(docUpdates.seq, throughSeq)))
        .run();
      tx.insert(docUpdates)
        .values({
          sectionId,
          update: Buffer.from(state.buffer, state.byteOffset, state.byteLength),
          createdAt: new Date(),
        })
        .run();
    });
  }
}
