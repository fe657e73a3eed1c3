/**
 * The document column can show, instead of the live editor, a text to read: a comparison, a saved
 * version, the approved text, or who wrote what. The editor stays mounted underneath (hidden), so
 * its connection and its state go on; "Back to the live text" returns to it, and the focus returns
 * to the button that opened the reading.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Attribution, DocumentJson } from '../../../shared/api';
import type { DocumentDiff } from '../../../shared/document-diff';
import { isUnauthenticated } from '../api';
import { t } from '../i18n';
import { attributionView } from './attribution-view';
import { diffLegend, diffSummary, diffView } from './diff-view';
import { documentView } from './document-view';
import { sectionIcons } from './icons';
import { explain } from './problems';

export type ReadingContent =
  | { kind: 'diff'; diff: DocumentDiff }
  | { kind: 'document'; content: DocumentJson }
  | { kind: 'attribution'; attribution: Attribution };

export interface ReadingSpec {
  /** What is shown, e.g. 'approved' or 'version-12': showing the same again only refreshes it. */
  id: string;
  /** Words are asked at every render, so they follow a change of language. */
  title: () => string;
  subtitle?: () => string;
  load: () => Promise<ReadingContent>;
  /** Buttons beside "Back" (restore this version, compare it with the current text). */
  actions?: () => TemplateResult;
  /** It follows the live text (who wrote what): loaded again, at most every 2 s, when the section changes. */
  live?: boolean;
}

/** How often a reading that follows the live text is loaded again while people type. */
const LIVE_EVERY_MS = 2_000;

interface Reading extends ReadingSpec {
  content: ReadingContent | null;
  error: unknown;
  returnTo: HTMLElement | null;
}

export class Reader {
  private reading: Reading | null = null;
  private token = 0;
  private liveTimer: ReturnType<typeof setTimeout> | null = null;
  private liveLoadedAt = 0;

  constructor(
    private readonly rerender: () => void,
    private readonly sessionEnded: () => void,
  ) {}

  get isOpen(): boolean {
    return this.reading !== null;
  }

  /** The id of what is shown, if anything. */
  get showing(): string | null {
    return this.reading?.id ?? null;
  }

  async show(spec: ReadingSpec): Promise<void> {
    const same = this.reading?.id === spec.id;
    const returnTo = same ? (this.reading?.returnTo ?? null) : document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.reading = { ...spec, content: same ? (this.reading?.content ?? null) : null, error: null, returnTo };
    const token = ++this.token;
    if (spec.live) this.liveLoadedAt = Date.now();
    this.rerender();
    if (!same) document.getElementById('reading-title')?.focus();
    try {
      const content = await spec.load();
      if (token !== this.token || !this.reading) return;
      this.reading.content = content;
    } catch (error) {
      if (isUnauthenticated(error)) return this.sessionEnded();
      if (token !== this.token || !this.reading) return;
      this.reading.error = error;
    }
    this.rerender();
  }

  /**
   * The section changed: shows what is shown again with fresh content if it is `id`, or, if it
   * follows the live text, once the last load is 2 s old (typing announces a change a second).
   */
  refresh(id: string | ((id: string) => boolean)): void {
    const reading = this.reading;
    if (!reading) return;
    if (typeof id === 'string' ? reading.id === id : id(reading.id)) void this.show(reading);
    else if (reading.live && this.liveTimer === null) {
      this.liveTimer = setTimeout(
        () => {
          this.liveTimer = null;
          if (this.reading?.live) void this.show(this.reading);
        },
        Math.max(0, this.liveLoadedAt + LIVE_EVERY_MS - Date.now()),
      );
    }
  }

  close(): void {
    const returnTo = this.reading?.returnTo;
    this.reading = null;
    this.token++;
    if (this.liveTimer !== null) clearTimeout(this.liveTimer);
    this.liveTimer = null;
    this.rerender();
    if (returnTo?.isConnected) returnTo.focus();
  }

  template(): TemplateResult | typeof nothing {
    const reading = this.reading;
    if (!reading) return nothing;
    const content = reading.content;
    return html`<section class="reading" aria-labelledby="reading-title">
      <header class="reading-head">
        <button type="button" class="button small" @click=${() => this.close()}>${sectionIcons.back}${t('reading.back')}</button>
        <div class="reading-titles">
          <h2 id="reading-title" tabindex="-1">${reading.title()}</h2>
          ${reading.subtitle ? html`<p class="reading-subtitle">${reading.subtitle()}</p>` : nothing}
        </div>
        <div class="reading-actions">${reading.actions?.() ?? nothing}</div>
      </header>
      ${content?.kind === 'diff'
        ? html`<p class="reading-summary"><span role="status">${diffSummary(content.diff)}</span>${diffLegend(content.diff)}</p>`
        : nothing}
      <div class="paper reading-paper">
        ${reading.error
          ? html`<p class="field-error reading-error" role="alert">${explain(reading.error, { 'not-approved': t('review.noApprovedText') })}</p>`
          : !content
            ? html`<p class="panel-loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`
            : content.kind === 'diff'
              ? diffView(content.diff)
              : content.kind === 'document'
                ? documentView(content.content)
                : attributionView(content.attribution)}
      </div>
    </section>`;
  }
}
