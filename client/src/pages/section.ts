/**
 * One section: its title, owner and status, who is here, the state of the connection, the shared
 * editor, and beside it the panel of comments, review and history. The editor session is made
 * once when the section has loaded; re-renders only place its element again.
 *
 * Everything the page shows is drawn by `view()`: editor transactions (typing, selection, moving
 * highlights) ask for a render at the next animation frame, everything else at once.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import { TemplateChecklist } from '../section/template-checklist';
import type * as Y from 'yjs';
import type { ApprovalState, Me, Section } from '../../../shared/api';
import { CLOSE_UNAUTHENTICATED } from '../../../shared/collab-protocol';
import type { MessageKey } from '../../../shared/i18n';
import { isEmptySectionText } from '../../../shared/schema';
import { maySection } from '../../../shared/policy';
import { ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { CollabSession, closedByDeactivation } from '../editor/collab-session';
import { suggestionsIn } from '../editor/suggesting';
import { crossReferences, revealReferenceTarget } from '../editor/cross-reference-view';
import { refreshReferences } from '../editor/reference-index';
import { targetIds } from '../editor/target-ids';
import { refreshSyllabus, syllabus } from '../editor/curriculum/syllabus-view';
import { insertReference } from '../section/reference-picker';
import { openImportDialog } from '../section/import-dialog';
import { CLOSE_REASON, NO_RETRY, connectionAnnouncement, connectionText } from '../editor/connection-state';
import { t } from '../i18n';
import { copyName, unsentIn } from '../offline/device';
import { download, openCopy } from '../offline/download-copy';
import type { LocalCopy } from '../offline/local-copy';
import { confirmAction } from '../section/confirm-dialog';
import { unsentChanges } from '../section/unsent-changes';
import { commentHighlights } from '../section/comment-highlights';
import { Comments } from '../section/comments';
import { commentsSidebar } from '../section/comments-sidebar';
import { plural } from '../section/plural';
import { Reader } from '../section/reader';
import { requests } from '../section/requests';
import { ReviewPanel, staleBadge, staleBanner } from '../section/review-panel';
import { selectionBubble } from '../section/selection-bubble';
import { type PanelTab, focusTab, sidePanel } from '../section/side-panel';
import { VersionsPanel } from '../section/versions-panel';
import { revealSearchHit } from '../section/search-hit';
import { suggestionCards } from '../section/suggestion-cards';
import { SuggestionList } from '../section/suggestion-list';
import { SectionTranslations } from '../translation/section-translations';
import { problem, statusBadge } from '../ui/parts';
import '../section/section.css';
import '../section/suggestion-marks.css';
import type { AppContext, Page, UnsentWork } from './page';
import { loading, notFound, ownerName } from './parts';


export class SectionPage implements Page {
  private section: Section | null = null;
  private missing = false;
  /**
   * The section can no longer be opened from the server but this device holds changes to it that
   * the server never had: the copy, opened for the person to download them.
   */
  private lost: { copy: LocalCopy; doc: Y.Doc; title: string; count: number } | null = null;
  /** The account was deactivated while this device held unsent changes: they are offered first. */
  private deactivated = false;
  /** Who we are was asked again after the server refused our changes (once per page). */
  private rereadMe = false;
  private error: unknown = null;
  private session: CollabSession | null = null;
  private disposed = false;
  private tab: PanelTab = 'comments';
  private approval: ApprovalState | null = null;
  private frame = 0;
  /** What the page shows of the editor's state, at the last render it asked for. */
  private editorShown = '';
  private readonly comments: Comments;
  private readonly suggestions: SuggestionList;
  private readonly review: ReviewPanel;
  private readonly versions: VersionsPanel;
  private readonly reader: Reader;
  /** The "Translations" block (#19): each target language's progress and its side-by-side view. */
  private readonly translations: SectionTranslations;
  private readonly templateChecklist: TemplateChecklist;
  private readonly stop: (() => void)[] = [];
  /** A thread the address asks for (`?thread=12`, from a notification), shown once it can be. */
  private wantedThread = Number(new URLSearchParams(window.location.search).get('thread')) || null;

  constructor(
    private readonly context: AppContext,
    private readonly sectionId: string,
  ) {
    const rerender = () => this.update();
    const sessionEnded = () => this.context.sessionEnded();
    this.reader = new Reader(rerender, sessionEnded);
    this.translations = new SectionTranslations(sectionId, rerender, sessionEnded);
    this.templateChecklist = new TemplateChecklist({ sectionId, update: rerender, sessionEnded });
    this.comments = new Comments({
      sectionId,
      me: () => this.context.me,
      canComment: () => this.section?.permissions.comment ?? false,
      view: () => this.session?.view ?? null,
      rerender,
      reveal: () => this.showTab('comments'),
      sessionEnded,
    });
    this.suggestions = new SuggestionList({
      sectionId,
      me: () => this.context.me,
      section: () => this.section,
      view: () => this.session?.view ?? null,
      person: (author) => this.comments.person(author),
      recolour: () => this.session?.recolour(),
      discuss: () => this.comments.start(),
      rerender,
      sessionEnded,
    });
    this.review = new ReviewPanel({
      sectionId,
      section: () => this.section,
      me: () => this.context.me,
      rerender,
      sessionEnded,
      changed: (state) => this.approvalChanged(state),
      sectionChanged: (section) => this.sectionChanged(section),
      showChanges: () => this.showChanges(),
      showApproved: () => this.showApproved(),
      openSuggestions: () => (this.session ? suggestionsIn(this.session.view.state).length : 0),
    });
    this.versions = new VersionsPanel(
      { sectionId, maySave: () => this.may('save-version'), mayRestore: () => this.may('restore-version'), rerender, sessionEnded },
      this.reader,
    );
    const realtime = this.context.realtime;
    this.stop.push(
      realtime.on('thread:changed', (thread) => this.comments.receive(thread)),
      realtime.on('section:updated', (row) => {
        // A section renamed or moved elsewhere: references to it show its new number and title.
        refreshReferences().catch(() => undefined);
        if (row.id !== this.sectionId) return;
        this.review.receive(row);
        this.reader.refresh('changes');
        // The row does not say whether the section is in "suggestions only": read the section again.
        void this.refreshSection();
      }),
      realtime.on('versions:changed', ({ sectionId: id }) => {
        if (id === this.sectionId && this.versions.versions) void this.versions.load();
      }),
      // Events announced while the channel was down are lost: read everything again.
      realtime.onReconnect(() => this.reloadPanels()),
    );
    const shortcut = (event: KeyboardEvent) => this.shortcut(event);
    document.addEventListener('keydown', shortcut);
    this.stop.push(() => document.removeEventListener('keydown', shortcut));
    void this.load();
  }

  title(): string {
    const name = this.section?.title ?? (this.missing ? t('section.notFound') : t('app.loading'));
    return `${name} · ${t('app.title')}`;
  }

  private async load(): Promise<void> {
    try {
      const section = await api.section(this.sectionId);
      if (this.disposed) return;
      this.section = this.approval ? { ...section, status: this.approval.status } : section;
      this.error = null;
      this.open(section);
      // A section moved in the master renumbers its outcomes ("LO 3.2" becomes "LO 4.2").
      if (this.session) refreshSyllabus(this.session.view);
      this.session?.copy?.rememberTitle(section.title);
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      if (error instanceof ApiError && (error.status === 404 || error.status === 403) && (await this.openLostCopy())) {
        // Shown below: the changes this device holds, to download.
      } else if (error instanceof ApiError && error.status === 404) this.missing = true;
      else this.error = error;
      if (!(error instanceof ApiError) && !(error instanceof NetworkError)) console.error(error);
    }
    this.context.update();
  }

  private open(section: Section): void {
    this.templateChecklist.load(section);
    this.context.realtime.joinSection(section.id);
    if (this.session || !this.context.me) return;
    this.session = new CollabSession({
      sectionId: section.id,
      me: this.context.me,
      initialAccess: section.permissions.edit ? 'edit' : 'read-only',
      onChange: () => {
        this.showWantedThread();
        // A search hit's place (`?block=…&q=…`, from the search box): shown once the text is here.
        if (this.session?.hasText) revealSearchHit(this.session.view);
        // A cross-reference's target (`#<id>`), scrolled to and highlighted once the text is here.
        if (this.session?.hasText) revealReferenceTarget(this.session.view);
        this.context.update();
      },
      onClosed: (code, reason) => {
        const deactivated = closedByDeactivation(code, reason);
        if (deactivated && (this.session?.connection.unsaved ?? 0) > 0) {
          this.deactivated = true;
          this.context.update();
        } else if (code === CLOSE_UNAUTHENTICATED) this.context.sessionEnded(deactivated ? 'deactivated' : 'ended');
        else this.refresh();
      },
      onUnreachable: () => void this.context.checkSession(),
      plugins: [
        commentHighlights((id) => this.comments.activate(id, { select: false, reveal: id !== null })),
        targetIds(),
        crossReferences(),
        syllabus({ place: () => (this.section ? { id: this.section.id, part: this.section.part, position: this.section.position } : null) }),
      ],
      insertReference,
      onPastedComments: (comments) => void this.comments.addPasted(comments),
      onEditorUpdate: (view) => this.editorUpdated(view),
      onComment: () => this.comments.start(),
      colour: (author) => this.suggestions.person(author)?.colour,
    });
    this.comments.attach();
    this.reloadPanels();
  }

  /** Opens the thread of the address when both it and the text it is about have arrived. */
  private showWantedThread(): void {
    const id = this.wantedThread;
    if (id === null || !this.comments.loaded || !this.session?.hasText) return;
    this.wantedThread = null;
    if (this.comments.threads.has(id)) this.comments.activate(id, { select: true, reveal: true });
  }

  private reloadPanels(): void {
    void this.comments.load().then(() => {
      // The people directory came with the threads: suggestion marks take their authors' colours.
      this.session?.recolour();
      this.showWantedThread();
    });
    void this.review.load();
    void this.translations.load();
    if (this.versions.versions || this.tab === 'history') void this.versions.load();
  }

  /**
   * Signed in again after the session ended under this page: the connection opens again and what
   * waited on this device goes up; panels re-read what they missed.
   */
  resume(): void {
    if (this.context.me) this.session?.setMe(this.context.me);
    this.session?.reconnect();
    this.reloadPanels();
    void this.load();
  }

  unsentWork(): UnsentWork | null {
    const count = this.session?.connection.unsaved ?? 0;
    return count > 0 ? { count, download: () => this.downloadCopy() } : null;
  }

  /** Opens this device's copy of a section the server no longer opens for us, if it holds unsent changes. */
  private async openLostCopy(): Promise<boolean> {
    const me = this.context.me;
    if (!me) return false;
    const count = this.session?.connection.unsaved || unsentIn(copyName(me, this.sectionId));
    if (count === 0) return false;
    this.session?.destroy();
    this.session = null;
    const opened = await openCopy(me, this.sectionId);
    if (!opened || this.disposed) {
      opened?.copy.destroy();
      return false;
    }
    this.lost = { ...opened, title: this.section?.title ?? opened.title, count };
    return true;
  }

  private downloadCopy(): void {
    const doc = this.lost?.doc ?? this.session?.doc;
    const title = this.lost?.title ?? this.section?.title ?? this.sectionId;
    if (doc) download(doc, title);
  }

  /** Deletes the changes the server will not take (asked first), and shows the section as the server has it. */
  private async discardCopy(): Promise<void> {
    const confirmed = await confirmAction({ title: t('offline.discard'), message: t('offline.discardConfirm'), confirm: t('offline.discard'), danger: true });
    if (!confirmed || this.disposed) return;
    if (this.lost) {
      await this.lost.copy.clear();
      this.lost.doc.destroy();
      this.lost = null;
      this.missing = true;
      this.context.update();
      return;
    }
    const session = this.session;
    if (!session) return;
    this.session = null;
    await session.discardCopy();
    session.destroy();
    if (this.disposed) return;
    if (this.section) this.open(this.section);
    this.context.update();
  }

  /** Rights changed (or the server closed the connection): re-read the section and yourself. */
  refresh(): void {
    if (this.context.me) this.session?.setMe(this.context.me);
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    for (const stop of this.stop) stop();
    this.context.realtime.leaveSection(this.sectionId);
    this.session?.destroy();
    this.session = null;
    this.lost?.copy.destroy();
    this.lost?.doc.destroy();
    this.lost = null;
  }

  private update(): void {
    if (!this.disposed) this.context.update();
  }

  /**
   * Most transactions change nothing the page shows around the editor (typing moves the caret,
   * colleagues' edits move the highlights together): render only when the selection starts or ends
   * covering text, moves while it does (the floating button follows), or when threads change
   * order or become detached.
   */
  private editorUpdated(view: EditorView): void {
    if (this.templateChecklist.changed(view.state.doc)) this.scheduleUpdate();
    const { empty, from, to } = view.state.selection;
    const places = [...this.comments.places()].sort(([, a], [, b]) => (a?.from ?? Infinity) - (b?.from ?? Infinity));
    const suggestions = suggestionsIn(view.state)
      .map((suggestion) => `${suggestion.id}:${suggestion.text}`)
      .join(',');
    const shown = `${empty ? '' : `${from}-${to}`}|${places.map(([id, place]) => (place ? id : `-${id}`)).join(',')}|${suggestions}|${this.session?.suggesting}`;
    if (shown === this.editorShown) return;
    this.editorShown = shown;
    this.scheduleUpdate();
  }

  /** Editor transactions come in bursts (typing, remote edits): one render per frame is enough. */
  private scheduleUpdate(): void {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private may(action: 'save-version' | 'restore-version' | 'import'): boolean {
    const me = this.context.me;
    return this.section !== null && maySection(me ? { ...me, active: true } : null, action, this.section);
  }

  /** A change of the section itself (its "suggestions only"), keeping the status the review panel knows. */
  private sectionChanged(section: Section): void {
    this.section = { ...section, status: this.section?.status ?? section.status };
    this.update();
  }

  private refreshing = false;

  private async refreshSection(): Promise<void> {
    if (this.refreshing || !this.section) return;
    this.refreshing = true;
    try {
      const section = await api.section(this.sectionId);
      if (!this.disposed && section.suggestionsOnly !== this.section?.suggestionsOnly) this.sectionChanged(section);
    } catch {
      // A failed re-read leaves the page as it was; the next announcement or a reload reads it again.
    } finally {
      this.refreshing = false;
    }
  }

  private approvalChanged(state: ApprovalState): void {
    this.approval = state;
    if (this.section) this.section = { ...this.section, status: state.status };
  }

  private showTab(tab: PanelTab, focus = false): void {
    this.tab = tab;
    if (tab === 'history' && !this.versions.versions) void this.versions.load();
    this.update();
    if (focus) focusTab(tab);
  }

  /** Ctrl+Alt+M (⌘⌥M) comments on the selection, also where the editor is read-only. */
  private shortcut(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.code !== 'KeyM') return;
    const view = this.session?.view;
    if (!view || !this.section?.permissions.comment) return;
    event.preventDefault();
    this.comments.start();
  }

  private showChanges(): void {
    void this.reader.show({
      id: 'changes',
      title: () => t('review.changesTitle'),
      subtitle: () => t('review.changesSubtitle'),
      load: async () => ({ kind: 'diff', diff: await requests.changesSinceApproval(this.sectionId) }),
    });
  }

  private showApproved(): void {
    void this.reader.show({
      id: 'approved',
      title: () => t('review.approvedTitle'),
      subtitle: () => this.approvedBy(),
      load: async () => {
        const approved = await requests.approved(this.sectionId);
        // Asked only of an approved section; one that lost its approval meanwhile says there is none.
        if (!approved) throw new ApiError(404, 'not-approved', t('review.noApprovedText'));
        return { kind: 'document', content: approved.content };
      },
    });
  }

  private approvedBy(): string {
    const decisions = Object.values(this.approval?.organisations ?? {}).filter((decision) => decision?.decision === 'approved');
    return decisions
      .map((decision) => t('review.approvedBy', { organisation: t(`group.${decision!.organisation}` as MessageKey), name: decision!.reviewerName }))
      .join(' · ');
  }

  view(): TemplateResult {
    if (this.lost) {
      const lost = this.lost;
      return html`<h1>${lost.title}</h1>
        ${unsentChanges('lost', lost.count, '', { download: () => this.downloadCopy(), discard: () => void this.discardCopy() })}`;
    }
    if (this.missing) return notFound(t('section.notFound'));
    if (this.error) {
      return problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      });
    }
    const section = this.section;
    const session = this.session;
    if (!section || !session) return loading();
    const readOnly = session.currentAccess === 'read-only';
    const suggestOnly = session.currentAccess === 'suggest';
    const stale = this.approval?.status === 'approved' && this.approval.stale;
    return html`
      <nav class="breadcrumb" aria-label=${t('nav.breadcrumb')}>
        <a href="/">${t('nav.workspace')}</a>
        <span aria-hidden="true">/</span>
        <span>${t(section.part === 1 ? 'workspace.part1' : 'workspace.part2')}</span>
      </nav>
      <div class="section-head">
        <div class="section-heading">
          ${section.part === 1 ? html`<p class="eyebrow">${t('section.module', { position: section.position })}</p>` : nothing}
          <h1>${section.title}</h1>
          <p class="section-meta">
            <span>${t('section.owner', { group: ownerName(section.group) })}</span>
            <span class="section-status" role="status">${statusBadge(section.status)}${stale ? staleBadge() : nothing}</span>
          </p>
          ${this.translations.template()}
        </div>
        <div class="section-side">
          ${this.connection(session)} ${this.presence(session)}
          ${this.may('import') && !readOnly
            ? html`<button
                type="button"
                class="button small"
                @click=${() =>
                  openImportDialog({
                    sectionId: section.id,
                    sectionIsEmpty: () => isEmptySectionText(session.view.state.doc),
                    // The block after the cursor's top-level block (the editor keeps its selection
                    // while the dialog has the focus): the file goes between the two.
                    cursorBlock: () => session.view.state.selection.$from.index(0) + 1,
                  })}
              >
                ${t('import.open')}
              </button>`
            : nothing}
        </div>
      </div>
      <div class="section-layout">
        <div class="section-document">
          ${stale ? staleBanner(() => this.showChanges(), () => this.showApproved()) : nothing}
          ${this.unsentNotice(section, session)}
          ${readOnly && !this.reader.isOpen && !session.connection.refused ? this.readOnlyNotice(section) : nothing}
          ${readOnly && section.suggestionsOnly && !this.reader.isOpen ? this.suggestionsOnlyNotice() : nothing}
          ${suggestOnly && !this.reader.isOpen && !session.connection.refused ? this.suggestNotice(section) : nothing}
          ${this.reader.template()}
          <div class="editor-frame ${readOnly ? 'is-read-only' : ''}" ?hidden=${this.reader.isOpen}>
            ${readOnly ? nothing : session.toolbar.element}
            <div class="paper" @focusout=${() => this.scheduleUpdate()}>
              ${session.editorElement}
              ${section.permissions.comment && !this.comments.draft
                ? selectionBubble(session.view, () => this.comments.start())
                : nothing}
            </div>
          </div>
        </div>
        ${this.panel(section, session.view, session.hasText)}
      </div>
      <p class="visually-hidden" aria-live="polite">${this.comments.announcement}</p>
      <p class="visually-hidden" aria-live="polite">${this.suggestions.announcement}</p>
    `;
  }

  private panel(section: Section, view: EditorView, synced: boolean): TemplateResult {
    const open = this.comments.openCount();
    const suggested = suggestionsIn(view.state).length;
    const status = this.approval?.status ?? section.status;
    const content =
      this.tab === 'comments'
        ? commentsSidebar(this.comments, {
            canComment: section.permissions.comment,
            hasSelection: !view.state.selection.empty,
            synced,
            suggestions: synced ? suggestionCards(this.suggestions, { canComment: section.permissions.comment }) : nothing,
          })
        : this.tab === 'review'
          ? this.review.template()
          : this.versions.template();
    return sidePanel(
      this.tab,
      {
        comments: {
          text: t('panel.comments'),
          extra: html`${open > 0 ? html`<span class="tab-count" aria-label=${plural('counted.openComments', open)}>${open}</span>` : nothing}${suggested > 0
            ? html`<span class="tab-count is-suggestions" aria-label=${plural('counted.suggestions', suggested)}>${suggested}</span>`
            : nothing}`,
        },
        review: {
          text: t('panel.review'),
          extra: html`<span class="tab-status status-${status}${this.approval?.stale ? ' is-stale' : ''}" title=${t(`status.${status}`)}></span>`,
        },
        history: { text: t('panel.history') },
      },
      html`${this.templateChecklist.view(section, view.state.doc)}${content}`,
      (tab, focus) => this.showTab(tab, focus),
    );
  }

  /** Changes this device holds that the server will not take any more (see `unsent-changes.ts`). */
  private unsentNotice(section: Section, session: CollabSession): TemplateResult | typeof nothing {
    const count = session.connection.unsaved;
    if (this.deactivated && count > 0) {
      return unsentChanges('deactivated', count, '', {
        download: () => this.downloadCopy(),
        leave: () => this.context.sessionEnded('deactivated'),
      });
    }
    if (!session.connection.refused) return nothing;
    // Our rights changed while we were away: who we are now says why (moved group, made reviewer).
    if (!this.rereadMe) {
      this.rereadMe = true;
      void this.context.checkSession().then(() => this.update());
    }
    return unsentChanges('refused', count, readOnlyReason(this.context.me, section), {
      download: () => this.downloadCopy(),
      discard: () => void this.discardCopy(),
    });
  }

  private readOnlyNotice(section: Section): TemplateResult {
    return html`<div class="notice" role="note">
      <svg class="icon notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.5" />
      </svg>
      <p>${t('section.readOnlyNotice', { reason: readOnlyReason(this.context.me, section) })}</p>
    </div>`;
  }

  /** A suggest-only connection (a reviewer, anyone in "suggestions only"): what they type is a suggestion, and why. */
  private suggestNotice(section: Section): TemplateResult {
    const reason = section.suggestionsOnly
      ? t('suggestions.only.reason')
      : this.context.me?.role === 'reviewer'
        ? t('suggestions.readOnly.reviewer')
        : readOnlyReason(this.context.me, section);
    return html`<div class="notice is-suggesting" role="note">
      <svg class="icon notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 20h7" /><path d="M14.5 5.5l4 4L10 18H6v-4z" />
      </svg>
      <p>${t('suggestions.notice', { reason })}</p>
    </div>`;
  }

  /** Beside a read-only notice: the section is in "suggestions only" for everyone who edits it. */
  private suggestionsOnlyNotice(): TemplateResult {
    return html`<div class="notice is-suggesting" role="note"><p>${t('suggestions.only.on')}</p></div>`;
  }

  private connection(session: CollabSession): TemplateResult {
    const status = session.connection.status;
    const code = session.connection.closedCode;
    const closed = status === 'closed' ? t('connection.closed', { reason: t(CLOSE_REASON[code ?? 0] ?? 'connection.reason.other') }) : null;
    // The line shows counts and times as they change; the live region says only when the state
    // changes (offline, reconnecting, sending, saved), so typing offline is not read out per key.
    return html`<div class="connection connection-${status}">
      <p class="connection-text"><span class="connection-dot" aria-hidden="true"></span>${closed ?? connectionText(session.connection, session.changesTaken)}</p>
      <span class="visually-hidden" role="status" aria-live="polite">${closed ?? connectionAnnouncement(session.connection, session.changesTaken)}</span>
      ${status === 'closed' && !NO_RETRY.has(code ?? 0)
        ? html`<button type="button" class="button small" @click=${() => session.connection.retry()}>${t('app.retry')}</button>`
        : nothing}
    </div>`;
  }

  private presence(session: CollabSession): TemplateResult {
    const people = session.people;
    return html`<section class="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" class="presence-title">${t('presence.title')}</h2>
      <ul class="presence-list">
        ${people.map(
          (person) => html`<li class=${person.self ? 'self' : ''}>
            <span class="presence-dot" aria-hidden="true" style="background-color: ${person.colour}"></span>
            ${person.self ? t('presence.you', { name: person.name }) : person.name}
          </li>`,
        )}
      </ul>
      ${people.filter((person) => !person.self).length === 0
        ? html`<p class="presence-alone">${t('presence.alone')}</p>`
        : nothing}
    </section>`;
  }
}

/** Why you may read but not write here, in the words of the catalogue. */
export function readOnlyReason(me: Me | null, section: Section): string {
  if (me?.role === 'reviewer') return t('section.readOnly.reviewer');
  if (me && (me.role === 'member' || me.role === 'lead') && section.group && section.group !== me.group) {
    return t('section.readOnly.otherGroup', { group: t(`group.${section.group}`) });
  }
  return t('section.readOnly.generic');
}
