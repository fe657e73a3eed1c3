/** Pending invitations; the secret link only in the answer to creating one. */
import type { CreatedInvitation, Invitation } from '../../../shared/api/invitations';
import type { Invitation as InvitationRecord } from '../../domain/invitations';

export function presentInvitation(invitation: InvitationRecord): Invitation {
  return {
    email: invitation.email,
    role: invitation.role,
    group: invitation.group,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export function presentCreatedInvitation(invitation: InvitationRecord, link: string): CreatedInvitation {
  return { ...presentInvitation(invitation), link };
}
