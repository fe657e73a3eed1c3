/**
 * Inviting someone by e-mail into a role and group (the People page, and `npm run admin --
 * invite`): the invitation and its audit row are one transaction. The secret token is returned
 * once, for the link; only its hash is stored.
 */
import type { GroupCode, Role } from '../../shared/workspace';
import type { Invitation } from '../domain/invitations';
import type { PersonRecord } from '../domain/people';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

/** @param actor the coordinator who invites (the admin CLI names one). */
export function invitePerson(
  context: Pick<CommandContext, 'db' | 'events' | 'invitations'>,
  input: { email: string; role: Role; group: GroupCode },
  actor: Pick<PersonRecord, 'id'>,
): { token: string; invitation: Invitation } {
  return inTransaction(context, () => context.invitations.create(input, actor.id));
}
