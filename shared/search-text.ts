/**
 * How search reads text, the same on the server (indexing, snippets) and in the browser (finding
 * a hit in the editor): what a word is, when two words are the same for a search, and which
 * sentence of a block shows a hit.
 *
 * Two words match when they differ only in case, in diacritics (Turkmen ç ä ž ň ö ş ü ý, Russian
 * ё, Tajik ӣ ӯ, Uzbek ў, as Unicode decomposes them) or in the apostrophe an Uzbek oʻ/gʻ is typed
 * with (ʻ ʼ ' ‘ ’ `). Letters of their own (Kazakh ә ғ қ ң ө ұ ү һ і, Tajik ҳ ҷ) stay themselves,
 * in either case. The SQLite index (`unicode61 remove_diacritics 2`) folds Latin letters by
 * itself but leaves Cyrillic and the apostrophes alone, so the server indexes `foldForSearch(text)`.
 */
import { schema } from './schema';

/** Stands in for й while marks are stripped: in Russian it is a letter, not и with a mark (мой ≠ мои). */
const SHORT_I = '\uE000';
const APOSTROPHE = /(?<=[\p{L}\p{N}])['‘’ʼʻ`](?=\p{L})/gu;

/**
 * The text as search compares it: lower case, without diacritics, every in-word apostrophe the
 * Uzbek ʻ (U+02BB, a letter to the index, so "oʻzbek" is one word).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/й/g, SHORT_I)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\uE000/g, 'й')
    .replace(APOSTROPHE, 'ʻ');
}

/** A word as the index cuts words: letters and digits (with their marks), apostrophes inside it. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['‘’ʼʻ`][\p{L}\p{N}\p{M}]+)*/gu;

export interface Word {
  start: number;
  end: number;
  /** The word folded (`foldForSearch`). */
  folded: string;
}

export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    words.push({ start: match.index, end: match.index + match[0].length, folded: foldForSearch(match[0]) });
  }
  return words;
}

/** The searchable words of what someone typed into the search box, folded, in order. */
export function searchTermsOf(query: string): string[] {
  return wordsOf(query)
    .map((word) => word.folded)
    .filter((term) => term !== '');
}

/** A range of a snippet to highlight: [start, end) in UTF-16 code units. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * The sentences of a block's text with their offsets: a sentence ends after ! or ? (with any
 * closing quotes or brackets) and a space, after . or … and a space before a capital letter or an
 * opening quote (so "ст. 12" and "e.g. the" stay whole), and at a line break (a hard break,
 * another paragraph).
 */
export function sentencesOf(text: string): TextRange[] {
  const sentences: TextRange[] = [];
  const end = /[!?]+["»”’)\]]*(?=\s)|[.…]+["»”’)\]]*(?=\s+[\p{Lu}«"“„([—–])|\n/gu;
  let start = 0;
  const push = (to: number) => {
    let from = start;
    while (from < to && /\s/.test(text[from])) from++;
    let until = to;
    while (until > from && /\s/.test(text[until - 1])) until--;
    if (until > from) sentences.push({ start: from, end: until });
  };
  for (const match of text.matchAll(end)) {
    const to = match.index + (match[0] === '\n' ? 0 : match[0].length);
    push(to);
    start = match.index + match[0].length;
  }
  push(text.length);
  return sentences;
}

/** Whether a word matches a term: the term is the word or its beginning (search as you type). */
export const wordMatches = (word: Word, term: string): boolean => word.folded.startsWith(term);

export interface Snippet {
  text: string;
  highlights: TextRange[];
  /** Where the snippet starts in the block's text. */
  offset: number;
}

/** Longest snippet shown; a longer sentence is cut around its first match. */
export const MAX_SNIPPET_LENGTH = 240;

/**
 * The sentence of `text` that shows a hit for `terms` best (the most different terms, then the
 * first), with its matching words marked; the first sentence when none matches.
 */
export function bestSentence(text: string, terms: readonly string[]): Snippet {
  const sentences = sentencesOf(text);
  if (sentences.length === 0) return { text: '', highlights: [], offset: 0 };
  const words = wordsOf(text);
  let best = sentences[0];
  let bestScore = -1;
  let bestHits: TextRange[] = [];
  for (const sentence of sentences) {
    const inside = words.filter((word) => word.start >= sentence.start && word.end <= sentence.end);
    const hits = inside.filter((word) => terms.some((term) => wordMatches(word, term)));
    const score = new Set(terms.filter((term) => inside.some((word) => wordMatches(word, term)))).size;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
      bestHits = hits;
    }
  }
  return cut(text, best, bestHits);
}

/** The sentence as a snippet, cut to `MAX_SNIPPET_LENGTH` around its first hit when longer. */
function cut(text: string, sentence: TextRange, hits: TextRange[]): Snippet {
  let from = sentence.start;
  let to = sentence.end;
  if (to - from > MAX_SNIPPET_LENGTH) {
    const first = hits[0]?.start ?? from;
    from = Math.max(sentence.start, Math.min(first - 60, sentence.end - MAX_SNIPPET_LENGTH));
    to = Math.min(sentence.end, from + MAX_SNIPPET_LENGTH);
    // Cut between words, not inside one.
    while (from > sentence.start && /\S/.test(text[from - 1]) && from > first - 80) from--;
    while (to < sentence.end && /\S/.test(text[to]) && to < from + MAX_SNIPPET_LENGTH + 20) to++;
  }
  const lead = from > sentence.start ? '…' : '';
  const tail = to < sentence.end ? '…' : '';
  const highlights = hits
    .filter((hit) => hit.start >= from && hit.end <= to)
    .map((hit) => ({ start: hit.start - from + lead.length, end: hit.end - from + lead.length }));
  return { text: lead + text.slice(from, to) + tail, highlights, offset: from };
}

/** A node of ProseMirror JSON (y-prosemirror's shape or prosemirror-model's), as search reads it. */
export interface TextJson {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown> | null;
  content?: TextJson[];
}

/**
 * The lines of a block's text as search reads them (what is indexed, and what snippets are cut
 * from): each paragraph (of a list item, a quote, a table cell) a line of its own, and a hard break
 * a line break, so no sentence runs across two of them. A footnote (#18) is a line of its own right
 * after the line it stands in: its words are found, and a hit in it shows the note's own sentence
 * rather than the body text around its number. A cross-reference reads as the label it showed when
 * inserted (the words a reader sees there). Read from the JSON as it is: building the ProseMirror
 * document first took 35 ms for a 500-paragraph section, every two seconds while someone types.
 */
export function searchLinesOf(node: TextJson): string[] {
  const lines: string[] = [];
  const walk = (current: TextJson): void => {
    const type = typeof current.type === 'string' ? schema.nodes[current.type] : undefined;
    if (!type?.isTextblock) {
      for (const child of current.content ?? []) walk(child);
      return;
    }
    let line = '';
    const notes: string[] = [];
    for (const inline of current.content ?? []) {
      if (inline.type === 'text') line += String(inline.text ?? '');
      else if (inline.type === 'footnote') notes.push((inline.content ?? []).map((part) => (part.type === 'text' ? String(part.text ?? '') : ' ')).join(''));
      else if (inline.type === 'cross_reference') line += typeof inline.attrs?.label === 'string' ? inline.attrs.label : '';
      else line += '\n';
    }
    lines.push(line, ...notes.filter((note) => note.trim() !== ''));
  };
  walk(node);
  return lines;
}
