/** The signed-in person as they see themselves. */
import type { Me } from '../../../shared/api/session';
import type { PersonRecord } from '../../domain/people';

export function presentMe(person: PersonRecord): Me {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    group: person.group,
    colour: person.colour,
    locale: person.locale,
  };
}
