/**
 * Setting someone's password (`npm run admin -- set-password`). Their open sessions stay open,
 * as before. Hashing is asynchronous, so the new hash and its audit row are written by
 * `People.setPassword` itself, not inside one transaction of this command.
 */
import type { PersonRecord } from '../domain/people';
import type { CommandContext } from './context';

/** @param actor who sets it: a coordinator, or null for the admin CLI. */
export function setPassword(
  context: Pick<CommandContext, 'people'>,
  input: { personId: number; password: string },
  actor: Pick<PersonRecord, 'id'> | null,
): Promise<void> {
  return context.people.setPassword(input.personId, input.password, actor?.id ?? null);
}
