/**
 * Importing a Word file into a section (#18).
 *
 * `POST /api/sections/:id/import` with the .docx bytes as the body
 * (`Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document`):
 * - `?dryRun=1` answers the `ImportPreview` and writes nothing;
 * - without it the blocks are appended at the end of the section (`?mode=append`, the default), or
 *   replace the text of an empty section (`?mode=replace`; a section with text is a 409), the Word
 *   comments become comment threads, and the same `ImportPreview` is answered (200).
 *
 * Refusals are the house `ApiErrorBody`: 413 for a file over `MAX_IMPORT_BYTES` or one that would
 * unpack to too much, 415 for a body that is not a Word file (not a zip, an old .doc, a
 * password-protected file), 422 for a damaged file, 403 for someone who may not edit the text.
 */

/** The media type of a .docx, which the route takes as its body. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The largest file the route takes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type ImportMode = 'append' | 'replace';

/** What did not come through, by kind (the client words each kind; `message` is the English). */
export type LostKind =
  | 'image'
  | 'tracked-changes'
  | 'tracked-structure'
  | 'tracked-formatting'
  | 'merged-cells'
  | 'endnotes'
  | 'internal-links'
  | 'unsafe-links'
  | 'comment-length'
  | 'other';

export interface LostItem {
  kind: LostKind;
  /** How many of them. */
  count: number;
  /** A sentence a person can read, in English. */
  message: string;
}

/** A Word comment, as it will arrive: a comment thread on `quote`, headed by its Word author. */
export interface ImportedComment {
  author: string;
  /** ISO date of the Word comment, when the file had one. */
  date: string | null;
  quote: string;
  text: string;
  /** Replies in Word's own thread (Word 2013 and later), in order. */
  replies: { author: string; date: string | null; text: string }[];
  /** Marked done in Word: the thread arrives resolved. */
  done: boolean;
}

/** The answer of a dry run, and of an import. */
export interface ImportPreview {
  /** ProseMirror JSON blocks in the shared schema, in the order they will arrive. */
  blocks: unknown[];
  lost: LostItem[];
  comments: ImportedComment[];
  /** Word's tracked changes that arrive as suggestions (`insertion`/`deletion` marks). */
  suggestions: number;
  /** Set when the import was written: the comment threads it started. */
  threads?: number[];
}
