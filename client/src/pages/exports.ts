/**
 * Exporting (on the master document page): which format, which text (current drafts or approved
 * texts, with or without the sections that have none approved yet), in which language version
 * (#19), what to include (#20: the glossary and outcomes matrix as appendices), and the whole
 * master or one section. The server builds the file as a
 * job; its progress arrives live ('export:progress', polled as a fallback) and the file is a plain
 * download link once it is ready.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { ExportFormat, ExportJob, ExportRequest } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { exportsLanguagesEn } from '../../../shared/i18n/exports-languages.en';
import { exportsLanguagesRu } from '../../../shared/i18n/exports-languages.ru';
import { LANGUAGE_NAMES, type LanguageCode, type LanguageSettings } from '../../../shared/languages';
import { ApiError, NetworkError, api, exportFileUrl, isUnauthenticated } from '../api';
import { locale, t } from '../i18n';
import { translationRequests } from '../translation/requests';
import type { AppContext } from './page';

const FORMATS: { format: ExportFormat; label: MessageKey }[] = [
  { format: 'docx', label: 'exports.format.docx' },
  { format: 'pdf', label: 'exports.format.pdf' },
  { format: 'html', label: 'exports.format.html' },
  { format: 'md', label: 'exports.format.md' },
];

/**
 * The language and appendix choices' messages, read from their own catalogue (merged into the
 * app's as well) so the panel never depends on the order in which catalogues are merged.
 */
function say(key: keyof typeof exportsLanguagesEn, params: Record<string, string> = {}): string {
  const template = (locale() === 'ru' ? exportsLanguagesRu : exportsLanguagesEn)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** How often the job is asked about while no live progress arrives. */
const POLL_MS = 1500;

export class ExportPanel {
  private request: ExportRequest = { scope: 'master', state: 'current', format: 'docx', includeComments: false, includeApprovalRecord: true, includeUnapproved: true };
  private job: ExportJob | null = null;
  private busy = false;
  private error: string | null = null;
  /** The server has no export API (yet): the panel says so instead of failing each time. */
  private unavailable = false;
  private poll: ReturnType<typeof setInterval> | null = null;
  private readonly stop: () => void;
  /** The workspace's languages (#19): the choice is offered once there is a translation to export. */
  private languages: LanguageSettings | null = null;

  constructor(
    private readonly context: AppContext,
    /** Titles for the scope choice, in master order. */
    private readonly sections: () => { id: string; title: string }[],
  ) {
    this.stop = context.realtime.on('export:progress', (job) => this.adopt(job));
    void this.loadLanguages();
  }

  /** Without the settings the panel still exports the source text: the choice is only left out. */
  private async loadLanguages(): Promise<void> {
    try {
      this.languages = (await translationRequests.settings()).languages;
      this.context.update();
    } catch (error) {
      if (isUnauthenticated(error)) this.context.sessionEnded();
    }
  }

  dispose(): void {
    this.stop();
    this.stopPolling();
  }

  /** The master page's mode switch sets the default text to export. */
  setState(state: ExportRequest['state']): void {
    if (this.job && !finished(this.job)) return;
    this.request = { ...this.request, state };
  }

  private adopt(job: ExportJob): void {
    if (!this.job || job.id !== this.job.id) return;
    this.job = job;
    if (finished(job)) this.stopPolling();
    this.context.update();
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }

  private async start(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || (this.job && !finished(this.job))) return;
    this.busy = true;
    this.error = null;
    this.job = null;
    this.context.update();
    try {
      this.job = await api.startExport({ ...this.request, locale: locale() });
      if (!finished(this.job)) this.startPolling(this.job.id);
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      // Only the API's own "no such route" means the server has no exports; a 404 for an unknown
      // section is an ordinary failure.
      if (error instanceof ApiError && error.status === 404 && error.message === 'no such API route') this.unavailable = true;
      else this.error = error instanceof NetworkError ? t('app.error.network') : error instanceof ApiError && error.status < 500 ? error.message : t('exports.failed');
    } finally {
      this.busy = false;
      this.context.update();
    }
  }

  private startPolling(id: ExportJob['id']): void {
    this.stopPolling();
    this.poll = setInterval(() => {
      api.exportJob(id).then(
        (job) => this.adopt(job),
        () => undefined,
      );
    }, POLL_MS);
  }

  view(): TemplateResult {
    const running = this.job !== null && !finished(this.job);
    return html`<section class="card export-panel" aria-labelledby="export-title">
      <h2 id="export-title">${t('exports.title')}</h2>
      ${this.unavailable
        ? html`<p class="notice-inline" role="status">${t('exports.unavailable')}</p>`
        : html`<form class="export-form" @submit=${(event: Event) => void this.start(event)}>
            <fieldset>
              <legend>${t('exports.format')}</legend>
              ${FORMATS.map(({ format, label }) =>
                this.radio('export-format', format, this.request.format === format, t(label), () => (this.request = { ...this.request, format })),
              )}
            </fieldset>
            <fieldset>
              <legend>${t('exports.state')}</legend>
              ${this.radio('export-state', 'current', this.request.state === 'current', t('exports.state.current'), () => (this.request = { ...this.request, state: 'current' }))}
              ${this.radio('export-state', 'approved', this.request.state === 'approved', t('exports.state.approved'), () => (this.request = { ...this.request, state: 'approved' }))}
            </fieldset>
            <fieldset>
              <legend>${t('exports.include')}</legend>
              ${this.check(t('exports.includeComments'), Boolean(this.request.includeComments), (on) => (this.request = { ...this.request, includeComments: on }))}
              ${this.check(t('exports.includeApprovalRecord'), Boolean(this.request.includeApprovalRecord), (on) => (this.request = { ...this.request, includeApprovalRecord: on }))}
              ${this.check(say('exports.includeGlossary'), Boolean(this.request.includeGlossary), (on) => (this.request = { ...this.request, includeGlossary: on }))}
              ${this.check(say('exports.includeMatrix'), Boolean(this.request.includeMatrix), (on) => (this.request = { ...this.request, includeMatrix: on }))}
              ${this.request.state === 'current'
                ? this.check(
                    t('suggestions.exportOption'),
                    // Word marks open suggestions by default (as tracked changes); the others leave them out.
                    (this.request.suggestions ?? (this.request.format === 'docx' ? 'mark' : 'omit')) === 'mark',
                    (on) => (this.request = { ...this.request, suggestions: on ? 'mark' : 'omit' }),
                  )
                : nothing}
              ${this.request.state === 'approved'
                ? this.check(t('exports.includeUnapproved'), this.request.includeUnapproved !== false, (on) => (this.request = { ...this.request, includeUnapproved: on }))
                : nothing}
            </fieldset>
            ${this.languageField()}
            <div class="field">
              <label for="export-scope">${t('exports.scope')}</label>
              <select id="export-scope" @change=${(event: Event) => (this.request = { ...this.request, scope: (event.target as HTMLSelectElement).value })}>
                <option value="master" ?selected=${this.request.scope === 'master'}>${t('exports.scope.master')}</option>
                ${this.sections().map((section) => html`<option value=${section.id} ?selected=${this.request.scope === section.id}>${section.title}</option>`)}
              </select>
            </div>
            <button type="submit" class="button primary block" ?disabled=${this.busy || running}>${t('exports.start')}</button>
          </form>`}
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      <div class="export-progress" role="status">${this.job ? this.progress(this.job) : nothing}</div>
    </section>`;
  }

  private progress(job: ExportJob): TemplateResult {
    if (job.status === 'failed') return html`<p class="field-error">${t('exports.failedWith', { reason: job.error ?? t('exports.failed') })}</p>`;
    if (job.status === 'done') {
      return html`<p class="export-ready">${t('exports.ready')}</p>
        <a class="button primary block download" href=${exportFileUrl(job.id)} download=${job.fileName}>
          <span class="download-label">
            <svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4v11M7 10.5l5 5 5-5M5 20h14" /></svg>
            ${t('exports.download')}
          </span>
          <span class="download-file">${job.fileName}</span>
        </a>`;
    }
    const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);
    return html`<label for="export-bar">${t(job.status === 'queued' ? 'exports.queued' : 'exports.running', { percent })}</label>
      <progress id="export-bar" max="100" .value=${percent}></progress>`;
  }

  /** The language version to export: the source (the default) or a translation. */
  private languageField(): TemplateResult | typeof nothing {
    const languages = this.languages;
    if (!languages || languages.targets.length === 0) return nothing;
    const name = (code: LanguageCode) => LANGUAGE_NAMES[code][locale() === 'ru' ? 'ru' : 'en'];
    const chosen = this.request.language ?? languages.source;
    return html`<div class="field">
      <label for="export-language">${say('exports.language')}</label>
      <select
        id="export-language"
        aria-describedby="export-language-hint"
        @change=${(event: Event) => (this.request = { ...this.request, language: (event.target as HTMLSelectElement).value as LanguageCode })}
      >
        <option value=${languages.source} ?selected=${chosen === languages.source}>${say('exports.language.source', { name: name(languages.source) })}</option>
        ${languages.targets.map((code) => html`<option value=${code} lang=${code} ?selected=${chosen === code}>${name(code)}</option>`)}
      </select>
      <p class="field-hint" id="export-language-hint">${say('exports.language.hint')}</p>
    </div>`;
  }

  private radio(name: string, value: string, checked: boolean, label: string, choose: () => void): TemplateResult {
    return html`<label class="check">
      <input type="radio" name=${name} value=${value} .checked=${checked} @change=${() => {
        choose();
        this.context.update();
      }} />
      ${label}
    </label>`;
  }

  private check(label: string, checked: boolean, set: (on: boolean) => void): TemplateResult {
    return html`<label class="check">
      <input type="checkbox" .checked=${checked} @change=${(event: Event) => set((event.target as HTMLInputElement).checked)} />
      ${label}
    </label>`;
  }
}

function finished(job: ExportJob): boolean {
  return job.status === 'done' || job.status === 'failed';
}
