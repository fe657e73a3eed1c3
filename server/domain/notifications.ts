/**
 * In-app notifications: what a person should look at (mentions, replies, submissions, withdrawals,
 * decisions, approved texts changed since). Who is told what is decided by the service where it
 * happens (comments, reviews); this one stores, counts and marks them read.
 */
import { type SQL, and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Notification, NotificationKind } from '../../shared/api/notifications';
import type { Db } from '../db/client';
import { notifications, sections, users } from '../db/schema';
import type { WorkspaceEventBus } from '../events';

type Row = typeof notifications.$inferSelect & { actorName: string | null; sectionTitle: string | null };

const toNotification = (row: Row): Notification => ({
  id: row.id,
  actorName: row.actorName,
  sectionTitle: row.sectionTitle,
  kind: row.kind as NotificationKind,
  sectionId: row.sectionId,
  threadId: row.threadId,
  actorId: row.actorId,
  excerpt: row.excerpt,
  createdAt: row.createdAt.toISOString(),
  read: row.readAt !== null,
});

export class Notifications {
  constructor(
    private readonly db: Db,
    private readonly events: WorkspaceEventBus,
  ) {}

  notify(
    personIds: number[],
    input: { kind: NotificationKind; sectionId?: string; threadId?: number; actorId?: number; excerpt?: string },
  ): void {
    for (const personId of new Set(personIds)) {
      if (personId === input.actorId) continue;
      const inserted = this.db
        .insert(notifications)
        .values({
          personId,
          kind: input.kind,
          sectionId: input.sectionId ?? null,
          threadId: input.threadId ?? null,
          actorId: input.actorId ?? null,
          excerpt: (input.excerpt ?? '').slice(0, 200),
        })
        .returning({ id: notifications.id })
        .all()[0];
      this.events.emit('notification-created', personId, this.named(eq(notifications.id, inserted.id), 1)[0]);
    }
  }

  list(personId: number, limit = 50): { items: Notification[]; unread: number } {
    const items = this.named(eq(notifications.personId, personId), limit);
    return { items, unread: this.unread(personId) };
  }

  /** Notifications matching `where`, newest first, with the names of who did it and where. */
  private named(where: SQL, limit: number): Notification[] {
    return this.db
      .select({
        id: notifications.id,
        personId: notifications.personId,
        kind: notifications.kind,
        sectionId: notifications.sectionId,
        threadId: notifications.threadId,
        actorId: notifications.actorId,
        excerpt: notifications.excerpt,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        actorName: users.name,
        sectionTitle: sections.title,
      })
      .from(notifications)
      .leftJoin(users, eq(users.id, notifications.actorId))
      .leftJoin(sections, eq(sections.id, notifications.sectionId))
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(limit)
      .all()
      .map(toNotification);
  }

  /** Whether a notification of `kind` about the section was sent to anyone at or after `since`. */
  sentSince(kind: NotificationKind, sectionId: string, since: Date): boolean {
    const row = this.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.kind, kind), eq(notifications.sectionId, sectionId), gte(notifications.createdAt, since)))
      .limit(1)
      .get();
    return row !== undefined;
  }

  unread(personId: number): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(notifications)
        .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
        .get()?.n ?? 0
    );
  }

  /** Marks the given notifications (or all) of this person read; others' are never touched. */
  markRead(personId: number, ids: number[] | 'all'): number {
    const mine = and(eq(notifications.personId, personId), isNull(notifications.readAt));
    this.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(ids === 'all' ? mine : and(mine, inArray(notifications.id, ids)))
      .run();
    return this.unread(personId);
  }
}
