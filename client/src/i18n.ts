/**
 * The client's current language. Pages call `t` while rendering, so changing the locale and
 * re-rendering is all a language switch needs.
 */
import { type Locale, type MessageKey, isLocale, translate } from '../../shared/i18n';
import { type PluralBase, translatePlural } from '../../shared/i18n/plural';

const STORAGE_KEY = 'syllabus.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be disabled; the browser's language is the next best guess.
  }
  return navigator.languages.some((language) => language.toLowerCase().startsWith('ru')) ? 'ru' : 'en';
}

let current: Locale = initialLocale();
const listeners = new Set<(locale: Locale) => void>();

export function locale(): Locale {
  return current;
}

/** Sets the language, remembers it in this browser and tells the listeners (once per change). */
export function setLocale(next: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered in this browser; the server still remembers it for a signed-in person.
  }
  if (next === current) return;
  current = next;
  document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** A counted message in the current language: `plural('dashboard.waitingCount', 2)` → "2 раздела ждут вас". */
export function plural(base: PluralBase, count: number, params?: Record<string, string | number>): string {
  return translatePlural(current, base, count, params);
}

document.documentElement.lang = current;
