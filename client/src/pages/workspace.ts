/** The syllabus at a glance: both parts, every section, its owner, its status, and your rights. */
import { html, type TemplateResult } from 'lit-html';
import { type Section, api, isUnauthenticated } from '../api';
import { t } from '../i18n';
import { sectionPath } from '../router';
import type { AppContext, Page } from './page';
import { loading, ownerName, problem, statusBadge } from './parts';

export class WorkspacePage implements Page {
  private sections: Section[] | null = null;
  private error: unknown = null;
  private disposed = false;

  constructor(private readonly context: AppContext) {
    void this.load();
  }

  title(): string {
    return `${t('workspace.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const sections = await api.sections();
      if (this.disposed) return;
      this.sections = sections;
      this.error = null;
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    }
    this.context.update();
  }

  dispose(): void {
    this.disposed = true;
  }

  view(): TemplateResult {
    return html`
      <div class="page-head">
        <p class="eyebrow">${t('app.course')}</p>
        <h1>${t('workspace.title')}</h1>
      </div>
      ${this.error
        ? problem(this.error, () => {
            this.error = null;
            this.context.update();
            void this.load();
          })
        : this.sections
          ? html`${this.part(1)}${this.part(2)}`
          : loading()}
    `;
  }

  private part(part: 1 | 2): TemplateResult {
    const sections = (this.sections ?? []).filter((section) => section.part === part).sort((a, b) => a.position - b.position);
    const headingId = `part-${part}`;
    return html`<section class="part" aria-labelledby=${headingId}>
      <h2 id=${headingId}>${t(part === 1 ? 'workspace.part1' : 'workspace.part2')}</h2>
      <ol class="section-list">
        ${sections.map((section) => this.row(section))}
      </ol>
    </section>`;
  }

  private row(section: Section): TemplateResult {
    const editable = section.permissions.edit;
    return html`<li class="section-row" data-section=${section.id}>
      <span class="section-number" aria-hidden="true">${section.part === 1 ? section.position : section.group}</span>
      <div class="section-main">
        <a class="section-link" href=${sectionPath(section.id)}>${section.title}</a>
        <span class="section-owner">${ownerName(section.group)}</span>
      </div>
      <span class="section-status">${statusBadge(section.status)}</span>
      <span class="access ${editable ? 'can-edit' : 'read-only'}">
        ${editable ? pencil : lock}${t(editable ? 'workspace.youCanEdit' : 'workspace.readOnly')}
      </span>
    </li>`;
  }
}

const pencil = html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="M13.5 6.5l4 4"/></svg>`;
const lock = html`<svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/></svg>`;
