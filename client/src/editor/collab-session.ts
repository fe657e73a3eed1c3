/**
 * One open section: its Y.Doc, this device's copy of it (IndexedDB), the y-websocket connection
 * to /collab/<id>, the editor bound to it, and what the server says we may do there. Created when
 * the section page opens and destroyed when it closes; never re-created by a re-render.
 *
 * The local copy opens first and the connection after it, so what a closed tab typed offline is
 * in the first sync and counted until the server confirms it. With the copy the section can be
 * read and written with no network at all, once this device has held the server's text.
 */
import * as decoding from 'lib0/decoding';
import type { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { PastedComment } from './paste-from-word';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Me } from '../../../shared/api';
import { type Access, CLOSE_UNAUTHENTICATED, MESSAGE_ACCESS, REASON_ACCESS_REVOKED, isFinalClose } from '../../../shared/collab-protocol';
import { documentKey } from '../../../shared/languages';
import { CONTENT_FRAGMENT } from '../../../shared/schema';
import { onLocaleChange, t } from '../i18n';
import { keepsCopies } from '../offline/device';
import { LocalCopy } from '../offline/local-copy';
import { collabUrl } from './collab-url';
import { ConnectionState } from './connection-state';
import { type EditorOptions, createEditor, refreshEditor } from './editor';
import { type PresentPerson, presentPeople } from './presence';
import { recolourSuggestions, setSuggesting, suggestingState } from './suggesting';
import { Toolbar } from './toolbar';

/**
 * What the server lets this connection do to the text: `edit`, `suggest` (changes must be
 * suggestions: suggesting mode is always on) or `read-only`.
 */
export type SessionAccess = Access | 'suggest';

function isSessionAccess(value: string): value is SessionAccess {
  return value === 'edit' || value === 'suggest' || value === 'read-only';
}

/** The wire's two-way answer for what only asks "are changes taken?" (the connection line). */
function takesChanges(access: SessionAccess): Access {
  return access === 'read-only' ? 'read-only' : 'edit';
}

export interface CollabSessionOptions {
  sectionId: string;
  /**
   * A translation of the section (#19): its document is `<sectionId>/<lang>` on the server, and so
   * is this device's copy of it. Absent: the section's source text.
   */
  /**
   * The editor's and its toolbar's accessible names, when a page has more than one editor (the
   * translation page: the source and the translation); "Section text" and "Formatting" otherwise.
   */
  label?: () => string;
  toolbarLabel?: () => string;
  lang?: string;
  me: Me;
  /** What the section's permissions said; the server's access message overrides it. */
  initialAccess: SessionAccess;
  /** An author's colour (#rrggbb) for suggestion marks, from the people directory; undefined: not known there. */
  colour?: (author: number) => string | undefined;
  /** Something the page shows changed: access, connection, presence. */
  onChange: () => void;
  /** The server closed the connection for good (4401 signed out, 4403 no longer allowed), and why. */
  onClosed: (code: number, reason: string) => void;
  /** Several attempts in a row failed: the session may have ended while we were away. */
  onUnreachable: () => void;
  /** Editor plugins of the page's features (comment highlights). */
  plugins?: Plugin[];
  /** After every editor transaction (text, selection, highlights). */
  onEditorUpdate?: (view: EditorView) => void;
  /** Starts a comment on the selection: the toolbar gets a Comment button. */
  onComment?: () => void;
  /** Opens the cross-reference chooser (#18): a toolbar button, and Mod-Alt-k. */
  insertReference?: (view: EditorView) => void;
  /** Word comments came with a paste (#18): the page opens them as threads. */
  onPastedComments?: (comments: PastedComment[]) => void;
}

/** Did the server close the connection because the person was deactivated? */
export function closedByDeactivation(code: number, reason: string): boolean {
    // The collab endpoint closes a deactivated person's connections with 4401 and this reason; a
  // sign-out anywhere says 'signed out'.
  return code === CLOSE_UNAUTHENTICATED && reason === REASON_ACCESS_REVOKED;
}

export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly connection: ConnectionState;
  readonly toolbar: Toolbar;
  /** The editor's mount point; the page template places this same element on every render. */
  readonly editorElement = document.createElement('div');
  readonly view: EditorView;
  /** This device's copy of the section (null: the device keeps none, see `keepsCopies`). */
  readonly copy: LocalCopy | null;
  private access: SessionAccess;
  private destroyed = false;
  private copyShown = '';
  private readonly editorOptions: EditorOptions;
  private readonly stopLocale: () => void;
  private failures = 0;
  /** What the editor was last told: editable, and whether the text has arrived (for the placeholder). */
  private shown = '';
  private readonly presenceChanged = () => this.options.onChange();

  constructor(private readonly options: CollabSessionOptions) {
    this.access = options.initialAccess;
    this.editorElement.className = 'document-page';
    // y-websocket appends `/<room>` to the address: a translation connects to /collab/<id>/<lang>.
    const key = documentKey(options.sectionId, options.lang ?? null);
    this.copy = keepsCopies() ? new LocalCopy(options.me, key, this.doc, () => this.copyChanged()) : null;
    this.provider = new WebsocketProvider(collabUrl(), key, this.doc, {
      disableBc: true,
      // Connects once the local copy has loaded (below).
      connect: false,
      // The 44xx refusals are final, and so is a change too large to send: sending it again would
      // be refused again, so the page says what happened instead of reconnecting for ever.
      shouldReconnect: (event) => !isFinalClose(event.code),
    });
    this.provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      const access = decoding.readVarString(decoder);
      if (isSessionAccess(access)) this.setAccess(access);
    };
    this.provider.on('closed', ({ code, reason }) => options.onClosed(code, reason));
    this.provider.on('connection-close', () => {
      if (++this.failures === 3) options.onUnreachable();
    });
    this.provider.on('sync', (synced) => {
      if (!synced) return;
      this.failures = 0;
      this.copy?.markSynced();
    });
    // y-websocket drops colleagues' presence when the connection closes but keeps its clock, so
    // the server's greeting on reconnect (same clock) was ignored and colleagues stayed missing
    // until their next renewal (up to 15 s): forget the clocks of those no longer shown.
    this.provider.on('status', ({ status }) => {
      if (status !== 'connected') return;
      const awareness = this.provider.awareness;
      for (const id of [...awareness.meta.keys()]) if (id !== this.doc.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
    });
    this.setMe(options.me);
    this.connection = new ConnectionState(
      this.provider,
      this.doc,
      () => {
        this.refreshEditability();
        // The page renders now: what it shows of the copy is current.
        this.copyShown = this.copyState();
        options.onChange();
      },
      {
        access: () => takesChanges(this.access),
        localCopyOrigin: () => this.copy?.origin,
        hasLocalText: () => this.copy?.usable ?? false,
        heldLocally: () => this.copy?.held ?? false,
        unsavedChanged: (count) => this.copy?.recordUnsent(count),
      },
    );
    this.provider.awareness.on('change', this.presenceChanged);
    this.toolbar = new Toolbar(() => this.view, options.onComment, {
      insertReference: options.insertReference,
      controls: options.lang ? `section-text-${options.lang}` : 'section-text',
      label: options.toolbarLabel,
    });
    this.editorOptions = {
      fragment: this.doc.getXmlFragment(CONTENT_FRAGMENT),
      awareness: this.provider.awareness,
      editable: () => this.editable,
      label: options.label ?? (() => t('section.editor')),
      placeholder: () => (this.hasText ? t(this.editable ? 'editor.placeholder' : 'editor.placeholderReadOnly') : null),
      onUpdate: (view) => {
        this.toolbar.render();
        options.onEditorUpdate?.(view);
      },
      plugins: options.plugins,
      insertReference: options.insertReference,
      onPastedComments: options.onPastedComments,
      me: () => this.options.me.id,
      colour: (author) => this.colour(author),
      refused: (reason) => this.toolbar.refused(reason),
    };
    this.view = createEditor(this.editorElement, this.editorOptions);
    // The translation page shows two editors: ids stay unique (the source keeps the usual one).
    this.view.dom.id = options.lang ? `section-text-${options.lang}` : 'section-text';
    this.applySuggestingAccess();
    this.toolbar.render();
    this.stopLocale = onLocaleChange(() => refreshEditor(this.view, this.editorOptions));
    window.addEventListener('beforeunload', this.beforeUnload);
    void this.openCopyThenConnect();
  }

  private async openCopyThenConnect(): Promise<void> {
    if (this.copy) {
      await this.copy.load();
      if (this.destroyed) return;
      this.connection.carry(this.copy.carriedUnsent);
      this.copyChanged();
    }
    if (!this.destroyed) this.provider.connect();
  }

  /** The copy loaded, or wrote a change to disk: editability and the warning before closing may change. */
  private copyChanged(): void {
    if (this.destroyed) return;
    this.refreshEditability();
    // Called after every write to disk: the page re-renders only when what it shows changes.
    const shown = this.copyState();
    if (shown === this.copyShown) return;
    this.copyShown = shown;
    this.options.onChange();
  }

  private copyState(): string {
    return `${this.copy?.usable}|${this.changesAtRisk}`;
  }

  /**
   * Closing the page loses changes only when the server does not have them and no local copy
   * holds them yet (the device keeps no copies, the copy failed to open, or a write is under way).
   */
  private readonly beforeUnload = (event: BeforeUnloadEvent) => {
    if (!this.changesAtRisk) return;
    event.preventDefault();
    // Older browsers show the dialog only when a value is set.
    event.returnValue = '';
  };

  /** Changes the server lacks that would be lost with the page. */
  get changesAtRisk(): boolean {
    return this.connection.unsaved > 0 && !(this.copy?.held ?? false);
  }

  /** The text is here: the server's, or this device's copy of it. */
  get hasText(): boolean {
    return this.connection.hasSynced || (this.copy?.usable ?? false);
  }

  /** Connects again at once (after signing in again, or after the person asked to retry). */
  reconnect(): void {
    this.connection.retry();
  }

  /**
   * Throws away this device's copy, with any changes the server refused; the page then opens
   * the section afresh from the server.
   */
  async discardCopy(): Promise<void> {
    await this.copy?.clear();
  }

  /** What the server lets us do now (read-only until it says otherwise, if permissions said so). */
  get currentAccess(): SessionAccess {
    return this.access;
  }

  /** The wire's edit / read-only, for the connection line. */
  get changesTaken(): Access {
    return takesChanges(this.access);
  }

  /** Typing becomes suggestions now (chosen, or the only way this connection may change the text). */
  get suggesting(): boolean {
    return suggestingState(this.view.state).on;
  }

  /** The people directory or presence changed: suggestion marks take their authors' colours again. */
  recolour(): void {
    recolourSuggestions(this.view);
  }

  /** A suggestion author's colour: the directory's, else a present person's, else a neutral grey. */
  private colour(author: number): string {
    const known = this.options.colour?.(author);
    if (known && /^#[0-9a-fA-F]{6}$/.test(known)) return known;
    for (const state of this.provider.awareness.getStates().values()) {
      const user = (state as { user?: { id?: unknown; color?: unknown } }).user;
      if (user?.id === author && typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color)) return user.color;
    }
    return '#5f6368';
  }

  /**
   * Typing waits for the first sync, so nothing is written over a copy we have not seen yet;
   * after that, edits made offline are kept and merged when the connection returns.
   */
  get editable(): boolean {
    return this.access !== 'read-only' && this.hasText && this.connection.status !== 'closed';
  }

  get people(): PresentPerson[] {
    return presentPeople(this.provider.awareness, this.options.me.id);
  }

  /** Our own presence as it looks to us; the server stamps the same from the session for others. */
  setMe(me: Me): void {
    this.options.me = me;
    this.provider.awareness.setLocalStateField('user', { id: me.id, name: me.name, color: me.colour });
  }

  setAccess(access: SessionAccess): void {
    if (access === this.access) return;
    this.access = access;
    if (access === 'read-only') this.toolbar.reset();
    this.applySuggestingAccess();
    this.refreshEditability();
    this.options.onChange();
  }

  /**
   * A suggest-only connection suggests, always; given the right to edit again, the person keeps
   * suggesting until they turn it off.
   */
  private applySuggestingAccess(): void {
    if (!this.view) return;
    const { on } = suggestingState(this.view.state);
    setSuggesting(this.view, this.access === 'suggest' || on, this.access === 'suggest');
  }

  private refreshEditability(): void {
    if (!this.view) return;
    const shown = `${this.editable}|${this.hasText}`;
    if (shown === this.shown) return;
    this.shown = shown;
    refreshEditor(this.view, this.editorOptions);
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('beforeunload', this.beforeUnload);
    this.copy?.destroy();
    this.provider.awareness.off('change', this.presenceChanged);
    this.stopLocale();
    this.connection.destroy();
    this.view.destroy();
    this.provider.destroy();
    this.doc.destroy();
  }
}
