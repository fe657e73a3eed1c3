/**
 * Adding a person with a password (`npm run admin -- add-user`), and the demo accounts
 * (`npm run admin -- demo`). People invited by e-mail are added by `acceptInvitation` instead.
 * Hashing is asynchronous, so the row and its audit entry are written by `People.add` itself,
 * not inside one transaction of this command.
 */
import type { NewPerson, PersonRecord } from '../domain/people';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../demo-people';
import type { CommandContext } from './context';

/** @param actor who adds them: a coordinator, or null for the admin CLI. */
export function addPerson(
  context: Pick<CommandContext, 'people'>,
  input: NewPerson,
  actor: Pick<PersonRecord, 'id'> | null,
): Promise<PersonRecord> {
  return context.people.add(input, actor?.id ?? null);
}

/** Adds every demo account that does not exist yet (all sign in with `DEMO_PASSWORD`). */
export async function addDemoPeople(
  context: Pick<CommandContext, 'people'>,
): Promise<{ person: (typeof DEMO_PEOPLE)[number]; added: boolean }[]> {
  const outcome: { person: (typeof DEMO_PEOPLE)[number]; added: boolean }[] = [];
  for (const demo of DEMO_PEOPLE) {
    const exists = context.people.findByEmail(demo.email) !== null;
    if (!exists) await addPerson(context, { ...demo, password: DEMO_PASSWORD }, null);
    outcome.push({ person: demo, added: !exists });
  }
  return outcome;
}
