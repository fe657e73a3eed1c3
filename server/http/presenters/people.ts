/** Colleagues as everyone sees them, and as a coordinator managing people sees them. */
import type { ManagedPerson, Person } from '../../../shared/api/people';
import type { PersonRecord } from '../../domain/people';

/** What everyone may see of a colleague: enough for presence, mentions and attribution. */
export function presentPerson(person: PersonRecord): Person {
  return { id: person.id, name: person.name, role: person.role, group: person.group, colour: person.colour };
}

/** What a coordinator managing people sees. */
export function presentManagedPerson(person: PersonRecord): ManagedPerson {
  return {
    ...presentPerson(person),
    email: person.email,
    active: person.active,
    lastActiveAt: person.lastActiveAt?.toISOString() ?? null,
    createdAt: person.createdAt.toISOString(),
  };
}
