/**
 * prosemirror-markdown's serializer extended to the shared schema. One handler per node and mark
 * (the schema-walk test holds the maps complete). CommonMark has no underline, subscript or
 * superscript, so those are written as inline HTML (<u>, <sub>, <sup>); tables are GFM tables.
 * Text escapes `<`, `>`, `&` and `|` too, so no text can become HTML or break a table row.
 * Open suggestions, when the export shows them, are CriticMarkup (`{++inserted++}`,
 * `{--deleted--}`): plain text that reads as what it is, and that CriticMarkup tools render as
 * changes. A deletion proposed over a proposed insertion is the one inside the other.
 * A learning outcome is a paragraph led by its number in bold, an hours or assessment table gets
 * its totals row and warnings, and a glossary term links to its entry in the glossary appendix,
 * whose heading carries an HTML anchor of its own (#20).
 */
import {
  MarkdownSerializer,
  type MarkdownSerializerState,
  defaultMarkdownSerializer,
} from 'prosemirror-markdown';
import type { Mark, Node } from 'prosemirror-model';
import { safeHref } from '../../../shared/links';
import { schema } from '../../../shared/schema';
import { type GlossaryAnchors, curriculumTable, glossaryAnchor, outcomeNumber } from '../content';
import { CrossReferences } from '../cross-references';
import type { SectionFootnotes } from '../footnotes';
import type { ExportLabels } from '../labels';

/**
 * What section content needs for its footnotes (`[^N]`, numbered through the file) and
 * cross-references. A reference is written as its label, plain: Markdown renderers name heading
 * anchors each by their own rule, so a link to one would lead nowhere in half of them.
 */
export interface MarkdownLinks {
  notes: SectionFootnotes;
  references: CrossReferences;
  labels: ExportLabels;
  /**
   * The glossary entries the file holds (its appendix): terms link to them, their headings hold
   * the anchors. Explicit anchors, unlike headings' own, lead to the same place in every renderer.
   */
  glossary?: GlossaryAnchors;
}

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

/**
 * Whether a term's text shares a web link anywhere in its block: then it keeps that link only (no
 * link inside a link). Asked alike where the term opens and where it closes, so both agree.
 */
function overlapsLink(parent: Node, mark: Mark): boolean {
  let found = false;
  parent.forEach((child) => (found ||= mark.isInSet(child.marks) && child.marks.some((other) => other.type.name === 'link')));
  return found;
}

/** A glossary term: a link to its entry's anchor when the file holds the entry; else its text. */
function glossaryTerm(glossary: GlossaryAnchors | undefined): MarkSpec {
  const linked = (mark: Mark, parent: Node) => !!glossary?.holds(mark.attrs.entry) && !overlapsLink(parent, mark);
  return {
    open: (_state, mark, parent) => (linked(mark, parent) ? '[' : ''),
    close: (_state, mark, parent) => (linked(mark, parent) ? `](#${glossaryAnchor(String(mark.attrs.entry))})` : ''),
  };
}

/** The marks of section content whose file holds the glossary entries `glossary` (none: no links). */
function marksFor(glossary?: GlossaryAnchors): Record<string, MarkSpec> {
  return { ...markdownMarks, glossary_term: glossaryTerm(glossary) };
}

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
  glossary_term: glossaryTerm(undefined),
};

/**
 * A cell of a GFM table is one line: its blocks are joined with <br>, and so are hard breaks and
 * list lines inside it (a documented flattening: GFM cells hold inline content only).
 */
function cellText(cell: Node, serializer: MarkdownSerializer): string {
  return serializer
    .serialize(cell)
    .trim()
    .replace(/\\\n/g, '<br>')
    .replace(/\n+/g, '<br>');
}

function table(state: MarkdownSerializerState, node: Node, cellSerializer: MarkdownSerializer): void {
  const rows: string[][] = [];
  node.forEach((row) => {
    const cells: string[] = [];
    row.forEach((cell) => {
      cells.push(cellText(cell, cellSerializer));
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

/** `[^N]` where the note is referenced; its text goes to the section's end (`notesMarkdown`). */
function footnote(links: MarkdownLinks | undefined): NodeHandler {
  return (state, node) => {
    // Outside section content (never in practice) the note stays in the text, in brackets.
    if (!links) state.text(` (${node.textContent})`);
    else state.write(`[^${links.notes.numberOf(node)}]`);
  };
}

function crossReference(links: MarkdownLinks | undefined): NodeHandler {
  return (state, node) => {
    state.text(links ? CrossReferences.text(links.references.resolve(node), links.labels) : String(node.attrs.label ?? ''));
  };
}

function nodes(headingShift: number, links?: MarkdownLinks): Record<string, NodeHandler> {
  // Cells are one line each, written by a serializer of their own that knows the same notes.
  let cells: MarkdownSerializer | null = null;
  const cellSerializer = () => (cells ??= new MarkdownSerializer(nodes(0, links), marksFor(links?.glossary), options));
  return {
    doc: (state, node) => state.renderContent(node),
    paragraph: base.paragraph,
    heading: (state, node) => {
      const level = Math.min(6, Math.max(1, Number(node.attrs.level) || 1) + headingShift);
      state.write(`${'#'.repeat(level)} `);
      // A glossary entry's heading (the appendix's) is where its terms lead.
      const entry = links?.glossary?.claim(node);
      if (entry) state.write(`<a id="${glossaryAnchor(entry)}"></a>`);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    learning_outcome: (state, node) => {
      const number = outcomeNumber(node);
      if (number) state.write(`**${number}** — `);
      state.renderInline(node, !number);
      state.closeBlock(node);
    },
    blockquote: base.blockquote,
    bullet_list: (state, node) => state.renderList(node, '  ', () => '- '),
    ordered_list: base.ordered_list,
    list_item: base.list_item,
    // An hours or assessment table with its totals row, then its warnings; any other table as it is.
    table: (state, node) => {
      const shown = curriculumTable(node, links?.labels.lang);
      table(state, shown.table, cellSerializer());
      shown.notes.forEach((note, index) => state.render(note, node, index));
    },
    table_row: insideTable,
    table_header: insideTable,
    table_cell: insideTable,
    text: base.text,
    hard_break: base.hard_break,
    footnote: footnote(links),
    cross_reference: crossReference(links),
  };
}

const options = { escapeExtraCharacters: ESCAPE_EXTRA };

/** The node handlers as the schema-walk test sees them. */
export const markdownNodes = nodes(0);

/** Writes nodes with their own heading levels (the master's title page and section titles). */
export const masterSerializer = new MarkdownSerializer(markdownNodes, markdownMarks, options);

/**
 * Writes section content: its headings sit two levels down, below `#` course and `##` section; its
 * footnotes and cross-references as `links` says. Made for each section (it costs two objects).
 */
export function contentSerializer(links: MarkdownLinks): MarkdownSerializer {
  return new MarkdownSerializer(nodes(2, links), marksFor(links.glossary), options);
}

/**
 * The section's footnote definitions (`[^N]: text`), for its end. A note is one paragraph of
 * text with marks; a line break inside it would end the definition, so it becomes a space.
 */
export function notesMarkdown(serializer: MarkdownSerializer, links: MarkdownLinks): string {
  if (!links.notes.notes.length) return '';
  // Serialized as a document: its text is then inline content, written with its marks.
  const paragraph = (note: Node) => schema.nodes.doc.create(null, schema.nodes.paragraph.create(null, note.content));
  return links.notes.notes
    .map(({ number, node }) => `[^${number}]: ${serializer.serialize(paragraph(node)).trim().replace(/\s*\n\s*/g, ' ')}`)
    .join('\n');
}
