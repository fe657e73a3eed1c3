/**
 * The margin cards of the open suggestions, at the top of the comments tab (a discussion of a
 * suggestion is a comment thread, so the two sit together): who proposed what and when, "Accept" /
 * "Reject" for those who may, "Discuss", and the bulk decisions for the section and per author.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { TextSuggestion } from '../editor/suggesting';
import { t } from '../i18n';
import { plural } from './plural';
import type { SuggestionList } from './suggestion-list';
import { when } from './time';
import './suggestion-cards.css';

export function suggestionCards(list: SuggestionList, options: { canComment: boolean }): TemplateResult | typeof nothing {
  const suggestions = list.all();
  if (suggestions.length === 0) return nothing;
  const mayAccept = list.mayAccept();
  const authors = list.authors(suggestions);
  const allBusy = list.isBusy('all');
  return html`<section class="suggestions" aria-labelledby="suggestions-title">
    <header class="suggestions-head">
      <h3 id="suggestions-title" class="suggestions-title">
        ${t('suggestions.title')}
        <span class="suggestions-count" aria-label=${plural('counted.suggestions', suggestions.length)}>${suggestions.length}</span>
      </h3>
      ${mayAccept && suggestions.length > 1
        ? html`<div class="suggestions-bulk">
            <button type="button" class="button small" ?disabled=${allBusy} @click=${() => void list.decideAll('accept')}>${t('suggestions.acceptAll')}</button>
            <button type="button" class="button small quiet" ?disabled=${allBusy} @click=${() => void list.decideAll('reject')}>${t('suggestions.rejectAll')}</button>
          </div>`
        : nothing}
    </header>
    ${list.errorOf('all') ? html`<p class="suggestion-error" role="alert">${list.errorOf('all')}</p>` : nothing}
    ${mayAccept && authors.length > 1 ? authorRows(list, authors, suggestions) : nothing}
    <ol class="suggestion-list">
      ${suggestions.map((suggestion) => html`<li>${card(list, suggestion, options.canComment)}</li>`)}
    </ol>
  </section>`;
}

function authorRows(list: SuggestionList, authors: number[], suggestions: readonly TextSuggestion[]): TemplateResult {
  return html`<ul class="suggestion-authors">
    ${authors.map((author) => {
      const key = `author-${author}`;
      const count = suggestions.filter((suggestion) => suggestion.author === author).length;
      const name = list.name(author);
      return html`<li class="suggestion-author">
        <span class="suggestion-dot" aria-hidden="true" style="background-color: ${list.colour(author)}"></span>
        <span class="suggestion-author-name">${t('suggestions.byAuthor', { name })} · ${count}</span>
        <button type="button" class="link-button" ?disabled=${list.isBusy(key)} @click=${() => void list.decideAll('accept', author)}>
          ${t('suggestions.accept')}<span class="visually-hidden"> ${t('suggestions.acceptBy', { name })}</span>
        </button>
        <button type="button" class="link-button" ?disabled=${list.isBusy(key)} @click=${() => void list.decideAll('reject', author)}>
          ${t('suggestions.reject')}<span class="visually-hidden"> ${t('suggestions.rejectBy', { name })}</span>
        </button>
        ${list.errorOf(key) ? html`<p class="suggestion-error" role="alert">${list.errorOf(key)}</p>` : nothing}
      </li>`;
    })}
  </ul>`;
}

function card(list: SuggestionList, suggestion: TextSuggestion, canComment: boolean): TemplateResult {
  const busy = list.isBusy(suggestion.id);
  const error = list.errorOf(suggestion.id);
  const active = list.active === suggestion.id;
  const name = list.name(suggestion.author);
  const id = `suggestion-${suggestion.id}`;
  return html`<article
    id=${id}
    class="suggestion-card kind-${suggestion.kind} ${active ? 'is-active' : ''}"
    style="--author-colour: ${list.colour(suggestion.author)}"
    aria-labelledby=${`${id}-text`}
    data-suggestion=${suggestion.id}
  >
    <header class="suggestion-meta">
      <span class="suggestion-dot" aria-hidden="true"></span>
      <span class="suggestion-name">${name}</span>
      ${suggestion.at ? html`<span class="suggestion-time">${when(new Date(suggestion.at).toISOString())}</span>` : nothing}
    </header>
    <button type="button" class="suggestion-text" id=${`${id}-text`} title=${t('suggestions.goToText')} @click=${() => list.select(suggestion)}>
      <span class="suggestion-kind">${t(suggestion.kind === 'insert' ? 'suggestions.insert' : 'suggestions.delete')}:</span>
      ${suggestion.kind === 'insert' ? html`<ins>${suggestion.text}</ins>` : html`<del>${suggestion.text}</del>`}
    </button>
    <div class="suggestion-actions">
      ${list.mayAccept()
        ? html`<button type="button" class="button small primary" data-action="accept" ?disabled=${busy} @click=${() => void list.decide(suggestion, 'accept')}>
            ${t('suggestions.accept')}
          </button>`
        : nothing}
      ${list.mayReject(suggestion)
        ? html`<button type="button" class="button small" data-action="reject" ?disabled=${busy} @click=${() => void list.decide(suggestion, 'reject')}>
            ${t(list.mayAccept() ? 'suggestions.reject' : 'suggestions.withdraw')}
          </button>`
        : nothing}
      ${canComment
        ? html`<button type="button" class="button small quiet" data-action="discuss" @click=${() => list.discuss(suggestion)}>${t('suggestions.discuss')}</button>`
        : nothing}
    </div>
    ${error ? html`<p class="suggestion-error" role="alert">${error}</p>` : nothing}
  </article>`;
}
