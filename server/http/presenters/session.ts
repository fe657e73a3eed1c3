/** The signed-in person as they see themselves. */
import type { Me } from '../../../shared/api/session';
import type { PersonRecord } from '../../domain/people';

/** `workspace` is the instance id of the workspace's data (`Settings.instance()`). */
export function presentMe(person: PersonRecord, workspace: string): Me {
  return {
    id: person.id,
    email: person.email,
    name: person.name,
    role: person.role,
    group: person.group,
    colour: person.colour,
    locale: person.locale,
    workspace,
  };
}
