/**
 * What the section page says when the server will not take changes this device still holds: the
 * person's rights were taken away while they worked offline, the section went, or the account was
 * deactivated. Nothing is dropped silently: the changes stay in the local copy, the person may
 * download them as a document, and only their own "Discard" deletes them.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { t } from '../i18n';
import { plural } from './plural';
import './unsent-changes.css';

export type UnsentTrouble = 'refused' | 'lost' | 'deactivated';

export interface UnsentActions {
  download: () => void;
  /** Absent where discarding is not offered (a deactivated account leaves, the copy stays for a coordinator's help). */
  discard?: () => void;
  /** The deactivated: go on to the sign-in page. */
  leave?: () => void;
}

export function unsentChanges(trouble: UnsentTrouble, count: number, reason: string, actions: UnsentActions): TemplateResult {
  const changes = plural('connection.unsaved', count);
  const body =
    trouble === 'refused'
      ? t('offline.refused.body', { changes, reason })
      : t(trouble === 'lost' ? 'offline.lost.body' : 'offline.deactivated.body', { changes });
  const title = t(trouble === 'refused' ? 'offline.refused.title' : trouble === 'lost' ? 'offline.lost.title' : 'offline.deactivated.title');
  return html`<section class="unsent-changes" role="alert" aria-labelledby="unsent-title">
    <h2 id="unsent-title">${title}</h2>
    <p>${body}</p>
    <div class="unsent-actions">
      <button type="button" class="button primary" @click=${actions.download}>${t('offline.download')}</button>
      ${actions.discard ? html`<button type="button" class="button danger" @click=${actions.discard}>${t('offline.discard')}</button>` : nothing}
      ${actions.leave ? html`<button type="button" class="button" @click=${actions.leave}>${t('offline.continue')}</button>` : nothing}
    </div>
  </section>`;
}
