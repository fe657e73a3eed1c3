/**
 * Section content as Word blocks, one handler per node of the shared schema (the schema-walk test
 * holds the map complete). Headings become Word heading styles below the section title, lists use
 * Word numbering, tables have borders and a repeating header row. A learning outcome is a paragraph
 * led by its number; an hours or assessment table gets its totals row and its warnings (#20).
 */
import {
  Bookmark,
  BorderStyle,
  type FileChild,
  HeadingLevel,
  type IParagraphOptions,
  type ParagraphChild,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  WidthType,
} from 'docx';
import type { Node } from 'prosemirror-model';
import { type Anchor, type GlossaryAnchors, columnShares, curriculumTable, glossaryBookmark, outcomeNumber, shiftedLevel } from '../content';
import { BULLET_REFERENCE, HANGING, LEVEL_INDENT, orderedReference } from './docx-styles';
import { inlineChildren, plainRuns } from './docx-inline';
import type { DocxLinks } from './docx-links';
import type { DocxRevisions } from './docx-revisions';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Where in the document a node stands, as far as its Word formatting cares. */
export interface DocxContext {
  /** Level of the section title; content heading 1 becomes Heading `base + 1`. */
  base: number;
  /** Nesting depth of the enclosing list (-1 outside lists). */
  listLevel: number;
  quoteDepth: number;
  /** Inside a header cell: bold text. */
  header: boolean;
  /** The list the next list item belongs to. */
  list: { reference: string; instance: number } | null;
  /** Comment anchors per textblock. */
  anchors: Map<Node, Anchor<number[]>[]>;
  /** Hands out list instances (each list numbers from its start) and records the starts used. */
  lists: ListInstances;
  /** Usable width in twips, for table columns. */
  width: number;
  /** Open suggestions as tracked changes (section content; the master's own blocks have none). */
  revisions?: DocxRevisions;
  /** Footnotes, cross-references and targets' bookmarks (section content only). */
  links?: DocxLinks;
  /**
   * A table's bookmark, waiting for the first paragraph of its first cell (Word bookmarks sit in
   * paragraphs); the first textblock that finds it takes it, so it is written once.
   */
  pendingBookmark?: { name: string | null };
  /** The glossary entries the file holds (its appendix): terms link to them, their headings hold the bookmarks. */
  glossary?: GlossaryAnchors;
}

export class ListInstances {
  private next = 1;
  readonly starts = new Set<number>();

  take(start: number): number {
    this.starts.add(start);
    return this.next++;
  }
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

const QUOTE_BORDER = { style: BorderStyle.SINGLE, size: 12, color: '999999', space: 8 };
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '777777' };
const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' };

/** Indent and left rule of the blockquotes around a paragraph; list indentation on top. */
function blockProps(context: DocxContext): Writable<IParagraphOptions> {
  const quote = LEVEL_INDENT * context.quoteDepth;
  const props: Writable<IParagraphOptions> = {};
  if (context.quoteDepth > 0) props.border = { left: QUOTE_BORDER };
  if (context.listLevel >= 0) props.indent = { left: quote + LEVEL_INDENT * (context.listLevel + 1) };
  else if (quote) props.indent = { left: quote };
  return props;
}

function textblock(node: Node, context: DocxContext, extra: IParagraphOptions = {}, bookmarks: (string | null)[] = [], lead: ParagraphChild[] = []): Paragraph {
  const inline = { bold: context.header, anchors: context.anchors.get(node), revisions: context.revisions, links: context.links, glossary: context.glossary };
  let children: ParagraphChild[] = [...lead, ...inlineChildren(node, inline)];
  const pending = context.pendingBookmark?.name ?? null;
  if (pending) context.pendingBookmark!.name = null;
  for (const name of [...bookmarks, pending]) if (name) children = [new Bookmark({ id: name, children })];
  return new Paragraph({ ...blockProps(context), ...extra, children });
}

/** The bookmark of the glossary entry whose heading this is (the glossary appendix's). */
function glossaryBookmarkOf(node: Node, context: DocxContext): string | null {
  const entry = context.glossary?.claim(node);
  return entry ? glossaryBookmark(entry) : null;
}

/** The bookmark of a heading or table a cross-reference can point at, at its first place. */
function bookmarkOf(node: Node, context: DocxContext): string | null {
  const id = node.attrs.id;
  return context.links && typeof id === 'string' && id ? context.links.bookmarks.claim(context.links.section, id) : null;
}

function blocks(node: Node, context: DocxContext): FileChild[] {
  const result: FileChild[] = [];
  node.forEach((child) => result.push(...renderBlock(child, context)));
  return result;
}

function list(reference: (start: number) => string, start: (node: Node) => number) {
  return (node: Node, context: DocxContext): FileChild[] => {
    const first = start(node);
    const inner = { ...context, listLevel: context.listLevel + 1, list: { reference: reference(first), instance: context.lists.take(first) } };
    return blocks(node, inner);
  };
}

/** The first paragraph of an item carries the number or bullet; the rest align under its text. */
function listItem(node: Node, context: DocxContext): FileChild[] {
  const result: FileChild[] = [];
  node.forEach((child, _offset, index) => {
    if (index === 0 && child.type.name === 'paragraph' && context.list) {
      const level = Math.min(8, context.listLevel);
      const left = LEVEL_INDENT * context.quoteDepth + LEVEL_INDENT * (level + 1);
      result.push(
        textblock(child, context, {
          numbering: { reference: context.list.reference, level, instance: context.list.instance },
          indent: { left, hanging: HANGING },
        }),
      );
    } else result.push(...renderBlock(child, context));
  });
  return result;
}

function columnCount(table: Node): number {
  let max = 1;
  table.forEach((row) => {
    let count = 0;
    row.forEach((cell) => (count += Math.max(1, Number(cell.attrs.colspan) || 1)));
    max = Math.max(max, count);
  });
  return max;
}

const isHeaderRow = (row: Node) => {
  let headers = row.childCount > 0;
  row.forEach((cell) => (headers &&= cell.type.name === 'table_header'));
  return headers;
};

/** An hours or assessment table with its totals row, then its warnings; any other table as it is. */
function table(node: Node, context: DocxContext): FileChild[] {
  const shown = curriculumTable(node, context.links?.labels.lang);
  return [...wordTable(shown.table, context), ...shown.notes.map((note) => textblock(note, context))];
}

function wordTable(node: Node, context: DocxContext): FileChild[] {
  const columns = columnCount(node);
  const rows: TableRow[] = [];
  let leading = true;
  const shares = columnShares(node, columns) ?? Array.from({ length: columns }, () => 1 / columns);
  const widths = shares.map((share) => Math.floor(share * context.width));
  // Cells get the average column width for their content (nested tables); the grid is exact.
  const cellContext = { ...context, width: Math.floor(context.width / columns) };
  const bookmark = bookmarkOf(node, context);
  node.forEach((row, _offset, index) => {
    // Only the header rows at the top repeat on each page: Word ignores the flag further down.
    leading &&= isHeaderRow(row);
    rows.push(tableRow(row, index === 0 && bookmark ? { ...cellContext, pendingBookmark: { name: bookmark } } : cellContext, leading));
  });
  return [
    new Table({
      rows,
      width: { size: context.width, type: WidthType.DXA },
      columnWidths: widths,
      borders: {
        top: CELL_BORDER,
        bottom: CELL_BORDER,
        left: CELL_BORDER,
        right: CELL_BORDER,
        insideHorizontal: CELL_BORDER,
        insideVertical: CELL_BORDER,
      },
    }),
    // Word needs a paragraph between two tables, and after a table that ends a cell.
    new Paragraph({ ...blockProps(context), children: [] }),
  ];
}

function tableRow(row: Node, context: DocxContext, header: boolean): TableRow {
  const cells: TableCell[] = [];
  row.forEach((cell) => cells.push(renderCell(cell, context)));
  return new TableRow({ children: cells, tableHeader: header, cantSplit: header });
}

const span = (value: unknown) => Math.max(1, Math.trunc(Number(value)) || 1);

function tableCell(header: boolean) {
  return (node: Node, context: DocxContext): TableCell => {
    // `context.width` is one column's width here (set by `table`).
    const inner: DocxContext = { ...context, header, listLevel: -1, quoteDepth: 0, list: null, width: context.width * span(node.attrs.colspan) };
    // A cell holds paragraphs and tables only (a contents field never comes from section content).
    const children = blocks(node, inner).filter((child): child is Paragraph | Table => child instanceof Paragraph || child instanceof Table);
    return new TableCell({
      children: children.length ? children : [new Paragraph({ children: [] })],
      columnSpan: span(node.attrs.colspan),
      rowSpan: span(node.attrs.rowspan),
      shading: header ? HEADER_SHADING : undefined,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
    });
  };
}

const blockNodes = {
  doc: (node: Node, context: DocxContext) => blocks(node, context),
  paragraph: (node: Node, context: DocxContext) => [textblock(node, context)],
  heading: (node: Node, context: DocxContext) => [
    textblock(node, context, { heading: HEADINGS[Math.min(5, shiftedLevel(node.attrs.level, context.base) - 1)] }, [bookmarkOf(node, context), glossaryBookmarkOf(node, context)]),
  ],
  /** "LO 1.2 — " in bold, then the outcome's words; a cross-reference to it leads here. */
  learning_outcome: (node: Node, context: DocxContext) => {
    const number = outcomeNumber(node);
    const lead = number ? plainRuns(`${number} — `, { bold: true }) : [];
    return [textblock(node, context, {}, [bookmarkOf(node, context)], lead)];
  },
  blockquote: (node: Node, context: DocxContext) => blocks(node, { ...context, quoteDepth: context.quoteDepth + 1 }),
  bullet_list: list(() => BULLET_REFERENCE, () => 1),
  ordered_list: list(orderedReference, (node) => Math.max(0, Math.trunc(Number(node.attrs.order)) || 1)),
  list_item: listItem,
  table,
};

const tableParts = {
  table_row: (node: Node, context: DocxContext) => tableRow(node, context, isHeaderRow(node)),
  table_header: tableCell(true),
  table_cell: tableCell(false),
};

/** An inline node outside a textblock (never in valid content) keeps its text in a paragraph. */
const standalone = (node: Node, context: DocxContext) => [
  new Paragraph({ ...blockProps(context), children: inlineChildren(node.type.schema.nodes.paragraph.create(null, node), {}) }),
];

/**
 * Inline nodes are written by `inlineChildren` inside their textblock (see docxMarks for marks):
 * footnotes as Word footnotes, cross-references as internal hyperlinks (docx-links.ts).
 */
const inlineNodes = { text: standalone, hard_break: standalone, footnote: standalone, cross_reference: standalone };

/** Every node of the schema and what it becomes in Word (read by the schema-walk test). */
export const docxNodes = { ...blockNodes, ...tableParts, ...inlineNodes };

function renderCell(cell: Node, context: DocxContext): TableCell {
  return cell.type.name === 'table_header' ? tableParts.table_header(cell, context) : tableParts.table_cell(cell, context);
}

export function renderBlock(node: Node, context: DocxContext): FileChild[] {
  const name = node.type.name;
  if (name in blockNodes) return blockNodes[name as keyof typeof blockNodes](node, context);
  if (node.isInline) return standalone(node, context);
  // A node the schema-walk test did not see (cannot happen for the shared schema): keep its content.
  return node.isTextblock ? [textblock(node, context)] : blocks(node, context);
}
