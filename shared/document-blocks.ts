/**
 * A section read as readers see it: its text blocks (headings, paragraphs, list items, table
 * cells, quotes) in reading order, each with its formatting as runs of marks and its place in the
 * lists and tables around it, so that a comparison can be laid out again as the document it is
 * about. Used by `document-diff.ts`.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { safeHref } from './links';

/**
 * A mark of the shared schema as a comparison carries it; a link only with a safe address. Open
 * suggestions (`insertion`, `deletion`, #17) are marks like the others here: comparing two versions
 * that keep them shows a suggestion made as text inserted with its mark, or as a formatting change
 * to 'suggested for deletion', and one accepted or rejected as the mark going or the text going.
 * Who made a suggestion is not part of the comparison; that it is one is.
 *
 * Two kinds are not marks of the schema but places (#18): `footnote` is on the words of a footnote,
 * which stand in the block's text where the footnote stands, so adding a note or changing its words
 * shows as text inserted or changed, inside a note; `reference` is on the label a cross-reference
 * showed when it was inserted. Where a reference points (its target) and the ids of headings and
 * tables are not text: changing them alone changes nothing in a comparison.
 */
export interface DiffMark {
  type: 'footnote' | 'reference' | 'bold' | 'italic' | 'underline' | 'strike' | 'subscript' | 'superscript' | 'link' | 'insertion' | 'deletion';
  href?: string;
}

/** Where a block sits in a table: the table's index in its text, the row, the column (from 0). */
export interface CellPlace {
  table: number;
  row: number;
  column: number;
  header: boolean;
}

/** Where a block sits in a list: the innermost list's kind, its depth (1 = top level). */
export interface ListPlace {
  kind: 'bullet' | 'ordered';
  depth: number;
  /** The block opens a list item (later blocks of the same item continue it). */
  itemStart: boolean;
  /** The first number of an ordered list that does not start at 1, on its first item. */
  start?: number;
}

/** A stretch of a block's text with one set of marks; `from`/`to` index the block's text. */
export interface MarkRun {
  from: number;
  to: number;
  marks: DiffMark[];
  /** The marks as one comparable string ('' without marks). */
  signature: string;
}

export interface Block {
  /** heading, paragraph, bullet item, ordered item, table cell, quote */
  kind: string;
  level: number | null;
  text: string;
  runs: MarkRun[];
  /** Where each footnote's words are in `text` (one range per footnote with words), in order. */
  notes: { from: number; to: number }[];
  cell?: CellPlace;
  list?: ListPlace;
}

/** The schema's marks a comparison carries, outermost first (a note or a reference holds the others). */
const MARK_ORDER: DiffMark['type'][] = ['link', 'bold', 'italic', 'underline', 'strike', 'subscript', 'superscript', 'insertion', 'deletion'];

function marksOf(node: ProseMirrorNode, place: DiffMark[] = []): DiffMark[] {
  const marks: DiffMark[] = [...place];
  for (const type of MARK_ORDER) {
    const mark = node.marks.find((candidate) => candidate.type.name === type);
    if (!mark) continue;
    if (type !== 'link') marks.push({ type });
    else {
      // A stored address that is not safe is shown as plain text, as the editor does.
      const href = safeHref(mark.attrs.href);
      if (href) marks.push({ type, href });
    }
  }
  return marks;
}

export const signatureOf = (marks: readonly DiffMark[]): string =>
  marks.map((mark) => (mark.href === undefined ? mark.type : `${mark.type}=${mark.href}`)).join(' ');

/**
 * The text of a text block and its runs of marks, merged: a hard break is a line break, a
 * footnote's words stand where the footnote does (marked `footnote`), a cross-reference is its label.
 */
function textAndRuns(node: ProseMirrorNode): Pick<Block, 'text' | 'runs' | 'notes'> {
  let text = '';
  const runs: MarkRun[] = [];
  const notes: Block['notes'] = [];
  const add = (piece: string, marks: DiffMark[]) => {
    if (piece === '') return;
    const signature = signatureOf(marks);
    const last = runs[runs.length - 1];
    if (last && last.signature === signature) last.to += piece.length;
    else runs.push({ from: text.length, to: text.length + piece.length, marks, signature });
    text += piece;
  };
  node.forEach((child) => {
    const name = child.type.name;
    if (child.isText) add(child.text ?? '', marksOf(child));
    else if (name === 'hard_break') add('\n', []);
    else if (name === 'cross_reference') add(String(child.attrs.label ?? ''), marksOf(child, [{ type: 'reference' }]));
    else if (name === 'footnote') {
      const from = text.length;
      child.forEach((part) => add(part.isText ? (part.text ?? '') : '', marksOf(part, [{ type: 'footnote' }])));
      if (text.length > from) notes.push({ from, to: text.length });
    }
  });
  return { text, runs, notes };
}

interface Context {
  kind: string | null;
  cell?: CellPlace;
  lists: ListPlace['kind'][];
  /** The next text block opens a list item. */
  itemStart: boolean;
  start?: number;
}

/** The text blocks of a document in reading order, each with the context that names and places it. */
export function blocksOf(doc: ProseMirrorNode): Block[] {
  const blocks: Block[] = [];
  let tables = 0;
  const walk = (node: ProseMirrorNode, context: Context) => {
    if (node.isTextblock) {
      const { text, runs, notes } = textAndRuns(node);
      const heading = node.type.name === 'heading';
      const block: Block = {
        kind: heading ? 'heading' : node.type.name === 'learning_outcome' ? 'outcome' : (context.kind ?? 'paragraph'),
        level: heading ? Number(node.attrs.level) : null,
        text,
        runs,
        notes,
      };
      if (context.cell) block.cell = context.cell;
      const kind = context.lists[context.lists.length - 1];
      if (kind) {
        block.list = { kind, depth: context.lists.length, itemStart: context.itemStart };
        if (context.itemStart && context.start !== undefined) block.list.start = context.start;
      }
      context.itemStart = false;
      context.start = undefined;
      blocks.push(block);
      return;
    }
    const name = node.type.name;
    if (name === 'table') {
      const table = tables++;
      node.forEach((row, _offset, rowIndex) =>
        row.forEach((cell, _cellOffset, column) => {
          const place: CellPlace = { table, row: rowIndex, column, header: cell.type.name === 'table_header' };
          cell.forEach((child) => walk(child, { kind: 'table cell', cell: place, lists: [], itemStart: false }));
        }),
      );
      return;
    }
    if (name === 'bullet_list' || name === 'ordered_list') {
      const kind = name === 'bullet_list' ? 'bullet' : 'ordered';
      const lists = [...context.lists, kind] as ListPlace['kind'][];
      const order = name === 'ordered_list' ? Number(node.attrs.order) : 1;
      node.forEach((item, _offset, index) => {
        const inner: Context = { kind: `${kind} item`, cell: context.cell, lists, itemStart: true };
        if (index === 0 && order !== 1) inner.start = order;
        item.forEach((child) => walk(child, inner));
      });
      return;
    }
    const inner: Context = name === 'blockquote' ? { ...context, kind: 'quote' } : context;
    node.forEach((child) => walk(child, inner));
    if (name === 'blockquote') context.itemStart = inner.itemStart;
  };
  walk(doc, { kind: null, lists: [], itemStart: false });
  return blocks;
}
