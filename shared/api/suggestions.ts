/**
 * Suggestions (#17): wording someone proposed, open until someone who may edit the section (its
 * working group's members and leads, or a coordinator) accepts it, or rejects it — which its own
 * author may do too. The suggestions themselves live in the section's text as `insertion` /
 * `deletion` marks (`shared/schema.ts`); these are the routes that list and decide them.
 *
 * - `GET /api/sections/:id/suggestions` → `OpenSuggestion[]`, in document order (`?lang=<code>`: in
 *   that translation; 404 `no-such-language` for a language the workspace does not translate into)
 * - `POST /api/suggestions/:id/accept` and `POST /api/suggestions/:id/reject`, body
 *   `SuggestionDecisionBody` → `SuggestionDecision`; 404 for an id the section never had, 409 for
 *   one decided already, 403 for someone who may not decide it
 * - `POST /api/sections/:id/suggestions/accept-all` and `…/reject-all`, body
 *   `BulkSuggestionDecisionBody` → `SuggestionDecision` (every open suggestion, or one author's)
 *
 * Deciding is an ordinary change of the text, broadcast to everyone editing: accepting an
 * insertion or rejecting a deletion keeps the words and drops the mark; rejecting an insertion or
 * accepting a deletion deletes the words. Text typed inside a suggestion while it is decided keeps
 * the marks it was typed with: plain text stays, suggested text stays an open suggestion.
 */

export type SuggestionKind = 'insert' | 'delete';

export interface OpenSuggestion {
  /** The suggestion's id: the `id` attribute of its marks (one id, one kind). */
  id: string;
  /** The person who made it (their numeric id). */
  author: number;
  /** Their name as it is now ('' for someone no longer in the workspace). */
  authorName: string;
  kind: SuggestionKind;
  /** The text it inserts or deletes (all its runs, joined with a space where they are apart). */
  text: string;
  /** When it was last typed (ISO), or null when the marks carry no time. */
  at: string | null;
}

export interface SuggestionDecisionBody {
  /** The section the suggestion is in; when left out (`{}`) the server finds it. */
  sectionId?: string;
  /** The suggestion is in this translation of the section (#19; `sectionId` then required); the source when absent. */
  lang?: string;
}

export interface BulkSuggestionDecisionBody {
  /** Only this person's suggestions; all open suggestions of the section when absent. */
  author?: number;
  /** The open suggestions of this translation (#19); the source's when absent. */
  lang?: string;
}

export interface SuggestionDecision {
  decision: 'accepted' | 'rejected';
  /** How many suggestions were decided (one for a single decision; zero when none was open). */
  count: number;
  /** The ids of the suggestions decided. */
  ids: string[];
}
