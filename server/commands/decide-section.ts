/**
 * A reviewer's decision on a section as its text stands now: the decision (with that exact
 * text), the new status, an approval version, the drafters' notifications and the audit row are
 * one transaction; the announcements follow the commit.
 */
import type { PersonRecord } from '../domain/people';
import type { ApprovalState, Decision } from '../../shared/api/reviews';
import type { Section } from '../domain/sections';
import type { CommandContext } from './context';
import { storeSectionText } from './section-text';
import { inTransaction } from './transaction';

export function decideSection(
  context: Pick<CommandContext, 'db' | 'events' | 'content' | 'reviews'>,
  input: { section: Section; decision: Decision; message: string },
  reviewer: PersonRecord,
): ApprovalState {
  storeSectionText(context, input.section.id);
  return inTransaction(context, () => context.reviews.decide(input.section, reviewer, input.decision, input.message));
}
