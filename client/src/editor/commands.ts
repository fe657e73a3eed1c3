/**
 * The editing commands the toolbar and the keyboard share, and the questions the toolbar asks of
 * a state ("is bold on here?"). Everything is a ProseMirror command over our shared schema, so
 * every change is one transaction that y-prosemirror turns into one Yjs update.
 */
import { chainCommands, exitCode, lift, setBlockType, toggleMark, wrapIn } from 'prosemirror-commands';
import type { MarkType, Node as PMNode, NodeType, ResolvedPos } from 'prosemirror-model';
import { liftListItem, wrapInList } from 'prosemirror-schema-list';
import { type Command, type EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { addRowAfter, goToNextCell, isInTable, selectionCell } from 'prosemirror-tables';
import { schema } from '../../../shared/schema';
import { safeHref } from '../../../shared/links';
import { editingNote, requestOpen } from './footnote-state';
import { suggestingKey, suggestingState } from './suggesting';

const { nodes, marks } = schema;

/** Is the mark on at the cursor (stored or inherited), or anywhere in the selected range? */
export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks ?? $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
}

/** Is the selection's innermost textblock of this type (and these attributes)? */
export function blockActive(state: EditorState, type: NodeType, attrs: Record<string, unknown> = {}): boolean {
  const { $from, to } = state.selection;
  if (to > $from.end()) return false;
  const parent = $from.parent;
  return parent.type === type && Object.entries(attrs).every(([key, value]) => parent.attrs[key] === value);
}

/** Is the selection inside a node of this type (a list, a quote)? The nearest list decides for lists. */
export function insideNode(state: EditorState, type: NodeType): boolean {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type === type) return true;
    if (type.name.endsWith('_list') && node.type.name.endsWith('_list')) return false;
  }
  return false;
}

export const setParagraph: Command = setBlockType(nodes.paragraph);

/**
 * A learning outcome (#20) from the paragraph or heading the cursor is in, and back to a paragraph
 * from an outcome. The block keeps its words; its id is given back by the id plugin (a changed
 * block type drops attributes), so references to it still find it.
 */
export const toggleOutcome: Command = (state, dispatch) =>
  blockActive(state, nodes.learning_outcome) ? setParagraph(state, dispatch) : setBlockType(nodes.learning_outcome)(state, dispatch);

/**
 * Enter in a learning outcome, as in a list: at the end of an outcome a new outcome follows (people
 * write outcomes one after another), and Enter in an empty outcome ends the run with a paragraph.
 * Elsewhere in an outcome the ordinary split applies (both halves stay outcomes).
 */
export const outcomeEnter: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== nodes.learning_outcome) return false;
  if ($from.parent.content.size === 0) return setParagraph(state, dispatch);
  if ($from.parentOffset !== $from.parent.content.size) return false;
  dispatch?.(state.tr.split($from.pos, 1, [{ type: nodes.learning_outcome }]).scrollIntoView());
  return true;
};

export function setHeading(level: 1 | 2 | 3): Command {
  return setBlockType(nodes.heading, { level });
}

export function toggle(type: MarkType): Command {
  return toggleMark(type);
}

/** A list button turns the list off when you are in that kind of list, else wraps in it. */
export function toggleList(type: NodeType): Command {
  return (state, dispatch) => {
    if (insideNode(state, type)) return liftListItem(nodes.list_item)(state, dispatch);
    return wrapInList(type)(state, dispatch);
  };
}

export const toggleBlockquote: Command = (state, dispatch) =>
  insideNode(state, nodes.blockquote) ? lift(state, dispatch) : wrapIn(nodes.blockquote)(state, dispatch);

const insertHardBreakNode: Command = (state, dispatch) => {
  if (!state.selection.$from.parent.type.contentMatch.matchType(nodes.hard_break)) return false;
  dispatch?.(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
  return true;
};

/** In a code-like block exitCode leaves it; everywhere else a line break inside the paragraph. */
export const insertHardBreak: Command = chainCommands(exitCode, insertHardBreakNode);

function cell(type: NodeType): PMNode {
  return type.createAndFill()!;
}

/**
 * A 3 × 3 table whose first row is a header row: the shape most syllabus tables start from. The
 * cursor goes into its first cell, and a paragraph follows it when nothing else would, so there
 * is always somewhere to write below the table.
 *
 * Selected text is never replaced: the table goes after the block the selection ends in (as in
 * word processors, inserting is not typing over). With a bare cursor it goes where the cursor is,
 * splitting the paragraph there or taking the place of an empty one.
 */
export const insertTable: Command = (state, dispatch) => insertTableNode(plainTable())(state, dispatch);

function plainTable(): PMNode {
  const header = nodes.table_row.create(null, [0, 1, 2].map(() => cell(nodes.table_header)));
  const rows = [1, 2].map(() => nodes.table_row.create(null, [0, 1, 2].map(() => cell(nodes.table_cell))));
  return nodes.table.create(null, [header, ...rows]);
}

/**
 * Inserts `table` as `insertTable` does (after the selected blocks, or at the cursor), for the
 * tables made elsewhere: an hours or an assessment table (#20).
 */
export const insertTableNode = (table: PMNode): Command => (state, dispatch) => {
  if (isInTable(state)) return false;
  const { empty, from, $to } = state.selection;
  // A selection of whole paragraphs (a triple click) ends at the start of the next one.
  const $end = !empty && $to.parent.isTextblock && $to.parentOffset === 0 && $to.pos > from ? state.doc.resolve($to.before()) : $to;
  const afterBlock = empty ? null : placeAfter($end, table);
  if (!empty && afterBlock === null) return false;
  if (!dispatch) return true;
  const tr = state.tr;
  let tablePos = -1;
  if (afterBlock !== null) {
    tr.insert(afterBlock, table);
    tablePos = afterBlock;
  } else {
    tr.replaceSelectionWith(table);
    tr.doc.nodesBetween(tr.mapping.map(from, -1), tr.selection.to, (node, pos) => {
      if (tablePos >= 0) return false;
      if (node.type === nodes.table) tablePos = pos;
      return true;
    });
  }
  if (tablePos < 0) return false;
  const after = tablePos + tr.doc.nodeAt(tablePos)!.nodeSize;
  const $after = tr.doc.resolve(after);
  if ($after.index() >= $after.parent.childCount) tr.insert(after, nodes.paragraph.create());
  tr.setSelection(TextSelection.near(tr.doc.resolve(tablePos + 1 + firstEmptyCell(table))));
  dispatch(tr.scrollIntoView());
  return true;
};

/**
 * Where the cursor goes in a new table, relative to its content: the first cell with nothing in it
 * (the first cell of a blank table; the first under the header of one whose header is written).
 */
function firstEmptyCell(table: PMNode): number {
  let found = 0;
  let done = false;
  table.descendants((node, pos) => {
    if (done) return false;
    if ((node.type === nodes.table_cell || node.type === nodes.table_header) && node.textContent === '') {
      found = pos;
      done = true;
    }
    return !done && node.type === nodes.table_row;
  });
  return found;
}

/**
 * The first place after the block around `$pos` (or after one of its ancestors) where `node` may
 * stand; a position between blocks is itself such a place if `node` may stand there.
 */
function placeAfter($pos: ResolvedPos, node: PMNode): number | null {
  const index = $pos.index();
  if (!$pos.parent.isTextblock && $pos.parent.canReplaceWith(index, index, node.type)) return $pos.pos;
  for (let depth = $pos.depth; depth > 0; depth--) {
    const parent = $pos.node(depth - 1);
    const index = $pos.indexAfter(depth - 1);
    if (parent.canReplaceWith(index, index, node.type)) return $pos.after(depth);
  }
  return null;
}

/** Tab in a table's last cell adds a row and moves into it, as word processors do. */
export const nextCellOrNewRow: Command = (state, dispatch) => {
  if (goToNextCell(1)(state, dispatch)) return true;
  if (!isInTable(state)) return false;
  if (!dispatch) return true;
  // The new row goes right after the current one, so positions before it do not move.
  const rowEnd = selectionCell(state).after(-1);
  return addRowAfter(state, (tr) => {
    tr.setSelection(TextSelection.near(tr.doc.resolve(rowEnd + 2)));
    dispatch(tr.scrollIntoView());
  });
};

/** The link around the cursor or in the selection: the range to change and its address. */
export function linkAt(state: EditorState): { from: number; to: number; href: string } | null {
  const type = marks.link;
  const { $from, from, to, empty } = state.selection;
  if (!empty) {
    let href: string | null = null;
    state.doc.nodesBetween(from, to, (node) => {
      href ??= (type.isInSet(node.marks)?.attrs.href as string | undefined) ?? null;
    });
    return href === null ? null : { from, to, href };
  }
  const parent = $from.parent;
  const after = parent.childAfter($from.parentOffset);
  const before = $from.parentOffset > 0 ? parent.childBefore($from.parentOffset) : null;
  const hit = [before, after].find((child) => child?.node && type.isInSet(child.node.marks));
  if (!hit?.node) return null;
  const mark = type.isInSet(hit.node.marks)!;
  // Extend over the neighbouring text nodes that carry this same link.
  let first = hit.index;
  let last = hit.index;
  let start = hit.offset;
  let end = hit.offset + hit.node.nodeSize;
  while (first > 0 && mark.isInSet(parent.child(first - 1).marks)) start -= parent.child(--first).nodeSize;
  while (last + 1 < parent.childCount && mark.isInSet(parent.child(last + 1).marks)) end += parent.child(++last).nodeSize;
  const base = $from.start();
  return { from: base + start, to: base + end, href: mark.attrs.href as string };
}

export type LinkResult = 'applied' | 'removed' | 'invalid';

/**
 * Sets the link on the selection (or on the link around the cursor; with nothing selected the
 * address itself becomes the text). An empty address removes the link; anything but http, https
 * and mailto is refused, as the schema would refuse to render it.
 */
export function applyLink(state: EditorState, dispatch: (tr: Transaction) => void, raw: string): LinkResult {
  const type = marks.link;
  const existing = linkAt(state);
  if (raw.trim() === '') {
    const range = existing ?? { from: state.selection.from, to: state.selection.to };
    dispatch(state.tr.removeMark(range.from, range.to, type).scrollIntoView());
    return 'removed';
  }
  const href = safeHref(raw);
  if (!href) return 'invalid';
  const { from, to, empty } = state.selection;
  const tr = state.tr;
  if (existing) {
    tr.removeMark(existing.from, existing.to, type).addMark(existing.from, existing.to, type.create({ href }));
  } else if (!empty) {
    tr.addMark(from, to, type.create({ href }));
  } else {
    tr.insert(from, schema.text(href, [type.create({ href })]));
  }
  dispatch(tr.scrollIntoView());
  return 'applied';
}

/** Suggesting on or off (Ctrl+Alt+S / ⌘⌥S); not where it is forced on (a suggest-only connection). */
export const toggleSuggesting: Command = (state, dispatch) => {
  const current = suggestingState(state);
  if (current.forced) return false;
  dispatch?.(state.tr.setMeta(suggestingKey, { on: !current.on }));
  return true;
};

/**
 * A footnote (#18) at the cursor, or right after the selected words (the words stay, as in word
 * processors); the cursor goes after it and its note opens for writing. Not inside a note (notes
 * hold text only) nor where the text cannot hold one (a table or block selected).
 */
export const insertFootnote: Command = (state, dispatch) => {
  if (editingNote(state)) return false;
  const { $to, to } = state.selection;
  const parent = $to.parent;
  if (!parent.inlineContent || parent.type === nodes.footnote) return false;
  if (!parent.canReplaceWith($to.index(), $to.index(), nodes.footnote)) return false;
  if (!dispatch) return true;
  const note = nodes.footnote.create();
  const tr = state.tr.insert(to, note);
  tr.setSelection(TextSelection.create(tr.doc, to + note.nodeSize));
  dispatch(requestOpen(tr, to).scrollIntoView());
  return true;
};
