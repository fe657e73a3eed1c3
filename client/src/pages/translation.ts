/**
 * A section's translation beside its source (#19): the source on the left, the translation on the
 * right, each its own collaborative document with its own toolbar, connection line and people.
 * Both are editable as the section's permissions allow (a translation has the section's rights).
 *
 * Above them, how far the translation is (counts from the live texts) and "Next block needing
 * work"; in the blocks, the marks of `alignment.ts`; beside the translation, the stale panel for
 * the block under its cursor. On a narrow screen the columns stack and a toggle shows one at a
 * time, keeping the paired block in view.
 *
 * Beside the columns, each side's comments and suggestions (`side-discussion.ts`: the section
 * page's threads and cards, per language version). Above them, why a text is read-only or takes
 * suggestions only, changes the server refused, and whether the translation is complete and
 * current against the approved source text (`notices.ts`).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { TextSelection } from 'prosemirror-state';
import type { Section } from '../../../shared/api';
import type { TranslationProgress } from '../../../shared/api/translations';
import { commentHighlights } from '../section/comment-highlights';
import { confirmAction } from '../section/confirm-dialog';
import { selectionBubble } from '../section/selection-bubble';
import { unsentChanges } from '../section/unsent-changes';
import { approvalLine, notTargetPage, readOnlyNotice, suggestNotice } from '../translation/notices';
import { SideDiscussion } from '../translation/side-discussion';
import { readOnlyReason } from './section';
import { CLOSE_UNAUTHENTICATED } from '../../../shared/collab-protocol';
import { ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { CollabSession, type SessionAccess, closedByDeactivation } from '../editor/collab-session';
import { targetIds } from '../editor/target-ids';
import { onLocaleChange, t } from '../i18n';
import { download } from '../offline/download-copy';
import { sectionPath } from '../router';
import { Alignment, type Side } from '../translation/alignment';
import { languageName } from '../translation/language-name';
import { splitKeepsUnit } from '../translation/split-unit';
import { TranslationFiles } from '../translation/translation-files';
import { translationRequests } from '../translation/requests';
import { connectionLine, presenceList } from '../translation/session-parts';
import { StalePanel } from '../translation/stale-panel';
import { translationStamp } from '../translation/stamp';
import { translateBlock } from '../translation/translate-block';
import { type WorkKind, nextWork } from '../translation/work-list';
import '../section/section.css';
import '../section/suggestion-marks.css';
import '../translation/translation.css';
import { problem } from '../ui/parts';
import type { AppContext, Page, UnsentWork } from './page';
import { loading, notFound } from './parts';

const WORK_STATUS: Record<WorkKind, 'translation.status.stale' | 'translation.status.missing' | 'translation.status.orphan'> = {
  stale: 'translation.status.stale',
  missing: 'translation.status.missing',
  orphan: 'translation.status.orphan',
};

export class TranslationPage implements Page {
  private section: Section | null = null;
  private missing = false;
  private notTarget = false;
  /** The workspace's source language (the left column's). */
  private sourceLang = '';
  /** The workspace's translation languages, for the page of a language not among them. */
  private targets: readonly string[] = [];
  /** This language's progress as the server counts it, with its standing against the approved source. */
  private progress: TranslationProgress | null = null;
  /** The counts the progress was last read for: a change reads it again, after a pause. */
  private progressFor = '';
  private progressTimer: ReturnType<typeof setTimeout> | undefined;
  /** Comments and suggestions of both texts. */
  private readonly discussion: SideDiscussion;
  /** Who we are was asked again after the server refused our changes (once per page). */
  private rereadMe = false;
  private error: unknown = null;
  private source: CollabSession | null = null;
  private target: CollabSession | null = null;
  private readonly closedReasons: Record<Side, string> = { source: '', target: '' };
  /** Which column a narrow screen shows. */
  private shown: Side = 'target';
  private readonly alignment: Alignment;
  private readonly stale: StalePanel;
  private readonly files: TranslationFiles;
  /** What "Next block" last said, for the live region. */
  private moved = '';
  private disposed = false;
  private frame = 0;
  private readonly stop: (() => void)[] = [];

  constructor(
    private readonly context: AppContext,
    private readonly sectionId: string,
    private readonly lang: string,
  ) {
    this.alignment = new Alignment({
      source: () => this.source?.view ?? null,
      target: () => this.target?.view ?? null,
      changed: () => this.scheduleUpdate(),
      scroller: (side) => document.querySelector<HTMLElement>(`.translation-column.is-${side} .paper`),
    });
    // The import writes into the translation's document: its changes arrive like a colleague's.
    this.files = new TranslationFiles({ sectionId, lang, update: () => this.update(), imported: () => this.update() });
    this.stale = new StalePanel({ sectionId, lang, rerender: () => this.update(), sessionEnded: () => this.context.sessionEnded() });
    this.discussion = new SideDiscussion({
      sectionId,
      lang,
      me: () => this.context.me,
      section: () => this.section,
      view: (side) => this.sessionOf(side)?.view ?? null,
      recolour: (side) => this.sessionOf(side)?.recolour(),
      rerender: () => this.update(),
      sessionEnded: () => this.context.sessionEnded(),
    });
    const realtime = this.context.realtime;
    this.stop.push(
      realtime.on('thread:changed', (thread) => this.discussion.receive(thread)),
      realtime.on('section:updated', (row) => {
        // A decision of the reviewers (or a new approval) changes the standing against the approved text.
        if (row.id === this.sectionId) void this.reloadProgress();
      }),
      // Events announced while the channel was down are lost: read the threads again.
      realtime.onReconnect(() => {
        if (this.source) void this.discussion.load();
      }),
    );
    const keys = (event: KeyboardEvent) => this.shortcut(event);
    // Capturing, so the editors do not also act on it (ProseMirror binds Alt+↑/↓ to joining blocks,
    // and leaves alone an event already handled).
    document.addEventListener('keydown', keys, true);
    this.stop.push(() => document.removeEventListener('keydown', keys, true));
    this.stop.push(onLocaleChange(() => this.alignment.relabel()));
    void this.load();
  }

  title(): string {
    const name = this.section ? t('translation.title', { section: this.section.title, language: languageName(this.lang) }) : t('app.loading');
    return `${name} · ${t('app.title')}`;
  }

  private async load(): Promise<void> {
    try {
      const [section, progress, settings] = await Promise.all([api.section(this.sectionId), translationRequests.progress(this.sectionId), translationRequests.settings()]);
      if (this.disposed) return;
      this.section = section;
      this.sourceLang = settings.languages.source;
      this.targets = settings.languages.targets;
      this.error = null;
      this.progress = progress.find((entry: TranslationProgress) => entry.lang === this.lang) ?? null;
      this.notTarget = this.progress === null;
      if (!this.notTarget) this.open(section);
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      if (error instanceof ApiError && error.status === 404) this.missing = true;
      else this.error = error;
      if (!(error instanceof ApiError) && !(error instanceof NetworkError)) console.error(error);
    }
    this.context.update();
  }

  /** The progress read again (the counts changed, or the approval did); a failure keeps the last one. */
  private async reloadProgress(): Promise<void> {
    try {
      const progress = await translationRequests.progress(this.sectionId);
      if (this.disposed) return;
      this.progress = progress.find((entry) => entry.lang === this.lang) ?? this.progress;
      this.update();
    } catch (error) {
      if (isUnauthenticated(error)) this.context.sessionEnded();
    }
  }

  /** The texts' counts changed: the server's standing follows a moment later (its copy settles first). */
  private progressMayHaveChanged(): void {
    const status = this.alignment.status;
    if (!status) return;
    const counts = `${status.current}/${status.stale}/${status.missing}/${status.blocks}`;
    if (counts === this.progressFor) return;
    const first = this.progressFor === '';
    this.progressFor = counts;
    if (first) return;
    clearTimeout(this.progressTimer);
    this.progressTimer = setTimeout(() => void this.reloadProgress(), 2500);
  }

  private sessionOf(side: Side): CollabSession | null {
    return side === 'source' ? this.source : this.target;
  }

  private session(side: Side, section: Section): CollabSession {
    const initialAccess: SessionAccess = section.permissions.edit ? 'edit' : 'read-only';
    const comments = this.discussion.comments[side];
    const highlights = commentHighlights((id) => comments.activate(id, { select: false, reveal: id !== null }));
    const plugins =
      side === 'source'
        ? [highlights, targetIds(), this.alignment.sourcePlugin]
        : [highlights, targetIds(), this.alignment.targetPlugin, translationStamp((id) => this.alignment.sourceUnit(id)), splitKeepsUnit()];
    const session = new CollabSession({
      sectionId: section.id,
      lang: side === 'target' ? this.lang : undefined,
      // Two editors and two toolbars on one page: each named by its side and language for screen readers.
      label: () => t(side === 'source' ? 'translation.sourceEditor' : 'translation.targetEditor', { language: languageName(side === 'source' ? this.sourceLang : this.lang) }),
      toolbarLabel: () => t(side === 'source' ? 'translation.sourceToolbar' : 'translation.targetToolbar', { language: languageName(side === 'source' ? this.sourceLang : this.lang) }),
      me: this.context.me!,
      initialAccess,
      onChange: () => {
        // The first time both texts are here; after that their changes recompute (debounced), and
        // presence or connection news (frequent) does not.
        if (!this.alignment.status && this.source?.hasText && this.target?.hasText) this.alignment.recompute();
        this.update();
      },
      onClosed: (code, reason) => {
        this.closedReasons[side] = reason;
        if (code === CLOSE_UNAUTHENTICATED) this.context.sessionEnded(closedByDeactivation(code, reason) ? 'deactivated' : 'ended');
        else this.update();
      },
      onUnreachable: () => void this.context.checkSession(),
      plugins,
      onEditorUpdate: (view) => {
        this.alignment.editorUpdated(side, view);
        this.scheduleUpdate();
      },
      onComment: () => comments.start(),
      onPastedComments: (pasted) => void comments.addPasted(pasted),
      colour: (author) => this.discussion.suggestions[side].person(author)?.colour,
    });
    // Spelling and screen readers' voices follow each text's language.
    const lang = side === 'target' ? this.lang : this.sourceLang;
    if (lang) session.view.dom.setAttribute('lang', lang);
    return session;
  }

  private open(section: Section): void {
    this.context.realtime.joinSection(section.id);
    if (this.source || !this.context.me) return;
    this.source = this.session('source', section);
    this.target = this.session('target', section);
    this.discussion.comments.source.attach();
    this.discussion.comments.target.attach();
    void this.discussion.load();
  }

  resume(): void {
    if (this.context.me) {
      this.source?.setMe(this.context.me);
      this.target?.setMe(this.context.me);
    }
    this.source?.reconnect();
    this.target?.reconnect();
  }

  refresh(): void {
    if (this.context.me) {
      this.source?.setMe(this.context.me);
      this.target?.setMe(this.context.me);
    }
    void this.load();
  }

  unsentWork(): UnsentWork | null {
    const sessions = [this.source, this.target].filter((session): session is CollabSession => session !== null && session.connection.unsaved > 0);
    const count = sessions.reduce((sum, session) => sum + session.connection.unsaved, 0);
    if (count === 0) return null;
    const title = this.section?.title ?? this.sectionId;
    return {
      count,
      download: () => {
        for (const session of sessions) download(session.doc, session === this.target ? `${title} (${this.lang})` : title);
      },
    };
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.progressTimer);
    this.context.realtime.leaveSection(this.sectionId);
    for (const stop of this.stop) stop();
    this.alignment.dispose();
    this.source?.destroy();
    this.target?.destroy();
    this.source = null;
    this.target = null;
  }

  private update(): void {
    if (!this.disposed) this.context.update();
  }

  /** Editor transactions come in bursts: one render per frame. */
  private scheduleUpdate(): void {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  /**
   * Alt+↓ / Alt+↑ anywhere on the page: the next or previous block needing work. Ctrl+Alt+M
   * (⌘⌥M) comments on the selection of the text that has the focus, read-only ones too.
   */
  private shortcut(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.altKey && event.code === 'KeyM') {
      if (this.section?.permissions.comment && this.discussion.startInFocused()) event.preventDefault();
      return;
    }
    if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (!this.target) return;
    event.preventDefault();
    this.goToWork(event.key === 'ArrowDown' ? 1 : -1);
  }

  /** Moves the translation's cursor to the next block needing work; a missing one gets its block. */
  private goToWork(direction: 1 | -1): void {
    const target = this.target;
    const source = this.source;
    if (!target || !source) return;
    // The status may be up to a debounce behind the text: bring it up to date first.
    this.alignment.recompute();
    const status = this.alignment.status;
    if (!status) return;
    const view = target.view;
    const found = nextWork(status, view.state.doc, view.state.selection.from, direction);
    if (!found) {
      this.moved = t('translation.noWork');
      this.update();
      return;
    }
    const { item } = found;
    if (item.block) {
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, item.block.pos + 1)).scrollIntoView());
    } else if (item.unit && target.editable) {
      const tr = translateBlock(view.state, status, item.unit, source.view.state.doc);
      if (tr) view.dispatch(tr);
    }
    this.shown = 'target';
    view.focus();
    this.moved = t('translation.movedTo', { position: found.position, count: found.count, status: t(WORK_STATUS[item.kind]) });
    this.update();
  }

  private toggle(side: Side): void {
    this.shown = side;
    this.update();
    requestAnimationFrame(() => this.alignment.reveal(side));
  }

  view(): TemplateResult {
    if (this.missing) return notFound(t('section.notFound'));
    if (this.error) {
      return problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      });
    }
    const section = this.section;
    if (section && this.notTarget) return notTargetPage(section, this.lang, this.targets);
    const source = this.source;
    const target = this.target;
    if (!section || !source || !target) return loading();
    const status = this.alignment.status;
    this.progressMayHaveChanged();
    const language = languageName(this.lang);
    const sourceLanguage = languageName(this.sourceLang);
    const mayConfirm = target.currentAccess === 'edit' && !target.suggesting;
    const synced = { source: source.hasText, target: target.hasText };
    return html`
      <nav class="breadcrumb" aria-label=${t('nav.breadcrumb')}>
        <a href="/">${t('nav.workspace')}</a>
        <span aria-hidden="true">/</span>
        <a href=${sectionPath(section.id)}>${section.title}</a>
      </nav>
      <div class="translation-head">
        <h1>${section.title} <span class="translation-language">· ${t('translation.heading', { language })}</span></h1>
        ${status
          ? html`<p class="translation-counts">
              ${t('translation.counts', { current: status.current, blocks: status.blocks, stale: status.stale, missing: status.missing, orphaned: status.orphaned })}
            </p>`
          : nothing}
        ${approvalLine(this.progress, section)}
        <div class="translation-actions">
          <button type="button" class="button small" @click=${() => this.goToWork(-1)} aria-keyshortcuts="Alt+ArrowUp">${t('translation.previous')}</button>
          <button type="button" class="button small primary" @click=${() => this.goToWork(1)} aria-keyshortcuts="Alt+ArrowDown">${t('translation.next')}</button>
          <span class="translation-hint">${t('translation.nextHint')}</span>
        </div>
        ${this.files.template(mayConfirm)}
        <p class="visually-hidden" role="status" aria-live="polite">${this.moved}</p>
        <div class="translation-toggle" role="group" aria-label=${t('translation.show')}>
          <button type="button" class="button small" aria-pressed=${String(this.shown === 'source')} @click=${() => this.toggle('source')}>
            ${t('translation.showSource')}
          </button>
          <button type="button" class="button small" aria-pressed=${String(this.shown === 'target')} @click=${() => this.toggle('target')}>
            ${t('translation.showTarget')}
          </button>
        </div>
      </div>
      ${this.notices(section, source, target)}
      <div class="translation-layout">
        <div class="translation-columns" data-shown=${this.shown}>
          ${this.column('source', section, source, t('translation.source', { language: sourceLanguage }), nothing)}
          ${this.column(
            'target',
            section,
            target,
            t('translation.target', { language }),
            this.stale.template(status, this.alignment.focusedBlock, (id) => this.alignment.sourceUnit(id), mayConfirm),
          )}
        </div>
        ${this.discussion.template({ source: sourceLanguage, target: language }, synced)}
      </div>
      ${this.discussion.announcements()}
    `;
  }

  /**
   * Why the texts cannot be edited, or take suggestions only (both have the section's rights, so
   * one notice speaks for both), and changes either server refused, with what to do about them.
   */
  private notices(section: Section, source: CollabSession, target: CollabSession): TemplateResult {
    const refused = [source, target].filter((session) => session.connection.refused);
    if (refused.length > 0 && !this.rereadMe) {
      // Our rights changed while we were away: who we are now says why (moved group, made reviewer).
      this.rereadMe = true;
      void this.context.checkSession().then(() => this.update());
    }
    const access = target.currentAccess;
    return html`${refused.map((session) =>
      unsentChanges('refused', session.connection.unsaved, readOnlyReason(this.context.me, section), {
        download: () => download(session.doc, session === this.target ? `${section.title} (${this.lang})` : section.title),
        discard: () => void this.discard(session === this.source ? 'source' : 'target'),
      }),
    )}
    ${refused.length === 0 && access === 'read-only' ? readOnlyNotice(this.context.me, section) : nothing}
    ${refused.length === 0 && access === 'suggest' ? suggestNotice(this.context.me, section) : nothing}`;
  }

  /** Deletes the changes the server will not take (asked first), and shows that text as the server has it. */
  private async discard(side: Side): Promise<void> {
    const confirmed = await confirmAction({ title: t('offline.discard'), message: t('offline.discardConfirm'), confirm: t('offline.discard'), danger: true });
    const session = this.sessionOf(side);
    if (!confirmed || this.disposed || !session || !this.section) return;
    if (side === 'source') this.source = null;
    else this.target = null;
    await session.discardCopy();
    session.destroy();
    if (this.disposed) return;
    const fresh = this.session(side, this.section);
    if (side === 'source') this.source = fresh;
    else this.target = fresh;
    this.discussion.comments[side].attach();
    this.alignment.recompute();
    this.update();
  }

  private column(side: Side, section: Section, session: CollabSession, heading: string, aside: TemplateResult | typeof nothing): TemplateResult {
    const readOnly = session.currentAccess === 'read-only';
    return html`<section class="translation-column is-${side}" aria-labelledby="column-${side}">
      <div class="translation-column-head">
        <h2 id="column-${side}">${heading}</h2>
        ${connectionLine(session, this.closedReasons[side])} ${presenceList(session, `presence-${side}`)}
      </div>
      ${aside}
      <div class="editor-frame ${readOnly ? 'is-read-only' : ''}">
        ${readOnly ? nothing : session.toolbar.element}
        <div class="paper" @focusout=${() => this.scheduleUpdate()}>
          ${session.editorElement}
          ${section.permissions.comment && !this.discussion.comments[side].draft ? selectionBubble(session.view, () => this.discussion.comments[side].start()) : nothing}
        </div>
      </div>
    </section>`;
  }
}
