/**
 * Section content on PDF pages, one handler per node and mark of the shared schema (the
 * schema-walk test holds the maps complete): headings by size, paragraphs of styled spans, lists
 * with bullets or numbers indented per level, blockquotes with a left rule, and tables. A learning
 * outcome is a paragraph led by its number, an hours or assessment table gets its totals row and
 * warnings, and a glossary term is set in italics (#20): a PDF is printed, where a link leads nowhere.
 */
import type { Mark, Node } from 'prosemirror-model';
import { safeHref } from '../../../shared/links';
import { curriculumTable, outcomeNumber, shiftedLevel } from '../content';
import type { PdfContext, PdfLinks } from './pdf-context';
import { ASCENT, DESCENT, FACES } from './pdf-fonts';
import { drawTable } from './pdf-table';
import { BODY, type Span, type TextStyle, drawLines, layoutLines, lineHeight } from './pdf-text';

export const LINK_COLOUR = '#0b57d0';
/** Open suggestions, when the export shows them: proposed text underlined in green, text proposed for deletion struck in red. */
const INSERTION_COLOUR = '#1b7f3b';
const DELETION_COLOUR = '#b3261e';
const HEADING_COLOUR = '#17365d';
/** Font size of headings by their level in the whole document (1 = section title). */
const HEADING_SIZES = [18, 15, 13, 11.5, 10.5, 10.5];
const PARAGRAPH_GAP = 6;
const LIST_INDENT = 18;
const QUOTE_INDENT = 16;
const BULLETS = ['•', '◦', '▪'];

export const pdfMarks: Record<string, (style: TextStyle, mark: Mark) => TextStyle> = {
  bold: (style) => ({ ...style, bold: true }),
  italic: (style) => ({ ...style, italic: true }),
  underline: (style) => ({ ...style, underline: true }),
  strike: (style) => ({ ...style, strike: true }),
  subscript: (style) => ({ ...style, script: 'sub' }),
  superscript: (style) => ({ ...style, script: 'sup' }),
  // An unsafe target is drawn as plain text: no annotation, no link colour.
  link: (style, mark) => {
    const href = safeHref(mark.attrs.href);
    return href ? { ...style, link: href, color: LINK_COLOUR, underline: true } : style;
  },
  glossary_term: (style) => ({ ...style, italic: true }),
  // After the link in the schema's order, so a suggested link shows as a suggestion.
  insertion: (style) => ({ ...style, color: INSERTION_COLOUR, underline: true }),
  deletion: (style) => ({ ...style, color: DELETION_COLOUR, strike: true }),
};

const marked = (node: Node, style: TextStyle) => node.marks.reduce((current, mark) => pdfMarks[mark.type.name]?.(current, mark) ?? current, style);

/**
 * The PDF's footnotes are end notes: listed at the end of their section under "Notes" (pdf-notes.ts),
 * the number in the text linked to the note and the note's number linked back. Notes at the foot of
 * each page would have to reserve room as lines are placed, including inside table rows that are
 * measured before they are drawn and drawn again on each page; end notes are exact and never split.
 */
export const noteDestination = (n: number) => `fn-${n}`;
export const noteReferenceDestination = (n: number) => `fnref-${n}`;

function footnote(node: Node, style: TextStyle, links?: PdfLinks): Span[] {
  // Outside section content (never in practice) the note stays in the text, in brackets.
  if (!links) return [{ text: ` (${node.textContent})`, style: marked(node, style) }];
  const n = links.notes.numberOf(node);
  const own = { ...style, script: 'sup' as const, color: LINK_COLOUR, goTo: noteDestination(n), anchor: noteReferenceDestination(n) };
  return [{ text: String(n), style: marked(node, own) }];
}

function crossReference(node: Node, style: TextStyle, links?: PdfLinks): Span[] {
  if (!links) return [{ text: String(node.attrs.label ?? ''), style: marked(node, style) }];
  const reference = links.references.resolve(node);
  if (reference.broken) {
    const marker = { text: links.labels.brokenReference, style: marked(node, { ...style, bold: true, color: DELETION_COLOUR }) };
    return reference.label ? [{ text: `${reference.label} `, style: marked(node, style) }, marker] : [marker];
  }
  if (!reference.to) return [{ text: reference.label, style: marked(node, style) }];
  const goTo = links.anchors.name(reference.to.section, reference.to.target);
  return [{ text: reference.label, style: marked(node, { ...style, goTo, color: LINK_COLOUR, underline: true }) }];
}

const inlineNodes = {
  text: (node: Node, style: TextStyle): Span[] => [{ text: node.text ?? '', style: marked(node, style) }],
  hard_break: (): Span[] => [{ break: true }],
  footnote,
  cross_reference: crossReference,
};

export function spansOf(block: Node, style: TextStyle, links?: PdfLinks): Span[] {
  const spans: Span[] = [];
  block.forEach((child) => {
    const handler = inlineNodes[child.type.name as keyof typeof inlineNodes];
    spans.push(...(handler ? handler(child, style, links) : [{ text: child.textContent, style }]));
  });
  return spans;
}

/** The destination of a heading or table a cross-reference can point at, placed here. */
function targetDestination(node: Node, context: PdfContext): void {
  const id = node.attrs.id;
  if (context.links && typeof id === 'string' && id) context.flow.destination(context.links.anchors.name(context.links.section, id));
}

/** Draws the block's text; a list item's marker goes beside the first line. */
function textblock(node: Node, context: PdfContext, style: TextStyle, lead: Span[] = []): void {
  const { flow } = context;
  const lines = layoutLines(flow.doc, [...lead, ...spansOf(node, style, context.links)], context.width, style.size);
  if (context.marker) {
    const first = lineHeight(lines[0]);
    flow.room(first);
    const markerTop = flow.y + (first - lines[0].size * (ASCENT + DESCENT)) / 2 + (lines[0].size - style.size) * ASCENT;
    const markerWidth = flow.doc.font(FACES.regular).fontSize(style.size).widthOfString(context.marker);
    flow.text(context.marker, context.x - 4 - markerWidth, markerTop, FACES.regular, style.size, { color: style.color });
  }
  drawLines(flow, lines, context.x, context.width);
}

function children(node: Node, context: PdfContext): void {
  node.forEach((child, _offset, index) => {
    // Only the item's first block carries its marker.
    renderBlock(child, index === 0 ? context : { ...context, marker: null });
  });
}

function list(marker: (node: Node, index: number, depth: number) => string) {
  return (node: Node, context: PdfContext) => {
    const depth = context.listDepth + 1;
    node.forEach((item, _offset, index) => {
      const inner = { ...context, x: context.x + LIST_INDENT, width: context.width - LIST_INDENT, listDepth: depth, marker: marker(node, index, depth) };
      renderBlock(item, inner);
    });
  };
}

function roman(n: number): string {
  const numerals: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, numeral] of numerals) for (; n >= value; n -= value) out += numeral;
  return out || '0';
}

/** 1. at the first level, a. at the second, i. at the third, as Word numbers nested lists. */
const ordinal = (node: Node, index: number, depth: number) => {
  const n = Math.max(0, Math.trunc(Number(node.attrs.order)) || 1) + index;
  if (depth % 3 === 1) return `${n >= 1 ? String.fromCharCode(96 + (((n - 1) % 26) + 1)) : n}.`;
  if (depth % 3 === 2) return `${roman(Math.min(n, 3999))}.`;
  return `${n}.`;
};

const blockNodes = {
  doc: children,
  paragraph: (node: Node, context: PdfContext) => {
    textblock(node, context, context.style);
    context.flow.y += PARAGRAPH_GAP;
  },
  heading: (node: Node, context: PdfContext) => {
    const level = shiftedLevel(node.attrs.level, context.base);
    const style = { ...context.style, bold: true, italic: level >= 4, color: HEADING_COLOUR, size: HEADING_SIZES[Math.min(5, level - 1)] };
    context.flow.y += style.size * 0.5;
    // Keep a heading with the first lines under it.
    context.flow.room(style.size * 1.4 + BODY.size * 1.4 * 2);
    targetDestination(node, context);
    textblock(node, context, style);
    context.flow.y += PARAGRAPH_GAP / 2;
  },
  learning_outcome: (node: Node, context: PdfContext) => {
    const number = outcomeNumber(node);
    // On the page of its first line, so a reference to it leads there.
    context.flow.room(context.style.size * 1.4);
    targetDestination(node, context);
    textblock(node, context, context.style, number ? [{ text: `${number} — `, style: { ...context.style, bold: true } }] : []);
    context.flow.y += PARAGRAPH_GAP;
  },
  blockquote: (node: Node, context: PdfContext) => {
    const inner = { ...context, x: context.x + QUOTE_INDENT, width: context.width - QUOTE_INDENT };
    context.flow.withRule(context.x + 4, () => children(node, inner));
  },
  bullet_list: list((_node, _index, depth) => BULLETS[depth % BULLETS.length]),
  ordered_list: list(ordinal),
  list_item: (node: Node, context: PdfContext) => children(node, context),
  // An hours or assessment table with its totals row, then its warnings; any other table as it is.
  table: (node: Node, context: PdfContext) => {
    const shown = curriculumTable(node, context.links?.labels.lang);
    drawTable(shown.table, context, renderBlock, () => targetDestination(node, context));
    for (const note of shown.notes) renderBlock(note, context);
  },
};

/** Rows and cells are drawn by `drawTable`, which calls these for each cell's content. */
const tableParts = {
  table_row: (node: Node, context: PdfContext) => children(node, context),
  table_header: (node: Node, context: PdfContext) => children(node, { ...context, style: { ...context.style, bold: true } }),
  table_cell: (node: Node, context: PdfContext) => children(node, context),
};

/** Every node of the schema and how it is drawn (read by the schema-walk test). */
export const pdfNodes = { ...blockNodes, ...tableParts, ...inlineNodes };

export function renderBlock(node: Node, context: PdfContext): void {
  const name = node.type.name;
  if (name in blockNodes) return blockNodes[name as keyof typeof blockNodes](node, context);
  if (name in tableParts) return tableParts[name as keyof typeof tableParts](node, context);
  // An inline node outside a textblock (never in valid content) is drawn as a line of text.
  drawLines(context.flow, layoutLines(context.flow.doc, [{ text: node.textContent, style: context.style }], context.width), context.x, context.width);
}
