/**
 * Inline content for Word: text runs with their marks, hard breaks, hyperlinks, the range
 * markers of Word comments placed at the characters a comment's quote covers, and open suggestions
 * as tracked changes (docx-revisions.ts).
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  ExternalHyperlink,
  type IRunOptions,
  type ParagraphChild,
  TextRun,
  UnderlineType,
} from 'docx';
import type { Mark, Node } from 'prosemirror-model';
import { safeHref } from '../../../shared/links';
import type { Anchor } from '../content';
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
  // Open suggestions are not run properties: the run is wrapped in w:ins / w:del (DocxRevisions).
  insertion: () => {},
  deletion: () => {},
};

type Segment =
  | { kind: 'text'; text: string; marks: readonly Mark[] }
  | { kind: 'break'; marks: readonly Mark[] }
  | { kind: 'start' | 'end'; ids: number[] };

export interface InlineOptions {
  /** Runs of header cells are bold whatever their marks. */
  bold?: boolean;
  /** Comment threads anchored in this block: character ranges and their Word comment ids. */
  anchors?: Anchor<number[]>[];
  /** Writes open suggestions as tracked changes; without it, their text is written plain. */
  revisions?: DocxRevisions;
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
      result.push({ kind: 'break', marks: child.marks });
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

function textRun(segment: { text: string; marks: readonly Mark[] }, options: InlineOptions): ParagraphChild {
  const run: RunProps = { text: xmlSafe(segment.text) };
  if (options.bold) run.bold = true;
  for (const mark of segment.marks) docxMarks[mark.type.name]?.(run, mark);
  return options.revisions ? options.revisions.run(run, segment.marks) : new TextRun(run);
}

function linkOf(marks: readonly Mark[]): string | null {
  const link = marks.find((mark) => mark.type.name === 'link');
  return link ? safeHref(link.attrs.href) : null;
}

/** A block's inline content as Word paragraph children; links group their runs in one hyperlink. */
export function inlineChildren(block: Node, options: InlineOptions = {}): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  // The hyperlink being filled, in a holder: TypeScript does not follow assignments made in closures.
  const open: { link: { href: string; runs: ParagraphChild[] } | null } = { link: null };
  const closeLink = () => {
    if (open.link) children.push(new ExternalHyperlink({ link: open.link.href, children: open.link.runs }));
    open.link = null;
  };
  for (const segment of segments(block, options.anchors ?? [])) {
    if (segment.kind === 'text') {
      const href = linkOf(segment.marks);
      if (href) {
        if (open.link?.href !== href) closeLink();
        open.link ??= { href, runs: [] };
        open.link.runs.push(textRun(segment, options));
        continue;
      }
      closeLink();
      children.push(textRun(segment, options));
      continue;
    }
    closeLink();
    if (segment.kind === 'break') children.push(options.revisions ? options.revisions.run({ break: 1 }, segment.marks) : new TextRun({ break: 1 }));
    else if (segment.kind === 'start') children.push(...segment.ids.map((id) => new CommentRangeStart(id)));
    else {
      children.push(...segment.ids.map((id) => new CommentRangeEnd(id)));
      children.push(...segment.ids.map((id) => new TextRun({ children: [new CommentReference(id)] })));
    }
  }
  closeLink();
  return children;
}

/** Runs for a plain string (titles, labels, comment bodies): no marks, line breaks kept. */
export function plainRuns(text: string, run: Omit<RunProps, 'text'> = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r?\n/)
    .map((line, index) => new TextRun({ ...run, text: line, break: index > 0 ? 1 : undefined }));
}
