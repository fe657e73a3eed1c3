/**
 * How a reader meets the glossary: each entry under its term in the reader's language (or, when
 * it has none, the first it has), in that language's alphabetical order, and found by any of its
 * words in any language. Pure functions, so the page and the tests read entries the same way.
 */
import type { GlossaryEntry, GlossaryTerms } from '../../../shared/api';
import { LANGUAGES, type LanguageCode } from '../../../shared/languages';

/** The languages to name an entry by, best first: the reader's, the workspace's source, then the fixed order. */
function preference(readerLang: string, sourceLang: string): LanguageCode[] {
  const first = [readerLang, sourceLang].filter((lang): lang is LanguageCode => (LANGUAGES as readonly string[]).includes(lang));
  return [...new Set([...first, ...LANGUAGES])];
}

/** The term an entry is listed under for this reader, and its language. */
export function headline(terms: GlossaryTerms, readerLang: string, sourceLang: string): { lang: LanguageCode; text: string } {
  for (const lang of preference(readerLang, sourceLang)) {
    const text = terms[lang];
    if (text) return { lang, text };
  }
  return { lang: 'ru', text: '' };
}

/** The entries in the reader's alphabetical order of their headline terms. */
export function alphabetical(entries: GlossaryEntry[], readerLang: string, sourceLang: string): GlossaryEntry[] {
  const collator = new Intl.Collator(readerLang, { sensitivity: 'base', numeric: true });
  return [...entries].sort((a, b) => collator.compare(headline(a.terms, readerLang, sourceLang).text, headline(b.terms, readerLang, sourceLang).text));
}

/** Lower case, composed, and with the Uzbek and Turkmen apostrophe variants as one letter, for matching. */
function folded(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase().replace(/[ʻʼ‘’`']/g, 'ʻ');
}

/** Whether a filter's words all occur in an entry's terms, definition or source (any language). */
export function matches(entry: GlossaryEntry, filter: string): boolean {
  const words = folded(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = folded([...Object.values(entry.terms), entry.definition, entry.source].join('\n'));
  return words.every((word) => haystack.includes(word));
}

/**
 * The `lang` attribute of a term: its language, with the script where the language is written in
 * two (Uzbek, in Latin and in Cyrillic), so fonts, hyphenation and screen readers get it right.
 */
export function langAttribute(lang: LanguageCode, text: string): string {
  if (lang !== 'uz') return lang;
  return /\p{Script=Cyrillic}/u.test(text) ? 'uz-Cyrl' : 'uz-Latn';
}
