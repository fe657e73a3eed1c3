/**
 * One comment thread in the sidebar: the words it is about (or a note that they were deleted),
 * its comments, and what you may do there — reply, edit and delete your own (coordinators delete
 * any), resolve and reopen.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Comment, Thread } from '../../../shared/api';
import { safeColour } from '../colour';
import { t } from '../i18n';
import { initials } from '../ui/parts';
import { commentBody } from './comment-body';
import type { Comments } from './comments';
import { sectionIcons } from './icons';
import { when } from './time';

export function threadCard(comments: Comments, thread: Thread, detached: boolean, canComment: boolean): TemplateResult {
  const active = comments.active === thread.id;
  const busy = comments.isBusy(thread.id);
  const error = comments.errorOf(thread.id);
  const resolver = comments.person(thread.resolved?.by ?? null);
  const classes = ['thread', active ? 'is-active' : '', thread.resolved ? 'is-resolved' : '', detached ? 'is-detached' : ''].join(' ');
  return html`<article
    id=${`thread-${thread.id}`}
    class=${classes}
    aria-labelledby=${`thread-${thread.id}-quote`}
    aria-current=${active ? 'true' : nothing}
    @click=${(event: MouseEvent) => {
      // A click on the card's background activates it; its buttons and boxes do their own thing.
      if ((event.target as Element).closest('button, a, textarea, input, form')) return;
      if (!active) comments.activate(thread.id, { select: true });
    }}
  >
    <header class="thread-head">
      ${detached
        ? html`<div class="thread-detached" id=${`thread-${thread.id}-quote`}>
            <p class="detached-label">${sectionIcons.warning}${t('comments.detached')}</p>
            <blockquote class="thread-quote is-gone">${thread.quote}</blockquote>
          </div>`
        : html`<button
            type="button"
            class="thread-quote"
            id=${`thread-${thread.id}-quote`}
            title=${t('comments.goToText')}
            @click=${() => comments.activate(thread.id, { select: true })}
          >${thread.quote}</button>`}
      ${canComment
        ? thread.resolved
          ? html`<button type="button" class="button small quiet thread-state" ?disabled=${busy} @click=${() => void comments.setResolved(thread, false)}>
              ${sectionIcons.reopen}${t('comments.reopen')}
            </button>`
          : html`<button
              type="button"
              class="icon-button thread-state"
              aria-label=${t('comments.resolve')}
              title=${t('comments.resolve')}
              ?disabled=${busy}
              @click=${() => void comments.setResolved(thread, true)}
            >
              ${sectionIcons.check}
            </button>`
        : nothing}
    </header>
    <ol class="comment-list">
      ${thread.comments.map((comment) => commentItem(comments, comment))}
    </ol>
    ${thread.resolved
      ? html`<p class="thread-resolved">
          ${sectionIcons.check}
          ${t('comments.resolvedBy', { name: resolver?.name ?? t('comments.someone') })} · ${when(thread.resolved.at)}
        </p>`
      : nothing}
    ${error ? html`<p class="field-error" role="alert">${error}</p>` : nothing}
    ${canComment ? replyArea(comments, thread, active) : nothing}
  </article>`;
}

function commentItem(comments: Comments, comment: Comment): TemplateResult {
  const author = comments.person(comment.authorId);
  const editing = comments.editInput(comment);
  const mentioned = comment.mentions.map((id) => comments.person(id)?.name).filter((name): name is string => Boolean(name));
  return html`<li class="comment" id=${`comment-${comment.id}`}>
    <div class="comment-head">
      <span class="avatar tiny" aria-hidden="true" style="background-color: ${safeColour(author?.colour)}">${initials(author?.name ?? '?')}</span>
      <span class="comment-author">${author?.name ?? t('comments.someone')}</span>
      <span class="comment-time">${when(comment.createdAt)}${comment.editedAt && !comment.deleted ? html` · ${t('comments.edited')}` : nothing}</span>
    </div>
    ${comment.deleted
      ? html`<p class="comment-body is-deleted">${t('comments.deleted')}</p>`
      : editing
        ? editing.template()
        : commentBody(comment.body, mentioned)}
    ${!editing && (comments.mayEdit(comment) || comments.mayDelete(comment))
      ? html`<div class="comment-tools">
          ${comments.mayEdit(comment)
            ? html`<button type="button" class="link-button" id=${`comment-${comment.id}-edit`} @click=${() => comments.startEditing(comment)}>
                ${t('comments.edit')}
              </button>`
            : nothing}
          ${comments.mayDelete(comment)
            ? html`<button type="button" class="link-button danger" @click=${() => void comments.remove(comment)}>${t('comments.delete')}</button>`
            : nothing}
        </div>`
      : nothing}
  </li>`;
}

/** The reply box: open on the active thread, a one-line invitation on the others. */
function replyArea(comments: Comments, thread: Thread, active: boolean): TemplateResult {
  const input = comments.replyInput(thread);
  if (active || input.text !== '') return html`<div class="thread-reply">${input.template()}</div>`;
  return html`<button
    type="button"
    class="reply-invite"
    @click=${() => {
      comments.activate(thread.id, { select: true });
      input.focus();
    }}
  >
    ${t('comments.reply')}
  </button>`;
}
