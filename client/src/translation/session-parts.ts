/**
 * Each column's connection line and who is there, as the section page shows them for its one
 * editor: the two documents of the side-by-side view connect, fail and fill with people on their
 * own, so each says so for itself.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import {
  REASON_LANGUAGE_REMOVED,
  REASON_NO_SUCH_LANGUAGE,
} from '../../../shared/collab-protocol';
import type { MessageKey } from '../../../shared/i18n';
import type { CollabSession } from '../editor/collab-session';
import { CLOSE_REASON, NO_RETRY, connectionAnnouncement, connectionText } from '../editor/connection-state';
import { t } from '../i18n';


/** The server's reason for closing a translation's connection (the language removed or unknown). */
function closeReason(code: number | null, reason: string): MessageKey {
  if (reason.startsWith(REASON_LANGUAGE_REMOVED)) return 'connection.reason.languageRemoved';
  if (reason.startsWith(REASON_NO_SUCH_LANGUAGE)) return 'connection.reason.noSuchLanguage';
  return CLOSE_REASON[code ?? 0] ?? 'connection.reason.other';
}

export function connectionLine(session: CollabSession, closedReason = ''): TemplateResult {
  const status = session.connection.status;
  const code = session.connection.closedCode;
  const closed = status === 'closed' ? t('connection.closed', { reason: t(closeReason(code, closedReason)) }) : null;
  return html`<div class="connection connection-${status}">
    <p class="connection-text"><span class="connection-dot" aria-hidden="true"></span>${closed ?? connectionText(session.connection, session.changesTaken)}</p>
    <span class="visually-hidden" role="status" aria-live="polite">${closed ?? connectionAnnouncement(session.connection, session.changesTaken)}</span>
    ${status === 'closed' && !NO_RETRY.has(code ?? 0)
      ? html`<button type="button" class="button small" @click=${() => session.connection.retry()}>${t('app.retry')}</button>`
      : nothing}
  </div>`;
}

export function presenceList(session: CollabSession, id: string): TemplateResult {
  const people = session.people;
  return html`<section class="presence" aria-labelledby=${id}>
    <h2 id=${id} class="presence-title">${t('presence.title')}</h2>
    <ul class="presence-list">
      ${people.map(
        (person) => html`<li class=${person.self ? 'self' : ''}>
          <span class="presence-dot" aria-hidden="true" style="background-color: ${person.colour}"></span>
          ${person.self ? t('presence.you', { name: person.name }) : person.name}
        </li>`,
      )}
    </ul>
    ${people.filter((person) => !person.self).length === 0 ? html`<p class="presence-alone">${t('presence.alone')}</p>` : nothing}
  </section>`;
}
