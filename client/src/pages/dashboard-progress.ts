/**
 * What the dashboard says under a section's name about its structure and its language versions:
 * a national section's conformance to the common template (#20) — "4 of 5 headings", the missing
 * ones named — and, per target language (#19), how many blocks are translated, need an update or
 * are missing.
 */
import { html, nothing, svg, type TemplateResult } from 'lit-html';
import type { DashboardRow } from '../../../shared/api';
import type { TemplateHeading } from '../../../shared/api/settings';
import { LANGUAGE_NAMES } from '../../../shared/languages';
import { locale, t } from '../i18n';
import './dashboard-progress.css';

/** A template heading's title in the interface's language; its key when the template no longer has it. */
export function templateTitle(template: readonly TemplateHeading[], key: string): string {
  const heading = template.find((candidate) => candidate.key === key);
  return heading ? heading.title[locale() === 'ru' ? 'ru' : 'en'] : key;
}

/** "4 of 5 headings" and the missing ones; a tick when every heading is there. Nothing for a regional module. */
export function templateConformance(row: DashboardRow, template: readonly TemplateHeading[]): TemplateResult | typeof nothing {
  const state = row.template;
  if (!state) return nothing;
  const complete = state.missing.length === 0;
  return html`<span class="template-conformance ${complete ? 'conforms' : 'incomplete'}" data-present=${state.present} data-required=${state.required}>
    <svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      ${complete ? svg`<path d="M5 12.5l4.5 4.5L19 7.5" />` : svg`<path d="M12 3.5L2.5 20h19zM12 10v4.5M12 17v.5" />`}
    </svg>
    <span>${t('dashboard.template.count', { present: state.present, required: state.required })}</span>
    ${complete
      ? html`<span class="visually-hidden">${t('dashboard.template.complete')}</span>`
      : html`<span class="template-missing">${t('dashboard.template.missing', { headings: state.missing.map((key) => templateTitle(template, key)).join(', ') })}</span>`}
  </span>`;
}

/** One line per target language: "EN: 10 translated, 2 need update, 3 missing". Nothing without targets. */
export function translationProgress(row: DashboardRow): TemplateResult | typeof nothing {
  if (!row.translations?.length) return nothing;
  return html`<ul class="translation-progress">
    ${row.translations.map(
      (version) => html`<li class=${version.stale + version.missing > 0 ? 'needs-work' : 'current'} data-lang=${version.lang}>
        <abbr title=${LANGUAGE_NAMES[version.lang][locale() === 'ru' ? 'ru' : 'en']}>${version.lang.toUpperCase()}</abbr>
        <span class="visually-hidden">${LANGUAGE_NAMES[version.lang][locale() === 'ru' ? 'ru' : 'en']}</span>
        <span>${t('dashboard.translation', { current: version.current, stale: version.stale, missing: version.missing })}</span>
      </li>`,
    )}
  </ul>`;
}
