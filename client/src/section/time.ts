/**
 * Moments as people say them ("5 minutes ago", "12 Jun"), in the interface language, with the
 * exact date and time one hover (or one screen-reader query) away.
 */
import { html, type TemplateResult } from 'lit-html';
import { locale, t } from '../i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function exactTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function relativeTime(iso: string, now = Date.now()): string {
  const then = new Date(iso).getTime();
  const ago = now - then;
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  if (ago < 45_000) return t('time.justNow');
  if (ago < HOUR) return format.format(-Math.max(1, Math.round(ago / MINUTE)), 'minute');
  if (ago < DAY) return format.format(-Math.round(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return format.format(-Math.round(ago / DAY), 'day');
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: sameYear ? undefined : 'numeric' }).format(then);
}

/** A `<time>` element: relative words, the exact moment as its title. */
export function when(iso: string): TemplateResult {
  return html`<time datetime=${iso} title=${exactTime(iso)}>${relativeTime(iso)}</time>`;
}
