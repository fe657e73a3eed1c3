/**
 * The glossary-in-the-editor messages in the reader's language. They come from this feature's own
 * catalogue (`shared/i18n/glossary-editor.*.ts`, merged into the app's catalogue as well), read
 * here directly so the feature never depends on the order in which catalogues are merged.
 */
import type { GlossaryEntry } from '../../../../shared/api';
import { glossaryEditorEn } from '../../../../shared/i18n/glossary-editor.en';
import { glossaryEditorRu } from '../../../../shared/i18n/glossary-editor.ru';
import { LANGUAGES, LANGUAGE_NAMES, type LanguageCode } from '../../../../shared/languages';
import { locale } from '../../i18n';

export type GlossaryWord = keyof typeof glossaryEditorEn;

/** The message for `key` in the current language, with `{name}` filled from `params`. */
export function say(key: GlossaryWord, params: Record<string, string> = {}): string {
  const template = (locale() === 'ru' ? glossaryEditorRu : glossaryEditorEn)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** One term of an entry with its language. */
export interface EntryTerm {
  lang: LanguageCode;
  text: string;
}

/**
 * The entry's terms, the reader's language first (then Russian, the working language), then the
 * others in the workspace's order of languages.
 */
export function termsOf(entry: Pick<GlossaryEntry, 'terms'>): EntryTerm[] {
  const first: LanguageCode[] = [locale() as LanguageCode, 'ru'];
  const order = [...new Set([...first, ...LANGUAGES])];
  return order.flatMap((lang) => {
    const text = entry.terms[lang]?.trim();
    return text ? [{ lang, text }] : [];
  });
}

/** The entry's term as the reader names it. */
export function termOf(entry: Pick<GlossaryEntry, 'terms'>): string {
  return termsOf(entry)[0]?.text ?? '';
}

/** A language's short name for a term list ("kk", spoken as "Kazakh"). */
export function languageName(lang: LanguageCode): string {
  return LANGUAGE_NAMES[lang][locale() === 'ru' ? 'ru' : 'en'];
}
