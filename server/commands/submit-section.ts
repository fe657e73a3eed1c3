/**
 * Submitting a section for review: a new round opens, the text is kept as a submission version,
 * the required organisations' reviewers are notified. All of it, with its audit row, is one
 * transaction; the announcements follow the commit.
 */
import type { PersonRecord } from '../domain/people';
import type { ApprovalState } from '../../shared/api/reviews';
import type { Section } from '../domain/sections';
import type { CommandContext } from './context';
import { storeSectionText } from './section-text';
import { inTransaction } from './transaction';

export function submitSection(
  context: Pick<CommandContext, 'db' | 'events' | 'content' | 'reviews'>,
  input: { section: Section; message: string },
  actor: PersonRecord,
): ApprovalState {
  storeSectionText(context, input.section.id);
  return inTransaction(context, () => context.reviews.submit(input.section, actor, input.message));
}
