/**
 * The review workflow of a section (`/api/sections/:id/submit|withdraw|decision|reviews|approved|
 * changes-since-approval`): a lead submits, each required organisation decides, and the section is
 * approved when all of them approved its current text.
 */
import type { SectionStatus } from '../workspace';
import type { DocumentJson } from './documents';

export type Decision = 'approved' | 'changes_requested';

/** One reviewer's decision, with the hash of the exact text it judged. */
export interface Review {
  id: number;
  sectionId: string;
  reviewerId: number;
  reviewerName: string;
  /** 'IOM' or 'TSPC' (any organisation the settings ever required). */
  organisation: string;
  decision: Decision;
  message: string;
  round: number;
  contentHash: string;
  createdAt: string;
}

/** An organisation's latest decision; `current` when it judged the text as it is now. */
export interface OrganisationDecision extends Review {
  current: boolean;
}

/** The approval picture of a section as every screen shows it; the answer to every review command. */
export interface ApprovalState {
  status: SectionStatus;
  /** Approved, and the text has changed since: it needs approving again. */
  stale: boolean;
  round: number;
  /** Each required organisation's latest decision, or null when it has not decided. */
  organisations: Record<string, OrganisationDecision | null>;
}

/** One step of a section's review history: a decision, or a submission or withdrawal. */
export type ReviewEvent =
  | ({ type: 'decision' } & Review)
  | { type: 'submitted' | 'withdrawn'; id: number; actorId: number; actorName: string; message: string; round: number; createdAt: string };

/** `GET /api/sections/:id/reviews`. */
export interface ReviewHistory {
  state: ApprovalState;
  /** Newest first. */
  history: ReviewEvent[];
}

/** `POST /api/sections/:id/submit` (leads, coordinators); answered with the `ApprovalState`. */
export interface Submission {
  /** To the reviewers; empty by default. */
  message?: string;
}

/** `POST /api/sections/:id/decision` (reviewers); answered with the `ApprovalState`. */
export interface NewDecision {
  decision: Decision;
  /** Required when requesting changes: say what should change. */
  message?: string;
}

/**
 * `GET /api/sections/:id/approved`: the text every required organisation approved last, with their
 * approvals; `null` when there is none yet (most sections, most of the time: not an error).
 */
export interface ApprovedText {
  content: DocumentJson;
  hash: string;
  reviews: Review[];
}
