/**
 * prosemirror-markdown's serializer extended to the shared schema. One handler per node and mark
 * (the schema-walk test holds the maps complete). CommonMark has no underline, subscript or
 * superscript, so those are written as inline HTML (<u>, <sub>, <sup>); tables are GFM tables.
 * Text escapes `<`, `>`, `&` and `|` too, so no text can become HTML or break a table row.
 * Open suggestions, when the export shows them, are CriticMarkup (`{++inserted++}`,
 * `{--deleted--}`): plain text that reads as what it is, and that CriticMarkup tools render as
 * changes. A deletion proposed over a proposed insertion is the one inside the other.
 */
import {
  MarkdownSerializer,
  type MarkdownSerializerState,
  defaultMarkdownSerializer,
} from 'prosemirror-markdown';
import type { Mark, Node } from 'prosemirror-model';
import { safeHref } from '../../../shared/links';

type NodeHandler = MarkdownSerializer['nodes'][string];
type MarkSpec = MarkdownSerializer['marks'][string];

const base = defaultMarkdownSerializer.nodes;
const ESCAPE_EXTRA = /[<>&|]/g;

/** A link destination that cannot end the link early: spaces and angle brackets percent-encoded. */
function destination(href: string): string {
  return href.replace(/[\s<>]/g, (char) => encodeURIComponent(char)).replace(/[()\\]/g, '\\$&');
}

function title(mark: Mark): string {
  const value = typeof mark.attrs.title === 'string' ? mark.attrs.title : '';
  return value ? ` "${value.replace(/["\\]/g, '\\$&')}"` : '';
}

const html = (tag: string): MarkSpec => ({ open: `<${tag}>`, close: `</${tag}>`, mixable: true, expelEnclosingWhitespace: true });

export const markdownMarks: Record<string, MarkSpec> = {
  bold: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
  italic: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
  insertion: { open: '{++', close: '++}', mixable: true },
  deletion: { open: '{--', close: '--}', mixable: true },
  underline: html('u'),
  subscript: html('sub'),
  superscript: html('sup'),
  // An unsafe target keeps its text and loses the link.
  link: {
    open: (_state, mark) => (safeHref(mark.attrs.href) ? '[' : ''),
    close: (_state, mark) => {
      const href = safeHref(mark.attrs.href);
      return href ? `](${destination(href)}${title(mark)})` : '';
    },
    mixable: true,
  },
};

/**
 * A cell of a GFM table is one line: its blocks are joined with <br>, and so are hard breaks and
 * list lines inside it (a documented flattening: GFM cells hold inline content only).
 */
function cellText(cell: Node): string {
  return cellSerializer
    .serialize(cell)
    .trim()
    .replace(/\\\n/g, '<br>')
    .replace(/\n+/g, '<br>');
}

function table(state: MarkdownSerializerState, node: Node): void {
  const rows: string[][] = [];
  node.forEach((row) => {
    const cells: string[] = [];
    row.forEach((cell) => {
      cells.push(cellText(cell));
      // GFM has no spans: a spanned cell is followed by empty ones so the columns still line up.
      for (let i = 1; i < Math.max(1, Math.trunc(Number(cell.attrs.colspan)) || 1); i++) cells.push('');
    });
    rows.push(cells);
  });
  const width = Math.max(1, ...rows.map((cells) => cells.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  rows.forEach((cells, index) => {
    state.write(line(cells));
    state.ensureNewLine();
    // GFM's first row is always the header row.
    if (index === 0) {
      state.write(`|${' --- |'.repeat(width)}`);
      state.ensureNewLine();
    }
  });
  state.closeBlock(node);
}

/** Rows and cells are written by `table`; on their own (never in valid content) they are text. */
const insideTable: NodeHandler = (state, node) => {
  state.renderInline(node);
  state.closeBlock(node);
};

function nodes(headingShift: number): Record<string, NodeHandler> {
  return {
    doc: (state, node) => state.renderContent(node),
    paragraph: base.paragraph,
    heading: (state, node) => {
      const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 1) + headingShift);
      state.write(`${'#'.repeat(level)} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    blockquote: base.blockquote,
    bullet_list: (state, node) => state.renderList(node, '  ', () => '- '),
    ordered_list: base.ordered_list,
    list_item: base.list_item,
    table,
    table_row: insideTable,
    table_header: insideTable,
    table_cell: insideTable,
    text: base.text,
    hard_break: base.hard_break,
  };
}

const options = { escapeExtraCharacters: ESCAPE_EXTRA };

/** The node handlers as the schema-walk test sees them. */
export const markdownNodes = nodes(0);

/** Writes nodes with their own heading levels (the master's title page and section titles). */
export const masterSerializer = new MarkdownSerializer(markdownNodes, markdownMarks, options);

/** Writes section content: its headings sit two levels down, below `#` course and `##` section. */
export const contentSerializer = new MarkdownSerializer(nodes(2), markdownMarks, options);

const cellSerializer = new MarkdownSerializer(markdownNodes, markdownMarks, options);
