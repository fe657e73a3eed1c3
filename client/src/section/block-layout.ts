/**
 * Lays out a section read as a list of text blocks (what `shared/document-diff.ts` and the
 * attribution endpoint return) as the document it is about: headings as headings, quotes as
 * quotes, list items in (nested, numbered) lists, and table cells in tables, row by row, column by
 * column. A block that says nothing of its place (the attribution's) is placed by its kind alone.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { CellPlace, ListPlace } from '../../../shared/api';

export interface LaidBlock {
  /** heading, paragraph, bullet item, ordered item, table cell, quote */
  kind: string;
  level: number | null;
  cell?: CellPlace;
  list?: ListPlace;
}

/** What a table cell says of the blocks in it (for a diff: that it changed). */
export interface CellNote {
  className: string;
  /** Read to screen readers before the cell's text. */
  label: string;
}

export interface BlockLayout<B extends LaidBlock> {
  /** The block's inline content. */
  render: (block: B) => TemplateResult;
  /** Classes of the block's element (its change, for a diff). */
  classOf?: (block: B) => string;
  /** An element before the block's content (e.g. "moved here"). */
  marker?: (block: B) => TemplateResult | typeof nothing;
  /** A note on a table cell from the blocks in it, or null. */
  cellNote?: (blocks: readonly B[]) => CellNote | null;
}

function one(kind: string, level: number | null, className: string, content: TemplateResult): TemplateResult {
  switch (kind) {
    case 'heading':
      return level === 1
        ? html`<h1 class=${className}>${content}</h1>`
        : level === 2
          ? html`<h2 class=${className}>${content}</h2>`
          : html`<h3 class=${className}>${content}</h3>`;
    case 'quote':
      return html`<blockquote class=${className}><p>${content}</p></blockquote>`;
    case 'outcome':
      return html`<p class="learning-outcome ${className}">${content}</p>`;
    default:
      return html`<p class=${className}>${content}</p>`;
  }
}

const isListKind = (kind: string) => kind === 'bullet item' || kind === 'ordered item';

/** The block's list place, or one read from its kind (a list item of a top-level list). */
function listOf(block: LaidBlock): ListPlace | null {
  if (block.list) return block.list;
  if (isListKind(block.kind)) return { kind: block.kind === 'bullet item' ? 'bullet' : 'ordered', depth: 1, itemStart: true };
  return null;
}

interface ListNode<B> {
  kind: ListPlace['kind'];
  start?: number;
  items: (B | ListNode<B>)[][];
}

/**
 * Lays out the blocks in document order.
 * @param inCell the blocks are the content of one table cell (their cell place is already used)
 */
export function layoutBlocks<B extends LaidBlock>(blocks: readonly B[], layout: BlockLayout<B>, inCell = false): TemplateResult[] {
  const out: TemplateResult[] = [];
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index];
    if (block.cell && !inCell) {
      const table = block.cell.table;
      const run: B[] = [];
      while (index < blocks.length && blocks[index].cell?.table === table) run.push(blocks[index++]);
      out.push(tableOf(run, layout));
      continue;
    }
    if (listOf(block)) {
      const run: B[] = [];
      while (index < blocks.length && listOf(blocks[index]) && (inCell || !blocks[index].cell)) run.push(blocks[index++]);
      out.push(...listsOf(run, layout));
      continue;
    }
    out.push(blockOf(block, layout));
    index++;
  }
  return out;
}

function blockOf<B extends LaidBlock>(block: B, layout: BlockLayout<B>): TemplateResult {
  const className = `block ${layout.classOf?.(block) ?? ''}`.trim();
  return one(block.kind, block.level, className, html`${layout.marker?.(block) ?? nothing}${layout.render(block)}`);
}

/** Rebuilds the lists of a run of list blocks from their depths and item starts. */
function listsOf<B extends LaidBlock>(run: readonly B[], layout: BlockLayout<B>): TemplateResult[] {
  const roots: ListNode<B>[] = [];
  const open: ListNode<B>[] = [];
  for (const block of run) {
    const place = listOf(block)!;
    while (open.length > place.depth) open.pop();
    // A list of another kind at this depth is a new list beside it.
    if (open.length === place.depth && place.itemStart && open[open.length - 1].kind !== place.kind) open.pop();
    while (open.length < place.depth) {
      const list: ListNode<B> = { kind: open.length + 1 === place.depth ? place.kind : 'bullet', items: [] };
      if (open.length + 1 === place.depth && place.start !== undefined) list.start = place.start;
      const parent = open[open.length - 1];
      if (!parent) roots.push(list);
      else {
        if (parent.items.length === 0) parent.items.push([]);
        parent.items[parent.items.length - 1].push(list);
      }
      open.push(list);
    }
    const list = open[open.length - 1];
    if (place.itemStart || list.items.length === 0) list.items.push([block]);
    else list.items[list.items.length - 1].push(block);
  }
  const render = (list: ListNode<B>): TemplateResult => {
    const items = list.items.map(
      (item) => html`<li>${item.map((part) => ('items' in part ? render(part) : blockOf(part, layout)))}</li>`,
    );
    return list.kind === 'bullet' ? html`<ul>${items}</ul>` : html`<ol start=${list.start ?? nothing}>${items}</ol>`;
  };
  return roots.map(render);
}

/** Rebuilds a table from its cells' rows and columns; a cell with a note is marked. */
function tableOf<B extends LaidBlock>(run: readonly B[], layout: BlockLayout<B>): TemplateResult {
  const rows = new Map<number, Map<number, B[]>>();
  let columns = 0;
  for (const block of run) {
    const { row, column } = block.cell!;
    if (!rows.has(row)) rows.set(row, new Map());
    const cells = rows.get(row)!;
    cells.set(column, [...(cells.get(column) ?? []), block]);
    columns = Math.max(columns, column + 1);
  }
  const body = [...rows.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const cells = rows.get(row)!;
      return html`<tr>
        ${Array.from({ length: columns }, (_, column) => {
          const blocks = cells.get(column) ?? [];
          const note = blocks.length > 0 ? (layout.cellNote?.(blocks) ?? null) : null;
          const content = html`${note ? html`<span class="visually-hidden">${note.label}</span>` : nothing}${layoutBlocks(blocks, layout, true)}`;
          return blocks.some((block) => block.cell!.header)
            ? html`<th scope="col" class=${note?.className ?? nothing}>${content}</th>`
            : html`<td class=${note?.className ?? nothing}>${content}</td>`;
        })}
      </tr>`;
    });
  return html`<div class="table-scroll"><table class="laid-table">
    <tbody>
      ${body}
    </tbody>
  </table></div>`;
}
