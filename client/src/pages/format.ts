/**
 * Dates, relative times and counted nouns in the current language. The browser's Intl knows the
 * calendar words and plural rules of both languages; the catalogue only holds our own phrases.
 */
import { locale, t } from '../i18n';

/** "1 day", "3 дня", "5 дней": the form the language's plural rule picks (`shared/i18n/plural.ts`). */
export { plural } from '../i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "5 minutes ago", "вчера"; anything under a minute is "just now". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (Date.parse(iso) - now) / 1000;
  if (!Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 60) return t('format.justNow');
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return t('format.justNow');
}

/** A full date and time, for titles and tables where the exact moment matters. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A calendar day ('YYYY-MM-DD' from the server) in words, without a time zone shift. */
export function calendarDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A machine-readable timestamp for <time datetime>. */
export function isoOrEmpty(iso: string | null | undefined): string {
  return iso && !Number.isNaN(Date.parse(iso)) ? iso : '';
}
