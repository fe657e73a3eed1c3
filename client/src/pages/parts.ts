/** Small pieces several pages show the same way: status badges, owners, language switch, problems. */
import { html, nothing, type TemplateResult } from 'lit-html';
import { LOCALES, type Locale } from '../../../shared/i18n';
import type { CountryGroup, SectionStatus } from '../../../shared/workspace';
import { ApiError, NetworkError } from '../api';
import { locale, t } from '../i18n';

/** A status in colour and in words, so the colour is never the only signal. */
export function statusBadge(status: SectionStatus): TemplateResult {
  return html`<span class="badge status-${status}"><span class="badge-dot" aria-hidden="true"></span>${t(`status.${status}`)}</span>`;
}

export function ownerName(group: CountryGroup | null): string {
  return group ? t(`group.${group}`) : t('workspace.regional');
}

/** Buttons rather than a select: two languages, each named in itself, one click away. */
export function languageSwitch(onSwitch: (locale: Locale) => void): TemplateResult {
  return html`<div class="language-switch" role="group" aria-label=${t('lang.label')}>
    ${LOCALES.map(
      (code) => html`<button
        type="button"
        lang=${code}
        aria-pressed=${String(code === locale())}
        @click=${() => onSwitch(code)}
      >
        ${t(`lang.${code}`)}
      </button>`,
    )}
  </div>`;
}

export function loading(): TemplateResult {
  return html`<div class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</div>`;
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

export function notFound(message: string): TemplateResult {
  return html`<div class="problem not-found">
    <h1>${message}</h1>
    <p><a class="button" href="/">${t('app.backToWorkspace')}</a></p>
  </div>`;
}
