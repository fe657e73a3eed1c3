/**
 * The search box in the header: a search landmark with one labelled field. Typing searches (a
 * quarter second after the last key, or at once on Enter) and shows the best hits below the
 * field, each a link to the section at the place of the hit. The list is a disclosure: ↓ moves
 * into it, ↑ ↓ between hits, Escape or a click elsewhere closes it, and a page change closes it.
 * The list's own code and styles load the first time it opens (`search-results.ts`).
 */
import './search-box.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { MAX_SEARCH_QUERY_LENGTH, type SearchHit } from '../../../shared/api/search';
import { ApiError, isUnauthenticated, request } from '../api';
import { t } from '../i18n';
import type { AppContext } from '../pages/page';
import { onRouteChange } from '../router';
import type { ResultsView, SearchState } from './search-results';

const TYPING_PAUSE_MS = 250;

export class SearchBox {
  private query = '';
  private open = false;
  private state: SearchState | null = null;
  private timer = 0;
  /** Answers to earlier searches that arrive late are dropped. */
  private asked = 0;
  private results: ResultsView | null = null;

  constructor(
    private readonly context: AppContext,
    readonly personId: number,
  ) {
    onRouteChange(() => this.close(false));
  }

  view(): TemplateResult {
    const expanded = this.open && this.state !== null;
    return html`<form class="search-box" role="search" aria-label=${t('search.landmark')} @submit=${this.submit}>
      <label class="visually-hidden" for="search-input">${t('search.label')}</label>
      <svg class="icon search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="11" cy="11" r="6.5" /><path d="m16 16 4.5 4.5" /></svg>
      <input
        id="search-input"
        class="search-input"
        type="search"
        autocomplete="off"
        spellcheck="false"
        maxlength=${MAX_SEARCH_QUERY_LENGTH}
        placeholder=${t('search.placeholder')}
        aria-describedby="search-keys"
        aria-controls=${expanded ? 'search-results' : nothing}
        .value=${this.query}
        @input=${this.typed}
        @keydown=${this.fieldKey}
        @click=${() => this.state && void this.show()}
      />
      <span id="search-keys" class="visually-hidden">${t('search.keys')}</span>
      <button type="submit" class="visually-hidden">${t('search.submit')}</button>
      ${expanded && this.results ? this.results(this.state!, { keydown: this.listKey }) : nothing}
    </form>`;
  }

  private readonly typed = (event: Event): void => {
    this.query = (event.target as HTMLInputElement).value;
    window.clearTimeout(this.timer);
    if (this.query.trim() === '') {
      this.state = null;
      this.close(false);
      return;
    }
    this.timer = window.setTimeout(() => void this.search(), TYPING_PAUSE_MS);
  };

  private readonly submit = (event: Event): void => {
    event.preventDefault();
    window.clearTimeout(this.timer);
    if (this.query.trim() !== '') void this.search();
  };

  private async search(): Promise<void> {
    const query = this.query.trim();
    const asked = ++this.asked;
    const before = this.state?.kind === 'problem' ? null : this.state;
    this.state = { kind: 'searching', query, hits: before?.hits ?? [], found: before?.found ?? '' };
    await this.show();
    let next: SearchState;
    try {
      const hits = await request<SearchHit[]>('GET', `/search?q=${encodeURIComponent(query)}`);
      next = { kind: 'hits', query, hits, found: query };
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      next = {
        kind: 'problem',
        message: error instanceof ApiError && error.code === 'query-too-long' ? t('search.tooLong', { max: MAX_SEARCH_QUERY_LENGTH }) : t('search.failed'),
      };
    }
    if (asked !== this.asked) return;
    this.state = next;
    this.context.update();
  }

  /** Opens the list, loading its code the first time. */
  private async show(): Promise<void> {
    if (!this.results) {
      try {
        this.results = (await import('./search-results')).resultsView;
      } catch {
        this.state = { kind: 'problem', message: t('app.error.network') };
        return;
      }
    }
    if (!this.open) {
      this.open = true;
      document.addEventListener('pointerdown', this.outside, true);
    }
    this.context.update();
  }

  private close(returnFocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    document.removeEventListener('pointerdown', this.outside, true);
    this.context.update();
    if (returnFocus) document.getElementById('search-input')?.focus();
  }

  private readonly outside = (event: Event): void => {
    if (!(event.target as Element | null)?.closest?.('.search-box')) this.close(false);
  };

  private readonly fieldKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      // The field's own Escape would also clear it: only the list closes.
      event.preventDefault();
      this.close(true);
    } else if (event.key === 'ArrowDown' && this.state) {
      event.preventDefault();
      void this.show().then(() => requestAnimationFrame(() => this.links()[0]?.focus()));
    }
  };

  private readonly listKey = (event: KeyboardEvent): void => {
    const links = this.links();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close(true);
    } else if (event.key === 'ArrowDown' && at >= 0) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      if (at === 0) document.getElementById('search-input')?.focus();
      else links[at - 1].focus();
    }
  };

  private links(): HTMLAnchorElement[] {
    return [...document.querySelectorAll<HTMLAnchorElement>('#search-results a.search-hit')];
  }
}

let box: SearchBox | null = null;

/** The header's search box of the person signed in (a new one for someone else: no hits carry over). */
export function searchBox(context: AppContext): TemplateResult {
  const personId = context.me?.id;
  if (personId === undefined) return html``;
  if (!box || box.personId !== personId) box = new SearchBox(context, personId);
  return box.view();
}
