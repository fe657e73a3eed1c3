/**
 * Tables on PDF pages: cells placed on a grid (col- and rowspans), every cell measured by drawing
 * it in a measuring flow, rows kept whole, page breaks only between rows, and the header rows
 * drawn again at the top of each new page.
 */
import type { Node } from 'prosemirror-model';
import { columnShares } from '../content';
import type { PdfContext, RenderBlock } from './pdf-context';

const PAD_X = 5;
const PAD_TOP = 5;
const TABLE_GAP = 8;
const BORDER = '#777777';
const HEADER_FILL = '#e7e6e6';

interface PlacedCell {
  node: Node;
  row: number;
  col: number;
  colspan: number;
  rowspan: number;
}

const span = (value: unknown, max: number) => Math.min(max, Math.max(1, Math.trunc(Number(value)) || 1));

/** Where each cell stands, honouring cells that reach down from rows above. */
function placeCells(table: Node): { rows: PlacedCell[][]; columns: number } {
  const rows: PlacedCell[][] = [];
  const occupied: number[] = [];
  let columns = 1;
  table.forEach((row, _offset, r) => {
    const placed: PlacedCell[] = [];
    let col = 0;
    row.forEach((node) => {
      while ((occupied[col] ?? 0) > 0) col++;
      const cell = { node, row: r, col, colspan: span(node.attrs.colspan, 50), rowspan: span(node.attrs.rowspan, table.childCount - r) };
      for (let c = col; c < col + cell.colspan; c++) occupied[c] = cell.rowspan;
      placed.push(cell);
      col += cell.colspan;
      columns = Math.max(columns, col);
    });
    for (let c = 0; c < occupied.length; c++) if (occupied[c] > 0) occupied[c]--;
    rows.push(placed);
  });
  return { rows, columns };
}

const isHeaderRow = (cells: PlacedCell[]) => cells.length > 0 && cells.every((cell) => cell.node.type.name === 'table_header');

/**
 * Draws the table; each cell's blocks are drawn (and measured) with `renderBlock`. `atStart` runs
 * where the table starts, once it is on its page (a cross-reference's destination goes there).
 */
export function drawTable(table: Node, context: PdfContext, renderBlock: RenderBlock, atStart?: () => void): void {
  const { flow } = context;
  const { rows, columns } = placeCells(table);
  const shares = columnShares(table, columns) ?? Array.from({ length: columns }, () => 1 / columns);
  const edges = [0];
  for (const share of shares) edges.push(edges[edges.length - 1] + share * context.width);
  const left = (cell: PlacedCell) => context.x + edges[cell.col];
  const widthOf = (cell: PlacedCell) => edges[cell.col + cell.colspan] - edges[cell.col];
  const cellContext = (cell: PlacedCell, inner: PdfContext['flow']): PdfContext => ({
    ...context,
    flow: inner,
    x: left(cell) + PAD_X,
    width: widthOf(cell) - 2 * PAD_X,
    listDepth: -1,
    marker: null,
  });
  const measure = (cell: PlacedCell) => {
    const inner = flow.inner(0, true);
    renderBlock(cell.node, cellContext(cell, inner));
    return PAD_TOP + inner.y;
  };

  const heights = rows.map((cells) => Math.max(14, ...cells.filter((c) => c.rowspan === 1).map(measure)));
  for (const cell of rows.flat().filter((c) => c.rowspan > 1)) {
    const spanned = heights.slice(cell.row, cell.row + cell.rowspan).reduce((a, b) => a + b, 0);
    heights[cell.row + cell.rowspan - 1] += Math.max(0, measure(cell) - spanned);
  }
  // A row group ends where no cell reaches further down: groups are kept on one page.
  const groupEnd = rows.map((cells, r) => Math.max(r, ...cells.map((c) => r + c.rowspan - 1)));
  for (let r = rows.length - 2; r >= 0; r--) {
    for (let k = r + 1; k <= groupEnd[r]; k++) groupEnd[r] = Math.max(groupEnd[r], groupEnd[k]);
  }
  const heightOf = (from: number, to: number) => heights.slice(from, to + 1).reduce((a, b) => a + b, 0);

  const drawRow = (r: number) => {
    const top = flow.y;
    for (const cell of rows[r]) {
      const height = heightOf(r, r + cell.rowspan - 1);
      const header = cell.node.type.name === 'table_header';
      flow.box(left(cell), top, widthOf(cell), height, { fill: header ? HEADER_FILL : undefined, stroke: BORDER });
      renderBlock(cell.node, cellContext(cell, flow.inner(top + PAD_TOP)));
    }
    flow.y = top + heights[r];
  };

  let head = 0;
  while (head < rows.length && isHeaderRow(rows[head]) && groupEnd[head] === head) head++;
  // The header stays with the first body rows.
  flow.room(heightOf(0, head - 1) + (head < rows.length ? heightOf(head, groupEnd[head]) : 0));
  atStart?.();
  for (let r = 0; r < head; r++) drawRow(r);
  flow.onEachPage(
    () => {
      for (let r = 0; r < head; r++) drawRow(r);
    },
    () => {
      for (let r = head; r < rows.length; r++) {
        if (r === head || groupEnd[r - 1] < r) flow.room(heightOf(r, groupEnd[r]));
        drawRow(r);
      }
    },
  );
  flow.y += TABLE_GAP;
}
