/**
 * The regional master document: all ten sections in order, as the syllabus stands — live as people
 * type — or as approved (sections without an approved text show their draft, marked as such).
 * A contents list is generated from the section titles and the headings inside them; each
 * section carries its stage and each organisation's decision. The export panel sits beside it,
 * under the course's hours (#20): every hours table of the texts shown, added up as people type.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './master.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { DashboardRow } from '../../../shared/api';
import { HOURS_KINDS, type HoursTotals, noHours } from '../../../shared/curriculum';
import { ApiError, api, isUnauthenticated } from '../api';
import { locale, t } from '../i18n';
import { sectionPath } from '../router';
import { problem } from '../ui/parts';
import { decisionMark, organisationName, stageBadge } from './approvals';
import { ExportPanel } from './exports';
import { dateTime } from './format';
import { SectionText, type TextHours, type TextMode } from './master-text';
import type { AppContext, Page } from './page';
import { loading, ownerName } from './parts';

export class MasterPage implements Page {
  private rows: DashboardRow[] | null = null;
  private organisations: string[] = [];
  private error: unknown = null;
  private mode: TextMode = 'current';
  private texts = new Map<string, SectionText>();
  private disposed = false;
  private readonly exports: ExportPanel;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly context: AppContext) {
    this.exports = new ExportPanel(context, () => this.ordered().map((row) => ({ id: row.id, title: row.title })));
    this.stops.push(
      context.realtime.on('section:updated', (row) => {
        if (!this.rows) return;
        const before = this.rows.find((old) => old.id === row.id);
        this.rows = this.rows.map((old) => (old.id === row.id ? row : old));
        // A new decision may mean a new approved text.
        if (this.mode === 'approved' && before?.approval.status !== row.approval.status) void this.loadApproved(row.id);
        this.context.update();
      }),
      context.realtime.on('settings:changed', () => void this.load()),
      context.realtime.onReconnect(() => void this.load()),
    );
    void this.load();
  }

  title(): string {
    return `${t('master.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.stops) stop();
    for (const text of this.texts.values()) text.destroy();
    this.texts.clear();
    this.exports.dispose();
  }

  private ordered(): DashboardRow[] {
    return [...(this.rows ?? [])].sort((a, b) => a.part - b.part || a.position - b.position);
  }

  private async load(): Promise<void> {
    try {
      const overview = await api.dashboard();
      if (this.disposed) return;
      this.rows = overview.sections;
      this.organisations = overview.requiredOrganisations;
      this.error = null;
      for (const row of this.ordered()) {
        if (this.texts.has(row.id)) continue;
        const text = new SectionText(row.id, () => this.context.update(), () => this.context.sessionEnded());
        text.setMode(this.mode);
        this.texts.set(row.id, text);
      }
      if (this.mode === 'approved') await Promise.all(this.ordered().map((row) => this.loadApproved(row.id)));
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    }
    this.context.update();
  }

  private async loadApproved(sectionId: string): Promise<void> {
    const text = this.texts.get(sectionId);
    if (!text) return;
    try {
      text.setApproved(await api.approved(sectionId));
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      if (error instanceof ApiError && error.status === 404) text.setApproved(null);
    }
    if (!this.disposed) this.context.update();
  }

  private setMode(mode: TextMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    for (const text of this.texts.values()) text.setMode(mode);
    this.exports.setState(mode);
    if (mode === 'approved') {
      for (const [id, text] of this.texts) if (!text.approvedKnown) void this.loadApproved(id);
    }
    this.context.update();
  }

  view(): TemplateResult {
    const head = html`<div class="page-head">
      <p class="eyebrow">${t('app.course')}</p>
      <h1>${t('master.title')}</h1>
      <p class="page-intro">${t('master.intro')}</p>
    </div>`;
    if (this.error) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      })}`;
    }
    if (!this.rows) return html`${head}${loading()}`;
    const rows = this.ordered();
    return html`${head}
      <div class="master-layout">
        <div class="master-side">
          ${this.modeSwitch()} ${this.contents(rows)} ${this.courseHours(rows)} ${this.exports.view()}
        </div>
        <article class="master-document" aria-labelledby="master-doc-title">
          <h2 id="master-doc-title" class="visually-hidden">${t('master.documentLabel')}</h2>
          ${([1, 2] as const).map(
            (part) => html`<div class="master-part">
              <h2 class="master-part-title" id=${`part-${part}`} tabindex="-1">${t(part === 1 ? 'workspace.part1' : 'workspace.part2')}</h2>
              ${rows.filter((row) => row.part === part).map((row) => this.section(row))}
            </div>`,
          )}
        </article>
      </div>`;
  }

  /** The course's hours: the sum over every section's hours tables, as the texts shown stand. */
  private courseHours(rows: DashboardRow[]): TemplateResult {
    const texts = rows.map((row) => this.texts.get(row.id)).filter((text): text is SectionText => text !== undefined && text.synced);
    const totals = sumHours(texts.map((text) => text.hours.totals));
    const tables = texts.reduce((sum, text) => sum + text.hours.tables, 0);
    const errors = texts.reduce((sum, text) => sum + text.hours.errors, 0);
    return html`<section class="card master-hours" aria-labelledby="hours-title">
      <h2 id="hours-title">${t('curriculum.hours.title')}</h2>
      ${tables === 0
        ? html`<p class="muted">${t('curriculum.hours.none')}</p>`
        : html`<table class="hours-totals">
            <caption class="visually-hidden">${t('curriculum.hours.intro')}</caption>
            <thead class="visually-hidden">
              <tr><th scope="col">${t('curriculum.hours.kind')}</th><th scope="col">${t('curriculum.hours.hours')}</th></tr>
            </thead>
            <tbody>
              ${HOURS_KINDS.map((kind) => html`<tr><th scope="row">${t(`curriculum.hours.${kind}`)}</th><td class="col-number">${hoursNumber(totals[kind])}</td></tr>`)}
              <tr class="hours-total"><th scope="row">${t('curriculum.hours.total')}</th><td class="col-number" data-hours-total>${hoursNumber(totals.total)}</td></tr>
            </tbody>
          </table>`}
      ${errors > 0 ? html`<p class="hours-errors">${t('curriculum.hours.errors')}</p>` : nothing}
    </section>`;
  }

  private modeSwitch(): TemplateResult {
    const option = (mode: TextMode, label: string) => html`<label class=${this.mode === mode ? 'segment checked' : 'segment'}>
      <input type="radio" name="master-mode" value=${mode} .checked=${this.mode === mode} @change=${() => this.setMode(mode)} />
      ${label}
    </label>`;
    return html`<fieldset class="segmented">
      <legend class="visually-hidden">${t('master.modeLabel')}</legend>
      ${option('current', t('master.mode.current'))} ${option('approved', t('master.mode.approved'))}
    </fieldset>`;
  }

  /** Links jump within the page without a route change (the router would swallow the hash). */
  private jump(event: Event, id: string): void {
    event.preventDefault();
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }

  private contents(rows: DashboardRow[]): TemplateResult {
    return html`<nav class="card master-toc" aria-labelledby="toc-title">
      <h2 id="toc-title">${t('master.contents')}</h2>
      ${([1, 2] as const).map(
        (part) => html`<p class="toc-part">${t(part === 1 ? 'master.part1Short' : 'master.part2Short')}</p>
          <ol class="toc-list">
            ${rows
              .filter((row) => row.part === part)
              .map((row) => {
                const headings = this.texts.get(row.id)?.headings ?? [];
                return html`<li>
                  <a href=${`#section-${row.id}`} @click=${(event: Event) => this.jump(event, `section-${row.id}`)}>${row.title}</a>
                  ${headings.length
                    ? html`<ol class="toc-headings">
                        ${headings.map(
                          (heading) => html`<li class=${`level-${heading.level}`}>
                            <a href=${`#${heading.id}`} @click=${(event: Event) => this.jump(event, heading.id)}>${heading.text}</a>
                          </li>`,
                        )}
                      </ol>`
                    : nothing}
                </li>`;
              })}
          </ol>`,
      )}
    </nav>`;
  }

  private section(row: DashboardRow): TemplateResult {
    const text = this.texts.get(row.id);
    const titleId = `section-${row.id}`;
    return html`<section class="master-section" aria-labelledby=${titleId} data-section=${row.id}>
      <header class="master-section-head">
        <p class="eyebrow">
          ${row.part === 1 ? t('section.module', { position: row.position }) : ownerName(row.group)}
        </p>
        <h3 id=${titleId} tabindex="-1">${row.title}</h3>
        <div class="master-meta">
          ${stageBadge(row.approval)}
          ${this.organisations.map((organisation) => decisionMark(organisation, row.approval.organisations[organisation] ?? null, { label: true }))}
          ${text?.synced && text.hours.tables > 0 ? sectionHours(text.hours) : nothing}
          <a class="master-open" href=${sectionPath(row.id)}>${t('master.open')}</a>
        </div>
      </header>
      ${text ? this.textState(text) : nothing}
      ${text && !text.synced ? loading() : nothing}
      ${text ? text.element : nothing}
      ${text?.synced && text.empty ? html`<p class="muted master-empty">${t('master.empty')}</p>` : nothing}
    </section>`;
  }

  /** In approved mode: whose approval this text carries, or that it is still a draft. */
  private textState(text: SectionText): TemplateResult | typeof nothing {
    if (this.mode !== 'approved') return nothing;
    if (!text.approvedKnown) return loading();
    if (text.showsDraft) return html`<p class="draft-mark">${t('master.draftNotApproved')}</p>`;
    const reviews = text.approval?.reviews ?? [];
    return html`<p class="approved-mark">
      ${t('master.approvedText')}${reviews.length
        ? html` — ${reviews.map((review, index) => html`${index ? '; ' : ''}${t('master.approvedBy', { organisation: organisationName(review.organisation), name: review.reviewerName, date: dateTime(review.createdAt) })}`)}`
        : nothing}
    </p>`;
  }
}

/** Hours as people write them in this language: "12", "1,5" in Russian, "1.5" in English. */
function hoursNumber(value: number): string {
  return value.toLocaleString(locale(), { maximumFractionDigits: 2 });
}

function sumHours(all: HoursTotals[]): HoursTotals {
  const sum = noHours();
  for (const totals of all) {
    for (const kind of HOURS_KINDS) sum[kind] += totals[kind];
    sum.total += totals.total;
  }
  // Typed decimals ("0,1" + "0,2") are summed to the hundredth, as each section's are.
  for (const kind of HOURS_KINDS) sum[kind] = Math.round(sum[kind] * 100) / 100;
  sum.total = Math.round(sum.total * 100) / 100;
  return sum;
}

/** A section's hours beside its stage: "12 h", named in full for screen readers. */
function sectionHours(hours: TextHours): TemplateResult {
  const value = hoursNumber(hours.totals.total);
  return html`<span class="section-hours" title=${t('curriculum.hours.sectionLabel', { hours: value })}
    ><span aria-hidden="true">${t('curriculum.hours.section', { hours: value })}</span
    ><span class="visually-hidden">${t('curriculum.hours.sectionLabel', { hours: value })}</span></span
  >`;
}
