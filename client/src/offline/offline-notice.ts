/**
 * "You are offline: this page shows what this device kept at 14:03." Shown while the API answers
 * a page gets come from the service worker's copy (`OFFLINE_COPY_HEADER`), gone at the first
 * answer from the server. The time is the oldest copy shown since the notice appeared: the page
 * is at least that old.
 */
import { html } from 'lit-html';
import { locale, t } from '../i18n';
import { hideBanner, showBanner } from './app-update-banner';

let oldest: Date | null = null;

/** Tells the notice where an API answer came from: `fetchedAt` is the copy's header, null from the network. */
export function noteAnswer(fetchedAt: string | null): void {
  const time = fetchedAt ? new Date(fetchedAt) : null;
  if (!time || Number.isNaN(time.getTime())) {
    oldest = null;
    return hideBanner('offline-copy');
  }
  if (oldest && oldest <= time) return;
  oldest = time;
  const shown = time;
  showBanner('offline-copy', () => html`<p>${t('appUpdate.offlineCopy', { time: keptAt(shown) })}</p>`);
}

/** "14:03" today, "12 Mar 2027, 14:03" on another day. */
function keptAt(time: Date): string {
  const today = time.toDateString() === new Date().toDateString();
  const format = today ? { timeStyle: 'short' as const } : { dateStyle: 'medium' as const, timeStyle: 'short' as const };
  return new Intl.DateTimeFormat(locale(), format).format(time);
}
