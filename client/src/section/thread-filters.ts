/**
 * Which threads the comments tab lists, and in what order: the filter (open, resolved, mine,
 * mentioning me), then the order of their text in the document; threads whose text was deleted
 * (detached) come last, oldest first.
 */
import type { Thread } from '../../../shared/api';
import type { TextPlace } from './comment-highlights';

export type CommentFilter = 'open' | 'resolved' | 'mine' | 'mentions';
export const COMMENT_FILTERS: CommentFilter[] = ['open', 'resolved', 'mine', 'mentions'];

export function shows(filter: CommentFilter, thread: Thread, me: number | undefined): boolean {
  switch (filter) {
    case 'open':
      return !thread.resolved;
    case 'resolved':
      return thread.resolved !== null;
    case 'mine':
      return thread.createdBy === me || thread.comments.some((comment) => comment.authorId === me && !comment.deleted);
    case 'mentions':
      return me !== undefined && thread.comments.some((comment) => !comment.deleted && comment.mentions.includes(me));
  }
}

export function filterThreads(
  threads: Iterable<Thread>,
  filter: CommentFilter,
  me: number | undefined,
  places: ReadonlyMap<number, TextPlace>,
): Thread[] {
  const position = (thread: Thread) => places.get(thread.id)?.from ?? Number.POSITIVE_INFINITY;
  return [...threads]
    .filter((thread) => shows(filter, thread, me))
    .sort((a, b) => position(a) - position(b) || a.createdAt.localeCompare(b.createdAt));
}
