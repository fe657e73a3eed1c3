/**
 * The comment threads of one section as the page holds them: loaded once, kept up to date by the
 * server's 'thread:changed' events, and changed through the API (the server's answer, a whole
 * thread, replaces ours; the event that follows it changes nothing more). The editor learns of
 * every change through `setHighlightedThreads`, which places the highlights.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { EncodedAnchor } from '../../../shared/anchors';
import type { Comment, Me, Person, Thread } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { isUnauthenticated } from '../api';
import { locale, t } from '../i18n';
import {
  type TextPlace,
  placeAnchor,
  selectionAnchor,
  setActiveThread,
  setDraftHighlight,
  setHighlightedThreads,
  threadPlaces,
} from './comment-highlights';
import type { PastedComment } from '../editor/paste-from-word';
import { confirmAction } from './confirm-dialog';
import { MAX_COMMENT_LENGTH, MentionInput, type MentionInputOptions } from './mention-input';
import { plural } from './plural';
import { explain } from './problems';
import { requests } from './requests';
import { PeopleDirectory } from './people-directory';
import { type CommentFilter, filterThreads, shows } from './thread-filters';


/** What the threads need of the page around them. */
export interface CommentsHost {
  readonly sectionId: string;
  /**
   * The language version the threads are on: a translation's code (#19), or absent (or '') for the
   * source text. The editor of `view()` shows that version.
   */
  readonly lang?: string;
  me(): Me | null;
  canComment(): boolean;
  view(): EditorView | null;
  rerender(): void;
  /** Brings the comments tab forward (a thread was picked in the text, a comment started). */
  reveal(): void;
  sessionEnded(): void;
}

/** Each text box's label, placeholder and send button. */
const INPUT_WORDS = {
  new: ['comments.new.label', 'comments.new.placeholder', 'comments.new.submit'],
  reply: ['comments.reply.label', 'comments.reply.placeholder', 'comments.reply.submit'],
  edit: ['comments.edit.label', 'comments.edit.placeholder', 'comments.edit.submit'],
} satisfies Record<string, [MessageKey, MessageKey, MessageKey]>;

export interface Draft {
  anchor: EncodedAnchor;
  quote: string;
  input: MentionInput;
}

export class Comments {
  readonly threads = new Map<number, Thread>();
  private readonly people = new PeopleDirectory();
  filter: CommentFilter = 'open';
  active: number | null = null;
  draft: Draft | null = null;
  loaded = false;
  loadError: unknown = null;
  /** Said by the page's polite live region: comments that arrived from colleagues. */
  announcement = '';
  /** A short message near the "Comment" button, e.g. when nothing is selected. */
  hint: string | null = null;
  private readonly replies = new Map<number, MentionInput>();
  private editing: { commentId: number; input: MentionInput } | null = null;
  private readonly threadErrors = new Map<number, string>();
  private readonly busy = new Set<number>();

  constructor(private readonly host: CommentsHost) {}

  async load(): Promise<void> {
    try {
      const [threads, people] = await Promise.all([requests.threads(this.host.sectionId, this.host.lang), requests.people()]);
      this.people.fill(people);
      this.threads.clear();
      for (const thread of threads) this.threads.set(thread.id, thread);
      this.loaded = true;
      this.loadError = null;
      this.highlight();
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.loadError = error;
    }
    this.host.rerender();
  }

  /** The editor is ready (or was re-created): give it the highlights again. */
  attach(): void {
    this.highlight();
  }

  person(id: number | null): Person | null {
    return this.people.find(id);
  }

  /** Everyone who may be mentioned: active colleagues except yourself. */
  mentionable(): Person[] {
    return this.people.others(this.host.me()?.id);
  }

  /** A thread changed on the server (ours or a colleague's); a new comment by somebody else is announced. */
  receive(thread: Thread): void {
    // Another section's, or another language version's of this one (each has its own threads).
    if (thread.sectionId !== this.host.sectionId || (thread.lang ?? '') !== (this.host.lang ?? '')) return;
    const before = this.threads.get(thread.id);
    const me = this.host.me()?.id;
    const fresh = thread.comments.filter((comment) => !before?.comments.some((old) => old.id === comment.id) && comment.authorId !== me);
    this.threads.set(thread.id, thread);
    if (fresh.length > 0) {
      const author = this.person(fresh[fresh.length - 1].authorId)?.name ?? t('comments.someone');
      this.announcement = `${t('comments.live.new', { name: author })} · ${plural('counted.openComments', this.openCount())}`;
      // A name not yet in the directory (a new colleague): read it again.
      if (fresh.some((comment) => !this.people.has(comment.authorId))) {
        void this.people.refresh().then((changed) => changed && this.host.rerender());
      }
    }
    this.highlight();
    this.host.rerender();
  }

  openCount(): number {
    return [...this.threads.values()].filter((thread) => !thread.resolved).length;
  }

  /** Where each thread's text is now, from the editor's highlights. */
  places(): ReadonlyMap<number, TextPlace> {
    const view = this.host.view();
    return view ? threadPlaces(view.state) : new Map();
  }

  /** The threads the filter shows, in the order of their text. */
  visible(): Thread[] {
    return filterThreads(this.threads.values(), this.filter, this.host.me()?.id, this.places());
  }

  count(filter: CommentFilter): number {
    const me = this.host.me()?.id;
    return [...this.threads.values()].filter((thread) => shows(filter, thread, me)).length;
  }

  setFilter(filter: CommentFilter): void {
    this.filter = filter;
    this.host.rerender();
  }

  private highlight(): void {
    const view = this.host.view();
    if (!view) return;
    setHighlightedThreads(
      view,
      [...this.threads.values()].map((thread) => ({ id: thread.id, anchor: thread.anchor, resolved: thread.resolved !== null })),
    );
  }

  // — Starting a thread —

  /** Opens the composer for the selected text; says what to do when nothing is selected. */
  start(): void {
    const view = this.host.view();
    if (!view || !this.host.canComment()) return;
    const selected = selectionAnchor(view.state);
    this.host.reveal();
    if (!selected) {
      this.hint = t('comments.selectFirst');
      this.host.rerender();
      return;
    }
    this.hint = null;
    const input = this.input('new', 'new-comment', (body, mentions) => this.create(body, mentions), () => this.cancelDraft());
    if (this.draft) input.fill(this.draft.input.text, []);
    this.draft = { ...selected, input };
    setDraftHighlight(view, selected.anchor);
    this.activate(null, { select: false });
    if (this.filter === 'resolved') this.filter = 'open';
    this.host.rerender();
    input.focus();
  }

  cancelDraft(): void {
    if (!this.draft) return;
    this.draft = null;
    const view = this.host.view();
    if (view) {
      setDraftHighlight(view, null);
      view.focus();
    }
    this.host.rerender();
  }

  /**
   * Word comments that came with a paste (#18) become threads on the same words, headed by their
   * Word author's name. The anchors are taken at once: the places are those right after the paste.
   * A comment whose words were not found in the pasted text is not opened (it has nowhere to sit).
   */
  async addPasted(comments: PastedComment[]): Promise<void> {
    const view = this.host.view();
    if (!view || !this.host.canComment()) return;
    const drafts = comments.flatMap((comment) => {
      const anchor = comment.place ? placeAnchor(view.state, comment.place.from, comment.place.to) : null;
      if (!anchor) return [];
      const body = comment.author ? t('paste.wordComment', { author: comment.author, body: comment.body }) : comment.body;
      return [{ anchor, quote: comment.quote.slice(0, 2000), body: body.slice(0, MAX_COMMENT_LENGTH), mentions: [] }];
    });
    try {
      for (const draft of drafts) {
        const thread = await requests.startThread(this.host.sectionId, { ...draft, ...this.language() });
        this.threads.set(thread.id, thread);
      }
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.hint = explain(error);
    }
    this.highlight();
    this.host.rerender();
  }

  private async create(body: string, mentions: number[]): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const thread = await requests.startThread(this.host.sectionId, { anchor: draft.anchor, quote: draft.quote, body, mentions, ...this.language() });
    this.threads.set(thread.id, thread);
    this.draft = null;
    const view = this.host.view();
    if (view) setDraftHighlight(view, null);
    this.highlight();
    this.activate(thread.id, { select: false });
  }

  /** The `lang` of a new thread: only for a translation, so the source's requests stay as they were. */
  private language(): { lang?: string } {
    return this.host.lang ? { lang: this.host.lang } : {};
  }

  // — One thread —

  /**
   * Makes a thread the active one: its highlight is stronger and its card stands out. With
   * `select`, its text is also selected and scrolled into view (a card was clicked).
   */
  activate(id: number | null, options: { select: boolean; reveal?: boolean }): void {
    if (id === null && this.active === null) return;
    this.active = id;
    const view = this.host.view();
    if (view) setActiveThread(view, id);
    if (id !== null && options.reveal) {
      const thread = this.threads.get(id);
      // A highlight in the text is always an open thread; make sure the filter shows it.
      if (thread && !this.visible().some((shown) => shown.id === id)) this.filter = thread.resolved ? 'resolved' : 'open';
      this.host.reveal();
    }
    this.host.rerender();
    if (id === null) return;
    document.getElementById(`thread-${id}`)?.scrollIntoView({ block: 'nearest' });
    const place = this.places().get(id);
    if (options.select && view && place) {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, place.from, place.to)));
      const { node } = view.domAtPos(place.from);
      const element = node instanceof Element ? node : node.parentElement;
      element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  }

  replyInput(thread: Thread): MentionInput {
    let input = this.replies.get(thread.id);
    if (!input) {
      input = this.input('reply', `reply-${thread.id}`, async (body, mentions) => this.receive(await requests.reply(thread.id, { body, mentions })));
      this.replies.set(thread.id, input);
    }
    return input;
  }

  editInput(comment: Comment): MentionInput | null {
    return this.editing?.commentId === comment.id ? this.editing.input : null;
  }

  startEditing(comment: Comment): void {
    const submit = async (body: string, mentions: number[]) => {
      const thread = await requests.editComment(comment.id, { body, mentions });
      this.editing = null;
      this.receive(thread);
    };
    const input = this.input('edit', `edit-${comment.id}`, submit, () => {
      this.editing = null;
      this.host.rerender();
      document.getElementById(`comment-${comment.id}-edit`)?.focus();
    });
    input.fill(comment.body, comment.mentions.map((id) => this.person(id)).filter((person): person is Person => person !== null));
    this.editing = { commentId: comment.id, input };
    this.host.rerender();
    input.focus();
  }

  /** A text box for a new thread, a reply or an edit, with its words and @mentions. */
  private input(kind: keyof typeof INPUT_WORDS, id: string, submit: MentionInputOptions['submit'], cancel?: () => void): MentionInput {
    const [label, placeholder, submitLabel] = INPUT_WORDS[kind];
    return new MentionInput({
      id,
      label: () => t(label),
      placeholder: () => t(placeholder),
      submitLabel: () => t(submitLabel),
      people: () => this.mentionable(),
      submit,
      cancel,
      explain: (error) => this.explain(error),
      rerender: () => this.host.rerender(),
    });
  }

  mayEdit(comment: Comment): boolean {
    return !comment.deleted && this.host.canComment() && comment.authorId === this.host.me()?.id;
  }

  mayDelete(comment: Comment): boolean {
    const me = this.host.me();
    return !comment.deleted && this.host.canComment() && (comment.authorId === me?.id || me?.role === 'coordinator');
  }

  async remove(comment: Comment): Promise<void> {
    const own = comment.authorId === this.host.me()?.id;
    const confirmed = await confirmAction({
      title: t('comments.delete.title'),
      message: own ? t('comments.delete.own') : t('comments.delete.other', { name: this.person(comment.authorId)?.name ?? t('comments.someone') }),
      confirm: t('comments.delete.confirm'),
      danger: true,
    });
    if (confirmed) await this.act(comment.threadId, () => requests.deleteComment(comment.id));
  }

  setResolved(thread: Thread, resolved: boolean): Promise<void> {
    return this.act(thread.id, () => (resolved ? requests.resolve(thread.id) : requests.reopen(thread.id)));
  }

  isBusy(threadId: number): boolean {
    return this.busy.has(threadId);
  }

  errorOf(threadId: number): string | null {
    return this.threadErrors.get(threadId) ?? null;
  }

  /** Runs one request on a thread: busy meanwhile, its error kept beside the thread. */
  private async act(threadId: number, run: () => Promise<Thread>): Promise<void> {
    if (this.busy.has(threadId)) return;
    this.busy.add(threadId);
    this.threadErrors.delete(threadId);
    this.host.rerender();
    try {
      this.receive(await run());
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.threadErrors.set(threadId, this.explain(error));
    } finally {
      this.busy.delete(threadId);
      this.host.rerender();
    }
  }

  private explain(error: unknown): string {
    if (isUnauthenticated(error)) {
      this.host.sessionEnded();
      return '';
    }
    return explain(error, {
      '413': t('comments.error.tooLong', { max: MAX_COMMENT_LENGTH.toLocaleString(locale()) }),
      'empty-comment': t('comments.error.empty'),
      '403': t('comments.error.forbidden'),
      '404': t('comments.error.gone'),
    });
  }
}
