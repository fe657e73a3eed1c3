/**
 * Footnote numbers and the editor's footnote state (#18), on EditorState alone (no DOM, so the
 * commands and their tests can use it). Numbers are not stored anywhere: they are the footnotes'
 * order in the document, so every browser holding the same text shows the same numbers.
 *
 * Each footnote gets a node decoration carrying its number (`data-footnote-number` on the marker,
 * and `footnoteNumber` in the spec for the node view): a footnote whose number changes because a
 * colleague inserted one before it is redrawn even though the footnote itself did not change.
 *
 * The footnote whose note is open is followed here too, and its decoration says so. y-prosemirror
 * redraws the whole text on every change from Yjs, and ProseMirror gives a node view to any equal
 * node nearby: two empty footnotes are equal, and a colleague's new one would take over the note
 * being written. Its decoration tells them apart; through a redraw from Yjs the open footnote is
 * found again by its Yjs element, which outlives the ProseMirror nodes drawn from it.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { type EditorState, PluginKey, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../../shared/schema';

/** One footnote of the text: where it is, its number (from 1) and its node. */
export interface Footnote {
  pos: number;
  number: number;
  node: PMNode;
}

/** A request to open a footnote's note editor (a new empty footnote, Enter on a selected one). */
export interface OpenRequest {
  pos: number;
}

/** The footnote whose note is open: where it is and the Yjs element it is drawn from (if any). */
export interface OpenNote {
  pos: number;
  yType: unknown;
}

export interface FootnotesState {
  notes: readonly Footnote[];
  decorations: DecorationSet;
  open: OpenNote | null;
  /** A note editor is open and has the focus: inserting a footnote is not offered there. */
  editing: boolean;
  /** Asked of the view by the last transaction; the footnotes plugin's view acts on it once. */
  request: OpenRequest | null;
}

interface FootnotesMeta {
  editing?: boolean;
  open?: OpenRequest;
  /** A note was opened (the note), or closed (null). */
  opened?: OpenNote | null;
}

export const footnotesKey = new PluginKey<FootnotesState>('footnotes');

/** The footnotes of a document in document order, numbered from 1. */
export function footnotesIn(doc: PMNode): Footnote[] {
  const notes: Footnote[] = [];
  doc.descendants((node, pos) => {
    if (node.type === schema.nodes.footnote) {
      notes.push({ pos, number: notes.length + 1, node });
      return false;
    }
    return true;
  });
  return notes;
}

function numberDecorations(doc: PMNode, notes: readonly Footnote[], open: OpenNote | null): DecorationSet {
  return DecorationSet.create(
    doc,
    notes.map((note) => {
      const isOpen = note.pos === open?.pos;
      return Decoration.node(
        note.pos,
        note.pos + note.node.nodeSize,
        { 'data-footnote-number': String(note.number) },
        isOpen ? { footnoteNumber: note.number, footnoteOpen: true } : { footnoteNumber: note.number },
      );
    }),
  );
}

export function initialFootnotesState(doc: PMNode): FootnotesState {
  const notes = footnotesIn(doc);
  return { notes, decorations: numberDecorations(doc, notes, null), open: null, editing: false, request: null };
}

/** Where the open note's footnote is after `tr`: by Yjs element after a redraw from Yjs, else mapped. */
function followOpen(open: OpenNote, tr: Transaction, notes: readonly Footnote[], state: EditorState): OpenNote | null {
  const change = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  if (change?.isChangeOrigin && open.yType !== null) {
    const sync = ySyncPluginKey.getState(state) as { binding?: { mapping: Map<unknown, PMNode> } } | undefined;
    const node = sync?.binding?.mapping.get(open.yType);
    const found = node ? notes.find((note) => note.node === node) : undefined;
    return found ? { ...open, pos: found.pos } : null;
  }
  const mapped = tr.mapping.mapResult(open.pos, 1);
  const found = mapped.deleted ? undefined : notes.find((note) => note.pos === mapped.pos);
  return found ? { ...open, pos: found.pos } : null;
}

export function applyFootnotes(tr: Transaction, value: FootnotesState, state: EditorState): FootnotesState {
  const meta = tr.getMeta(footnotesKey) as FootnotesMeta | undefined;
  const editing = meta?.editing ?? value.editing;
  const request = meta?.open ?? null;
  if (!tr.docChanged && meta?.opened === undefined) {
    return editing === value.editing && request === value.request ? value : { ...value, editing, request };
  }
  const notes = tr.docChanged ? footnotesIn(state.doc) : value.notes;
  let open = meta?.opened !== undefined ? meta.opened : value.open;
  if (open && tr.docChanged && meta?.opened === undefined) open = followOpen(open, tr, notes, state);
  return { notes, decorations: numberDecorations(state.doc, notes, open), open, editing, request };
}

export function footnotesState(state: EditorState): FootnotesState | undefined {
  return footnotesKey.getState(state);
}

/** Is a note editor open with the focus (inside it, footnotes are not offered)? */
export function editingNote(state: EditorState): boolean {
  return footnotesState(state)?.editing ?? false;
}

/** Asks the view to open the note editor of the footnote at `pos` once this transaction is applied. */
export function requestOpen(tr: Transaction, pos: number): Transaction {
  return tr.setMeta(footnotesKey, { open: { pos } } satisfies FootnotesMeta);
}

/** Says that the note of the footnote at `pos` (drawn from `yType`) was opened, or that it was closed (null). */
export function setOpenNote(tr: Transaction, opened: OpenNote | null): Transaction {
  return tr.setMeta(footnotesKey, { opened } satisfies FootnotesMeta);
}

/** Is this the open note's footnote, by its decorations? */
export function isOpenFrom(decorations: readonly Decoration[]): boolean {
  return decorations.some((decoration) => (decoration.spec as { footnoteOpen?: boolean }).footnoteOpen === true);
}

/** Says that a note editor took or gave up the focus. */
export function setEditing(tr: Transaction, editing: boolean): Transaction {
  return tr.setMeta(footnotesKey, { editing } satisfies FootnotesMeta);
}

/** The number a node view was given by its decorations; 0 when it has none (not numbered yet). */
export function numberFrom(decorations: readonly Decoration[]): number {
  for (const decoration of decorations) {
    const number = (decoration.spec as { footnoteNumber?: number }).footnoteNumber;
    if (typeof number === 'number') return number;
  }
  return 0;
}
