/**
 * Search across the syllabus (`GET /api/search?q=<text>`): the text of every section and every
 * comment the person may read, in every language version (the source text and each translation,
 * #19) and every script, whatever the case or the diacritics. Answers the best hits first (at
 * most 50); an empty or too long query is a 400.
 */

/** The most characters a query may have. */
export const MAX_SEARCH_QUERY_LENGTH = 200;

/** A range of the snippet to highlight: [start, end) in UTF-16 code units. */
export interface SearchHighlight {
  start: number;
  end: number;
}

export interface SearchHit {
  /** Where the words were found: the section's text or a comment on it. */
  kind: 'text' | 'comment';
  sectionId: string;
  /** The section's title in the person's language. */
  sectionTitle: string;
  /**
   * The language version the words are in: '' for the section's source text (and comments on it),
   * else the code of the translation's language (`/sections/<id>/translations/<lang>` opens it).
   */
  lang: string;
  /** The sentence that holds the hit, as written (cut with … around the hit when very long). */
  snippet: string;
  /** The words of the snippet that match the query. */
  highlights: SearchHighlight[];
  /** Text hits: the top-level block of the section's text (0-based) the sentence is in. */
  blockIndex: number | null;
  /** Comment hits: the thread, which `/sections/<id>?thread=<threadId>` opens. */
  threadId: number | null;
}
