/**
 * Server-side sessions. The browser holds a random token in an httpOnly cookie; the database holds
 * only its SHA-256, so a copy of the database signs nobody in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions } from '../db/schema';
import type { WorkspaceEventBus } from '../events';
import type { People, PersonRecord } from './people';

export const SESSION_COOKIE = 'sid';

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly people: People,
    private readonly events: WorkspaceEventBus,
    private readonly ttlMs: number,
  ) {}

  /** Starts a new session (a new token every sign-in: the id is rotated, never reused). */
  start(personId: number): { token: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlMs);
    this.db.insert(sessions).values({ idHash: digest(token), userId: personId, expiresAt }).run();
    return { token, expiresAt };
  }

  /** Ends the session a browser had (if any) and starts a new one: a sign-in never keeps an old id. */
  rotate(previousToken: string | undefined, personId: number): { token: string; expiresAt: Date } {
    this.end(previousToken);
    return this.start(personId);
  }

  /** The active person a token belongs to, or null for an unknown, expired or deactivated one. */
  resolve(token: string | undefined): PersonRecord | null {
    if (!token || token.length > 100) return null;
    const row = this.db.select().from(sessions).where(eq(sessions.idHash, digest(token))).get();
    if (!row) return null;
    if (row.expiresAt.getTime() <= Date.now()) {
      this.db.delete(sessions).where(eq(sessions.idHash, row.idHash)).run();
      return null;
    }
    const person = this.people.find(row.userId);
    return person?.active ? person : null;
  }

  end(token: string | undefined): void {
    if (!token) return;
    this.db.delete(sessions).where(eq(sessions.idHash, digest(token))).run();
    this.events.emit('session-ended', token);
  }

  /** Ends every session of a person and tells the live layers to drop their sockets. */
  endAllOf(personId: number): void {
    this.db.delete(sessions).where(eq(sessions.userId, personId)).run();
    this.events.emit('person-signed-out', personId);
  }

  purgeExpired(): void {
    this.db.delete(sessions).where(lt(sessions.expiresAt, new Date())).run();
  }
}
