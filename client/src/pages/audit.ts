/**
 * The audit log (coordinators): newest first, each entry a sentence in the interface's language
 * ("Anna Keller changed Aigerim’s group to Uzbekistan."), filtered by kind of action, paged with
 * "load more". Above it, whether the hash chain is intact: a broken chain means a row was edited
 * or deleted in the database, and the page says so in plain words.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './audit.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { AuditEntry } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { mayWorkspace } from '../../../shared/policy';
import { api, isUnauthenticated } from '../api';
import { plural, t } from '../i18n';
import { problem } from '../ui/parts';
import { auditSentence } from './audit-sentence';
import { type WorkspaceTitles, courseTitle, loadTitles } from './dashboard-titles';
import { dateTime, isoOrEmpty } from './format';
import { forbidden } from './forbidden';
import type { AppContext, Page } from './page';
import { loading } from './parts';
import { actorOf } from './people-rules';

const PAGE_SIZE = 50;

/** Action prefixes a coordinator looks for; the server filters by prefix. */
const FILTERS: { prefix: string; label: MessageKey }[] = [
  { prefix: '', label: 'audit.filter.all' },
  { prefix: 'sign-in', label: 'audit.filter.signIn' },
  { prefix: 'sign-in.failed', label: 'audit.filter.signInFailed' },
  { prefix: 'sign-out', label: 'audit.filter.signOut' },
  { prefix: 'denied', label: 'audit.filter.denied' },
  { prefix: 'person', label: 'audit.filter.person' },
  { prefix: 'invitation', label: 'audit.filter.invitation' },
  { prefix: 'section', label: 'audit.filter.section' },
  { prefix: 'settings', label: 'audit.filter.settings' },
  { prefix: 'comment', label: 'audit.filter.comment' },
  { prefix: 'version', label: 'audit.filter.version' },
  { prefix: 'export', label: 'audit.filter.export' },
  { prefix: 'glossary', label: 'audit.filter.glossary' },
];

export class AuditPage implements Page {
  private entries: AuditEntry[] | null = null;
  /** Section titles for the sentences; the log reads without them (by id) if they cannot be loaded. */
  private titles: WorkspaceTitles | null = null;
  private chainIntact = true;
  private filter = '';
  private more = false;
  private busy = false;
  private error: unknown = null;
  private disposed = false;

  constructor(private readonly context: AppContext) {
    if (this.allowed()) {
      void this.load(false);
      loadTitles()
        .then((titles) => {
          this.titles = titles;
          if (!this.disposed) this.context.update();
        })
        .catch(() => undefined);
    }
  }

  title(): string {
    return `${t('nav.audit')} · ${t('app.title')}`;
  }

  private allowed(): boolean {
    return this.context.me !== null && mayWorkspace(actorOf(this.context.me), 'read-audit');
  }

  refresh(): void {
    if (this.allowed()) void this.load(false);
  }

  dispose(): void {
    this.disposed = true;
  }

  /** The first page (after a filter change), or the next one after the last entry shown. */
  private async load(append: boolean): Promise<void> {
    const filter = this.filter;
    const before = append ? this.entries?.at(-1)?.id : undefined;
    this.busy = true;
    this.context.update();
    try {
      const page = await api.audit({ action: filter || undefined, before, limit: PAGE_SIZE });
      if (this.disposed || filter !== this.filter) return;
      this.entries = append ? [...(this.entries ?? []), ...page.entries] : page.entries;
      this.chainIntact = page.chainIntact;
      this.more = page.entries.length === PAGE_SIZE;
      this.error = null;
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    } finally {
      this.busy = false;
    }
    this.context.update();
  }

  view(): TemplateResult {
    const head = html`<div class="page-head">
      <p class="eyebrow">${courseTitle(this.titles)}</p>
      <h1>${t('nav.audit')}</h1>
    </div>`;
    if (!this.allowed()) return html`${head}${forbidden(t('audit.forbidden'))}`;
    if (this.error) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        void this.load(false);
      })}`;
    }
    if (!this.entries) return html`${head}${loading()}`;
    return html`${head} ${this.chain()}
      <div class="list-filters">
        <label class="select-label" for="audit-filter">${t('audit.filter')}</label>
        <select
          id="audit-filter"
          @change=${(event: Event) => {
            this.filter = (event.target as HTMLSelectElement).value;
            void this.load(false);
          }}
        >
          ${FILTERS.map((filter) => html`<option value=${filter.prefix} ?selected=${filter.prefix === this.filter}>${t(filter.label)}</option>`)}
        </select>
        <p class="filter-result" role="status">${plural('audit.shown', this.entries.length)}</p>
      </div>
      ${this.entries.length === 0 ? html`<p class="empty-note">${t('audit.empty')}</p>` : this.table(this.entries)}
      ${this.more
        ? html`<p class="load-more">
            <button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.load(true)}>
              ${this.busy ? t('app.loading') : t('audit.loadMore')}
            </button>
          </p>`
        : nothing}`;
  }

  private chain(): TemplateResult {
    return this.chainIntact
      ? html`<p class="chain-ok">
          <svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>
          ${t('audit.chainOk')}
        </p>`
      : html`<div class="chain-broken" role="alert">
          <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4 2.5 20h19L12 4z" /><path d="M12 10v4.5M12 17.2v.3" /></svg>
          <div>
            <p class="chain-broken-title">${t('audit.chainBroken')}</p>
            <p>${t('audit.chainBrokenHelp')}</p>
          </div>
        </div>`;
  }

  private table(entries: AuditEntry[]): TemplateResult {
    return html`<div class="table-frame">
      <table class="data-table audit-table">
        <caption class="visually-hidden">${t('nav.audit')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('audit.col.time')}</th>
            <th scope="col">${t('audit.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          ${entries.map(
            (entry) => html`<tr class=${entry.action === 'denied' || entry.action.endsWith('.failed') ? 'audit-row warn' : 'audit-row'}>
              <td class="nowrap"><time datetime=${isoOrEmpty(entry.at)}>${dateTime(entry.at)}</time></td>
              <td class="audit-sentence" data-action=${entry.action}>${auditSentence(entry, this.titles)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
