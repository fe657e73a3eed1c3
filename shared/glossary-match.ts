/**
 * Finding glossary terms in text (#20): the words that are a term of an entry, or a variant
 * spelling of one, in any of the workspace's scripts. Pure (no DOM, no editor), so the editor's
 * hints, its "Link to glossary" list and the tests all use the same rules:
 *
 * - case does not matter, nor ё/е, nor the kind of apostrophe (Uzbek oʻ, o', o’), nor a hyphen
 *   against a space or nothing ("ре-интеграция", "ре интеграция", "реинтеграция");
 * - a word that mixes Cyrillic and Latin letters (a Latin "a" typed in a Russian word) is read
 *   as Cyrillic: it is the same word to a reader, and a search would miss it otherwise;
 * - simple inflection: Russian (and other Cyrillic) words are compared by their stem, the word
 *   less its longest common ending ("мигрантами" → "мигрант"), Latin words less a plural "s";
 * - a term of several words matches those words in order, separated only by spaces or hyphens
 *   (never across a full stop or a comma).
 *
 * The stem rules are deliberately small: they must not link two different terms, and a hint that
 * is wrong costs the writer a glance, a hint that is missing costs nothing.
 */

/** An entry as the matcher needs it: its id and its term in each language. */
export interface TermSource {
  id: string;
  terms: Partial<Record<string, string>>;
}

/** A place in a text where an entry's term stands. Offsets are UTF-16 indices into the text. */
export interface TermMatch {
  entry: string;
  /** The language of the term that matched. */
  lang: string;
  from: number;
  to: number;
  /** The words are the term itself (up to case, ё/е, apostrophes and hyphens), not an inflected form. */
  exact: boolean;
}

/** How a word is compared: its plain form and its stem. */
interface Forms {
  /** Lower case, ё→е, one apostrophe, Latin look-alikes in a Cyrillic word made Cyrillic. */
  plain: string;
  /** `plain` less its inflectional ending. */
  stem: string;
}

/**
 * The words of a text, as parallel arrays (a 30-page section has 20,000 words: no object per
 * word beyond its shared forms). What separates a word from the next is read only when a term
 * might go on past it.
 */
interface Words {
  text: string;
  from: number[];
  to: number[];
  forms: Forms[];
}

/** A term as compared: its words' stems and plain forms. */
interface Pattern {
  entry: string;
  lang: string;
  stems: string[];
  plains: string[];
}

const APOSTROPHES = /['’‘ʼ`]/g;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const APOSTROPHE_CHARS = new Set(["'", '’', '‘', 'ʼ', 'ʻ', '`'].map((char) => char.charCodeAt(0)));

/**
 * Which UTF-16 code units are part of a word (letters, marks, digits; surrogates, so letters
 * beyond the first plane stay whole): 0 not asked yet, 1 yes, 2 no. A table, because the
 * Unicode-aware regular expression costs as much as all the rest of the reading.
 */
const wordCharTable = new Uint8Array(0x10000);
function isWordChar(code: number): boolean {
  let known = wordCharTable[code];
  if (known === 0) {
    known = (code >= 0xd800 && code <= 0xdfff) || WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    wordCharTable[code] = known;
  }
  return known === 1;
}

/** Latin letters that look like Cyrillic ones, as they slip into Russian words. */
const LOOK_ALIKES: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', m: 'м', t: 'т', h: 'н', b: 'в',
};

/**
 * Russian inflectional endings (nouns, adjectives, participles), longest first, so the longest
 * one that leaves a stem of three letters or more is taken off.
 */
const CYRILLIC_ENDINGS = [
  'иями', 'ями', 'ами', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ией', 'иях', 'ием', 'иям',
  'ой', 'ей', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ую', 'юю', 'ов', 'ев', 'ам', 'ям', 'ах', 'ях',
  'ом', 'ем', 'ым', 'им', 'ые', 'ие', 'ия', 'ию', 'ии', 'ых', 'их',
  'ы', 'и', 'а', 'я', 'о', 'е', 'у', 'ю', 'ь', 'й',
];
const MIN_STEM = 3;

/** Word forms are few and repeat a lot in a long text: each is reduced once. */
const formCache = new Map<string, Forms>();
const FORM_CACHE_LIMIT = 50_000;

/** The form a word is compared by when it must be the term itself. */
export function plainWord(word: string): string {
  let plain = word.toLowerCase().replace(/ё/g, 'е').replace(APOSTROPHES, 'ʻ');
  if (CYRILLIC.test(plain) && LATIN.test(plain)) plain = [...plain].map((char) => LOOK_ALIKES[char] ?? char).join('');
  return plain;
}

/** The word less its inflectional ending (of a plain word: see `plainWord`). */
export function stemWord(plain: string): string {
  if (CYRILLIC.test(plain)) {
    for (const ending of CYRILLIC_ENDINGS) {
      if (plain.length - ending.length >= MIN_STEM && plain.endsWith(ending)) return plain.slice(0, -ending.length);
    }
    return plain;
  }
  // English plurals and possessives; other Latin scripts' suffixes are left (see the header).
  if (plain.endsWith('ʻs')) return plain.slice(0, -2);
  if (plain.length > 4 && plain.endsWith('es') && /(?:ss|sh|ch|x)es$/.test(plain)) return plain.slice(0, -2);
  if (plain.length > 3 && plain.endsWith('s') && !plain.endsWith('ss')) return plain.slice(0, -1);
  return plain;
}

function formsOf(word: string): Forms {
  let forms = formCache.get(word);
  if (!forms) {
    const plain = plainWord(word);
    forms = { plain, stem: stemWord(plain) };
    if (formCache.size >= FORM_CACHE_LIMIT) formCache.clear();
    formCache.set(word, forms);
  }
  return forms;
}

/** The words of a text: runs of letters, marks and digits, with apostrophes inside them (oʻ). */
function wordsOf(text: string): Words {
  const words: Words = { text, from: [], to: [], forms: [] };
  const length = text.length;
  let i = 0;
  while (i < length) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (isWordChar(code)) i++;
      else if (APOSTROPHE_CHARS.has(code) && i + 1 < length && isWordChar(text.charCodeAt(i + 1))) i += 2;
      else break;
    }
    words.from.push(start);
    words.to.push(i);
    words.forms.push(formsOf(text.slice(start, i)));
  }
  return words;
}

/** Only spaces or hyphens separate word `i` from the next: a term may go on into it. */
function joinsNext(words: Words, i: number): boolean {
  return /^[\s\u00a0\-‐‑–]+$/u.test(words.text.slice(words.to[i], words.from[i + 1]));
}

/** Only a hyphen separates word `i` from the next ("ре-интеграция"). */
function hyphenNext(words: Words, i: number): boolean {
  if (i + 1 >= words.from.length || words.from[i + 1] !== words.to[i] + 1) return false;
  const between = words.text.charCodeAt(words.to[i]);
  return between === 0x2d || between === 0x2010 || between === 0x2011;
}

/** The words of a term, as the patterns compare them: "ре-интеграция" also as one word. */
function patternsOf(entry: string, lang: string, term: string): Pattern[] {
  const words = wordsOf(term).forms;
  if (words.length === 0) return [];
  const patterns: Pattern[] = [{ entry, lang, stems: words.map((w) => w.stem), plains: words.map((w) => w.plain) }];
  if (words.length > 1) {
    const plain = words.map((w) => w.plain).join('');
    patterns.push({ entry, lang, stems: [stemWord(plain)], plains: [plain] });
  }
  return patterns;
}

/** How well an entry answers a query typed into the "Link to glossary" list. */
export interface TermCandidate {
  entry: string;
  /** Higher is better: 4 the term itself, 3 an inflected form, 2 the start of a term, 1 inside one. */
  score: number;
}

/**
 * The glossary's terms, indexed by the stem of their first word so that a text is read once,
 * whatever the number of entries. Build one per version of the glossary.
 */
export class TermMatcher {
  private readonly byFirstStem = new Map<string, Pattern[]>();
  private readonly all: Pattern[] = [];

  constructor(entries: readonly TermSource[]) {
    for (const entry of entries) {
      for (const [lang, term] of Object.entries(entry.terms)) {
        if (!term) continue;
        for (const pattern of patternsOf(entry.id, lang, term)) {
          this.all.push(pattern);
          const key = pattern.stems[0];
          const list = this.byFirstStem.get(key);
          if (list) list.push(pattern);
          else this.byFirstStem.set(key, [pattern]);
        }
      }
    }
    // Longest first: "трудовой мигрант" wins over "мигрант"... and over "трудовой".
    for (const list of this.byFirstStem.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** No terms at all: nothing can match. */
  get empty(): boolean {
    return this.all.length === 0;
  }

  /**
   * Every place in `text` where a term stands, left to right, never overlapping (the longest term
   * at a place wins). `offset` is added to every position (a block's start in a document).
   */
  find(text: string, offset = 0): TermMatch[] {
    if (this.all.length === 0) return [];
    const words = wordsOf(text);
    const matches: TermMatch[] = [];
    for (let i = 0; i < words.from.length; ) {
      const found = this.matchAt(words, i);
      if (found) {
        matches.push({ entry: found.pattern.entry, lang: found.pattern.lang, from: words.from[i] + offset, to: words.to[found.end] + offset, exact: found.exact });
        i = found.end + 1;
      } else i++;
    }
    return matches;
  }

  /** The longest pattern starting at word `i`: as separate words, or the hyphenated run as one. */
  private matchAt(words: Words, i: number): { pattern: Pattern; end: number; exact: boolean } | null {
    const { forms } = words;
    for (const pattern of this.byFirstStem.get(forms[i].stem) ?? []) {
      const end = i + pattern.stems.length - 1;
      if (end >= forms.length) continue;
      let fits = true;
      let exact = true;
      for (let k = 0; k < pattern.stems.length && fits; k++) {
        const word = forms[i + k];
        if (word.stem !== pattern.stems[k] || (k > 0 && !joinsNext(words, i + k - 1))) fits = false;
        else if (word.plain !== pattern.plains[k]) exact = false;
      }
      if (fits) return { pattern, end, exact };
    }
    // "ре-интеграция" in the text, "реинтеграция" in the glossary.
    if (hyphenNext(words, i)) {
      let joined = forms[i].plain;
      for (let end = i + 1; end < forms.length; end++) {
        joined += forms[end].plain;
        const candidates = this.byFirstStem.get(stemWord(joined)) ?? [];
        const single = candidates.find((pattern) => pattern.stems.length === 1);
        if (single) return { pattern: single, end, exact: single.plains[0] === joined };
        if (!hyphenNext(words, end)) break;
      }
    }
    return null;
  }

  /**
   * The entries whose terms answer a query (the selected words, or what was typed into the list),
   * best first; an entry counts once, with its best term.
   */
  search(query: string, limit = 20): TermCandidate[] {
    const words = wordsOf(query).forms;
    if (words.length === 0) return [];
    const plain = words.map((w) => w.plain).join(' ');
    const stems = words.map((w) => w.stem).join(' ');
    const best = new Map<string, number>();
    for (const pattern of this.all) {
      const termPlain = pattern.plains.join(' ');
      const termStems = pattern.stems.join(' ');
      let score = 0;
      if (termPlain === plain) score = 4;
      else if (termStems === stems) score = 3;
      else if (termPlain.startsWith(plain) || termStems.startsWith(stems)) score = 2;
      else if (termPlain.includes(plain)) score = 1;
      if (score > (best.get(pattern.entry) ?? 0)) best.set(pattern.entry, score);
    }
    return [...best.entries()]
      .map(([entry, score]) => ({ entry, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
