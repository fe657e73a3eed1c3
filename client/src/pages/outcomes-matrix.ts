/**
 * The outcomes matrix (#20): every learning outcome of the syllabus as a row, the Part 1 modules
 * as columns (a mark where the module teaches it) and the assessment items that check it. Rows an
 * outcome no module teaches or no assessment checks are flagged in words and with an icon, and a
 * filter shows only those. Each outcome links to its place in its section.
 *
 * The matrix is computed by the server from the current texts; it is read again when a section
 * changes (the workspace's `section:updated`, at most once a second per section while people type).
 */
import './pages.css';
import './outcomes-matrix.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { MatrixModule, MatrixRow, OutcomeFlag, OutcomesMatrix } from '../../../shared/api/curriculum';
import { isUnauthenticated, request } from '../api';
import { locale, plural, t } from '../i18n';
import { sectionPath } from '../router';
import { problem } from '../ui/parts';
import type { AppContext, Page } from './page';
import { loading } from './parts';
import { LiveData } from './live-data';
import { followWithFragment, placeHref } from './section-places';


/** The warning sign drawn beside a flag (the words beside it say what it means). */
const warningIcon = html`<svg class="icon flag-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <path d="M12 3.5L2.5 20h19zM12 10v4.5M12 17v.5" />
</svg>`;

export class OutcomesMatrixPage implements Page {
  private matrix: OutcomesMatrix | null = null;
  /** The language the matrix's module titles were read in: another one is read again. */
  private loadedIn: string | null = null;
  private error: unknown = null;
  private onlyProblems = false;
  /** Every section's outcomes, teaching and assessment are what this page shows. */
  private readonly live: LiveData;

  constructor(private readonly context: AppContext) {
    this.live = new LiveData(context.realtime, () => void this.load());
    void this.load();
  }

  private get disposed(): boolean {
    return this.live.disposed;
  }

  title(): string {
    return `${t('curriculum.outcomes.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  dispose(): void {
    this.live.dispose();
  }

  private async load(): Promise<void> {
    const language = locale();
    this.loadedIn = language;
    try {
      const matrix = await request<OutcomesMatrix>('GET', `/curriculum/matrix?locale=${language}`);
      if (this.disposed) return;
      this.matrix = matrix;
      this.error = null;
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    }
    this.context.update();
  }

  view(): TemplateResult {
    if (this.loadedIn !== null && this.loadedIn !== locale()) void this.load();
    const head = html`<div class="page-head">
      <p class="eyebrow">${t('app.course')}</p>
      <h1>${t('curriculum.outcomes.title')}</h1>
      <p class="page-intro">${t('curriculum.outcomes.intro')}</p>
    </div>`;
    if (this.error && !this.matrix) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      })}`;
    }
    if (!this.matrix) return html`${head}${loading()}`;
    const { modules, rows } = this.matrix;
    const flagged = rows.filter((row) => row.flags.length > 0);
    const shown = this.onlyProblems ? flagged : rows;
    return html`${head}
      <div class="outcomes-tools">
        <p class="outcomes-summary" role="status">
          ${plural('curriculum.outcomes.summary', rows.length)}${flagged.length ? html`, <strong>${plural('curriculum.outcomes.problems', flagged.length)}</strong>` : nothing}
        </p>
        <label class="outcomes-filter">
          <input
            type="checkbox"
            aria-controls="outcomes-matrix"
            .checked=${this.onlyProblems}
            @change=${(event: Event) => {
              this.onlyProblems = (event.target as HTMLInputElement).checked;
              this.context.update();
            }}
          />
          ${t('curriculum.outcomes.onlyProblems')}
        </label>
      </div>
      ${rows.length === 0
        ? html`<p class="card muted">${t('curriculum.outcomes.none')}</p>`
        : shown.length === 0
          ? html`<p class="card outcomes-all-well">${t('curriculum.outcomes.noProblems')}</p>`
          : this.table(modules, shown)}`;
  }

  private table(modules: MatrixModule[], rows: MatrixRow[]): TemplateResult {
    const titles = new Map(modules.map((module) => [module.id, module.title]));
    // A scrolling region must be reachable by keyboard to scroll it; it is named by the table's caption.
    return html`<div class="table-frame outcomes-frame" role="region" tabindex="0" aria-labelledby="outcomes-caption">
      <table class="data-table compact outcomes-matrix" id="outcomes-matrix">
        <caption id="outcomes-caption" class="visually-hidden">${t('curriculum.outcomes.caption')}. ${t('curriculum.outcomes.scrollHint')}</caption>
        <thead>
          <tr>
            <th scope="col" class="outcome-col">${t('curriculum.outcomes.outcome')}</th>
            ${modules.map(
              (module) => html`<th scope="col" class="module-col" title=${module.title}>
                <span class="module-number">${t('curriculum.outcomes.module', { number: module.number })}</span>
                <span class="module-title">${module.title}</span>
              </th>`,
            )}
            <th scope="col" class="assessed-col">${t('curriculum.outcomes.assessedBy')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => this.row(modules, row, titles))}
        </tbody>
      </table>
    </div>`;
  }

  private row(modules: MatrixModule[], row: MatrixRow, titles: Map<string, string>): TemplateResult {
    const { outcome } = row;
    const href = placeHref(outcome.section, outcome.target);
    const taught = new Set(row.taughtBy);
    return html`<tr class=${row.flags.length ? 'outcome-row flagged' : 'outcome-row'} data-outcome=${outcome.target ?? ''}>
      <th scope="row" class="outcome-col">
        <a class="outcome-number" href=${href} title=${t('curriculum.outcomes.open', { number: outcome.number })} @click=${(event: MouseEvent) => followWithFragment(event, href)}
          >${outcome.number}</a
        >
        <span class="outcome-text">${outcome.text}</span>
        ${row.flags.length ? html`<ul class="outcome-flags">${row.flags.map((flag) => this.flag(flag))}</ul>` : nothing}
      </th>
      ${modules.map((module) =>
        taught.has(module.id)
          ? html`<td class="module-cell taught"><span class="taught-mark" aria-hidden="true">●</span><span class="visually-hidden">${t('curriculum.outcomes.taught', { number: module.number })}</span></td>`
          : html`<td class="module-cell"><span class="visually-hidden">${t('curriculum.outcomes.notTaughtHere', { number: module.number })}</span></td>`,
      )}
      <td class="assessed-cell">
        ${row.assessedBy.length
          ? html`<ul class="assessed-list">
              ${row.assessedBy.map(
                (use) => html`<li>
                  <a href=${sectionPath(use.section)} title=${titles.get(use.section) ?? ''}>${use.item || t('curriculum.outcomes.untitledItem')}</a>
                </li>`,
              )}
            </ul>`
          : html`<span class="muted">${t('curriculum.outcomes.notAssessed')}</span>`}
      </td>
    </tr>`;
  }

  private flag(flag: OutcomeFlag): TemplateResult {
    return html`<li class=${`outcome-flag ${flag}`}>${warningIcon}${t(`curriculum.outcomes.flag.${flag}`)}</li>`;
  }
}
