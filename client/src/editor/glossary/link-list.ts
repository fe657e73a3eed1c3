/**
 * "Link to glossary": a small list under the words to link, with a search box that starts with
 * those words (the combobox pattern: typing filters, ↑/↓/Home/End move through the entries, Enter
 * links, Escape closes and the focus returns to the text). Each entry shows its term in the
 * reader's language, its terms in the other languages and the start of its definition, so two
 * entries with one Russian term can be told apart.
 */
import { html, nothing, render, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import type { GlossaryEntry } from '../../../../shared/api';
import type { GlossaryStore } from './glossary-store';
import { placeBelow } from './popup-place';
import { languageName, say, termOf, termsOf } from './words';

/** The words the list links, and where they stand. */
export interface LinkRequest {
  from: number;
  to: number;
  /** What the search box starts with: the words themselves. */
  query: string;
  /** An entry to put first (the one a hint named). */
  preferred?: string;
}

/** At most this many entries are listed: more is a sign to type more. */
const LIMIT = 30;
let lists = 0;

export class LinkList {
  readonly element = document.createElement('div');
  private readonly id = `glossary-link-${++lists}`;
  private request: LinkRequest | null = null;
  private query = '';
  private active: string | null = null;

  constructor(
    private readonly view: EditorView,
    private readonly store: GlossaryStore,
    /** Links the words to the entry (the editor's transaction). */
    private readonly link: (request: LinkRequest, entry: GlossaryEntry) => void,
  ) {
    this.element.className = 'glossary-link-list';
    this.element.hidden = true;
    this.element.addEventListener('focusout', (event) => {
      // Closes when the focus leaves the list for anything but the list itself.
      if (!this.element.contains(event.relatedTarget as Node | null)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return this.request !== null;
  }

  open(request: LinkRequest): void {
    this.request = request;
    this.query = request.query;
    this.active = request.preferred ?? null;
    this.element.hidden = false;
    this.draw();
    this.place();
    const input = this.input();
    input?.focus();
    input?.select();
    if (this.store.load !== 'ready') void this.store.refresh().then(() => this.draw());
  }

  /** Closes; `refocus` puts the focus back in the text (Escape, a choice), not when it went elsewhere. */
  close(refocus = true): void {
    if (!this.request) return;
    this.request = null;
    this.element.hidden = true;
    render(nothing, this.element);
    if (refocus && !this.view.isDestroyed) this.view.focus();
  }

  /** The glossary or the language changed while open. */
  refresh(): void {
    if (this.request) this.draw();
  }

  /** Follows the words when the page scrolls. */
  place(): void {
    if (this.request && !this.view.isDestroyed) placeBelow(this.element, this.view, this.request.from, this.request.to);
  }

  private input(): HTMLInputElement | null {
    return this.element.querySelector<HTMLInputElement>('input');
  }

  /** The entries that answer the query, the preferred one first; with no query, all by term. */
  private entries(): GlossaryEntry[] {
    const store = this.store;
    let found: GlossaryEntry[];
    if (this.query.trim() === '') found = [...store.all].sort((a, b) => termOf(a).localeCompare(termOf(b)));
    else found = store.matcher.search(this.query, LIMIT).flatMap(({ entry }) => store.entry(entry) ?? []);
    const preferred = this.request?.preferred ? store.entry(this.request.preferred) : undefined;
    if (preferred) found = [preferred, ...found.filter((entry) => entry !== preferred)];
    return found.slice(0, LIMIT);
  }

  private current(entries: GlossaryEntry[]): GlossaryEntry | null {
    return entries.find((entry) => entry.id === this.active) ?? entries[0] ?? null;
  }

  private optionId(entry: GlossaryEntry): string {
    return `${this.id}-${entry.id}`;
  }

  private keydown(event: KeyboardEvent): void {
    const entries = this.entries();
    const index = Math.max(0, entries.indexOf(this.current(entries)!));
    const last = entries.length - 1;
    const next =
      event.key === 'ArrowDown' ? Math.min(last, index + 1)
      : event.key === 'ArrowUp' ? Math.max(0, index - 1)
      : event.key === 'PageDown' ? Math.min(last, index + 5)
      : event.key === 'PageUp' ? Math.max(0, index - 5)
      : null;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.choose(entries[index] ?? null);
    } else if (event.key === 'Tab') {
      this.close(false);
    } else if (next !== null && entries.length > 0) {
      event.preventDefault();
      this.active = entries[next].id;
      this.draw();
      this.element.querySelector(`#${this.optionId(entries[next])}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private choose(entry: GlossaryEntry | null): void {
    const request = this.request;
    if (!entry || !request) return;
    this.close();
    this.link(request, entry);
  }

  private draw(): void {
    render(this.template(), this.element);
  }

  private template(): TemplateResult {
    const entries = this.entries();
    const current = this.current(entries);
    return html`<label class="glossary-link-label" for=${`${this.id}-query`}>${say('toolbar.glossary')}</label>
      <input
        id=${`${this.id}-query`}
        class="glossary-link-query"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        placeholder=${say('glossaryEditor.search')}
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls=${`${this.id}-list`}
        aria-describedby=${`${this.id}-keys`}
        aria-activedescendant=${current ? this.optionId(current) : nothing}
        .value=${this.query}
        @input=${(event: Event) => {
          this.query = (event.target as HTMLInputElement).value;
          this.active = null;
          this.draw();
        }}
        @keydown=${(event: KeyboardEvent) => this.keydown(event)}
      />
      <div id=${`${this.id}-list`} class="glossary-link-options" role="listbox" aria-label=${say('glossaryEditor.entries')}>
        ${entries.map((entry) => this.option(entry, entry === current))}
      </div>
      ${this.status(entries.length)}
      <p id=${`${this.id}-keys`} class="glossary-link-keys">${say('glossaryEditor.keys')}</p>`;
  }

  private option(entry: GlossaryEntry, selected: boolean): TemplateResult {
    const [first, ...others] = termsOf(entry);
    return html`<div
      id=${this.optionId(entry)}
      role="option"
      class="glossary-option ${selected ? 'is-active' : ''}"
      aria-selected=${selected ? 'true' : 'false'}
      data-entry=${entry.id}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @click=${() => this.choose(entry)}
    >
      <span class="glossary-option-term" lang=${first?.lang ?? nothing}>${first?.text ?? entry.id}</span>
      ${entry.status === 'proposed' ? html`<span class="glossary-option-status">${say('glossaryEditor.proposed')}</span>` : nothing}
      ${others.length > 0
        ? html`<span class="glossary-option-others">
            ${others.map(
              (term) => html`<span class="glossary-option-other"><abbr title=${languageName(term.lang)}>${term.lang}</abbr> <span lang=${term.lang}>${term.text}</span></span>`,
            )}
          </span>`
        : nothing}
      <span class="glossary-option-definition">${entry.definition}</span>
    </div>`;
  }

  private status(count: number): TemplateResult | typeof nothing {
    const load = this.store.load;
    const message =
      load === 'failed' && this.store.all.length === 0 ? say('glossaryEditor.failed')
      : load === 'loading' ? say('glossaryEditor.loading')
      : this.store.all.length === 0 ? say('glossaryEditor.emptyGlossary')
      : count === 0 ? say('glossaryEditor.noMatch', { query: this.query.trim() })
      : null;
    return message ? html`<p class="glossary-link-status" role="status">${message}</p>` : nothing;
  }
}
