/** People of the workspace: who they are, their role and group, and how they sign in. */
import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { colourFor } from '../../shared/colours';
import { type Actor, isValidMembership } from '../../shared/policy';
import type { GroupCode, Role } from '../../shared/workspace';
import type { Locale } from '../../shared/i18n';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import type { WorkspaceEventBus } from '../events';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import { MIN_PASSWORD_LENGTH, decoyHash, hashPassword, verifyPassword } from './passwords';

/** A signed-in person as every part of the server knows them: rights, name, and cursor colour. */
export interface Person extends Actor {
  name: string;
  colour: string;
}

export interface PersonRecord extends Person {
  email: string;
  locale: Locale;
  lastActiveAt: Date | null;
  createdAt: Date;
}

export interface NewPerson {
  email: string;
  name: string;
  role: Role;
  group: GroupCode;
  password: string;
}

type UserRow = typeof users.$inferSelect;

function toPerson(row: UserRow): PersonRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    group: row.groupCode as GroupCode,
    active: row.active,
    colour: colourFor(row.id),
    locale: row.locale === 'ru' ? 'ru' : 'en',
    lastActiveAt: row.lastActiveAt,
    createdAt: row.createdAt,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A readable random password for generated accounts (printed once, never stored in clear). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

const ACTIVITY_RESOLUTION_MS = 60_000;

export class People {
  private readonly lastTouched = new Map<number, number>();
  /** Prepared once: every request, connection and announcement looks people up. */
  private readonly byId;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: WorkspaceEventBus,
  ) {
    this.byId = db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();
  }

  async add(input: NewPerson, actorId: number | null): Promise<PersonRecord> {
    const email = normaliseEmail(input.email);
    if (!isValidMembership(input.role, input.group)) {
      throw new DomainError(422, `a ${input.role} cannot belong to ${input.group}`, 'invalid-membership');
    }
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError(422, `passwords need at least ${MIN_PASSWORD_LENGTH} characters`, 'weak-password');
    }
    if (this.findByEmail(email)) throw new DomainError(409, 'somebody already uses this e-mail', 'email-taken');
    const passwordHash = await hashPassword(input.password);
    const row = this.db
      .insert(users)
      .values({ email, name: input.name.trim(), role: input.role, groupCode: input.group, passwordHash })
      .returning()
      .all()[0];
    this.audit.record({
      actorId,
      action: 'person.added',
      target: `person:${row.id}`,
      detail: { email, role: input.role, group: input.group },
    });
    return toPerson(row);
  }

  find(id: number): PersonRecord | null {
    const row = this.byId.get({ id });
    return row ? toPerson(row) : null;
  }

  findByEmail(email: string): PersonRecord | null {
    const row = this.db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
    return row ? toPerson(row) : null;
  }

  list(): PersonRecord[] {
    return this.db.select().from(users).orderBy(asc(users.groupCode), asc(users.name)).all().map(toPerson);
  }

  count(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
  }

  /**
   * The person with these credentials, or null; takes as long either way. A deactivated person is
   * returned too (`active: false`), and only after their password matched: the caller refuses them,
   * and may say why without telling a guesser anything the password did not already prove.
   */
  async authenticate(email: string, password: string): Promise<PersonRecord | null> {
    const row = this.db.select().from(users).where(eq(users.email, normaliseEmail(email))).get();
    if (!row || !row.passwordHash) {
      await verifyPassword(await decoyHash(), password);
      return null;
    }
    return (await verifyPassword(row.passwordHash, password)) ? toPerson(row) : null;
  }

  setLocale(id: number, locale: Locale): void {
    this.db.update(users).set({ locale }).where(eq(users.id, id)).run();
  }

  async setPassword(id: number, password: string, actorId: number | null): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError(422, `passwords need at least ${MIN_PASSWORD_LENGTH} characters`, 'weak-password');
    }
    this.db
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, id))
      .run();
    this.audit.record({ actorId, action: 'person.password-set', target: `person:${id}` });
  }

  /** Records that the person did something, at most once a minute per person. */
  touch(id: number): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(id) ?? 0) < ACTIVITY_RESOLUTION_MS) return;
    this.lastTouched.set(id, now);
    try {
      this.db.update(users).set({ lastActiveAt: new Date(now) }).where(eq(users.id, id)).run();
    } catch {
      // Last activity is a convenience: a request that only reads must not fail because this
      // could not be written (a full disk); the next request tries again.
      this.lastTouched.delete(id);
    }
  }

  /** Changes role, group, name or active flag; open sessions and connections follow at once. */
  update(
    id: number,
    change: Partial<{ role: Role; group: GroupCode; name: string; active: boolean }>,
    actorId: number | null,
  ): PersonRecord {
    const current = this.find(id);
    if (!current) throw new DomainError(404, 'no such person', 'not-found');
    const role = change.role ?? current.role;
    const group = change.group ?? current.group;
    if (!isValidMembership(role, group)) {
      throw new DomainError(422, `a ${role} cannot belong to ${group}`, 'invalid-membership');
    }
    if (actorId === id && (change.active === false || (change.role && change.role !== current.role))) {
      throw new DomainError(409, 'you cannot change your own role or deactivate yourself', 'self-change');
    }
    const row = this.db
      .update(users)
      .set({ role, groupCode: group, name: change.name?.trim() ?? current.name, active: change.active ?? current.active })
      .where(eq(users.id, id))
      .returning()
      .all()[0];
    this.audit.record({ actorId, action: 'person.changed', target: `person:${id}`, detail: change });
    this.events.emit('person-changed', id);
    return toPerson(row);
  }
}
