/** Signing out: this browser's session ends (its live connections close), audited when it was someone's. */
import type { PersonRecord } from '../domain/people';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

export function signOut(
  context: Pick<CommandContext, 'db' | 'events' | 'audit' | 'sessions'>,
  input: { token: string | undefined; person: Pick<PersonRecord, 'id'> | null },
): void {
  inTransaction(context, () => {
    context.sessions.end(input.token);
    if (input.person) context.audit.record({ actorId: input.person.id, action: 'sign-out' });
  });
}
