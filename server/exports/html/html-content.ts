/**
 * Section content as HTML, one handler per node and mark of the shared schema (the schema-walk
 * test holds this map complete). Text is escaped; links are written only for safe targets. A
 * learning outcome is a paragraph led by its number, an hours or assessment table gets its totals
 * row and warnings, and a glossary term links to its entry in the glossary appendix (#20).
 */
import type { Mark, Node } from 'prosemirror-model';
import { safeHref } from '../../../shared/links';
import { type GlossaryAnchors, curriculumTable, glossaryAnchor, outcomeNumber, shiftedLevel } from '../content';
import { SECTION_TARGET } from '../../../shared/references';
import type { AnchorNames, CrossReferences } from '../cross-references';
import type { SectionFootnotes } from '../footnotes';
import type { ExportLabels } from '../labels';
import { escapeHtml } from './escape';

/** What section content needs to write its footnotes, cross-references and targets' anchors. */
export interface HtmlLinks {
  /** The id of the section being written: its headings' and tables' anchors are named after it. */
  section: string;
  notes: SectionFootnotes;
  references: CrossReferences;
  anchors: AnchorNames;
  labels: ExportLabels;
}

export interface HtmlContext {
  /** The heading level of the section title; content headings go below it. */
  base: number;
  /** The note on an open suggestion (who, when), shown as its title; none without it. */
  suggestionNote?: (mark: Mark) => string;
  /** Section content only: the master's own blocks have no notes, references or targets. */
  links?: HtmlLinks;
  /** The glossary entries the file holds (its appendix): terms link to them, their headings hold the anchors. */
  glossary?: GlossaryAnchors;
}

/** `id="…"` for a heading or table a cross-reference can point at, at its first place in the file. */
function targetId(node: Node, context: HtmlContext): string {
  const id = node.attrs.id;
  if (!context.links || typeof id !== 'string' || !id) return '';
  const name = context.links.anchors.claim(context.links.section, id);
  return name ? ` id="${escapeHtml(name)}"` : '';
}

/** The note's anchors: `fn-N` on the note, `fnref-N` where it is referenced (N is unique in the file). */
export const noteAnchor = (n: number) => `fn-${n}`;
export const noteReferenceAnchor = (n: number) => `fnref-${n}`;

/**
 * Wraps an inline node's HTML in its marks' tags, outermost mark first. `withoutLink`: the node's
 * HTML is a link of its own (a note's number), and a link inside a link is not HTML.
 */
function withMarks(html: string, node: Node, context: HtmlContext, withoutLink = false): string {
  // A glossary term that is also a web link (or a note's number) stays a term without its own link.
  const linked = withoutLink || node.marks.some((mark) => mark.type.name === 'link');
  for (const mark of [...node.marks].reverse()) {
    if (withoutLink && mark.type.name === 'link') continue;
    const handler = htmlMarks[mark.type.name];
    if (handler) html = handler.open(mark, context, linked) + html + handler.close(mark, context, linked);
  }
  return html;
}

function footnote(node: Node, context: HtmlContext): string {
  const links = context.links;
  // Outside section content (never in practice) the note stays in the text, in brackets.
  if (!links) return withMarks(` (${escapeHtml(node.textContent)})`, node, context);
  const n = links.notes.numberOf(node);
  const label = escapeHtml(links.labels.noteNumber(n));
  return withMarks(`<sup class="footnote-ref"><a href="#${noteAnchor(n)}" id="${noteReferenceAnchor(n)}" aria-label="${label}">${n}</a></sup>`, node, context, true);
}

function crossReference(node: Node, context: HtmlContext): string {
  const links = context.links;
  if (!links) return withMarks(escapeHtml(String(node.attrs.label ?? '')), node, context);
  const reference = links.references.resolve(node);
  const text = escapeHtml(reference.label);
  let html: string;
  if (reference.broken) {
    html = `<span class="cross-reference broken">${text}${text ? ' ' : ''}<strong>${escapeHtml(links.labels.brokenReference)}</strong></span>`;
  } else if (reference.to && !node.marks.some((mark) => mark.type.name === 'link')) {
    // Never a link inside a link: a reference that also carries a link mark is its label.
    html = `<a class="cross-reference" href="#${escapeHtml(links.anchors.name(reference.to.section, reference.to.target))}">${text}</a>`;
  } else html = `<span class="cross-reference">${text}</span>`;
  return withMarks(html, node, context);
}

/** The section's notes after its text, each with a link back to where it is referenced. */
export function notesHtml(context: HtmlContext, heading: number): string {
  const links = context.links;
  if (!links || !links.notes.notes.length) return '';
  const items = links.notes.notes.map(({ number: n, node }) => {
    const back = `<a class="footnote-back" href="#${noteReferenceAnchor(n)}" aria-label="${escapeHtml(links.labels.backToText(n))}">↩</a>`;
    return `<li id="${noteAnchor(n)}" value="${n}">${children(node, context)} ${back}</li>`;
  });
  const title = `${escapeHtml(links.anchors.name(links.section, SECTION_TARGET))}-notes`;
  const level = Math.min(6, heading);
  return `<section class="footnotes" aria-labelledby="${title}"><h${level} id="${title}">${escapeHtml(links.labels.notes)}</h${level}><ol>${items.join('')}</ol></section>`;
}

type NodeHandler = (node: Node, context: HtmlContext) => string;

interface MarkHandler {
  /** `linked`: the text is inside a link already (a link inside a link is not HTML). */
  open(mark: Mark, context: HtmlContext, linked?: boolean): string;
  close(mark: Mark, context: HtmlContext, linked?: boolean): string;
}

const children = (node: Node, context: HtmlContext) => {
  let html = '';
  node.forEach((child) => (html += renderNode(child, context)));
  return html;
};

/** A table attribute from stored JSON: a small positive integer, or nothing. */
const span = (name: string, value: unknown) => {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) && n > 1 ? ` ${name}="${Math.min(n, 1000)}"` : '';
};

const cell = (tag: 'td' | 'th') => (node: Node, context: HtmlContext) =>
  `<${tag}${span('colspan', node.attrs.colspan)}${span('rowspan', node.attrs.rowspan)}>${children(node, context)}</${tag}>`;

/** Leading rows made only of header cells form the <thead> (repeated on each printed page). */
function headRowCount(table: Node): number {
  let count = 0;
  for (let i = 0; i < table.childCount; i++) {
    const row = table.child(i);
    let allHeaders = row.childCount > 0;
    row.forEach((c) => (allHeaders &&= c.type.name === 'table_header'));
    if (!allHeaders) break;
    count++;
  }
  return count;
}

function htmlTable(node: Node, context: HtmlContext): string {
  const head = headRowCount(node);
  const rows: string[] = [];
  node.forEach((row) => rows.push(renderNode(row, context)));
  const thead = head ? `<thead>${rows.slice(0, head).join('')}</thead>` : '';
  return `<table${targetId(node, context)}>${thead}<tbody>${rows.slice(head).join('')}</tbody></table>`;
}

export const htmlNodes: Record<string, NodeHandler> = {
  doc: children,
  paragraph: (node, context) => `<p>${children(node, context)}</p>`,
  heading: (node, context) => {
    const level = Math.min(6, shiftedLevel(node.attrs.level, context.base));
    // A glossary entry's heading (the appendix's) is where its terms lead.
    const entry = context.glossary?.claim(node);
    const target = targetId(node, context) || (entry ? ` id="${escapeHtml(glossaryAnchor(entry))}"` : '');
    const inner = entry && !target.includes(glossaryAnchor(entry)) ? `<span id="${escapeHtml(glossaryAnchor(entry))}"></span>` : '';
    return `<h${level}${target}>${inner}${children(node, context)}</h${level}>`;
  },
  learning_outcome: (node, context) => {
    const number = outcomeNumber(node);
    const lead = number ? `<strong class="outcome-number">${escapeHtml(number)}</strong> — ` : '';
    return `<p class="learning-outcome"${targetId(node, context)}>${lead}${children(node, context)}</p>`;
  },
  blockquote: (node, context) => `<blockquote>${children(node, context)}</blockquote>`,
  bullet_list: (node, context) => `<ul>${children(node, context)}</ul>`,
  ordered_list: (node, context) => {
    const start = Math.trunc(Number(node.attrs.order));
    return `<ol${Number.isFinite(start) && start !== 1 ? ` start="${start}"` : ''}>${children(node, context)}</ol>`;
  },
  list_item: (node, context) => `<li>${children(node, context)}</li>`,
  // An hours or assessment table with its totals row, then its warnings; any other table as it is.
  table: (node, context) => {
    const shown = curriculumTable(node, context.links?.labels.lang);
    const notes = shown.notes.map((note) => `<div class="table-warning" role="note">${renderNode(note, context)}</div>`).join('');
    return htmlTable(shown.table, context) + notes;
  },
  table_row: (node, context) => `<tr>${children(node, context)}</tr>`,
  table_header: cell('th'),
  table_cell: cell('td'),
  text: (node, context) => withMarks(escapeHtml(node.text ?? ''), node, context),
  hard_break: () => '<br>',
  footnote,
  cross_reference: crossReference,
};

const tag = (name: string): MarkHandler => ({ open: () => `<${name}>`, close: () => `</${name}>` });

/** An open suggestion shown marked: <ins> or <del> with who made it, and when, as its title. */
const suggestion = (name: 'ins' | 'del'): MarkHandler => ({
  open: (mark, context) => {
    const note = context.suggestionNote?.(mark);
    return `<${name} class="suggestion"${note ? ` title="${escapeHtml(note)}"` : ''}>`;
  },
  close: () => `</${name}>`,
});

/** A glossary term: a link to its entry when the file holds it (and it is not inside a link). */
const glossaryTerm: MarkHandler = {
  open: (mark, context, linked) => {
    const entry = String(mark.attrs.entry);
    if (!linked && context.glossary?.holds(entry)) return `<a class="glossary-term" href="#${escapeHtml(glossaryAnchor(entry))}">`;
    return '<span class="glossary-term">';
  },
  close: (mark, context, linked) => (!linked && context.glossary?.holds(String(mark.attrs.entry)) ? '</a>' : '</span>'),
};

export const htmlMarks: Record<string, MarkHandler> = {
  link: {
    open: (mark) => {
      const href = safeHref(mark.attrs.href);
      if (!href) return '';
      const title = typeof mark.attrs.title === 'string' && mark.attrs.title ? ` title="${escapeHtml(mark.attrs.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer nofollow">`;
    },
    close: (mark) => (safeHref(mark.attrs.href) ? '</a>' : ''),
  },
  bold: tag('strong'),
  italic: tag('em'),
  underline: tag('u'),
  strike: tag('s'),
  subscript: tag('sub'),
  superscript: tag('sup'),
  insertion: suggestion('ins'),
  deletion: suggestion('del'),
  glossary_term: glossaryTerm,
};

export function renderNode(node: Node, context: HtmlContext): string {
  const handler = htmlNodes[node.type.name];
  // The schema-walk test keeps this unreachable for nodes of the shared schema.
  if (!handler) return node.isInline ? escapeHtml(node.textContent) : `<div>${escapeHtml(node.textContent)}</div>`;
  return handler(node, context);
}
