/**
 * Changing a person's role, group, name or active flag (the People page, and `npm run admin --
 * set-user`). Deactivating someone also ends all their sessions. The change, its audit row and
 * the ended sessions are one transaction; then `person-changed` (and, on deactivation,
 * `person-signed-out`) are announced, and the server's listeners downgrade or close that person's
 * open socket.io and collab connections at once.
 *
 * The admin CLI runs in a process of its own, with an event bus nobody listens to. What reaches a
 * running server from there is what is stored: the next HTTP request, socket.io handshake or
 * collab upgrade reads the person and their sessions afresh, so a deactivated person is refused
 * (401) and a changed role applies. Connections the server already holds open are not told: they
 * keep the rights they were opened with until they reconnect (or until the server restarts).
 */
import type { GroupCode, Role } from '../../shared/workspace';
import type { PersonRecord } from '../domain/people';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

export type PersonChange = Partial<{ role: Role; group: GroupCode; name: string; active: boolean }>;

/** @param actor who changes it: a coordinator, or null for the admin CLI. */
export function changePerson(
  context: Pick<CommandContext, 'db' | 'events' | 'people' | 'sessions'>,
  input: { personId: number; change: PersonChange },
  actor: Pick<PersonRecord, 'id'> | null,
): PersonRecord {
  return inTransaction(context, () => {
    const updated = context.people.update(input.personId, input.change, actor?.id ?? null);
    if (input.change.active === false) context.sessions.endAllOf(input.personId);
    return updated;
  });
}
