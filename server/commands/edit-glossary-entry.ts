/**
 * Editing a glossary entry's wording: the change and its audit row are one transaction. After an
 * approval the entry is `proposed` again; an unchanged wording writes and announces nothing.
 */
import type { GlossaryRecord, GlossaryWording } from '../domain/glossary';
import type { PersonRecord } from '../domain/people';
import type { GlossaryContext } from './glossary-context';
import { inTransaction } from './transaction';

export function editGlossaryEntry(
  context: GlossaryContext,
  input: { entry: GlossaryRecord; change: Partial<GlossaryWording> },
  actor: PersonRecord,
): GlossaryRecord {
  const edited = inTransaction(context, () => context.glossary.edit(input.entry, input.change, actor));
  if (edited.contentHash !== input.entry.contentHash) context.announce(edited.id);
  return edited;
}
