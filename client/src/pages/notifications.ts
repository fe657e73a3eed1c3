/**
 * The bell in the header: how many notifications are unread (live, from 'notification:new'), and
 * on click a list of them — who did what, where, when — with a way to mark them all read. It is a
 * disclosure: the list follows the button in the page, Escape or a click elsewhere closes it.
 * Lives as long as the sign-in, not as long as a page.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './notifications.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { MessageKey } from '../../../shared/i18n';
import { type Notification, type NotificationKind, api, isUnauthenticated } from '../api';
import { t } from '../i18n';
import { sectionPath } from '../router';
import { dateTime, isoOrEmpty, relativeTime } from './format';
import type { AppContext } from './page';

const KIND_TEXT: Record<NotificationKind, MessageKey> = {
  mention: 'notify.mention',
  submitted: 'notify.submitted',
  'changes-requested': 'notify.changesRequested',
  approved: 'notify.approved',
  'approval-stale': 'notify.approvalStale',
};

const KIND_ICON: Record<NotificationKind, TemplateResult> = {
  mention: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="4" /><path d="M16 8v5a3 3 0 0 0 6 0v-1a10 10 0 1 0-4 8" /></svg>`,
  submitted: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 12l16-8-6 16-3-7-7-1z" /></svg>`,
  'changes-requested': html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 20h4L19 9l-4-4L4 16v4z" /></svg>`,
  approved: html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>`,
  'approval-stale': html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4 2.5 20h19L12 4z" /><path d="M12 10v4.5M12 17.2v.3" /></svg>`,
};

export class NotificationBell {
  private items: Notification[] = [];
  private unread = 0;
  private open = false;
  private failed = false;
  /** Names for the "who" of each notification, and titles for the "where". */
  private names = new Map<number, string>();
  private sections = new Map<string, string>();
  private readonly stops: (() => void)[] = [];

  constructor(private readonly context: AppContext) {
    this.stops.push(
      context.realtime.on<Notification>('notification:new', (item) => {
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
      this.sections = new Map(sections.map((section) => [section.id, section.title]));
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
        <h2 id="bell-title">${t('notify.title')}</h2>
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
          ? html`<p class="bell-empty">${t('notify.empty')}</p>`
          : html`<ul class="bell-list">${this.items.map((item) => this.item(item))}</ul>`}
    </div>`;
  }

  private item(item: Notification): TemplateResult {
    const who = item.actorId !== null ? this.names.get(item.actorId) ?? t('notify.someone') : t('notify.someone');
    const where = item.sectionId ? this.sections.get(item.sectionId) ?? item.sectionId : null;
    const href = item.sectionId ? `${sectionPath(item.sectionId)}${item.threadId !== null ? `?thread=${item.threadId}` : ''}` : null;
    return html`<li class="bell-item kind-${item.kind} ${item.read ? '' : 'unread'}">
      <span class="bell-icon">${KIND_ICON[item.kind] ?? KIND_ICON.mention}</span>
      <div class="bell-body">
        <p class="bell-what">
          ${item.read ? nothing : html`<span class="visually-hidden">${t('notify.unread')}</span>`}
          ${t(KIND_TEXT[item.kind] ?? 'notify.mention', { name: who })}
        </p>
        ${item.excerpt ? html`<p class="bell-excerpt">${t('notify.quote', { text: item.excerpt })}</p>` : nothing}
        <p class="bell-meta">
          ${href && where
            ? html`<a href=${href} @click=${() => {
                void this.markRead(item);
                this.close(false);
              }}>${where}</a>`
            : nothing}
          <time datetime=${isoOrEmpty(item.createdAt)} title=${dateTime(item.createdAt)}>${relativeTime(item.createdAt)}</time>
        </p>
      </div>
    </li>`;
  }
}
