/**
 * The comments tab: a button to comment on the selected text, the open suggestions' cards (given
 * by the page, see `suggestion-cards.ts`), the filters (open, resolved, mine, mentioning me), the
 * composer of a new thread, and the threads in the order of their text.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { MessageKey } from '../../../shared/i18n';
import { shortcut } from '../editor/toolbar';
import { t } from '../i18n';
import { problem } from '../ui/parts';
import type { Comments } from './comments';
import { sectionIcons } from './icons';
import { threadCard } from './thread-card';
import { COMMENT_FILTERS, type CommentFilter } from './thread-filters';

const FILTER_LABEL: Record<CommentFilter, MessageKey> = {
  open: 'comments.filter.open',
  resolved: 'comments.filter.resolved',
  mine: 'comments.filter.mine',
  mentions: 'comments.filter.mentions',
};

const EMPTY: Record<CommentFilter, MessageKey> = {
  open: 'comments.empty.open',
  resolved: 'comments.empty.resolved',
  mine: 'comments.empty.mine',
  mentions: 'comments.empty.mentions',
};

/**
 * @param synced whether the editor has the section's text yet: before that every thread would look
 *   detached, so none is shown as such.
 */
export function commentsSidebar(
  comments: Comments,
  options: { canComment: boolean; hasSelection: boolean; synced: boolean; suggestions?: TemplateResult | typeof nothing },
): TemplateResult {
  const { canComment, hasSelection, synced } = options;
  if (comments.loadError) return problem(comments.loadError, () => void comments.load());
  if (!comments.loaded) return html`<p class="panel-loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
  const places = comments.places();
  const threads = comments.visible();
  return html`
    ${canComment
      ? html`<div class="panel-actions">
          <button
            type="button"
            class="button small primary"
            aria-disabled=${hasSelection ? nothing : 'true'}
            title=${t('comments.addShortcut', { keys: shortcut('Mod-Alt-m') })}
            @mousedown=${(event: MouseEvent) => event.preventDefault()}
            @click=${() => comments.start()}
          >
            ${sectionIcons.addComment}${t('comments.add')}
          </button>
          <span class="panel-hint" role="status">${comments.hint ?? (hasSelection ? '' : t('comments.selectHint'))}</span>
        </div>`
      : nothing}
    ${options.suggestions ?? nothing}
    <div class="filters" role="group" aria-label=${t('comments.filter.label')}>
      ${COMMENT_FILTERS.map(
        (filter) => html`<button
          type="button"
          class="filter"
          aria-pressed=${String(comments.filter === filter)}
          @click=${() => comments.setFilter(filter)}
        >
          ${t(FILTER_LABEL[filter])} <span class="filter-count">${comments.count(filter)}</span>
        </button>`,
      )}
    </div>
    ${comments.draft
      ? html`<section class="thread is-draft" aria-labelledby="new-comment-title">
          <h3 id="new-comment-title" class="visually-hidden">${t('comments.new.title')}</h3>
          <blockquote class="thread-quote is-static">${comments.draft.quote}</blockquote>
          ${comments.draft.input.template()}
        </section>`
      : nothing}
    ${threads.length === 0 && !comments.draft
      ? html`<p class="panel-empty">${t(EMPTY[comments.filter])}</p>`
      : html`<div class="thread-list">
          ${threads.map((thread) => threadCard(comments, thread, synced && places.has(thread.id) && places.get(thread.id) === null, canComment))}
        </div>`}
  `;
}
