/** A reviewer's approval of a glossary entry's current wording, with its audit row, then announced. */
import type { GlossaryRecord } from '../domain/glossary';
import type { PersonRecord } from '../domain/people';
import type { GlossaryContext } from './glossary-context';
import { inTransaction } from './transaction';

export function approveGlossaryEntry(
  context: GlossaryContext,
  input: { entry: GlossaryRecord; seenHash: string | null },
  reviewer: PersonRecord,
): GlossaryRecord {
  const approved = inTransaction(context, () => context.glossary.approve(input.entry, reviewer, input.seenHash));
  context.announce(approved.id);
  return approved;
}
