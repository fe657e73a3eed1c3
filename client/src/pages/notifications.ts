/**
 * The bell in the header: how many notifications are unread (live, from 'notification:new'), and
 * on click a list of them grouped by section — who did what, when — with a way to mark them all
 * read. Opening a notification (anywhere on its row) marks it read and goes to its section or
 * thread. It is a disclosure: the list follows the button in the page, Escape or a click
 * elsewhere closes it. Lives as long as the sign-in, not as long as a page.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './notifications.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Notification, NotificationKind, Titles } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { titleIn } from '../../../shared/workspace';
import { api, isUnauthenticated } from '../api';
import { locale, plural, t } from '../i18n';
import { sectionPath } from '../router';
import { dateTime, isoOrEmpty, relativeTime } from './format';
import type { AppContext } from './page';

const KIND_TEXT: Record<NotificationKind, MessageKey> = {
  mention: 'notify.mention',
  reply: 'notifications.reply',
  submitted: 'notify.submitted',
  withdrawn: 'notifications.withdrawn',
  'changes-requested': 'notify.changesRequested',
  approved: 'notify.approved',
  'approval-stale': 'notifications.approvalStale',
  suggested: 'notifications.suggested',
  'suggestion-accepted': 'notifications.suggestionAccepted',
  'suggestion-rejected': 'notifications.suggestionRejected',
};

/** The notifications about one section (or about none), newest first, as the list shows them. */
interface SectionGroup {
  sectionId: string | null;
  title: string;
  items: Notification[];
  unread: number;
}

/** Groups the newest-first list by section; the group with the newest notification comes first. */
function bySection(items: Notification[], titleOf: (item: Notification) => string): SectionGroup[] {
  const groups = new Map<string | null, SectionGroup>();
  for (const item of items) {
    let group = groups.get(item.sectionId);
    if (!group) {
      group = { sectionId: item.sectionId, title: titleOf(item), items: [], unread: 0 };
      groups.set(item.sectionId, group);
    }
    group.items.push(item);
    if (!item.read) group.unread += 1;
  }
  return [...groups.values()];
}

const KIND_ICON: Record<NotificationKind, TemplateResult> = {
  reply: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 5h16v11H9l-5 4V5z" /><path d="M8 9.5h8M8 12.5h5" /></svg>`,
  withdrawn: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9 14 4 9l5-5" /><path d="M4 9h10a6 6 0 0 1 0 12h-3" /></svg>`,
  mention: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="4" /><path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8" /></svg>`,
  submitted: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 12l16-8-6 16-3-7-7-1z" /></svg>`,
  'changes-requested': html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 20h4L19 9l-4-4L4 16v4z" /></svg>`,
  approved: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>`,
  'approval-stale': html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4 2.5 20h19L12 4z" /><path d="M12 10v4.5M12 17.2v.3" /></svg>`,
  suggested: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 20h4L19 9l-4-4L4 16v4z" /><path d="M14 20h6" /></svg>`,
  'suggestion-accepted': html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>`,
  'suggestion-rejected': html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6 6 18" /></svg>`,
};

export class NotificationBell {
  private items: Notification[] = [];
  private unread = 0;
  private open = false;
  private failed = false;
  /** Names for the "who" of each notification, and titles for the "where". */
  private names = new Map<number, string>();
  private sections = new Map<string, Titles>();
  private readonly stops: (() => void)[] = [];

  constructor(private readonly context: AppContext) {
    this.stops.push(
      context.realtime.on('notification:new', (item) => {
        this.items = [item, ...this.items.filter((old) => old.id !== item.id)];
        if (!item.read) this.unread += 1;
        if (item.actorId !== null && !this.names.has(item.actorId)) void this.loadDirectory();
        this.context.update();
      }),
      context.realtime.onReconnect(() => void this.load()),
    );
    void this.load();
  }

  dispose(): void {
    for (const stop of this.stops) stop();
    this.open = false;
    document.removeEventListener('pointerdown', this.outside, true);
    document.removeEventListener('keydown', this.escape);
  }

  private async load(): Promise<void> {
    try {
      const { items, unread } = await api.notifications();
      this.items = items;
      this.unread = unread;
      this.failed = false;
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.failed = true;
    }
    this.context.update();
  }

  /** Colleagues and sections change rarely: read once when the list is first opened. */
  private async loadDirectory(): Promise<void> {
    try {
      const [people, sections] = await Promise.all([api.people(), api.sections()]);
      this.names = new Map(people.map((person) => [person.id, person.name]));
      this.sections = new Map(sections.map((section) => [section.id, section.titles ?? { en: section.title, ru: section.title }]));
      this.context.update();
    } catch {
      // Without names the list still says what happened and links to the section.
    }
  }

  private toggle(): void {
    if (this.open) return this.close(true);
    this.open = true;
    document.addEventListener('pointerdown', this.outside, true);
    document.addEventListener('keydown', this.escape);
    if (this.names.size === 0) void this.loadDirectory();
    void this.load();
    this.context.update();
  }

  private close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    document.removeEventListener('pointerdown', this.outside, true);
    document.removeEventListener('keydown', this.escape);
    this.context.update();
    if (returnFocus) document.getElementById('bell-button')?.focus();
  }

  private readonly outside = (event: Event): void => {
    if (!(event.target as Element | null)?.closest?.('.bell')) this.close(false);
  };

  /** Escape closes the list wherever the focus is (a button that went away leaves it on the body). */
  private readonly escape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.close(true);
  };

  private async markAllRead(): Promise<void> {
    try {
      const { unread } = await api.markRead('all');
      this.unread = unread;
      this.items = this.items.map((item) => ({ ...item, read: true }));
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
    }
    this.context.update();
  }

  private async markRead(item: Notification): Promise<void> {
    if (item.read) return;
    this.items = this.items.map((old) => (old.id === item.id ? { ...old, read: true } : old));
    this.unread = Math.max(0, this.unread - 1);
    try {
      this.unread = (await api.markRead([item.id])).unread;
    } catch {
      // It stays unread on the server and shows so at the next load.
    }
    this.context.update();
  }

  view(): TemplateResult {
    const label = this.unread > 0 ? t('notify.buttonUnread', { count: this.unread }) : t('notify.button');
    return html`<div class="bell">
      <button
        id="bell-button"
        type="button"
        class="bell-button"
        aria-label=${label}
        title=${label}
        aria-expanded=${String(this.open)}
        aria-controls="bell-panel"
        @click=${() => this.toggle()}
      >
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15L6 16z" /><path d="M10 20.5a2 2 0 0 0 4 0" />
        </svg>
        ${this.unread > 0 ? html`<span class="bell-count" aria-hidden="true">${this.unread > 99 ? '99+' : this.unread}</span>` : nothing}
      </button>
      ${this.open ? this.panel() : nothing}
    </div>`;
  }

  private panel(): TemplateResult {
    return html`<div id="bell-panel" class="bell-panel" role="region" aria-labelledby="bell-title">
      <div class="bell-head">
        <div class="bell-heading">
          <h2 id="bell-title">${t('notify.title')}</h2>
          <p class="bell-summary">${this.unread > 0 ? plural('notifications.unread', this.unread) : t('notifications.allRead')}</p>
        </div>
        <!-- Not disabled when all is read: a disabled button would drop the keyboard focus. -->
        <button type="button" class="button small quiet" aria-disabled=${String(this.unread === 0)} @click=${() => {
          if (this.unread > 0) void this.markAllRead();
        }}>
          ${t('notify.markAllRead')}
        </button>
      </div>
      ${this.failed
        ? html`<p class="bell-empty" role="alert">${t('app.error.generic')}</p>`
        : this.items.length === 0
          ? html`<p class="bell-empty">${t('notifications.empty')}</p>`
          : bySection(this.items, (item) => this.sectionTitle(item)).map((group, index) => this.group(group, index))}
    </div>`;
  }

  private sectionTitle(item: Notification): string {
    if (item.sectionId === null) return t('notifications.noSection');
    // In the interface's language, which may have changed since the notification was sent.
    const titles = this.sections.get(item.sectionId);
    return titles ? titleIn(titles, locale()) : (item.sectionTitle ?? item.sectionId);
  }

  private group(group: SectionGroup, index: number): TemplateResult {
    const id = `bell-group-${index}`;
    return html`<div class="bell-group" role="group" aria-labelledby=${id}>
      <h3 class="bell-group-head">
        ${group.sectionId
          ? html`<a id=${id} class="bell-group-title" href=${sectionPath(group.sectionId)} @click=${() => this.close(false)}>${group.title}</a>`
          : html`<span id=${id} class="bell-group-title">${group.title}</span>`}
        ${group.unread > 0 ? html`<span class="bell-group-count">${plural('notifications.sectionUnread', group.unread)}</span>` : nothing}
      </h3>
      <ul class="bell-list">${group.items.map((item) => this.item(item))}</ul>
    </div>`;
  }

  private what(item: Notification): string {
    const name = item.actorName ?? (item.actorId !== null ? this.names.get(item.actorId) : undefined);
    if (item.kind === 'approval-stale' && !name) return t('notifications.approvalStaleAnonymous');
    return t(KIND_TEXT[item.kind] ?? 'notify.mention', { name: name ?? t('notify.someone') });
  }

  private item(item: Notification): TemplateResult {
    const href = item.sectionId ? `${sectionPath(item.sectionId)}${item.threadId !== null ? `?thread=${item.threadId}` : ''}` : null;
    const what = html`${item.read ? nothing : html`<span class="visually-hidden">${t('notify.unread')} </span>`}${this.what(item)}`;
    return html`<li class="bell-item kind-${item.kind} ${item.read ? 'read' : 'unread'}">
      <span class="bell-icon">${KIND_ICON[item.kind] ?? KIND_ICON.mention}</span>
      <div class="bell-body">
        <p class="bell-what">
          ${href
            ? html`<a class="bell-open" href=${href} @click=${() => {
                void this.markRead(item);
                this.close(false);
              }}>${what}</a>`
            : what}
        </p>
        ${item.excerpt ? html`<p class="bell-excerpt">${t('notify.quote', { text: item.excerpt })}</p>` : nothing}
        <p class="bell-meta">
          <time datetime=${isoOrEmpty(item.createdAt)} title=${dateTime(item.createdAt)}>${relativeTime(item.createdAt)}</time>
        </p>
      </div>
    </li>`;
  }
}
