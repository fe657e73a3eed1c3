/**
 * The glossary (#20): the course's terms in alphabetical order of the reader's language, each with
 * the term in every language and script, filtered as one types; "Propose a term" for the working
 * groups and coordinators, edit for the proposer and coordinators, approve for IOM and TSPC
 * reviewers, delete for coordinators — each button shown only to whom the policy module allows it.
 * The page reads the list again when the live channel comes back (and on 'glossary:changed').
 */
import './pages.css';
import './glossary.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { GlossaryEntry, WorkspaceSettings } from '../../../shared/api';
import { type LanguageCode } from '../../../shared/languages';
import { mayGlossary } from '../../../shared/policy';
import { ApiError, NetworkError, isUnauthenticated } from '../api';
import { glossaryRequests } from '../glossary/requests';
import { entryCard, organisationName } from '../glossary/entry-card';
import { EntryForm } from '../glossary/entry-form';
import { alphabetical, headline, matches } from '../glossary/reading';
import { locale, plural, t } from '../i18n';
import { problem } from '../ui/parts';
import { confirmDialog } from './dialog';
import type { AppContext, Page } from './page';
import { loading } from './parts';
import { actorOf } from './people-rules';

export class GlossaryPage implements Page {
  private entries: GlossaryEntry[] | null = null;
  private settings: WorkspaceSettings | null = null;
  private error: unknown = null;
  private filter = '';
  private form: EntryForm | null = null;
  /** Entries with a request on the way (approve, delete): their buttons wait. */
  private readonly busy = new Set<string>();
  /** The outcome of the last action, read out by screen readers. */
  private message: { ok: boolean; text: string } | null = null;
  private disposed = false;
  private readonly stopListening: (() => void)[] = [];

  constructor(private readonly context: AppContext) {
    // A colleague proposed, edited, approved or deleted an entry: read the list again. Announcements
    // made while the channel was down are lost: read it again when it comes back, too.
    this.stopListening.push(context.realtime.on('glossary:changed', () => void this.load()));
    this.stopListening.push(context.realtime.onReconnect(() => void this.load()));
    void this.load();
  }

  title(): string {
    return `${t('glossary.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.stopListening) stop();
  }

  private actor() {
    return this.context.me ? actorOf(this.context.me) : null;
  }

  private async load(): Promise<void> {
    try {
      const [entries, settings] = await Promise.all([glossaryRequests.list(), glossaryRequests.settings()]);
      if (this.disposed) return;
      this.entries = entries;
      this.settings = settings;
      this.error = null;
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      // A list already shown stays; only a first load that failed shows the problem.
      if (!this.entries) this.error = error;
    }
    this.context.update();
  }

  /** The workspace's languages, the source first: one term field each. */
  private workspaceLanguages(): LanguageCode[] {
    const languages = this.settings?.languages;
    return languages ? [languages.source, ...languages.targets] : ['ru'];
  }

  private sourceLanguage(): string {
    return this.settings?.languages.source ?? 'ru';
  }

  private replace(entry: GlossaryEntry): void {
    const others = (this.entries ?? []).filter((old) => old.id !== entry.id);
    this.entries = [...others, entry];
  }

  private openForm(entry: GlossaryEntry | null): void {
    this.form = new EntryForm(entry, () => this.context.update(), entry ? this.headlineOf(entry).text : '');
    this.message = null;
    this.context.update();
    queueMicrotask(() => this.form?.focusFirst());
  }

  private closeForm(focus: string | null): void {
    this.form = null;
    this.context.update();
    queueMicrotask(() => {
      const target = focus ? document.getElementById(`glossary-entry-${focus}`) : document.getElementById('glossary-propose');
      target?.focus();
    });
  }

  private async submit(form: EntryForm): Promise<void> {
    const input = form.checked();
    if (!input) return;
    form.busy = true;
    this.context.update();
    try {
      const saved = form.entry
        ? await glossaryRequests.edit(form.entry.id, { ...input, baseHash: form.entry.contentHash })
        : await glossaryRequests.propose(input);
      this.replace(saved);
      this.message = { ok: true, text: t(form.entry ? 'glossary.saved' : 'glossary.proposed', { term: this.headlineOf(saved).text }) };
      this.closeForm(saved.id);
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      form.busy = false;
      form.failure = this.describe(error);
      if (error instanceof ApiError && error.code === 'changed') {
        form.failure = t('glossary.error.editConflict');
        await this.load();
        const latest = this.entries?.find((entry) => entry.id === form.entry?.id);
        if (latest) form.rebase(latest);
      }
      // Deleted meanwhile: the form keeps the text (it can be copied or proposed anew); the list is read again.
      if (error instanceof ApiError && error.status === 404) void this.load();
      this.context.update();
    }
  }

  private async approve(entry: GlossaryEntry, organisation: string): Promise<void> {
    await this.act(entry, async () => {
      const approved = await glossaryRequests.approve(entry.id, entry.contentHash);
      this.replace(approved);
      return t('glossary.approvedMessage', { term: this.headlineOf(approved).text, organisation: organisationName(organisation) });
    });
  }

  private async remove(entry: GlossaryEntry): Promise<void> {
    const term = this.headlineOf(entry).text;
    const confirmed = await confirmDialog({
      title: t('glossary.deleteTitle', { term }),
      message: t('glossary.deleteMessage'),
      confirm: t('glossary.delete'),
      danger: true,
    });
    if (!confirmed) return;
    await this.act(entry, async () => {
      await glossaryRequests.remove(entry.id);
      this.entries = (this.entries ?? []).filter((old) => old.id !== entry.id);
      return t('glossary.deleted', { term });
    });
  }

  /** Runs an action on one entry, its buttons waiting meanwhile; says how it went. */
  private async act(entry: GlossaryEntry, work: () => Promise<string>): Promise<void> {
    this.busy.add(entry.id);
    this.message = null;
    this.context.update();
    try {
      this.message = { ok: true, text: await work() };
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.message = { ok: false, text: this.describe(error) };
      // The entry changed or went away under the reader: show it as it is now.
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) void this.load();
    } finally {
      this.busy.delete(entry.id);
      if (!this.disposed) this.context.update();
    }
  }

  private describe(error: unknown): string {
    if (error instanceof NetworkError) return t('glossary.error.network');
    if (error instanceof ApiError) {
      if (error.status === 403) return t('glossary.error.forbidden', { reason: error.message });
      if (error.status === 404) return t('glossary.error.gone');
      if (error.code === 'changed') return t('glossary.error.changed');
      if (error.code === 'already-approved') return t('glossary.error.alreadyApproved');
      if (error.status === 400) return t('glossary.error.invalid', { reason: error.message });
    }
    return t('glossary.error.generic');
  }

  private headlineOf(entry: GlossaryEntry): { lang: string; text: string } {
    return headline(entry.terms, locale(), this.sourceLanguage());
  }

  view(): TemplateResult {
    const actor = this.actor();
    const mayPropose = mayGlossary(actor, 'propose-term');
    const head = html`<div class="page-head">
      <p class="eyebrow">${t('app.course')}</p>
      <h1>${t('glossary.title')}</h1>
      <p class="glossary-intro">${t('glossary.intro')}</p>
    </div>`;
    if (this.error) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      })}`;
    }
    if (!this.entries) return html`${head}${loading()}`;
    // A proposal, or an edit whose entry was deleted meanwhile: shown above the list, text kept.
    const form = this.form;
    const proposing = form && (!form.entry || !this.entries.some((entry) => entry.id === form.entry?.id)) ? form : null;
    return html`${head}
      <div class="glossary-tools">
        <div class="field glossary-filter">
          <label for="glossary-filter">${t('glossary.filter')}</label>
          <input id="glossary-filter" type="search" autocomplete="off" aria-describedby="glossary-filter-hint glossary-count"
            .value=${live(this.filter)} @input=${(event: Event) => {
              this.filter = (event.target as HTMLInputElement).value;
              this.context.update();
            }} />
          <p id="glossary-filter-hint" class="field-hint">${t('glossary.filterHint')}</p>
        </div>
        ${mayPropose && !proposing
          ? html`<button id="glossary-propose" type="button" class="button primary" @click=${() => this.openForm(null)}>${t('glossary.propose')}</button>`
          : nothing}
      </div>
      ${proposing ? proposing.view(this.workspaceLanguages(), () => void this.submit(proposing), () => this.closeForm(null)) : nothing}
      <p class=${this.message ? (this.message.ok ? 'glossary-message' : 'glossary-message error') : 'glossary-message is-empty'} role="status">${this.message?.text ?? nothing}</p>
      ${this.list(this.entries, mayPropose)}`;
  }

  private list(entries: GlossaryEntry[], mayPropose: boolean): TemplateResult {
    const sorted = alphabetical(entries, locale(), this.sourceLanguage());
    const shown = sorted.filter((entry) => matches(entry, this.filter));
    const count = plural('glossary.count', entries.length);
    const summary = shown.length === entries.length ? count : `${count}, ${t('glossary.shown', { shown: shown.length, total: entries.length })}`;
    if (entries.length === 0) return html`<p class="glossary-empty">${t(mayPropose ? 'glossary.emptyPropose' : 'glossary.empty')}</p>`;
    return html`<p id="glossary-count" class="glossary-count" aria-live="polite">${summary}</p>
      ${shown.length === 0 ? html`<p class="glossary-empty">${t('glossary.noMatch', { filter: this.filter.trim() })}</p>` : nothing}
      <ul class="glossary-list" aria-label=${t('glossary.listLabel')}>
        ${shown.map((entry) => html`<li>${this.item(entry)}</li>`)}
      </ul>`;
  }

  private item(entry: GlossaryEntry): TemplateResult {
    const form = this.form;
    if (form?.entry?.id === entry.id) {
      // After a conflicting edit, their version stays in view under the form (read-only).
      const theirs = form.conflict ? entryCard(entry, this.headlineOf(entry), [], { edit: null, approve: null, remove: null, busy: false }) : nothing;
      return html`<div class="glossary-entry editing">
        ${form.view(this.workspaceLanguages(), () => void this.submit(form), () => this.closeForm(entry.id))}${theirs}
      </div>`;
    }
    const actor = this.actor();
    const required = this.settings?.requiredOrganisations ?? [];
    const approvedNow = new Set(entry.approvals.filter((approval) => approval.current).map((approval) => approval.organisation));
    const waitingFor = entry.status === 'approved' ? [] : required.filter((organisation) => !approvedNow.has(organisation));
    const organisation = this.context.me?.group ?? '';
    const mayApprove =
      mayGlossary(actor, 'approve-term', { proposedBy: entry.proposedBy.id }) &&
      (required as string[]).includes(organisation) &&
      !approvedNow.has(organisation);
    return entryCard(entry, this.headlineOf(entry), waitingFor, {
      edit: mayGlossary(actor, 'edit-term', { proposedBy: entry.proposedBy.id }) && !this.form ? () => this.openForm(entry) : null,
      approve: mayApprove ? { organisation, run: () => void this.approve(entry, organisation) } : null,
      remove: mayGlossary(actor, 'delete-term', { proposedBy: entry.proposedBy.id }) ? () => void this.remove(entry) : null,
      busy: this.busy.has(entry.id),
    });
  }
}
