/**
 * The list under the search box: how many hits, then each hit as a link to its section at its
 * place — the text's block (`?block=<n>&q=<query>`, which the section page scrolls to and selects)
 * or the comment's thread (`?thread=<id>`, which it opens) — with the sentence that holds it and
 * the matching words marked. A hit in a translation (#19) names its language and opens the
 * translation's page. Loaded the first time the list opens.
 */
import './search-results.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { SearchHit } from '../../../shared/api/search';
import { plural, t } from '../i18n';
import { sectionPath, translationPath } from '../router';
import { languageName } from '../translation/language-name';

/** What the list shows: a search under way, its hits, or why there are none. */
export type SearchState =
  /** A search under way keeps showing the hits before it, so the list does not flicker while typing. */
  | { kind: 'searching'; query: string; hits: SearchHit[]; found: string }
  /** `found`: the query the hits answer. */
  | { kind: 'hits'; query: string; hits: SearchHit[]; found: string }
  | { kind: 'problem'; message: string };

/** The most hits the server answers: more would have been cut. */
const MAX_HITS = 50;

export type ResultsView = (state: SearchState, handlers: { keydown: (event: KeyboardEvent) => void }) => TemplateResult;

/** Where a hit opens its section: a translation's hit, the translation beside its source. */
export function hitPath(hit: SearchHit, query: string): string {
  if (hit.lang) return translationPath(hit.sectionId, hit.lang);
  const section = sectionPath(hit.sectionId);
  if (hit.kind === 'comment' && hit.threadId !== null) return `${section}?thread=${hit.threadId}`;
  const at = new URLSearchParams({ q: query });
  if (hit.blockIndex !== null) at.set('block', String(hit.blockIndex));
  return `${section}?${at.toString()}`;
}

/** The snippet with its matching words in <mark>. */
function marked(hit: SearchHit): TemplateResult[] {
  const parts: TemplateResult[] = [];
  let at = 0;
  for (const { start, end } of [...hit.highlights].sort((a, b) => a.start - b.start)) {
    if (start < at || end > hit.snippet.length) continue;
    parts.push(html`${hit.snippet.slice(at, start)}<mark>${hit.snippet.slice(start, end)}</mark>`);
    at = end;
  }
  parts.push(html`${hit.snippet.slice(at)}`);
  return parts;
}

function summary(state: SearchState): string {
  if (state.kind === 'searching') return t('search.searching');
  if (state.kind === 'problem') return state.message;
  if (state.hits.length === 0) return t('search.none', { query: state.query });
  if (state.hits.length >= MAX_HITS) return t('search.best', { count: state.hits.length });
  return plural('search.count', state.hits.length);
}

export const resultsView: ResultsView = (state, { keydown }) => {
  const hits = state.kind === 'problem' ? [] : state.hits;
  const found = state.kind === 'problem' ? '' : state.found;
  return html`<div id="search-results" class="search-panel" @keydown=${keydown}>
    <p class="search-summary" role="status">${summary(state)}</p>
    ${hits.length > 0
      ? html`<ul class="search-hits">
          ${hits.map(
            (hit) => html`<li>
              <a class="search-hit" href=${hitPath(hit, found)} data-section=${hit.sectionId}>
                <span class="search-hit-where">
                  <span class="search-hit-section">${hit.sectionTitle}</span>
                  ${hit.lang ? html`<span class="search-hit-kind">${t('search.translation', { language: languageName(hit.lang) })}</span>` : nothing}
                  ${hit.kind === 'comment' ? html`<span class="search-hit-kind">${t('search.kind.comment')}</span>` : nothing}
                </span>
                <span class="search-hit-snippet" lang=${hit.lang || nothing}>${marked(hit)}</span>
              </a>
            </li>`,
          )}
        </ul>`
      : state.kind === 'hits'
        ? html`<p class="search-hint">${t('search.hint')}</p>`
        : nothing}
  </div>`;
};
