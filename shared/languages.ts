/**
 * The languages a section can be written in (#19), and how a language version is named. A section
 * has one collaborative document per language: the source language's document is keyed by the
 * section id alone (as before language versions existed), a translation's by `<sectionId>/<lang>`.
 * Section ids are `[a-z0-9-]`, so the `/` never occurs in one and a key always parses back.
 */

/** Russian, the working language; English, for IOM; the five countries' national languages. */
export const LANGUAGES = ['ru', 'en', 'kk', 'ky', 'tg', 'tk', 'uz'] as const;
export type LanguageCode = (typeof LANGUAGES)[number];

/** Each language's name in itself, in English and in Russian (lower case, as Russian writes it in a sentence). */
export const LANGUAGE_NAMES: Record<LanguageCode, { native: string; en: string; ru: string }> = {
  ru: { native: 'Русский', en: 'Russian', ru: 'русский' },
  en: { native: 'English', en: 'English', ru: 'английский' },
  kk: { native: 'Қазақша', en: 'Kazakh', ru: 'казахский' },
  ky: { native: 'Кыргызча', en: 'Kyrgyz', ru: 'киргизский' },
  tg: { native: 'Тоҷикӣ', en: 'Tajik', ru: 'таджикский' },
  tk: { native: 'Türkmençe', en: 'Turkmen', ru: 'туркменский' },
  uz: { native: 'Oʻzbekcha', en: 'Uzbek', ru: 'узбекский' },
};

/** The workspace's languages: the one the groups write in, and those it is translated into. */
export interface LanguageSettings {
  source: LanguageCode;
  /** In the order the coordinators listed them; never the source, never twice. */
  targets: LanguageCode[];
}

export const DEFAULT_LANGUAGES: LanguageSettings = { source: 'ru', targets: [] };

export const isLanguageCode = (value: unknown): value is LanguageCode =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The key of a section's document in a language: the section id for the source (`lang` null or ''). */
export function documentKey(sectionId: string, lang: string | null): string {
  return lang ? `${sectionId}/${lang}` : sectionId;
}

/** The section and language of a document key; `lang` is '' for the source language's document. */
export function parseDocumentKey(key: string): { sectionId: string; lang: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { sectionId: key, lang: '' } : { sectionId: key.slice(0, slash), lang: key.slice(slash + 1) };
}
