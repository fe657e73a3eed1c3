/** Taking a section back out of review before the reviewers decide; one transaction with its audit row. */
import type { PersonRecord } from '../domain/people';
import type { ApprovalState } from '../../shared/api/reviews';
import type { Section } from '../domain/sections';
import type { CommandContext } from './context';
import { storeSectionText } from './section-text';
import { inTransaction } from './transaction';

export function withdrawSubmission(
  context: Pick<CommandContext, 'db' | 'events' | 'content' | 'reviews'>,
  input: { section: Section },
  actor: PersonRecord,
): ApprovalState {
  storeSectionText(context, input.section.id);
  return inTransaction(context, () => context.reviews.withdraw(input.section, actor));
}
