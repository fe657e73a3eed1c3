/**
 * Mixed-style text for the PDF: our own line breaking over styled spans. pdfkit's `continued`
 * text cannot tell how tall a paragraph of mixed fonts will be, and tables must know that before
 * they draw; here one layout both measures and draws, with bold/italic as font faces, underline,
 * strike and links as pdfkit options, and sub/superscript as a smaller size with a rise.
 */
import { ASCENT, DESCENT, faceFor } from './pdf-fonts';
import type { Flow } from './pdf-flow';

export interface TextStyle {
  size: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  script: 'sub' | 'sup' | null;
  link: string | null;
  /** A named destination in this file the text leads to (footnotes, cross-references). */
  goTo: string | null;
  /** A named destination placed at this text's line (a footnote's reference and its note). */
  anchor: string | null;
  color: string;
}

export const BODY: TextStyle = {
  size: 10.5,
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  script: null,
  link: null,
  goTo: null,
  anchor: null,
  color: '#1b1b1b',
};

/** Line height as a multiple of the largest font size on the line. */
const LEADING = 1.4;
const SCRIPT_SCALE = 0.7;

export type Span = { text: string; style: TextStyle } | { break: true };

interface Fragment {
  text: string;
  x: number;
  width: number;
  style: TextStyle;
}

export interface Line {
  fragments: Fragment[];
  width: number;
  /** The largest style size on the line (sub/superscript counted at their base size). */
  size: number;
}

const glyphSize = (style: TextStyle) => (style.script ? style.size * SCRIPT_SCALE : style.size);

/** Widths by face, size and text: the same words are measured again and again (tables twice). */
const widths = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

function measure(doc: PDFKit.PDFDocument, text: string, style: TextStyle): number {
  const face = faceFor(style);
  const size = glyphSize(style);
  let cache = widths.get(doc);
  if (!cache) widths.set(doc, (cache = new Map()));
  const key = `${face}\u0000${size}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    width = doc.font(face).fontSize(size).widthOfString(text);
    cache.set(key, width);
  }
  return width;
}

/**
 * Longest run measured in one piece. pdfkit shapes (and keeps, for the whole document) every run
 * it measures between spaces: one 3 MB word was one 3-million-glyph layout, gigabytes of garbage
 * and half a minute of the export. No line holds anywhere near this many characters.
 */
const PIECE = 256;

/**
 * The width of `text`, exact up to `limit`; past it, some width over `limit` (a word that long is
 * cut between letters anyway, so its exact width is never needed). Long text is measured piece by
 * piece and only until it is known to be too wide, so the cost grows with the line, not the run.
 */
function measureUpTo(doc: PDFKit.PDFDocument, text: string, style: TextStyle, limit: number): number {
  if (text.length <= PIECE) return measure(doc, text, style);
  let width = 0;
  for (let start = 0; start < text.length && width <= limit; ) {
    let end = Math.min(text.length, start + PIECE);
    // Never between the two halves of a surrogate pair.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    width += measure(doc, text.slice(start, end), style);
    start = end;
  }
  return width;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

const sameStyle = (a: TextStyle, b: TextStyle) =>
  a.size === b.size && a.bold === b.bold && a.italic === b.italic && a.underline === b.underline &&
  a.strike === b.strike && a.script === b.script && a.link === b.link && a.goTo === b.goTo && a.anchor === b.anchor && a.color === b.color;

/** Breaks spans into lines no wider than `width`; a word longer than a line is cut between letters. */
export function layoutLines(doc: PDFKit.PDFDocument, spans: Span[], width: number, emptySize = BODY.size): Line[] {
  const lines: Line[] = [];
  let line: Line = { fragments: [], width: 0, size: 0 };
  const finish = () => {
    const last = line.fragments.at(-1);
    if (last) {
      // Spaces at the end of a line take no room (and would push centred lines off centre).
      const trimmed = last.text.replace(/\s+$/, '');
      if (trimmed !== last.text) {
        const cut = last.width - measure(doc, trimmed, last.style);
        last.text = trimmed;
        last.width -= cut;
        line.width -= cut;
      }
    }
    if (!line.size) line.size = emptySize;
    lines.push(line);
    line = { fragments: [], width: 0, size: 0 };
  };
  const place = (text: string, style: TextStyle, textWidth: number) => {
    const last = line.fragments.at(-1);
    if (last && sameStyle(last.style, style)) {
      last.text += text;
      last.width += textWidth;
    } else line.fragments.push({ text, x: line.width, width: textWidth, style });
    line.width += textWidth;
    line.size = Math.max(line.size, style.size);
  };
  /**
   * Ends the line before `token`. A word that runs across spans ("migration" then a reference's
   * ";", a word then its footnote number) is one word: its start moves down with the token, unless
   * the line holds nothing else or the whole word would not fit on a line either.
   */
  const breakBefore = (token: string, tokenWidth: number) => {
    const tail: { text: string; style: TextStyle }[] = [];
    if (!/^\s/.test(token)) {
      let i = line.fragments.length - 1;
      let cut = -1;
      for (; i >= 0; i--) {
        const start = line.fragments[i].text.search(/\S+$/);
        if (start < 0) break;
        if (start > 0) {
          cut = start;
          break;
        }
      }
      const whole = i < 0 ? 0 : cut > 0 ? i : i + 1;
      const kept = i >= 0;
      const pieces = kept ? line.fragments.slice(whole).map((fragment, k) => ({ text: k === 0 && cut > 0 ? fragment.text.slice(cut) : fragment.text, style: fragment.style })) : [];
      const tailWidth = pieces.reduce((sum, piece) => sum + measure(doc, piece.text, piece.style), 0);
      if (kept && pieces.length && tailWidth + tokenWidth <= width) {
        tail.push(...pieces);
        line.fragments.splice(cut > 0 ? whole + 1 : whole);
        if (cut > 0) {
          const last = line.fragments[line.fragments.length - 1];
          last.text = last.text.slice(0, cut);
          last.width = measure(doc, last.text, last.style);
        }
        line.width = line.fragments.reduce((sum, fragment) => sum + fragment.width, 0);
        line.size = Math.max(0, ...line.fragments.map((fragment) => fragment.style.size));
      }
    }
    finish();
    for (const piece of tail) place(piece.text, piece.style, measure(doc, piece.text, piece.style));
  };
  for (const span of spans) {
    if ('break' in span) {
      finish();
      continue;
    }
    for (const token of span.text.match(/\S+\s*|\s+/g) ?? []) {
      const word = token.replace(/\s+$/, '');
      const tokenWidth = measureUpTo(doc, token, span.style, width);
      // The word alone is measured only when the token with its spaces does not fit (at a line's end).
      const wordWidth = word === token || line.width + tokenWidth <= width ? tokenWidth : measureUpTo(doc, word, span.style, width);
      if (line.width + wordWidth > width && line.fragments.length) breakBefore(token, wordWidth);
      if (wordWidth <= width || !word) {
        // Leading spaces of a fresh line are dropped, as a reader expects.
        if (!line.fragments.length && !word) continue;
        place(token, span.style, tokenWidth);
        continue;
      }
      for (const char of Array.from(token)) {
        const charWidth = measure(doc, char, span.style);
        if (line.width + charWidth > width && line.fragments.length) finish();
        place(char, span.style, charWidth);
      }
    }
  }
  if (line.fragments.length || !lines.length) finish();
  return lines;
}

export const lineHeight = (line: Line) => line.size * LEADING;

export function linesHeight(lines: Line[]): number {
  return lines.reduce((sum, line) => sum + lineHeight(line), 0);
}

/**
 * Draws lines from flow.y at `x`, breaking pages between lines; `align` centres each line in
 * `width`. Leaves flow.y below the last line.
 */
export function drawLines(flow: Flow, lines: Line[], x: number, width: number, align: 'left' | 'center' = 'left'): void {
  for (const line of lines) {
    const height = lineHeight(line);
    flow.room(height);
    const baseline = flow.y + (height - line.size * (ASCENT + DESCENT)) / 2 + line.size * ASCENT;
    const offset = align === 'center' ? Math.max(0, (width - line.width) / 2) : 0;
    for (const fragment of line.fragments) {
      if (fragment.style.anchor) flow.destination(fragment.style.anchor);
      const size = glyphSize(fragment.style);
      const rise = fragment.style.script === 'sup' ? fragment.style.size * 0.33 : fragment.style.script === 'sub' ? -fragment.style.size * 0.12 : 0;
      flow.text(fragment.text, x + offset + fragment.x, baseline - rise - size * ASCENT, faceFor(fragment.style), size, {
        color: fragment.style.color,
        underline: fragment.style.underline,
        strike: fragment.style.strike,
        ...(fragment.style.goTo ? { goTo: fragment.style.goTo } : { link: fragment.style.link ?? undefined }),
      });
    }
    flow.y += height;
  }
}
