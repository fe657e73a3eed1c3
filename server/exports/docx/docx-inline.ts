/**
 * Inline content for Word: text runs with their marks, hard breaks, hyperlinks, the range
 * markers of Word comments placed at the characters a comment's quote covers, open suggestions
 * as tracked changes (docx-revisions.ts), footnotes as Word footnotes and cross-references as
 * internal hyperlinks to their targets' bookmarks (docx-links.ts), glossary terms as internal
 * hyperlinks to their entries in the glossary appendix when the file holds it.
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  ExternalHyperlink,
  FootnoteReference,
  FootnoteReferenceRun,
  type IRunOptions,
  InternalHyperlink,
  Paragraph,
  type ParagraphChild,
  TextRun,
  UnderlineType,
} from 'docx';
import type { Mark, Node } from 'prosemirror-model';
import { safeHref } from '../../../shared/links';
import { type Anchor, type GlossaryAnchors, glossaryBookmark, glossaryEntryOf } from '../content';
import type { DocxLinks } from './docx-links';
import type { DocxRevisions } from './docx-revisions';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
export type RunProps = Writable<IRunOptions>;

/** What a mark adds to a run. A link's target is handled by `inlineChildren` (ExternalHyperlink). */
type MarkHandler = (run: RunProps, mark: Mark) => void;

export const docxMarks: Record<string, MarkHandler> = {
  bold: (run) => (run.bold = true),
  italic: (run) => (run.italics = true),
  underline: (run) => (run.underline = { type: UnderlineType.SINGLE }),
  strike: (run) => (run.strike = true),
  subscript: (run) => (run.subScript = true),
  superscript: (run) => (run.superScript = true),
  link: (run, mark) => {
    if (safeHref(mark.attrs.href)) run.style = 'Hyperlink';
  },
  // The term's link to its glossary entry is made by `inlineChildren` (InternalHyperlink).
  glossary_term: () => {},
  // Open suggestions are not run properties: the run is wrapped in w:ins / w:del (DocxRevisions).
  insertion: () => {},
  deletion: () => {},
};

type Segment =
  | { kind: 'text'; text: string; marks: readonly Mark[] }
  | { kind: 'break'; marks: readonly Mark[] }
  /** A footnote or a cross-reference: one character of the block's text, like a break. */
  | { kind: 'node'; node: Node }
  | { kind: 'start' | 'end'; ids: number[] };

export interface InlineOptions {
  /** Runs of header cells are bold whatever their marks. */
  bold?: boolean;
  /** Comment threads anchored in this block: character ranges and their Word comment ids. */
  anchors?: Anchor<number[]>[];
  /** Writes open suggestions as tracked changes; without it, their text is written plain. */
  revisions?: DocxRevisions;
  /** Section content: footnotes and cross-references (the master's own blocks have none). */
  links?: DocxLinks;
  /** The glossary entries the file holds: a term of one of them links to it. */
  glossary?: GlossaryAnchors;
}

/** Text and breaks of the block, with comment markers inserted at the anchors' offsets. */
function segments(block: Node, anchors: Anchor<number[]>[]): Segment[] {
  const cuts = new Map<number, Segment[]>();
  const at = (offset: number) => cuts.get(offset) ?? cuts.set(offset, []).get(offset)!;
  // Ends before starts at one offset, so touching ranges do not overlap.
  for (const anchor of anchors) at(anchor.to).push({ kind: 'end', ids: anchor.value });
  for (const anchor of anchors) at(anchor.from).push({ kind: 'start', ids: anchor.value });
  const result: Segment[] = [];
  const flushCuts = (offset: number) => {
    result.push(...(cuts.get(offset) ?? []));
    cuts.delete(offset);
  };
  let offset = 0;
  block.forEach((child) => {
    if (!child.isText) {
      flushCuts(offset);
      result.push(child.type.name === 'hard_break' ? { kind: 'break', marks: child.marks } : { kind: 'node', node: child });
      offset += 1;
      return;
    }
    const text = child.text ?? '';
    const inside = [...cuts.keys()].filter((cut) => cut > offset && cut < offset + text.length).sort((a, b) => a - b);
    let from = 0;
    flushCuts(offset);
    for (const cut of inside) {
      result.push({ kind: 'text', text: text.slice(from, cut - offset), marks: child.marks });
      flushCuts(cut);
      from = cut - offset;
    }
    result.push({ kind: 'text', text: text.slice(from), marks: child.marks });
    offset += text.length;
  });
  flushCuts(offset);
  return result;
}

/**
 * Characters XML 1.0 cannot hold (control characters pasted from other programs, lone surrogates):
 * one of them makes Word refuse the whole file, so they are dropped.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

function textRun(segment: { text: string; marks: readonly Mark[] }, options: InlineOptions, hyperlink = false): ParagraphChild {
  const run: RunProps = { text: xmlSafe(segment.text) };
  if (options.bold) run.bold = true;
  if (hyperlink) run.style = 'Hyperlink';
  for (const mark of segment.marks) docxMarks[mark.type.name]?.(run, mark);
  return options.revisions ? options.revisions.run(run, segment.marks) : new TextRun(run);
}

/**
 * Where a run leads: a web link, or (for a glossary term whose entry the file holds) the entry's
 * bookmark. A term inside a web link keeps the web link: Word has no link inside a link.
 */
function linkOf(marks: readonly Mark[], options: InlineOptions): { href: string; internal: boolean } | null {
  const link = marks.find((mark) => mark.type.name === 'link');
  const href = link ? safeHref(link.attrs.href) : null;
  if (href) return { href, internal: false };
  const entry = glossaryEntryOf(marks);
  return entry && options.glossary?.holds(entry) ? { href: glossaryBookmark(entry), internal: true } : null;
}

/** A block's inline content as Word paragraph children; links group their runs in one hyperlink. */
export function inlineChildren(block: Node, options: InlineOptions = {}): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  // The hyperlink being filled, in a holder: TypeScript does not follow assignments made in closures.
  const open: { link: { href: string; internal: boolean; runs: ParagraphChild[] } | null } = { link: null };
  const closeLink = () => {
    const link = open.link;
    if (link) children.push(link.internal ? new InternalHyperlink({ anchor: link.href, children: link.runs }) : new ExternalHyperlink({ link: link.href, children: link.runs }));
    open.link = null;
  };
  for (const segment of segments(block, options.anchors ?? [])) {
    if (segment.kind === 'text') {
      const target = linkOf(segment.marks, options);
      if (target) {
        if (open.link?.href !== target.href || open.link.internal !== target.internal) closeLink();
        open.link ??= { ...target, runs: [] };
        const run = textRun(segment, options, target.internal);
        open.link.runs.push(run);
        continue;
      }
      closeLink();
      children.push(textRun(segment, options));
      continue;
    }
    closeLink();
    if (segment.kind === 'node') children.push(...inlineNode(segment.node, options));
    else if (segment.kind === 'break') children.push(options.revisions ? options.revisions.run({ break: 1 }, segment.marks) : new TextRun({ break: 1 }));
    else if (segment.kind === 'start') children.push(...segment.ids.map((id) => new CommentRangeStart(id)));
    else {
      children.push(...segment.ids.map((id) => new CommentRangeEnd(id)));
      children.push(...segment.ids.map((id) => new TextRun({ children: [new CommentReference(id)] })));
    }
  }
  closeLink();
  return children;
}

/** A run of `run`'s properties, as a tracked change when its marks make it one. */
function marked(run: RunProps, marks: readonly Mark[], options: InlineOptions): ParagraphChild {
  if (options.bold) run.bold = true;
  for (const mark of marks) if (mark.type.name !== 'link') docxMarks[mark.type.name]?.(run, mark);
  return options.revisions ? options.revisions.run(run, marks) : new TextRun(run);
}

/** A footnote's reference, its note added to the document's; a cross-reference's label or link. */
function inlineNode(node: Node, options: InlineOptions): ParagraphChild[] {
  const links = options.links;
  if (node.type.name === 'footnote') {
    // Outside section content (never in practice) the note stays in the text, in brackets.
    if (!links) return [marked({ text: xmlSafe(` (${node.textContent})`) }, node.marks, options)];
    const id = links.notes.numberOf(node);
    links.footnotes.add(id, [new Paragraph({ style: 'FootnoteText', children: inlineChildren(node, { revisions: options.revisions, glossary: options.glossary }) })]);
    // A footnote someone suggested (or suggested deleting) is a tracked change like text.
    if (!options.revisions || !node.marks.length) return [new FootnoteReferenceRun(id)];
    return [options.revisions.run({ style: 'FootnoteReference', children: [new FootnoteReference(id)] }, node.marks)];
  }
  if (node.type.name === 'cross_reference') {
    if (!links) return [marked({ text: xmlSafe(String(node.attrs.label ?? '')) }, node.marks, options)];
    const reference = links.references.resolve(node);
    if (reference.broken) {
      const label = reference.label ? [marked({ text: xmlSafe(`${reference.label} `) }, node.marks, options)] : [];
      return [...label, marked({ text: links.labels.brokenReference, bold: true, color: 'B3261E' }, node.marks, options)];
    }
    if (!reference.to) return [marked({ text: xmlSafe(reference.label) }, node.marks, options)];
    const anchor = links.bookmarks.name(reference.to.section, reference.to.target);
    return [new InternalHyperlink({ anchor, children: [marked({ text: xmlSafe(reference.label), style: 'Hyperlink' }, node.marks, options)] })];
  }
  return [marked({ text: xmlSafe(node.textContent) }, node.marks, options)];
}

/** Runs for a plain string (titles, labels, comment bodies): no marks, line breaks kept. */
export function plainRuns(text: string, run: Omit<RunProps, 'text'> = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r?\n/)
    .map((line, index) => new TextRun({ ...run, text: line, break: index > 0 ? 1 : undefined }));
}
