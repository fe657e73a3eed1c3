/** What a page says to someone whose role does not let them use it (instead of an empty page). */
import { html, type TemplateResult } from 'lit-html';
import { t } from '../i18n';

export function forbidden(message: string): TemplateResult {
  return html`<div class="problem forbidden" role="alert">
    <h2>${t('access.notAllowed')}</h2>
    <p>${message}</p>
    <p class="problem-actions"><a class="button" href="/">${t('app.backToWorkspace')}</a></p>
  </div>`;
}
