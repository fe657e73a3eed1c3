/**
 * One section: its title, owner and status, who is here, the state of the connection, and the
 * shared editor. The editor session is made once when the section has loaded; re-renders only
 * place its element again.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { CLOSE_FORBIDDEN, CLOSE_MALFORMED, CLOSE_UNAUTHENTICATED } from '../../../shared/collab-protocol';
import type { MessageKey } from '../../../shared/i18n';
import { type Me, type Section, ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { CollabSession } from '../editor/collab-session';
import type { ConnectionStatus } from '../editor/connection-state';
import { t } from '../i18n';
import type { AppContext, Page } from './page';
import { loading, notFound, ownerName, problem, statusBadge } from './parts';

const STATUS_TEXT: Record<Exclude<ConnectionStatus, 'closed'>, MessageKey> = {
  connecting: 'connection.connecting',
  connected: 'connection.connected',
  syncing: 'connection.syncing',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
  'offline-unsynced': 'connection.offlineUnsynced',
};

const CLOSE_REASON: Record<number, MessageKey> = {
  [CLOSE_UNAUTHENTICATED]: 'connection.reason.unauthenticated',
  [CLOSE_FORBIDDEN]: 'connection.reason.forbidden',
  [CLOSE_MALFORMED]: 'connection.reason.malformed',
};

export class SectionPage implements Page {
  private section: Section | null = null;
  private missing = false;
  private error: unknown = null;
  private session: CollabSession | null = null;
  private disposed = false;

  constructor(
    private readonly context: AppContext,
    private readonly sectionId: string,
  ) {
    void this.load();
  }

  title(): string {
    const name = this.section?.title ?? (this.missing ? t('section.notFound') : t('app.loading'));
    return `${name} · ${t('app.title')}`;
  }

  private async load(): Promise<void> {
    try {
      const section = await api.section(this.sectionId);
      if (this.disposed) return;
      this.section = section;
      this.error = null;
      this.open(section);
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      if (error instanceof ApiError && error.status === 404) this.missing = true;
      else this.error = error;
      if (!(error instanceof ApiError) && !(error instanceof NetworkError)) console.error(error);
    }
    this.context.update();
  }

  private open(section: Section): void {
    this.context.realtime.joinSection(section.id);
    if (this.session || !this.context.me) return;
    this.session = new CollabSession({
      sectionId: section.id,
      me: this.context.me,
      initialAccess: section.permissions.edit ? 'edit' : 'read-only',
      onChange: () => this.context.update(),
      onClosed: (code) => {
        if (code === CLOSE_UNAUTHENTICATED) this.context.sessionEnded();
        else this.refresh();
      },
      onUnreachable: () => void this.context.checkSession(),
    });
  }

  /** Rights changed (or the server closed the connection): re-read the section and yourself. */
  refresh(): void {
    if (this.context.me) this.session?.setMe(this.context.me);
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    this.context.realtime.leaveSection(this.sectionId);
    this.session?.destroy();
    this.session = null;
  }

  view(): TemplateResult {
    if (this.missing) return notFound(t('section.notFound'));
    if (this.error) {
      return problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      });
    }
    const section = this.section;
    const session = this.session;
    if (!section || !session) return loading();
    const readOnly = session.currentAccess === 'read-only';
    return html`
      <nav class="breadcrumb" aria-label=${t('nav.breadcrumb')}>
        <a href="/">${t('nav.workspace')}</a>
        <span aria-hidden="true">/</span>
        <span>${t(section.part === 1 ? 'workspace.part1' : 'workspace.part2')}</span>
      </nav>
      <div class="section-head">
        <div class="section-heading">
          ${section.part === 1 ? html`<p class="eyebrow">${t('section.module', { position: section.position })}</p>` : nothing}
          <h1>${section.title}</h1>
          <p class="section-meta">
            <span>${t('section.owner', { group: ownerName(section.group) })}</span>
            ${statusBadge(section.status)}
          </p>
        </div>
        <div class="section-side">
          ${this.connection(session)} ${this.presence(session)}
        </div>
      </div>
      ${readOnly ? this.readOnlyNotice(section) : nothing}
      <div class="editor-frame ${readOnly ? 'is-read-only' : ''}">
        ${readOnly ? nothing : session.toolbar.element}
        <div class="paper">${session.editorElement}</div>
      </div>
    `;
  }

  private readOnlyNotice(section: Section): TemplateResult {
    return html`<div class="notice" role="note">
      <svg class="icon notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.5" />
      </svg>
      <p>${t('section.readOnlyNotice', { reason: readOnlyReason(this.context.me, section) })}</p>
    </div>`;
  }

  private connection(session: CollabSession): TemplateResult {
    const status = session.connection.status;
    const code = session.connection.closedCode;
    const text =
      status === 'closed'
        ? t('connection.closed', { reason: t(CLOSE_REASON[code ?? 0] ?? 'connection.reason.other') })
        : status === 'connected' && session.currentAccess === 'read-only'
        ? t('connection.connectedReadOnly')
        : t(STATUS_TEXT[status]);
    return html`<div class="connection connection-${status}">
      <p role="status" aria-live="polite"><span class="connection-dot" aria-hidden="true"></span>${text}</p>
      ${status === 'closed' && code !== CLOSE_UNAUTHENTICATED
        ? html`<button type="button" class="button small" @click=${() => session.connection.retry()}>${t('app.retry')}</button>`
        : nothing}
    </div>`;
  }

  private presence(session: CollabSession): TemplateResult {
    const people = session.people;
    return html`<section class="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" class="presence-title">${t('presence.title')}</h2>
      <ul class="presence-list">
        ${people.map(
          (person) => html`<li class=${person.self ? 'self' : ''}>
            <span class="presence-dot" aria-hidden="true" style="background-color: ${person.colour}"></span>
            ${person.self ? t('presence.you', { name: person.name }) : person.name}
          </li>`,
        )}
      </ul>
      ${people.filter((person) => !person.self).length === 0
        ? html`<p class="presence-alone">${t('presence.alone')}</p>`
        : nothing}
    </section>`;
  }
}

/** Why you may read but not write here, in the words of the catalogue. */
export function readOnlyReason(me: Me | null, section: Section): string {
  if (me?.role === 'reviewer') return t('section.readOnly.reviewer');
  if (me && (me.role === 'member' || me.role === 'lead') && section.group && section.group !== me.group) {
    return t('section.readOnly.otherGroup', { group: t(`group.${section.group}`) });
  }
  return t('section.readOnly.generic');
}
