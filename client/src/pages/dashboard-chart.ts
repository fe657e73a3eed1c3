/**
 * Progress by country, drawn as an inline SVG. Each country teaches the course as the five
 * regional modules plus its own national section, so each row is that country's course: its
 * national section first, then the shared modules 1–5, each coloured by stage, and how many of the
 * six are approved. The picture is one image for screen readers (a spoken summary), with the same
 * figures in a visually hidden table.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './dashboard-chart.css';
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit-html';
import type { DashboardRow } from '../../../shared/api';
import { COUNTRY_GROUPS, type CountryGroup } from '../../../shared/workspace';
import { t } from '../i18n';
import { type Stage, STAGES, stageName, stageOf } from './approvals';

const LABEL_W = 150;
const NATIONAL_W = 196;
const MODULE_W = 56;
const GAP = 4;
const ROW_H = 34;
const BAR_H = 24;
const TOP = 26;
const MODULES_X = LABEL_W + NATIONAL_W + 10;
const SUMMARY_X = MODULES_X + 5 * MODULE_W + 4 * GAP + 16;
const WIDTH = SUMMARY_X + 150;

interface CountryCourse {
  group: CountryGroup;
  national: DashboardRow | undefined;
  modules: DashboardRow[];
  approved: number;
}

function courses(rows: DashboardRow[]): CountryCourse[] {
  const modules = rows.filter((row) => row.part === 1).sort((a, b) => a.position - b.position);
  const modulesApproved = modules.filter((row) => stageOf(row.approval) === 'approved').length;
  return COUNTRY_GROUPS.map((group) => {
    const national = rows.find((row) => row.part === 2 && row.group === group);
    const approved = modulesApproved + (national && stageOf(national.approval) === 'approved' ? 1 : 0);
    return { group, national, modules, approved };
  });
}

function segment(x: number, y: number, width: number, stage: Stage, label: string): SVGTemplateResult {
  // The stale stage is striped (pages.css), so colour is never its only mark.
  return svg`<g class="chart-segment stage-${stage}">
    <rect x=${x} y=${y} width=${width} height=${BAR_H} rx="4"></rect>
    <text x=${x + width / 2} y=${y + BAR_H / 2 + 4} text-anchor="middle">${label}</text>
  </g>`;
}

function row(course: CountryCourse, index: number): SVGTemplateResult {
  const y = TOP + index * ROW_H;
  const nationalStage = course.national ? stageOf(course.national.approval) : 'draft';
  const total = course.modules.length + 1;
  return svg`<g class="chart-row">
    <text class="chart-label" x="0" y=${y + BAR_H / 2 + 5}>${t(`group.${course.group}`)}</text>
    ${segment(LABEL_W, y, NATIONAL_W, nationalStage, stageName(nationalStage))}
    ${course.modules.map((module, i) => segment(MODULES_X + i * (MODULE_W + GAP), y, MODULE_W, stageOf(module.approval), String(module.position)))}
    <text class="chart-summary" x=${SUMMARY_X} y=${y + BAR_H / 2 + 5}>${t('chart.approvedOf', { approved: course.approved, total })}</text>
  </g>`;
}

/** The spoken summary: one sentence per country. */
function summary(list: CountryCourse[]): string {
  return [
    t('chart.title'),
    ...list.map((course) =>
      t('chart.summaryCountry', {
        country: t(`group.${course.group}`),
        stage: stageName(course.national ? stageOf(course.national.approval) : 'draft'),
        approved: course.modules.filter((module) => stageOf(module.approval) === 'approved').length,
        modules: course.modules.length,
      }),
    ),
  ].join(' ');
}

export function progressChart(rows: DashboardRow[]): TemplateResult {
  const list = courses(rows);
  const height = TOP + list.length * ROW_H;
  return html`<figure class="chart" aria-labelledby="chart-title">
    <figcaption id="chart-title" class="chart-title">${t('chart.title')}</figcaption>
    <p class="chart-intro">${t('chart.intro')}</p>
    <svg class="chart-svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label=${summary(list)} focusable="false">
      <defs>
        <pattern id="chart-stale" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" class="chart-stale-base"></rect>
          <rect width="3.5" height="8" class="chart-stale-stripe"></rect>
        </pattern>
      </defs>
      <text class="chart-head" x=${LABEL_W} y="14">${t('chart.national')}</text>
      <text class="chart-head" x=${MODULES_X} y="14">${t('chart.modules')}</text>
      ${list.map((course, index) => row(course, index))}
    </svg>
    <ul class="chart-legend" aria-hidden="true">
      ${STAGES.map((stage) => html`<li><span class="chart-swatch stage-${stage}"></span>${stageName(stage)}</li>`)}
    </ul>
    ${table(list)}
  </figure>`;
}

/** The chart as a table for screen readers; in a hidden box, since a table grows past a 1 px width and would widen the page. */
function table(list: CountryCourse[]): TemplateResult {
  return html`<div class="visually-hidden"><table>
    <caption>${t('chart.title')}</caption>
    <thead>
      <tr>
        <th scope="col">${t('chart.country')}</th>
        <th scope="col">${t('chart.national')}</th>
        <th scope="col">${t('chart.modulesApproved')}</th>
        <th scope="col">${t('chart.courseApproved')}</th>
      </tr>
    </thead>
    <tbody>
      ${list.map(
        (course) => html`<tr>
          <th scope="row">${t(`group.${course.group}`)}</th>
          <td>${stageName(course.national ? stageOf(course.national.approval) : 'draft')}</td>
          <td>${t('chart.approvedOf', {
            approved: course.modules.filter((module) => stageOf(module.approval) === 'approved').length,
            total: course.modules.length,
          })}</td>
          <td>${t('chart.approvedOf', { approved: course.approved, total: course.modules.length + 1 })}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}
