/**
 * Small pieces of view that the pages and the section components show alike: a status badge, an
 * avatar's initials, the explanation of a failed request. They sit below both, so that section/
 * never has to import pages/.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { SectionStatus } from '../../../shared/workspace';
import { ApiError, NetworkError } from '../api';
import { t } from '../i18n';

/** A status in colour and in words, so the colour is never the only signal. */
export function statusBadge(status: SectionStatus): TemplateResult {
  return html`<span class="badge status-${status}"><span class="badge-dot" aria-hidden="true"></span>${t(`status.${status}`)}</span>`;
}

/** Up to two letters for an avatar, from any script (Cyrillic, Latin with ʻ, ...). */
export function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => [...word].find((char) => /\p{L}/u.test(char)) ?? '')
    .filter(Boolean);
  return (letters.length > 1 ? letters[0] + letters[letters.length - 1] : letters[0] ?? '?').toUpperCase();
}

/** A readable explanation of a failure, with a way forward. */
export function problem(error: unknown, retry?: () => void): TemplateResult {
  const message =
    error instanceof NetworkError
      ? t('app.error.network')
      : error instanceof ApiError && error.status === 404
        ? t('app.notFound')
        : t('app.error.generic');
  return html`<div class="problem" role="alert">
    <p>${message}</p>
    <p class="problem-actions">
      ${retry ? html`<button type="button" class="button primary" @click=${retry}>${t('app.retry')}</button>` : nothing}
      <a class="button" href="/">${t('app.backToWorkspace')}</a>
    </p>
  </div>`;
}
