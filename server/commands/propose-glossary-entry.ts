/** Proposing a glossary entry: the entry and its audit row are one transaction, then it is announced. */
import type { GlossaryRecord, GlossaryWording } from '../domain/glossary';
import type { PersonRecord } from '../domain/people';
import type { GlossaryContext } from './glossary-context';
import { inTransaction } from './transaction';

export function proposeGlossaryEntry(context: GlossaryContext, wording: GlossaryWording, actor: PersonRecord): GlossaryRecord {
  const entry = inTransaction(context, () => context.glossary.propose(wording, actor));
  context.announce(entry.id);
  return entry;
}
