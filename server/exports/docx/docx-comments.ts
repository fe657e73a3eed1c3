/**
 * Open comment threads as real Word comments: the first comment of a thread and its replies
 * (threaded with parentId), each with its author and date, anchored where the quote stands.
 */
import { type ICommentOptions, Paragraph } from 'docx';
import type { Node } from 'prosemirror-model';
import { type Anchor, placeQuotes } from '../content';
import type { ExportLabels } from '../labels';
import type { ExportComment } from '../model';
import { plainRuns, xmlSafe } from './docx-inline';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => [...part][0])
    .join('')
    .slice(0, 4);

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/**
 * Word numbers comments, bookmarks (the table of contents makes one per heading) and other
 * annotations from one pool; comment ids start far above the bookmarks' so they never collide.
 */
const FIRST_ID = 100_000;

export class DocxComments {
  private readonly comments: ICommentOptions[] = [];
  private nextId = FIRST_ID;

  constructor(private readonly labels: ExportLabels) {}

  /** Everything collected so far, for the Document's `comments` option. */
  get all(): ICommentOptions[] {
    return this.comments;
  }

  /**
   * Registers the section's threads. Returns the anchors per textblock, and the ids of threads
   * whose quote is no longer in the text (to be anchored at the section heading).
   */
  place(doc: Node, threads: ExportComment[]): { anchors: Map<Node, Anchor<number[]>[]>; atHeading: number[] } {
    const items = threads.map((thread) => ({ quote: thread.quote, value: thread }));
    const { placed, unplaced } = placeQuotes(doc, items);
    const anchors = new Map<Node, Anchor<number[]>[]>();
    for (const [block, list] of placed) {
      anchors.set(
        block,
        list.map((anchor) => ({ from: anchor.from, to: anchor.to, value: this.add(anchor.value, false) })),
      );
    }
    return { anchors, atHeading: unplaced.flatMap((thread) => this.add(thread, true)) };
  }

  /** Adds a thread; a thread shown away from its quote carries the quote in its first paragraph. */
  private add(thread: ExportComment, showQuote: boolean): number[] {
    const rootId = this.nextId++;
    const body = [new Paragraph({ children: plainRuns(thread.body) })];
    if (showQuote && thread.quote.trim()) {
      body.unshift(new Paragraph({ children: plainRuns(this.labels.commentOn(thread.quote), { italics: true }) }));
    }
    this.comments.push({ id: rootId, author: xmlSafe(thread.author), initials: initials(xmlSafe(thread.author)), date: when(thread.createdAt), children: body });
    const ids = [rootId];
    for (const reply of thread.replies) {
      const id = this.nextId++;
      this.comments.push({
        id,
        parentId: rootId,
        author: xmlSafe(reply.author),
        initials: initials(xmlSafe(reply.author)),
        date: when(reply.createdAt),
        children: [new Paragraph({ children: plainRuns(reply.body) })],
      });
      ids.push(id);
    }
    return ids;
  }
}
