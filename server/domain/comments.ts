/**
 * Comment threads on section text: start a thread on a range, reply, edit and delete one's own,
 * resolve and reopen. Bodies are plain text, never HTML; the client links URLs when it renders.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Comment, Thread } from '../../shared/api/comments';
import type { Db } from '../db/client';
import { comments, commentThreads } from '../db/schema';
import type { WorkspaceEventBus } from '../events';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import type { Notifications } from './notifications';
import type { People, PersonRecord } from './people';

export const MAX_COMMENT_LENGTH = 5000;
export const MAX_QUOTE_LENGTH = 2000;
const MAX_ANCHOR_BYTES = 512;

export interface NewThread {
  anchorStart: string;
  anchorEnd: string;
  quote: string;
  body: string;
  mentions: number[];
  /** The language version the words are in: '' (the default) for the source, else a target language. */
  lang?: string;
}

type ThreadRow = typeof commentThreads.$inferSelect;
type CommentRow = typeof comments.$inferSelect;

/** Comments and threads are read straight into their wire shape: nothing in them is private. */
function toComment(row: CommentRow): Comment {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    threadId: row.threadId,
    authorId: row.authorId,
    body: deleted ? '' : row.body,
    mentions: deleted ? [] : (JSON.parse(row.mentions) as number[]),
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
  };
}

function toThread(row: ThreadRow, replies: CommentRow[]): Thread {
  return {
    id: row.id,
    sectionId: row.sectionId,
    lang: row.lang,
    anchor: { start: row.anchorStart.toString('base64'), end: row.anchorEnd.toString('base64') },
    quote: row.quote,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    resolved: row.resolvedAt ? { at: row.resolvedAt.toISOString(), by: row.resolvedBy } : null,
    comments: replies.map(toComment),
  };
}

/** Decodes a base64 relative position, refusing anything that is not one. */
function anchorBytes(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > MAX_ANCHOR_BYTES) throw new DomainError(400, 'anchor: not a text position', 'invalid-anchor');
  try {
    Y.decodeRelativePosition(new Uint8Array(bytes));
  } catch {
    throw new DomainError(400, 'anchor: not a text position', 'invalid-anchor');
  }
  return bytes;
}

function cleanBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed.length === 0) throw new DomainError(400, 'a comment cannot be empty', 'empty-comment');
  if (trimmed.length > MAX_COMMENT_LENGTH) {
    throw new DomainError(413, `a comment may have at most ${MAX_COMMENT_LENGTH} characters`, 'comment-too-long');
  }
  return trimmed;
}

export class Comments {
  constructor(
    private readonly db: Db,
    private readonly people: People,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    private readonly events: WorkspaceEventBus,
  ) {}

  /**
   * The threads on one language version of a section: the source's ('', the default) or a
   * translation's. Each version is its own text, so its threads are its own (#19).
   */
  threadsOf(sectionId: string, lang = ''): Thread[] {
    const threads = this.db
      .select()
      .from(commentThreads)
      .where(and(eq(commentThreads.sectionId, sectionId), eq(commentThreads.lang, lang)))
      .orderBy(asc(commentThreads.id))
      .all();
    if (threads.length === 0) return [];
    const replies = this.db
      .select()
      .from(comments)
      .where(inArray(comments.threadId, threads.map((t) => t.id)))
      .orderBy(asc(comments.id))
      .all();
    return threads.map((thread) => toThread(thread, replies.filter((reply) => reply.threadId === thread.id)));
  }

  thread(id: number): Thread | null {
    const row = this.db.select().from(commentThreads).where(eq(commentThreads.id, id)).get();
    if (!row) return null;
    return toThread(row, this.db.select().from(comments).where(eq(comments.threadId, id)).orderBy(asc(comments.id)).all());
  }

  comment(id: number): (Comment & { sectionId: string }) | null {
    const row = this.db
      .select({ comment: comments, sectionId: commentThreads.sectionId })
      .from(comments)
      .innerJoin(commentThreads, eq(comments.threadId, commentThreads.id))
      .where(eq(comments.id, id))
      .get();
    return row ? { ...toComment(row.comment), sectionId: row.sectionId } : null;
  }

  startThread(sectionId: string, author: PersonRecord, input: NewThread): Thread {
    const body = cleanBody(input.body);
    const quote = input.quote.slice(0, MAX_QUOTE_LENGTH);
    const mentions = this.validMentions(body, input.mentions);
    const threadId = this.db.transaction((tx) => {
      const thread = tx
        .insert(commentThreads)
        .values({
          sectionId,
          lang: input.lang ?? '',
          anchorStart: anchorBytes(input.anchorStart),
          anchorEnd: anchorBytes(input.anchorEnd),
          quote,
          createdBy: author.id,
        })
        .returning({ id: commentThreads.id })
        .all()[0];
      tx.insert(comments).values({ threadId: thread.id, authorId: author.id, body, mentions: JSON.stringify(mentions) }).run();
      return thread.id;
    });
    this.announce(sectionId, threadId, author, body, mentions);
    return this.thread(threadId)!;
  }

  reply(threadId: number, author: PersonRecord, input: { body: string; mentions: number[] }): Thread {
    const thread = this.requireThread(threadId);
    const body = cleanBody(input.body);
    const mentions = this.validMentions(body, input.mentions);
    // The reply, the reopening and the notifications are stored together, and announced after.
    this.events.holding(() =>
      this.db.transaction(() => {
        this.db.insert(comments).values({ threadId, authorId: author.id, body, mentions: JSON.stringify(mentions) }).run();
        // Replying to a resolved thread reopens it: the discussion is live again.
        if (thread.resolved) {
          this.db.update(commentThreads).set({ resolvedAt: null, resolvedBy: null }).where(eq(commentThreads.id, threadId)).run();
        }
        this.announce(thread.sectionId, threadId, author, body, mentions, this.participants(thread));
      }),
    );
    return this.thread(threadId)!;
  }

  edit(commentId: number, editor: PersonRecord, input: { body: string; mentions: number[] }): Thread {
    const current = this.requireComment(commentId);
    const body = cleanBody(input.body);
    const mentions = this.validMentions(body, input.mentions);
    this.db
      .update(comments)
      .set({ body, mentions: JSON.stringify(mentions), editedAt: new Date() })
      .where(eq(comments.id, commentId))
      .run();
    const fresh = mentions.filter((id) => !current.mentions.includes(id));
    this.notifications.notify(fresh, { kind: 'mention', sectionId: current.sectionId, threadId: current.threadId, actorId: editor.id, excerpt: body });
    this.events.emit('thread-changed', current.sectionId, current.threadId);
    return this.thread(current.threadId)!;
  }

  /** Deletes a comment's words; a coordinator deleting somebody else's comment is audited. */
  delete(commentId: number, actor: PersonRecord): Thread {
    const current = this.requireComment(commentId);
    this.db.update(comments).set({ deletedAt: new Date() }).where(eq(comments.id, commentId)).run();
    if (current.authorId !== actor.id) {
      this.audit.record({
        actorId: actor.id,
        action: 'comment.deleted-by-coordinator',
        target: `comment:${commentId}`,
        detail: { sectionId: current.sectionId, authorId: current.authorId },
      });
    }
    this.events.emit('thread-changed', current.sectionId, current.threadId);
    return this.thread(current.threadId)!;
  }

  setResolved(threadId: number, actor: PersonRecord, resolved: boolean): Thread {
    const thread = this.requireThread(threadId);
    this.db
      .update(commentThreads)
      .set(resolved ? { resolvedAt: new Date(), resolvedBy: actor.id } : { resolvedAt: null, resolvedBy: null })
      .where(eq(commentThreads.id, threadId))
      .run();
    this.events.emit('thread-changed', thread.sectionId, threadId);
    return this.thread(threadId)!;
  }

  /** Open (unresolved) threads per section, for the workspace page. */
  openCounts(): Map<string, number> {
    const rows = this.db
      .select({ sectionId: commentThreads.sectionId, n: sql<number>`count(*)` })
      .from(commentThreads)
      .where(isNull(commentThreads.resolvedAt))
      .groupBy(commentThreads.sectionId)
      .all();
    return new Map(rows.map((row) => [row.sectionId, row.n]));
  }

  private requireThread(id: number): Thread {
    const thread = this.thread(id);
    if (!thread) throw new DomainError(404, 'no such comment thread', 'not-found');
    return thread;
  }

  private requireComment(id: number): Comment & { sectionId: string } {
    const comment = this.comment(id);
    if (!comment || comment.deleted) throw new DomainError(404, 'no such comment', 'not-found');
    return comment;
  }

  /** Only active people whose name the body really mentions (`@Name`) are notified. */
  private validMentions(body: string, ids: number[]): number[] {
    return [...new Set(ids)].filter((id) => {
      const person = this.people.find(id);
      return person?.active === true && body.includes(`@${person.name}`);
    });
  }

  /** Who is in a thread so far: whoever started it and everyone who replied, if they are still active. */
  private participants(thread: Thread): number[] {
    const ids = new Set([thread.createdBy, ...thread.comments.map((comment) => comment.authorId)]);
    return [...ids].filter((id) => this.people.find(id)?.active === true);
  }

  /**
   * Notifies whom the comment mentions, and (for a reply) everyone already in the thread, once
   * each: someone both mentioned and in the thread hears of the mention only. Never the author.
   */
  private announce(sectionId: string, threadId: number, author: PersonRecord, body: string, mentions: number[], participants: number[] = []): void {
    this.notifications.notify(mentions, { kind: 'mention', sectionId, threadId, actorId: author.id, excerpt: body });
    const repliedTo = participants.filter((id) => !mentions.includes(id));
    this.notifications.notify(repliedTo, { kind: 'reply', sectionId, threadId, actorId: author.id, excerpt: body });
    this.events.emit('thread-changed', sectionId, threadId);
  }
}
