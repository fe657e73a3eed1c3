/** The one place that turns domain records into the JSON the client sees. */
import { maySection, type SectionAction } from '../../shared/policy';
import type { PersonRecord } from '../domain/people';
import type { Section } from '../domain/sections';

export function presentMe(person: PersonRecord) {
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

/** What everyone may see of a colleague: enough for presence, mentions and attribution. */
export function presentPerson(person: PersonRecord) {
  return { id: person.id, name: person.name, role: person.role, group: person.group, colour: person.colour };
}

/** What a coordinator managing people sees. */
export function presentPersonForCoordinator(person: PersonRecord) {
  return {
    ...presentPerson(person),
    email: person.email,
    active: person.active,
    lastActiveAt: person.lastActiveAt?.toISOString() ?? null,
    createdAt: person.createdAt.toISOString(),
  };
}

/** The contract shape `{id, part, position, title, group, status}` plus what the viewer may do. */
export function presentSection(section: Section, viewer: PersonRecord, openComments = 0) {
  const can = (action: SectionAction) => maySection(viewer, action, section);
  return {
    id: section.id,
    part: section.part,
    position: section.position,
    title: section.title,
    group: section.group,
    status: section.status,
    openComments,
    permissions: { edit: can('edit'), comment: can('comment'), submit: can('submit'), decide: can('decide') },
  };
}
