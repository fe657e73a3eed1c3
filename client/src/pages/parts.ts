/**
 * Small pieces several pages show the same way: owners, language switch, loading, not found. (Those
 * the section components show too, status badges and problems, are in ui/parts.ts.)
 */
import { html, type TemplateResult } from 'lit-html';
import { LOCALES, type Locale } from '../../../shared/i18n';
import type { CountryGroup } from '../../../shared/workspace';
import { locale, t } from '../i18n';

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

export function notFound(message: string): TemplateResult {
  return html`<div class="problem not-found">
    <h1>${message}</h1>
    <p><a class="button" href="/">${t('app.backToWorkspace')}</a></p>
  </div>`;
}
