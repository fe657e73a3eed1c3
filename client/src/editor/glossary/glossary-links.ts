/**
 * Glossary terms in the editor (#20), as one ProseMirror plugin:
 *
 * - it knows where the linked terms (`glossary_term` marks) and the unlinked variants of glossary
 *   terms stand (`term-reading.ts`, read again only for changed blocks);
 * - it draws the unlinked ones with a dotted underline (while the person can link: not in
 *   suggesting mode, not read-only), marks links to deleted entries, and makes linked terms
 *   focusable in a read-only text so their definitions can be read with the keyboard;
 * - Mod-Alt-g (and the toolbar's button) opens "Link to glossary" for the selection or the word
 *   at the caret (`link-list.ts`); the popups live in the plugin's view (`glossary-ui.ts`).
 *
 * Linking is formatting: in suggesting mode it is refused like bold would be (the server takes
 * only text suggestions from a suggest connection), so the button is disabled there.
 */
import { keydownHandler } from 'prosemirror-keymap';
import { type Command, type EditorState, Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { isSuggesting } from '../suggesting';
import { GLOSSARY_KEYS, type GlossaryMeta, type GlossaryPluginState, canLink, glossaryKey, termPlaces } from './glossary-state';
import { type GlossaryStore, glossaryStore } from './glossary-store';
import { GlossaryUi } from './glossary-ui';
import type { LinkRequest } from './link-list';
import { type BlockPlaces, TermReading, type TermPlace, blockText, placeAt } from './term-reading';

export { GLOSSARY_KEYS, canLink, linkTerm, unlinkTerm } from './glossary-state';

/** The same keys on a Russian layout, where Ctrl+Alt arrives as AltGr with the Cyrillic letter. */
const GLOSSARY_KEYS_CYRILLIC = 'Mod-Alt-п';

/** The UI of each editor, for the toolbar's command. */
const interfaces = new WeakMap<EditorView, GlossaryUi>();

/**
 * What "Link to glossary" would link: the selection, else the linked term or hinted variant at
 * the caret, else the word at the caret. Null: nothing to link (or the person may not).
 */
export function linkRequest(state: EditorState): LinkRequest | null {
  if (!canLink(state)) return null;
  const { from, to, empty, $head } = state.selection;
  if (!empty) {
    const query = state.doc.textBetween(from, to, ' ', ' ').trim();
    return query ? { from, to, query } : null;
  }
  const places = termPlaces(state);
  const place = placeAt(places.linked, from) ?? placeAt(places.unlinked, from);
  if (place) return { from: place.from, to: place.to, query: state.doc.textBetween(place.from, place.to), preferred: place.entry };
  if (!$head.parent.isTextblock) return null;
  const word = wordAround(blockText($head.parent), $head.parentOffset);
  if (!word) return null;
  const start = $head.start();
  return { from: start + word.from, to: start + word.to, query: word.text };
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}'’ʼʻ-]/u;

/** The word the offset is in or touches (letters, digits, inner apostrophes and hyphens). */
function wordAround(text: string, offset: number): { from: number; to: number; text: string } | null {
  let from = offset;
  let to = offset;
  while (from > 0 && WORD_CHAR.test(text[from - 1])) from--;
  while (to < text.length && WORD_CHAR.test(text[to])) to++;
  // A hyphen or apostrophe at either end is punctuation, not part of the word.
  while (from < to && /['’ʼʻ-]/.test(text[from])) from++;
  while (to > from && /['’ʼʻ-]/.test(text[to - 1])) to--;
  return to > from ? { from, to, text: text.slice(from, to) } : null;
}

/** The toolbar's and the shortcut's command: opens "Link to glossary". */
export const openLinkList: Command = (state, dispatch, view) => {
  const request = linkRequest(state);
  if (!request) return false;
  if (dispatch && view) interfaces.get(view)?.openList(request);
  return true;
};

/** For the toolbar: opens "Link to glossary" in this editor (does nothing where it does not apply). */
export function linkToGlossary(view: EditorView): void {
  openLinkList(view.state, view.dispatch, view);
}

export interface GlossaryLinksOptions {
  store?: GlossaryStore;
}

/** The plugin; give it to the editor after the sync plugin. */
export function glossaryLinks(options: GlossaryLinksOptions = {}): Plugin<GlossaryPluginState> {
  const store = options.store ?? glossaryStore;
  const tooltipId = `glossary-card-${Math.random().toString(36).slice(2, 10)}`;
  const keys = keydownHandler({
    [GLOSSARY_KEYS]: openLinkList,
    [GLOSSARY_KEYS_CYRILLIC]: openLinkList,
    Escape: (_state, _dispatch, view) => (view ? (interfaces.get(view)?.dismiss() ?? false) : false),
  });
  return new Plugin<GlossaryPluginState>({
    key: glossaryKey,
    state: {
      init: (_config, state) => {
        const reading = new TermReading(store.matcher);
        const places = reading.places(state.doc);
        return { reading, version: store.version, places, editable: null, decorations: decorate(state, places, null, store, tooltipId) };
      },
      apply(tr, value, oldState, state) {
        const meta = tr.getMeta(glossaryKey) as GlossaryMeta | undefined;
        const editable = meta?.editable ?? value.editable;
        const reading = store.version !== value.version ? new TermReading(store.matcher) : value.reading;
        const modeChanged = isSuggesting(oldState) !== isSuggesting(state);
        if (!tr.docChanged && reading === value.reading && editable === value.editable && !modeChanged && !meta?.glossary) return value;
        const places = tr.docChanged || reading !== value.reading ? reading.places(state.doc) : value.places;
        return { reading, version: store.version, places, editable, decorations: decorate(state, places, editable, store, tooltipId) };
      },
    },
    props: {
      decorations(state) {
        const plugin = glossaryKey.getState(state);
        if (!plugin) return null;
        // The link the caret is in describes itself with its card (read by screen readers).
        const { empty, from } = state.selection;
        const link = empty && plugin.editable ? placeAt(plugin.places.linked, from) : null;
        if (!link || link.from === from || link.to === from) return plugin.decorations;
        return plugin.decorations.add(state.doc, [Decoration.inline(link.from, link.to, { 'aria-describedby': tooltipId, class: 'glossary-term-current' })]);
      },
      handleKeyDown: (view, event) => keys(view, event),
    },
    view(view) {
      const ui = new GlossaryUi(view, store, tooltipId);
      interfaces.set(view, ui);
      return ui;
    },
  });
}

/** The hints (while the person can link), the links to deleted entries, and focusable links when read-only. */
function decorate(state: EditorState, places: BlockPlaces, editable: boolean | null, store: GlossaryStore, tooltipId: string): DecorationSet {
  const decorations: Decoration[] = [];
  if (editable === true && !isSuggesting(state)) {
    for (const place of places.unlinked) decorations.push(hint(place));
  }
  for (const place of places.linked) {
    const missing = store.load === 'ready' && !store.entry(place.entry);
    const attrs: Record<string, string> = {};
    if (missing) attrs.class = 'glossary-term-missing';
    // Read-only text has no caret: the links take the focus (Tab) so the keyboard reaches their cards.
    if (editable === false) Object.assign(attrs, { tabindex: '0', 'aria-describedby': tooltipId, 'data-glossary-focus': place.entry });
    if (Object.keys(attrs).length > 0) decorations.push(Decoration.inline(place.from, place.to, attrs));
  }
  return DecorationSet.create(state.doc, decorations);
}

function hint(place: TermPlace): Decoration {
  return Decoration.inline(place.from, place.to, { class: 'glossary-hint', 'data-glossary-hint': place.entry }, { entry: place.entry });
}
