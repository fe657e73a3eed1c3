/**
 * The glossary plugin's state as the rest of the editor reads it: where the linked and unlinked
 * terms stand, whether the person may link now, and the two changes the plugin makes to the text.
 */
import { type EditorState, PluginKey } from 'prosemirror-state';
import type { DecorationSet, EditorView } from 'prosemirror-view';
import { schema } from '../../../../shared/schema';
import { isSuggesting } from '../suggesting';
import type { BlockPlaces, TermReading } from './term-reading';

const { glossary_term: glossaryTerm } = schema.marks;

/** The shortcut of "Link to glossary" (G for glossary; free in browsers and in Word). */
export const GLOSSARY_KEYS = 'Mod-Alt-g';

export interface GlossaryPluginState {
  reading: TermReading;
  /** The store's version the reading was made with. */
  version: number;
  places: BlockPlaces;
  /** The view is editable (told by the plugin's view; null until it has). */
  editable: boolean | null;
  decorations: DecorationSet;
}

export interface GlossaryMeta {
  /** The glossary changed. */
  glossary?: true;
  editable?: boolean;
}

export const glossaryKey = new PluginKey<GlossaryPluginState>('glossary');

/** The places of linked and unlinked terms in the editor's text. */
export function termPlaces(state: EditorState): BlockPlaces {
  return glossaryKey.getState(state)?.places ?? { linked: [], unlinked: [] };
}

/** May the person link terms here now (editable, not suggesting)? */
export function canLink(state: EditorState): boolean {
  const plugin = glossaryKey.getState(state);
  return plugin?.editable === true && !isSuggesting(state);
}

/** Links `from`–`to` to the entry (replacing any link there): one change, undone as one. */
export function linkTerm(view: EditorView, from: number, to: number, entry: string): void {
  const type = glossaryTerm;
  view.dispatch(view.state.tr.removeMark(from, to, type).addMark(from, to, type.create({ entry })).scrollIntoView());
}

/** Removes the glossary link from `from`–`to`. */
export function unlinkTerm(view: EditorView, from: number, to: number): void {
  view.dispatch(view.state.tr.removeMark(from, to, glossaryTerm));
}

/** Tells the plugin the glossary changed or the view's editability did (from its view). */
export function tellGlossary(view: EditorView, meta: GlossaryMeta): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(glossaryKey, meta).setMeta('addToHistory', false));
}

