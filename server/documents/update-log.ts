/**
 * The durable update log of section documents. Every accepted Yjs update is appended as one row
 * before it is broadcast; when a document's log grows, its rows are replaced by one merged row.
 * better-sqlite3 is synchronous, so "appended" means committed to the WAL when `append` returns.
 *
 * A document is named by its key (`shared/languages.ts`): the section id for the source language's
 * document, `<sectionId>/<lang>` for a translation (#19). Rows carry the section and the language
 * apart (`lang` '' for the source), so the source's rows and queries are what they were before
 * language versions, and every statement filters on both.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client';
import { docUpdates } from '../db/schema';
import { parseDocumentKey } from '../../shared/languages';

export interface StoredLog {
  /** All rows merged into one update, or null for a section nobody has written yet. */
  update: Uint8Array | null;
  rows: number;
  lastSeq: number;
  /** Whether every row matched the checksum it was written with (rows from before checksums: false). */
  checked: boolean;
}

/** A row whose bytes are not what was written: the disk or someone outside the server changed it. */
export class DamagedUpdateError extends Error {
  constructor(key: string, seq: number) {
    super(`the stored update ${seq} of ${key} does not match its checksum`);
  }
}

function checksumOf(update: Uint8Array): string {
  return crypto.createHash('sha256').update(update).digest('hex');
}

function asBuffer(update: Uint8Array): Buffer {
  return Buffer.from(update.buffer, update.byteOffset, update.byteLength);
}

export class UpdateLog {
  private readonly insert: Database.Statement<[string, string, Buffer, string, number]>;
  private readonly selectRows;

  constructor(private readonly db: Db) {
    // The one statement on the path of every keystroke, so it skips drizzle's mapping (~10 µs of
    // a 50 µs commit). No RETURNING: better-sqlite3 reads a RETURNING row with get(), which resets
    // the statement before SQLite's commit hook runs, so the WAL was never checkpointed by appends
    // and the next other write paid for all of them at once. The row id is the seq.
    this.insert = db.$client.prepare<[string, string, Buffer, string, number]>(
      'INSERT INTO doc_updates (section_id, lang, "update", checksum, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectRows = db
      .select({ seq: docUpdates.seq, update: docUpdates.update, checksum: docUpdates.checksum })
      .from(docUpdates)
      .where(and(eq(docUpdates.sectionId, sql.placeholder('sectionId')), eq(docUpdates.lang, sql.placeholder('lang'))))
      .orderBy(asc(docUpdates.seq))
      .prepare();
  }

  /**
   * Reads a document's rows, checks each against its checksum, and merges them, so that loading
   * applies one update once.
   */
  load(key: string): StoredLog {
    const rows = this.selectRows.all(parseDocumentKey(key));
    if (rows.length === 0) return { update: null, rows: 0, lastSeq: 0, checked: true };
    let checked = true;
    for (const row of rows) {
      if (row.checksum === null) checked = false;
      else if (row.checksum !== checksumOf(row.update)) throw new DamagedUpdateError(key, row.seq);
    }
    const updates = rows.map((row) => new Uint8Array(row.update));
    return {
      update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates),
      rows: rows.length,
      lastSeq: rows[rows.length - 1].seq,
      checked,
    };
  }

  /** Appends one accepted update; returns its sequence number once it is committed. */
  append(key: string, update: Uint8Array): number {
    const { sectionId, lang } = parseDocumentKey(key);
    const result = this.insert.run(sectionId, lang, asBuffer(update), checksumOf(update), Date.now());
    return Number(result.lastInsertRowid);
  }

  /** Runs `work` (appends) as one transaction: all of it is committed, or none. */
  inTransaction(work: () => void): void {
    this.db.$client.transaction(work)();
  }

  /**
   * Replaces the document's rows up to `throughSeq` by `state`, which must contain all of them.
   * One transaction: a crash leaves either the old rows or the merged row, never neither. The
   * delete names the language as well as the section: seqs are shared by every document, so
   * without it compacting the source would delete a translation's older rows (or the reverse).
   */
  compact(key: string, state: Uint8Array, throughSeq: number): void {
    const { sectionId, lang } = parseDocumentKey(key);
    this.db.transaction((tx) => {
      tx.delete(docUpdates)
        .where(and(eq(docUpdates.sectionId, sectionId), eq(docUpdates.lang, lang), lte(docUpdates.seq, throughSeq)))
        .run();
      tx.insert(docUpdates)
        .values({ sectionId, lang, update: asBuffer(state), checksum: checksumOf(state), createdAt: new Date() })
        .run();
    });
  }
}
