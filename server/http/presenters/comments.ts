/**
 * Comment threads. The domain reads them in their wire shape already; presenting copies exactly
 * the contract's fields, so that a lookup's extras (a comment's `sectionId`) never reach the client.
 */
import type { Comment, Thread } from '../../../shared/api/comments';

export function presentComment(comment: Comment): Comment {
  return {
    id: comment.id,
    threadId: comment.threadId,
    authorId: comment.authorId,
    body: comment.body,
    mentions: comment.mentions,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    deleted: comment.deleted,
  };
}

export function presentThread(thread: Thread): Thread {
  return {
    id: thread.id,
    sectionId: thread.sectionId,
    lang: thread.lang,
    anchor: { start: thread.anchor.start, end: thread.anchor.end },
    quote: thread.quote,
    createdBy: thread.createdBy,
    createdAt: thread.createdAt,
    resolved: thread.resolved ? { at: thread.resolved.at, by: thread.resolved.by } : null,
    comments: thread.comments.map(presentComment),
  };
}
