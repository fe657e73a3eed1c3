/**
 * Turning a section's "suggestions only" on or off (#17; its lead or a coordinator, while it is in
 * review): the flag and its audit row are one transaction; then `section-rules-changed` re-checks
 * the section's open connections and tells its open pages.
 */
import type { PersonRecord } from '../domain/people';
import type { Section, Sections } from '../domain/sections';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

type SuggestionsOnlyContext = Pick<CommandContext, 'db' | 'events' | 'audit'> & { sections: Sections };

/** Sets the flag; answers the section as it is now. Setting it to what it is changes nothing. */
export function setSuggestionsOnly(
  context: SuggestionsOnlyContext,
  input: { section: Section; suggestionsOnly: boolean },
  actor: PersonRecord,
): Section {
  if (input.section.suggestionsOnly === input.suggestionsOnly) return input.section;
  return inTransaction(context, () => {
    const section = context.sections.setSuggestionsOnly(input.section.id, input.suggestionsOnly);
    context.audit.record({
      actorId: actor.id,
      action: 'section.suggestions-only',
      target: `section:${section.id}`,
      detail: { suggestionsOnly: input.suggestionsOnly },
    });
    context.events.emit('section-rules-changed', section.id);
    return section;
  });
}
