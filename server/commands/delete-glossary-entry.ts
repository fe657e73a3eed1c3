/** A coordinator deletes a glossary entry and its approvals; the audit keeps its first term. */
import type { GlossaryRecord } from '../domain/glossary';
import type { PersonRecord } from '../domain/people';
import type { GlossaryContext } from './glossary-context';
import { inTransaction } from './transaction';

export function deleteGlossaryEntry(context: GlossaryContext, input: { entry: GlossaryRecord }, actor: PersonRecord): void {
  inTransaction(context, () => context.glossary.remove(input.entry, actor));
  context.announce(input.entry.id);
}
