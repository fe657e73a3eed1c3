/**
 * Highlights of commented text in the editor. Threads carry their range as Yjs relative positions
 * (`shared/anchors.ts`); this plugin turns them into ProseMirror positions after every change of
 * the document, so a highlight follows its words through everybody's edits, and it tells the
 * sidebar where each thread's text is now (or that it was deleted: detached).
 *
 * Which Yjs state the positions are read from matters. y-prosemirror writes a local transaction
 * to Yjs only after ProseMirror has applied it (in its plugin view), so while a local transaction
 * is applied Yjs still describes the document before it: positions resolved then belong to
 * `tr.before` and are mapped through the transaction. A change that came from Yjs (a colleague,
 * undo, the first sync) is applied after Yjs has it, so its positions belong to the new document.
 */
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import type * as Y from 'yjs';
import { type EncodedAnchor, type ProseMirrorMapping, anchorFor, resolveAnchor } from '../../../shared/anchors';

/** What the plugin needs to know of a thread. */
export interface HighlightedThread {
  id: number;
  anchor: EncodedAnchor;
  resolved: boolean;
}

/** Where a thread's text is in the current document; null when it was deleted (detached). */
export type TextPlace = { from: number; to: number } | null;

interface HighlightState {
  threads: readonly HighlightedThread[];
  /** The range of a comment being written, highlighted while the composer has the focus. */
  draft: EncodedAnchor | null;
  active: number | null;
  places: ReadonlyMap<number, TextPlace>;
  draftPlace: TextPlace;
  decorations: DecorationSet;
}

interface HighlightMeta {
  threads?: readonly HighlightedThread[];
  draft?: EncodedAnchor | null;
  active?: number | null;
}

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: ProseMirrorMapping } | null;
  isChangeOrigin?: boolean;
}

export const commentHighlightsKey = new PluginKey<HighlightState>('comment-highlights');

/** Resolves an anchor against the Yjs state as it is now; null when that is not possible yet. */
function resolver(state: EditorState): ((anchor: EncodedAnchor) => TextPlace) | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  if (!sync?.binding) return null;
  const { doc, type, binding } = sync;
  return (anchor) => {
    const place = resolveAnchor(doc, type, binding.mapping, anchor);
    return place.detached ? null : { from: place.from, to: place.to };
  };
}

/** The longest quote a thread keeps of its text (the server's limit). */
const MAX_QUOTE = 2000;

/**
 * The selected text as an anchor for a new thread, with its words as the quote; null when nothing
 * is selected or the editor is not bound to Yjs yet.
 */
export function selectionAnchor(state: EditorState): { anchor: EncodedAnchor; quote: string } | null {
  const { from, to, empty } = state.selection;
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  if (empty || !sync?.binding) return null;
  const quote = state.doc.textBetween(from, to, '\n', ' ').trim();
  if (quote === '') return null;
  return { anchor: anchorFor(sync.type, sync.binding.mapping, from, to), quote: quote.slice(0, MAX_QUOTE) };
}

/** An anchor for the words at `from`–`to` (a Word comment that came with a paste); null before Yjs is bound. */
export function placeAnchor(state: EditorState, from: number, to: number): EncodedAnchor | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding && from < to ? anchorFor(sync.type, sync.binding.mapping, from, to) : null;
}

function inside(place: TextPlace, size: number): TextPlace {
  if (!place) return null;
  const from = Math.max(0, Math.min(place.from, size));
  const to = Math.max(0, Math.min(place.to, size));
  return from < to ? { from, to } : null;
}

/** Follows a place through a local transaction: text typed at either edge stays outside. */
function mapPlace(place: TextPlace, tr: Transaction): TextPlace {
  if (!place) return null;
  const from = tr.mapping.map(place.from, 1);
  const to = tr.mapping.map(place.to, -1);
  return from < to ? { from, to } : null;
}

function locate(
  state: EditorState,
  tr: Transaction | null,
  value: Pick<HighlightState, 'threads' | 'draft'>,
): Pick<HighlightState, 'places' | 'draftPlace'> {
  const resolve = resolver(state);
  const size = (tr?.doc ?? state.doc).content.size;
  // Positions read before a local transaction belong to the document before it.
  const follow = (place: TextPlace) => inside(tr ? mapPlace(place, tr) : place, size);
  const places = new Map<number, TextPlace>();
  for (const thread of value.threads) places.set(thread.id, resolve ? follow(resolve(thread.anchor)) : null);
  const draftPlace = value.draft && resolve ? follow(resolve(value.draft)) : null;
  return { places, draftPlace };
}

function decorate(state: Omit<HighlightState, 'decorations'>, doc: EditorState['doc']): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of state.threads) {
    const place = state.places.get(thread.id);
    if (!place || thread.resolved) continue;
    const active = thread.id === state.active;
    decorations.push(
      Decoration.inline(place.from, place.to, {
        class: active ? 'comment-highlight is-active' : 'comment-highlight',
        'data-thread': String(thread.id),
      }),
    );
  }
  if (state.draftPlace) {
    decorations.push(Decoration.inline(state.draftPlace.from, state.draftPlace.to, { class: 'comment-highlight is-draft' }));
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * The plugin. `onActivate` is called with a thread's id when its highlighted text is clicked
 * (the narrowest thread where highlights overlap), and with null when a click elsewhere in the
 * text leaves the active thread.
 */
export function commentHighlights(onActivate: (threadId: number | null) => void): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: commentHighlightsKey,
    state: {
      init: (_config, state) => {
        const base = { threads: [], draft: null, active: null, places: new Map(), draftPlace: null };
        return { ...base, decorations: DecorationSet.create(state.doc, []) };
      },
      apply: (tr, value, oldState, newState) => {
        const meta = tr.getMeta(commentHighlightsKey) as HighlightMeta | undefined;
        if (!meta && !tr.docChanged) return value;
        const next = {
          threads: meta?.threads ?? value.threads,
          draft: meta && 'draft' in meta ? (meta.draft ?? null) : value.draft,
          active: meta && 'active' in meta ? (meta.active ?? null) : value.active,
        };
        const fromYjs = Boolean((tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin);
        const located = tr.docChanged && !fromYjs ? locate(oldState, tr, next) : locate(newState, null, next);
        const full = { ...next, ...located };
        return { ...full, decorations: decorate(full, newState.doc) };
      },
    },
    props: {
      decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
      handleClick: (view, pos) => {
        const id = threadAt(view.state, pos);
        if (id !== null || (commentHighlightsKey.getState(view.state)?.active ?? null) !== null) onActivate(id);
        return false;
      },
    },
  });
}

/** The open thread whose text is at `pos`; the narrowest one where several overlap. */
export function threadAt(state: EditorState, pos: number): number | null {
  const value = commentHighlightsKey.getState(state);
  if (!value) return null;
  let best: { id: number; size: number } | null = null;
  for (const thread of value.threads) {
    const place = value.places.get(thread.id);
    if (!place || thread.resolved || pos < place.from || pos > place.to) continue;
    const size = place.to - place.from;
    if (!best || size < best.size) best = { id: thread.id, size };
  }
  return best?.id ?? null;
}

/** Where each thread's text is now (null: detached). */
export function threadPlaces(state: EditorState): ReadonlyMap<number, TextPlace> {
  return commentHighlightsKey.getState(state)?.places ?? new Map();
}

function update(view: EditorView, meta: HighlightMeta): void {
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, meta));
}

export function setHighlightedThreads(view: EditorView, threads: readonly HighlightedThread[]): void {
  update(view, { threads });
}

export function setActiveThread(view: EditorView, id: number | null): void {
  if (commentHighlightsKey.getState(view.state)?.active === id) return;
  update(view, { active: id });
}

export function setDraftHighlight(view: EditorView, anchor: EncodedAnchor | null): void {
  if (commentHighlightsKey.getState(view.state)?.draft === anchor) return;
  update(view, { draft: anchor });
}
