/** A person's notifications (`/api/notifications`), also pushed live as 'notification:new'. */

/**
 * What happened, and why this person hears of it:
 * - `mention`: they were @mentioned in a comment;
 * - `reply`: someone replied in a thread they started or replied in (not sent to whom the reply mentions: they get `mention`);
 * - `submitted`, `withdrawn`: a section was sent to (or taken back from) their organisation's review;
 * - `changes-requested`, `approved`: a reviewer decided on a section their group drafts, or that they submitted;
 * - `approval-stale`: an approved section was changed since — sent once per approval, at the first change,
 *   to the leads of the groups that draft it (every country group for a regional module) and the reviewers who approved it;
 * - `suggested`: someone suggested wording in a section whose suggestions they may accept (its working group's
 *   members and leads) — at most once per suggester and section in ten minutes; the excerpt is the newest suggestion's text;
 * - `suggestion-accepted`, `suggestion-rejected`: someone decided their suggestions (one notification per decision, or per
 *   "accept all" / "reject all"); the excerpt is the decided text.
 */
export type NotificationKind =
  | 'mention'
  | 'reply'
  | 'submitted'
  | 'withdrawn'
  | 'changes-requested'
  | 'approved'
  | 'approval-stale'
  | 'suggested'
  | 'suggestion-accepted'
  | 'suggestion-rejected';

export interface Notification {
  id: number;
  kind: NotificationKind;
  sectionId: string | null;
  threadId: number | null;
  actorId: number | null;
  /** Names as they are now, so that a notification reads well even after people change. */
  actorName: string | null;
  sectionTitle: string | null;
  /** The start of the comment or message, at most 200 characters. */
  excerpt: string;
  createdAt: string;
  read: boolean;
}

/** `GET /api/notifications`: the newest 50, and how many of all are unread. */
export interface NotificationList {
  items: Notification[];
  unread: number;
}

/** `POST /api/notifications/read`: the given notifications (or all) of the signed-in person. */
export interface MarkRead {
  ids: number[] | 'all';
}

/** The answer to `MarkRead`: what is left unread. */
export interface UnreadCount {
  unread: number;
}
