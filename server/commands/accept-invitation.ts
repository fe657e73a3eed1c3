/**
 * Accepting an invitation: the invitee's account is created from it (once: the link is claimed
 * first, and released again if their password is refused) and they are signed in, rotating any
 * session the browser had. Creating the account hashes the password (asynchronous), so the
 * account and the session are two steps, not one transaction.
 */
import type { CommandContext } from './context';
import type { SignedIn } from './sign-in';
import { inTransaction } from './transaction';

export async function acceptInvitation(
  context: Pick<CommandContext, 'db' | 'events' | 'invitations' | 'sessions'>,
  input: { token: string; name: string; password: string; previousToken: string | undefined },
): Promise<SignedIn> {
  const person = await context.invitations.accept(input.token, { name: input.name, password: input.password });
  const session = inTransaction(context, () => context.sessions.rotate(input.previousToken, person.id));
  return { person, session };
}
