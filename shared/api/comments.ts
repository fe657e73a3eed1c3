/**
 * Comment threads on section text (`/api/sections/:id/threads`, `/api/threads/...`,
 * `/api/comments/:id`). `GET /api/sections/:id/threads?lang=<code>` lists a translation's threads
 * (without `lang`, the source's); 404 `no-such-language` for a language the workspace does not
 * translate into. Every change answers with the whole thread as it now is, and the same
 * thread is announced live as 'thread:changed'.
 */
import type { EncodedAnchor } from '../anchors';

export interface Comment {
  id: number;
  threadId: number;
  authorId: number;
  /** Plain text, never HTML; empty once deleted. */
  body: string;
  /** The people the body mentions (`@Name`), who were notified. */
  mentions: number[];
  createdAt: string;
  editedAt: string | null;
  /** Deleted comments keep their place in the thread, without their words. */
  deleted: boolean;
}

export interface Thread {
  id: number;
  sectionId: string;
  /**
   * The language version the thread is on (#19): '' for the source text, else a target language's
   * code (`/collab/<sectionId>/<lang>`). Its anchor is a position in that version's document.
   */
  lang: string;
  /** Base64 of Yjs relative positions: the commented range follows its words through edits. */
  anchor: EncodedAnchor;
  /** The text the thread was started on, as it was then. */
  quote: string;
  createdBy: number;
  createdAt: string;
  resolved: { at: string; by: number | null } | null;
  comments: Comment[];
}

/** `POST /api/sections/:id/threads`: answered 201 with the `Thread`. */
export interface NewThread extends CommentText {
  anchor: EncodedAnchor;
  quote: string;
  /** A translation's language when the words are in that version; the source ('') when absent. */
  lang?: string;
}

/**
 * A comment's words: `POST /api/threads/:id/comments` (a reply, 201) and `PATCH /api/comments/:id`
 * (an edit). Both answer with the `Thread`; so do resolve, reopen and `DELETE /api/comments/:id`.
 */
export interface CommentText {
  body: string;
  /** Person ids; only active people the body really mentions are kept. Empty by default. */
  mentions?: number[];
}
