/**
 * Invitations (`/api/invitations`): a coordinator invites an e-mail address into a role and group;
 * the invitee opens the link, before having an account, and accepts it with a name and password.
 */
import type { GroupCode, Role } from '../workspace';

/** `POST /api/invitations` (coordinators); answered 201 with a `CreatedInvitation`. */
export interface NewInvitation {
  email: string;
  role: Role;
  group: GroupCode;
}

/** A pending invitation (`GET /api/invitations`, `GET /api/invitations/:token`). */
export interface Invitation extends NewInvitation {
  /** ISO 8601: the link stops working then (410 `expired`). */
  expiresAt: string;
}

/** The answer to creating one: the only time the secret link is shown. */
export interface CreatedInvitation extends Invitation {
  link: string;
}

/** `POST /api/invitations/:token/accept`: answered 201 with `Me` and a session cookie. */
export interface InvitationAcceptance {
  name: string;
  password: string;
}
