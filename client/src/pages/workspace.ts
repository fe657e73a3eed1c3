/**
 * The dashboard, the workspace's home: how far the deadline is, each country's course as a chart,
 * and every section with its stage, approvals, comments and last edit. It follows the workspace's
 * live events, so a submission, a decision or an edit after approval shows without a reload.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './dashboard.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { DashboardOverview, DashboardRow } from '../../../shared/api';
import { mayWorkspace, sectionAccess } from '../../../shared/policy';
import { isWaitingFor } from '../../../shared/waiting';
import { api, isUnauthenticated } from '../api';
import { plural, t } from '../i18n';
import { problem } from '../ui/parts';
import { STAGES, type Stage, stageName, stageOf } from './approvals';
import { progressChart } from './dashboard-chart';
import { DeadlinePanel } from './dashboard-deadline';
import { sectionsTable } from './dashboard-table';
import { TitlesEditor, type WorkspaceTitles, courseTitle, loadTitles } from './dashboard-titles';
import type { AppContext, Page } from './page';
import { loading } from './parts';
import { actorOf } from './people-rules';

/** Relative times ("5 minutes ago") are redrawn this often while the page is open. */
const CLOCK_MS = 60_000;

export class WorkspacePage implements Page {
  private overview: DashboardOverview | null = null;
  private warming = false;
  /** Every title in English and Russian, shown in the interface's language. */
  private titles: WorkspaceTitles | null = null;
  private readonly titlesEditor: TitlesEditor;
  private error: unknown = null;
  private disposed = false;
  private waitingOnly = false;
  private stage: Stage | 'all' = 'all';
  private readonly deadline: DeadlinePanel;
  private readonly stops: (() => void)[] = [];
  private readonly clock: ReturnType<typeof setInterval>;

  constructor(private readonly context: AppContext) {
    this.deadline = new DeadlinePanel(context, () => void this.load());
    this.titlesEditor = new TitlesEditor(context, (titles) => {
      this.titles = titles;
    });
    const live = context.realtime;
    this.stops.push(
      live.on('section:updated', (row) => this.replaceRow(row)),
      live.on('section:open-comments', ({ sectionId, open }) => {
        const row = this.overview?.sections.find((candidate) => candidate.id === sectionId);
        if (row) this.replaceRow({ ...row, openComments: open });
      }),
      live.on('settings:changed', (settings) => {
        if (this.overview) this.overview = { ...this.overview, ...settings };
        this.context.update();
        // Which organisations must approve decides every section's status: re-read them all.
        void this.load();
      }),
      live.onReconnect(() => void this.load()),
    );
    this.clock = setInterval(() => this.context.update(), CLOCK_MS);
    void this.load();
  }

  title(): string {
    return `${t('workspace.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    for (const stop of this.stops) stop();
    clearInterval(this.clock);
  }

  private async load(): Promise<void> {
    try {
      const [overview, titles] = await Promise.all([api.dashboard(), loadTitles()]);
      if (this.disposed) return;
      this.overview = overview;
      this.titles = titles;
      this.error = null;
      this.warmOwnSections(overview);
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    }
    this.context.update();
  }

  /** Keeps the person's own sections on this device for working offline (once per visit). */
  private warmOwnSections(overview: DashboardOverview): void {
    const me = this.context.me;
    if (this.warming || !me) return;
    this.warming = true;
    const actor = actorOf(me);
    const own = overview.sections.filter((row) => sectionAccess(actor, row) === 'edit').map((row) => row.id);
    // After the page has drawn: the dashboard first, the copies in the background. Their code
    // (Yjs and the collab client) is a chunk of its own, so the dashboard does not wait for it (#21).
    setTimeout(() => {
      if (this.disposed) return;
      import('../offline/warm-copies')
        .then(({ warmCopies }) => warmCopies(me, own, () => this.disposed || this.context.me?.id !== me.id))
        // Offline with the chunk not yet cached: the copies are warmed on a later visit.
        .catch(() => undefined);
    }, 1_000);
  }

  private replaceRow(row: DashboardRow): void {
    if (!this.overview) return;
    this.overview = {
      ...this.overview,
      sections: this.overview.sections.map((candidate) => (candidate.id === row.id ? row : candidate)),
    };
    this.context.update();
  }

  private waitingForMe(row: DashboardRow): boolean {
    const me = this.context.me;
    return me ? isWaitingFor(actorOf(me), { id: row.id, part: row.part, group: row.group }, row.approval) : false;
  }

  private visible(rows: DashboardRow[]): DashboardRow[] {
    return rows.filter(
      (row) => (!this.waitingOnly || this.waitingForMe(row)) && (this.stage === 'all' || stageOf(row.approval) === this.stage),
    );
  }

  view(): TemplateResult {
    const head = html`<div class="page-head">
      <p class="eyebrow">${courseTitle(this.titles)}</p>
      <h1>${t('workspace.title')}</h1>
    </div>`;
    if (this.error) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      })}`;
    }
    const overview = this.overview;
    if (!overview) return html`${head}${loading()}`;
    const me = this.context.me ? actorOf(this.context.me) : null;
    return html`${head}
      <div class="dashboard-top">
        ${this.deadline.view(overview, { deadline: mayWorkspace(me, 'set-deadline'), organisations: mayWorkspace(me, 'manage-structure') })}
        ${progressChart(overview.sections)}
      </div>
      <section class="dashboard-sections" aria-labelledby="sections-title">
        <div class="sections-head">
          <h2 id="sections-title">${t('dashboard.sections')}</h2>
          ${this.filters(overview.sections)}
        </div>
        ${sectionsTable(this.visible(overview.sections), overview.requiredOrganisations, this.titles, overview.nationalTemplate)}
        ${this.titles && mayWorkspace(me, 'manage-structure') ? this.titlesEditor.view(this.titles) : nothing}
      </section>`;
  }

  private filters(rows: DashboardRow[]): TemplateResult {
    const waiting = rows.filter((row) => this.waitingForMe(row)).length;
    const shown = this.visible(rows).length;
    return html`<div class="list-filters" role="group" aria-label=${t('dashboard.filters')}>
      <button
        type="button"
        class="toggle"
        aria-pressed=${String(this.waitingOnly)}
        @click=${() => {
          this.waitingOnly = !this.waitingOnly;
          this.context.update();
        }}
      >
        ${t('dashboard.waitingForMe')}<span class="count" aria-hidden="true">${waiting}</span>
        <span class="visually-hidden">${plural('dashboard.waitingCount', waiting)}</span>
      </button>
      <label class="select-label" for="stage-filter">${t('dashboard.statusFilter')}</label>
      <select
        id="stage-filter"
        @change=${(event: Event) => {
          this.stage = (event.target as HTMLSelectElement).value as Stage | 'all';
          this.context.update();
        }}
      >
        <option value="all" ?selected=${this.stage === 'all'}>${t('dashboard.allStatuses')}</option>
        ${STAGES.map((stage) => html`<option value=${stage} ?selected=${this.stage === stage}>${stageName(stage)}</option>`)}
      </select>
      <p class="filter-result" role="status">${this.waitingOnly || this.stage !== 'all' ? plural('dashboard.showing', rows.length, { shown }) : nothing}</p>
    </div>`;
  }
}
