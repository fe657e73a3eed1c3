/** Saving a section's text as a named version, by hand. One row; the version list is told. */
import type { PersonRecord } from '../domain/people';
import type { Section } from '../domain/sections';
import type { Version } from '../../shared/api/versions';
import type { CommandContext } from './context';

export function saveVersion(
  context: Pick<CommandContext, 'versions'>,
  input: { section: Section; label: string },
  actor: PersonRecord,
): Version {
  // A named version is always saved (only an automatic one of unchanged text is skipped).
  return context.versions.save(input.section.id, 'named', { label: input.label, personId: actor.id })!;
}
