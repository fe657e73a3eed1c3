/**
 * The dashboard's table: every section (Part 1, then Part 2) with its stage, each required
 * organisation's decision, open comments (and open suggestions beside them), last edit and
 * length; a section whose cross-references point at something deleted is flagged under its name, as
 * are a national section's conformance to the common template and each language version's
 * progress. One table with a row group per part, so the columns line up across both parts and a
 * screen reader announces the headers.
 */
import { html, type TemplateResult } from 'lit-html';
import type { DashboardRow } from '../../../shared/api';
import type { TemplateHeading } from '../../../shared/api/settings';
import { locale, plural, t } from '../i18n';
import { sectionPath } from '../router';
import { decisionMark, organisationName, stageBadge } from './approvals';
import { dateTime, isoOrEmpty, relativeTime } from './format';
import { type WorkspaceTitles, partHeading, sectionTitle } from './dashboard-titles';
import { templateConformance, translationProgress } from './dashboard-progress';
import { ownerName } from './parts';
import './dashboard-table.css';

/**
 * `titles`: every title in both languages, shown in the interface's (null until loaded: the rows' own);
 * `template`: the national template, whose titles name a national section's missing headings.
 */
export function sectionsTable(rows: DashboardRow[], organisations: string[], titles: WorkspaceTitles | null, template: readonly TemplateHeading[] = []): TemplateResult {
  const columns = 5 + organisations.length;
  if (rows.length === 0) {
    return html`<p class="empty-note" role="status">${t('dashboard.noMatch')}</p>`;
  }
  return html`<div class="table-frame">
    <table class="data-table dashboard-table">
      <caption class="visually-hidden">${t('dashboard.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col" class="col-section">${t('dashboard.col.section')}</th>
          <th scope="col">${t('dashboard.col.status')}</th>
          ${organisations.map((organisation) => html`<th scope="col" class="col-decision">${organisationName(organisation)}</th>`)}
          <th scope="col" class="col-number">${t('dashboard.col.comments')}</th>
          <th scope="col" class="col-edit">${t('dashboard.col.lastEdit')}</th>
          <th scope="col" class="col-number">${t('dashboard.col.words')}</th>
        </tr>
      </thead>
      ${([1, 2] as const).map((part) => {
        const inPart = rows.filter((row) => row.part === part).sort((a, b) => a.position - b.position);
        if (inPart.length === 0) return null;
        return html`<tbody>
          <tr class="part-row">
            <th scope="rowgroup" colspan=${columns}>${partHeading(titles, part)}</th>
          </tr>
          ${inPart.map((row) => sectionRow(row, organisations, sectionTitle(titles, row.id, row.title), template))}
        </tbody>`;
      })}
    </table>
  </div>`;
}

/**
 * Open suggestions, small beside the open comments: a pen and the number on screen, the words
 * ("3 open suggestions") for screen readers and as the tooltip. Nothing when there are none.
 */
function suggestionCount(count: number): TemplateResult | null {
  if (count === 0) return null;
  const words = plural('dashboard.openSuggestions', count);
  return html`<span class="suggestion-count" title=${words}>
    <span aria-hidden="true"
      ><svg class="icon small" viewBox="0 0 24 24" focusable="false"><path d="M4 20h4L19 9l-4-4L4 16v4z" /></svg>${count}</span
    ><span class="visually-hidden">${words}</span>
  </span>`;
}

/**
 * Cross-references (#18) whose target was deleted: a warning sign and the words ("2 broken
 * references"), read by screen readers with the section's row. Nothing when there are none.
 */
function brokenReferences(count: number | undefined): TemplateResult | null {
  if (!count) return null;
  return html`<span class="broken-references"
    ><svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3.5L2.5 20h19zM12 10v4.5M12 17v.5" /></svg
    >${plural('dashboard.brokenReferences', count)}</span
  >`;
}

function sectionRow(row: DashboardRow, organisations: string[], title: string, template: readonly TemplateHeading[]): TemplateResult {
  const stale = row.approval.status === 'approved' && row.approval.stale;
  return html`<tr class="section-row ${stale ? 'row-stale' : ''}" data-section=${row.id}>
    <th scope="row" class="col-section">
      <div class="section-cell">
        <span class="section-number" aria-hidden="true">${row.part === 1 ? row.position : row.group}</span>
        <span class="section-names">
          <a class="dashboard-link" href=${sectionPath(row.id)}>${title}</a>
          <span class="section-owner">${t('section.owner', { group: ownerName(row.group) })}</span>
          ${brokenReferences(row.brokenReferences)} ${templateConformance(row, template)} ${translationProgress(row)}
        </span>
      </div>
    </th>
    <td class="col-status">${stageBadge(row.approval)}</td>
    ${organisations.map((organisation) => html`<td class="col-decision">${decisionMark(organisation, row.approval.organisations[organisation] ?? null)}</td>`)}
    <td class="col-number">
      ${row.openComments > 0
        ? html`<span class="comment-count" title=${plural('dashboard.openComments', row.openComments)}>${row.openComments}</span>`
        : html`<span class="muted">0</span>`}
      ${suggestionCount(row.openSuggestions)}
    </td>
    <td class="col-edit">
      ${row.lastEdit
        ? html`<time datetime=${isoOrEmpty(row.lastEdit.at)} title=${dateTime(row.lastEdit.at)}>${relativeTime(row.lastEdit.at)}</time>
            ${row.lastEdit.by ? html`<span class="edit-by">${row.lastEdit.by}</span>` : null}`
        : html`<span class="muted">${t('dashboard.neverEdited')}</span>`}
    </td>
    <td class="col-number">${row.words.toLocaleString(locale())}</td>
  </tr>`;
}
