/** The review workflow: decisions, a section's approval state and history, its approved text. */
import type { DocumentJson } from '../../../shared/api/documents';
import type {
  ApprovalState,
  ApprovedText,
  OrganisationDecision,
  Review,
  ReviewEvent,
  ReviewHistory,
} from '../../../shared/api/reviews';

export function presentReview(review: Review): Review {
  return {
    id: review.id,
    sectionId: review.sectionId,
    reviewerId: review.reviewerId,
    reviewerName: review.reviewerName,
    organisation: review.organisation,
    decision: review.decision,
    message: review.message,
    round: review.round,
    contentHash: review.contentHash,
    createdAt: review.createdAt,
  };
}

function presentOrganisationDecision(decision: OrganisationDecision | null): OrganisationDecision | null {
  return decision ? { ...presentReview(decision), current: decision.current } : null;
}

export function presentApprovalState(state: ApprovalState): ApprovalState {
  const organisations: ApprovalState['organisations'] = {};
  for (const [organisation, decision] of Object.entries(state.organisations)) {
    organisations[organisation] = presentOrganisationDecision(decision);
  }
  return { status: state.status, stale: state.stale, round: state.round, organisations };
}

export function presentReviewEvent(event: ReviewEvent): ReviewEvent {
  if (event.type === 'decision') return { type: 'decision', ...presentReview(event) };
  return {
    type: event.type,
    id: event.id,
    actorId: event.actorId,
    actorName: event.actorName,
    message: event.message,
    round: event.round,
    createdAt: event.createdAt,
  };
}

export function presentReviewHistory(state: ApprovalState, history: ReviewEvent[]): ReviewHistory {
  return { state: presentApprovalState(state), history: history.map(presentReviewEvent) };
}

/** The approved text as the domain gives it (its JSON, hash and approvals; the Yjs state stays on the server). */
export function presentApprovedText(approved: { json: DocumentJson; hash: string; reviews: Review[] }): ApprovedText {
  return { content: approved.json, hash: approved.hash, reviews: approved.reviews.map(presentReview) };
}
