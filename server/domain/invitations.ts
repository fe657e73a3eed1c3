/**
 * Invitations: a coordinator invites an e-mail address into a role and group; the invitee opens a
 * single-use link within seven days and sets their own name and password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { isValidMembership } from '../../shared/policy';
import type { GroupCode, Role } from '../../shared/workspace';
import type { Db } from '../db/client';
import { invitations } from '../db/schema';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import { type People, type PersonRecord, normaliseEmail } from './people';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;

export interface Invitation {
  email: string;
  role: Role;
  group: GroupCode;
  expiresAt: Date;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

type InvitationRow = typeof invitations.$inferSelect;

const toInvitation = (row: InvitationRow): Invitation => ({
  email: row.email,
  role: row.role,
  group: row.groupCode as GroupCode,
  expiresAt: row.expiresAt,
});

export class Invitations {
  constructor(
    private readonly db: Db,
    private readonly people: People,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** Creates an invitation and returns its secret token (shown once, in the link). */
  create(input: { email: string; role: Role; group: GroupCode }, actorId: number): { token: string; invitation: Invitation } {
    const email = normaliseEmail(input.email);
    if (!isValidMembership(input.role, input.group)) {
      throw new DomainError(422, `a ${input.role} cannot belong to ${input.group}`, 'invalid-membership');
    }
    if (this.people.findByEmail(email)) throw new DomainError(409, 'somebody already uses this e-mail', 'email-taken');
    const token = randomBytes(24).toString('base64url');
    const row = this.db
      .insert(invitations)
      .values({
        tokenHash: digest(token),
        email,
        role: input.role,
        groupCode: input.group,
        invitedBy: actorId,
        expiresAt: new Date(this.now() + INVITATION_TTL_MS),
      })
      .returning()
      .all()[0];
    this.audit.record({ actorId, action: 'invitation.created', detail: { email, role: input.role, group: input.group } });
    return { token, invitation: toInvitation(row) };
  }

  /** The open invitation behind a token; 404 for an unknown one, 410 for a used or expired one. */
  open(token: string): Invitation {
    const row = this.db.select().from(invitations).where(eq(invitations.tokenHash, digest(token))).get();
    if (!row) throw new DomainError(404, 'this invitation link is not valid', 'not-found');
    if (row.usedAt) throw new DomainError(410, 'this invitation has already been used', 'used');
    if (row.expiresAt.getTime() <= this.now()) throw new DomainError(410, 'this invitation has expired', 'expired');
    return toInvitation(row);
  }

  /** Turns the invitation into an account, once. */
  async accept(token: string, input: { name: string; password: string }): Promise<PersonRecord> {
    const invitation = this.open(token);
    // Mark it used first: a second, concurrent accept of the same link finds it used.
    const claimed = this.db
      .update(invitations)
      .set({ usedAt: new Date(this.now()) })
      .where(and(eq(invitations.tokenHash, digest(token)), isNull(invitations.usedAt)))
      .run();
    if (claimed.changes !== 1) throw new DomainError(410, 'this invitation has already been used', 'used');
    try {
      const person = await this.people.add({ ...invitation, name: input.name, password: input.password }, null);
      this.audit.record({ actorId: person.id, action: 'invitation.accepted', target: `person:${person.id}` });
      return person;
    } catch (error) {
      // A refused password must not burn the link.
      this.db.update(invitations).set({ usedAt: null }).where(eq(invitations.tokenHash, digest(token))).run();
      throw error;
    }
  }

  pending(): Invitation[] {
    return this.db
      .select()
      .from(invitations)
      .where(and(isNull(invitations.usedAt), gt(invitations.expiresAt, new Date(this.now()))))
      .orderBy(desc(invitations.createdAt))
      .all()
      .map(toInvitation);
  }
}
