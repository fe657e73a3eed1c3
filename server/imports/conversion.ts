/**
 * What converting a Word file gives (`preview.ts` makes it, on the conversion thread), as plain
 * data the thread can hand back. Kept apart from the converting code on purpose: the server's own
 * thread imports these names only, and never loads mammoth or linkedom (linkedom's selector engine
 * is an ES module that jest's CommonJS runtime cannot load; the thread runs under tsx, which can).
 */
import type { ImportedComment, LostItem } from '../../shared/api/imports';

/** A Word comment and where its words are, in positions of a document made of `blocks`. */
export interface PlacedComment extends ImportedComment {
  from: number;
  to: number;
}

export interface Conversion {
  /** ProseMirror JSON of the blocks, in the shared schema. */
  blocks: unknown[];
  lost: LostItem[];
  comments: PlacedComment[];
  /** Tracked changes that arrive as suggestions. */
  suggestions: number;
}

export interface ConversionOptions {
  /** The importing person: the author of the suggestions Word's tracked changes become. */
  author: number;
  /** When the import happens (ms since 1970): the suggestions' time. */
  at: number;
  /** A block id maker (tests give a predictable one). */
  newId?: () => string;
}

/** The line every imported comment opens with, naming its Word author. */
/** The heading of an imported comment; a Word author's name is whatever the file says, so it is bounded. */
export const commentHeading = (author: string): string => `Word comment by ${(author || 'an unnamed author').slice(0, 200)}:`;
