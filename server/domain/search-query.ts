/**
 * What someone typed into the search box, as an FTS5 query that cannot be anything else: every
 * word becomes a quoted term, so quotes, `*`, `NEAR`, `AND`, `-`, `:` and brackets are never
 * FTS syntax. Words typed together ("көші-қон", "2024-yil") are one phrase; words in double
 * quotes are an exact phrase; any other word matches as a word or its beginning (search as you type).
 */
import { searchTermsOf } from '../../shared/search-text';
import { DomainError } from './errors';

export const MAX_QUERY_LENGTH = 200;
/** More words than this are not searched for: they could only narrow the hits further. */
export const MAX_TERMS = 12;

export interface SearchQuery {
  /** The folded words, for marking them in the hits. */
  terms: string[];
  /** The FTS5 MATCH expression, or null when the query has no word to look for ("*", "()"). */
  match: string | null;
}

const quote = (terms: string[]) => `"${terms.join(' ').replace(/"/g, '""')}"`;

/** Parses a query, refusing an empty or too long one with a 400. */
export function parseSearchQuery(raw: string): SearchQuery {
  const query = raw.trim();
  if (query.length === 0) throw new DomainError(400, 'type something to search for', 'empty-query');
  if (query.length > MAX_QUERY_LENGTH) {
    throw new DomainError(400, `a search may have at most ${MAX_QUERY_LENGTH} characters`, 'query-too-long');
  }
  const all: string[] = [];
  const parts: string[] = [];
  // A quoted phrase, or a run of anything but spaces and quotes; a quote left open is ignored.
  for (const chunk of query.matchAll(/"([^"]*)"|[^\s"]+/g)) {
    const phrase = chunk[1] !== undefined;
    const terms = searchTermsOf(phrase ? chunk[1] : chunk[0]).slice(0, MAX_TERMS - all.length);
    if (terms.length === 0) continue;
    all.push(...terms);
    parts.push(phrase ? quote(terms) : `${quote(terms)}*`);
    if (all.length >= MAX_TERMS) break;
  }
  return { terms: [...new Set(all)], match: parts.length > 0 ? parts.join(' AND ') : null };
}
