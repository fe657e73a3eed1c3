/**
 * The shared glossary (#20): the course's "basic concepts and terminology" as entries with the
 * term in every workspace language and script, a definition, a source (law, convention) and who
 * proposed it. Reviewers approve an entry like a section: one approval per organisation, bound to
 * the exact wording it judged (a hash of terms + definition + source), so an edit after approval
 * makes the entry `proposed` again and keeps the old approvals as stale history.
 *
 * Routes: `GET /api/glossary`, `POST /api/glossary`, `PATCH /api/glossary/:id`,
 * `POST /api/glossary/:id/approvals`, `DELETE /api/glossary/:id`.
 */
import type { LanguageCode } from '../languages';

export type GlossaryStatus = 'proposed' | 'approved';

/** The longest term, definition and source an entry may hold (characters). */
export const GLOSSARY_LIMITS = { term: 120, definition: 2000, source: 300 } as const;

/** The term in each language that has one; at least one language, each text trimmed and non-empty. */
export type GlossaryTerms = Partial<Record<LanguageCode, string>>;

/** One organisation's approval of an entry, with the hash of the wording it approved. */
export interface GlossaryApproval {
  reviewer: { id: number; name: string };
  /** 'IOM' or 'TSPC'. */
  organisation: string;
  contentHash: string;
  createdAt: string;
  /** False when the entry changed after this approval: history, no longer counted. */
  current: boolean;
}

/** An entry as every screen and tool sees it (`GET /api/glossary` answers an array of these). */
export interface GlossaryEntry {
  /** A short id (`[a-z0-9]`, 10 characters); the `entry` attr of a `glossary_term` mark. */
  id: string;
  terms: GlossaryTerms;
  definition: string;
  source: string;
  /** `approved` when every required organisation approved the current wording. */
  status: GlossaryStatus;
  proposedBy: { id: number; name: string };
  /** Newest first; current approvals and, after an edit, the stale ones. */
  approvals: GlossaryApproval[];
  /** The hash of the current wording (terms + definition + source). */
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

/** `POST /api/glossary` (members, leads, coordinators): answered 201 with the new `GlossaryEntry`. */
export interface NewGlossaryEntry {
  terms: GlossaryTerms;
  definition: string;
  /** The law or convention the definition comes from; may be empty. */
  source?: string;
}

/**
 * `PATCH /api/glossary/:id` (the proposer, coordinators): any of the fields; `terms` is replaced
 * whole. Answered with the `GlossaryEntry`. `baseHash`, when given, is the `contentHash` the
 * editor started from: if someone changed the entry since, the edit is refused (409 `changed`)
 * instead of silently undoing their change.
 */
export type GlossaryChange = Partial<NewGlossaryEntry> & { baseHash?: string };

/**
 * `POST /api/glossary/:id/approvals` (reviewers): approves the entry's current wording for the
 * reviewer's organisation. Answered with the `GlossaryEntry`; 409 `changed` when `contentHash`
 * (the wording the reviewer read) is given and the entry has changed since, 409
 * `already-approved` when the organisation approved this wording already.
 * `DELETE /api/glossary/:id` (coordinators) answers 204.
 */
export interface GlossaryApprovalRequest {
  contentHash?: string;
}

/**
 * The socket.io event 'glossary:changed' (workspace room): an entry was proposed, edited, approved
 * or deleted. Open glossary pages and editors read the list again (`GET /api/glossary`).
 */
export interface GlossaryChanged {
  id: string;
}
