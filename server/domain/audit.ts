/**
 * The audit trail: sign-ins, denials, changes to people and structure. Each entry's hash covers
 * the previous entry's hash and its own fields, so deleting or editing a row breaks the chain.
 * Never given passwords, tokens or session ids.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';

export interface AuditInput {
  actorId: number | null;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actorId: number | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function entryHash(prevHash: string, at: number, input: Required<AuditInput>, detail: string): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, at, input.actorId, input.action, input.target, detail]))
    .digest('hex');
}

/** How long the same refusal from the same source is counted rather than written again. */
const REPEAT_WINDOW_MS = 60_000;
/** Sources followed at once; past this, further ones share one count (an attacker with many addresses). */
const MAX_SOURCES = 10_000;

interface Repeats {
  input: AuditInput;
  count: number;
  timer: NodeJS.Timeout;
}

export class AuditLog {
  /** Refusals from outside counted since their source's last row, by source and action. */
  private readonly repeats = new Map<string, Repeats>();

  constructor(private readonly db: Db) {}

  /**
   * Records a refusal anyone on the network can cause (a cross-origin request, a forged upgrade)
   * without letting them grow the database at will: the first from a source is written at once;
   * those that follow within a minute are counted and written as one row ("repeated N times") when
   * the minute is over. The audit stays complete — every refusal is in a row or a count — and
   * costs at most two rows a minute per source.
   */
  recordRepeated(source: string, input: AuditInput): void {
    // Not by target: the path is the caller's to vary, and every variant would be a new row.
    const key = `${this.repeats.size >= MAX_SOURCES ? 'many sources' : source} ${input.action} ${String(input.detail?.reason ?? '')}`;
    const pending = this.repeats.get(key);
    if (pending) {
      pending.count++;
      return;
    }
    this.record({ ...input, detail: { ...input.detail, source } });
    const timer = setTimeout(() => {
      const repeats = this.repeats.get(key);
      this.repeats.delete(key);
      if (repeats && repeats.count > 0) {
        this.record({ ...repeats.input, target: null, detail: { ...repeats.input.detail, source, repeated: repeats.count, withinMs: REPEAT_WINDOW_MS } });
      }
    }, REPEAT_WINDOW_MS);
    timer.unref();
    this.repeats.set(key, { input, count: 0, timer });
  }

  /** Writes the counts still open (on shutdown), so no refusal goes unrecorded. */
  flushRepeats(): void {
    for (const [key, repeats] of this.repeats) {
      clearTimeout(repeats.timer);
      this.repeats.delete(key);
      if (repeats.count > 0) this.record({ ...repeats.input, target: null, detail: { ...repeats.input.detail, repeated: repeats.count } });
    }
  }

  record(input: AuditInput): void {
    const full: Required<AuditInput> = {
      actorId: input.actorId,
      action: input.action,
      target: input.target ?? null,
      detail: input.detail ?? {},
    };
    const detail = JSON.stringify(full.detail);
    // The read of the last hash and the insert form one transaction, so the chain has no forks.
    // IMMEDIATE: a deferred transaction that reads, then writes, fails at once with SQLITE_BUSY
    // (no wait) when another connection (the checkpoint thread, the admin CLI) holds the lock at
    // its upgrade; taking the write lock first makes it wait its turn instead. Inside a command's
    // transaction this is a savepoint of it.
    this.db.transaction((tx) => {
      const last = tx
        .select({ hash: auditEvents.hash })
        .from(auditEvents)
        .orderBy(desc(auditEvents.id))
        .limit(1)
        .get();
      const prevHash = last?.hash ?? GENESIS;
      const at = Date.now();
      tx.insert(auditEvents)
        .values({
          at: new Date(at),
          actorId: full.actorId,
          action: full.action,
          target: full.target,
          detail,
          prevHash,
          hash: entryHash(prevHash, at, full, detail),
        })
        .run();
    }, { behavior: 'immediate' });
  }

  /** Newest first; `action` filters by prefix (e.g. "sign-in"), `before` pages by id. */
  list(filter: { action?: string; actorId?: number; before?: number; limit?: number } = {}): AuditEntry[] {
    const conditions: SQL[] = [];
    if (filter.action) conditions.push(like(auditEvents.action, `${filter.action.replace(/[%_]/g, '')}%`));
    if (filter.actorId !== undefined) conditions.push(eq(auditEvents.actorId, filter.actorId));
    if (filter.before !== undefined) conditions.push(lt(auditEvents.id, filter.before));
    return this.db
      .select()
      .from(auditEvents)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(auditEvents.id))
      .limit(Math.min(filter.limit ?? 100, 500))
      .all()
      .map((row) => ({
        id: row.id,
        at: row.at,
        actorId: row.actorId,
        action: row.action,
        target: row.target,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
        hash: row.hash,
      }));
  }

  /** Walks the whole chain; returns the id of the first entry that does not match, or null. */
  verify(): number | null {
    let prevHash = GENESIS;
    for (const row of this.db.select().from(auditEvents).orderBy(auditEvents.id).all()) {
      const expected = entryHash(
        prevHash,
        row.at.getTime(),
        { actorId: row.actorId, action: row.action, target: row.target, detail: {} },
        row.detail,
      );
      if (row.prevHash !== prevHash || row.hash !== expected) return row.id;
      prevHash = row.hash;
    }
    return null;
  }
}
