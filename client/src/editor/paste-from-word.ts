/**
 * Paste from Word and LibreOffice (#18): footnotes stay footnotes, and Word's comments become
 * the page's business instead of stray "[KS1]" text.
 *
 * - Word writes a footnote reference as `<a style="mso-footnote-id:ftn1" href="#_ftn1">` and its
 *   note at the end as `<div style="mso-element:footnote" id="ftn1">`, which starts with its own
 *   copy of the reference; endnotes are the same with `edn`. LibreOffice writes
 *   `<a class="sdfootnoteanc" href="#sdfootnote1sym">` and `<div id="sdfootnote1">`, whose note
 *   starts with an `sdfootnotesym` link (`sdendnote…` for endnotes). Each reference becomes our
 *   footnote, `<span data-footnote>the note</span>`, and the notes at the end go.
 * - Word marks commented words with `mso-comment-reference:KS_1` (and `mso-comment-continuation`
 *   where they run on), puts a `MsoCommentReference` marker after them and the comments at the end
 *   (`mso-element:comment`, author in `mso-comment-author`). The words stay, everything else goes,
 *   and the comments are handed to the page.
 *
 * The clipboard's HTML is rewritten as a string, through a small tolerant tree of its tags that
 * keeps every untouched byte as it came, so the same code runs in the browser and in unit tests
 * (Node has no DOM) and the browser still parses everything we did not touch exactly as before.
 */
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import {
  BLOCKS,
  type HtmlElement,
  type HtmlNode,
  descendants,
  hasClass,
  htmlOf,
  inside,
  parseHtml,
  remove,
  replace,
  styleOf,
  textOf,
  tidy,
  unwrap,
} from './html-tree';

/** A Word comment that came with pasted text. */
export interface WordComment {
  /** The commented words, as they read. */
  quote: string;
  /** The comment's author as Word names them ('' when the clipboard did not say). */
  author: string;
  /** The comment's text, paragraphs on their own lines. */
  body: string;
}

/** A pasted Word comment, and where its words are in the editor right after the paste. */
export interface PastedComment extends WordComment {
  place: { from: number; to: number } | null;
}

export interface WordPaste {
  html: string;
  comments: WordComment[];
}

// — Footnotes —

/** The note id a reference points at, or null when `node` is no footnote reference. */
function referenceId(node: HtmlNode): string | null {
  if (node.kind !== 'element' || node.name !== 'a') return null;
  const word = styleOf(node, 'mso-footnote-id') ?? styleOf(node, 'mso-endnote-id');
  if (word) return word.toLowerCase();
  if (hasClass(node, 'sdfootnoteanc') || hasClass(node, 'sdendnoteanc')) {
    const href = /^#?(sd(?:foot|end)note\d+)sym$/i.exec(node.attrs.get('href') ?? '')?.[1];
    const name = /^(sd(?:foot|end)note\d+)anc$/i.exec(node.attrs.get('name') ?? '')?.[1];
    return (href ?? name)?.toLowerCase() ?? null;
  }
  return null;
}

/** The note id of a note body, or null when `node` is none. */
function bodyId(node: HtmlNode): string | null {
  if (node.kind !== 'element') return null;
  const kind = styleOf(node, 'mso-element')?.toLowerCase();
  const id = node.attrs.get('id')?.toLowerCase() ?? '';
  if (kind === 'footnote' || kind === 'endnote') return id || null;
  return /^sd(?:foot|end)note\d+$/.test(id) ? id : null;
}

/** The note's own copy of its number at its start (Word's `mso-footnote-id`, LibreOffice's `sdfootnotesym`). */
function isBodyMarker(node: HtmlNode): boolean {
  if (node.kind !== 'element' || node.name !== 'a') return false;
  return styleOf(node, 'mso-footnote-id') !== null || styleOf(node, 'mso-endnote-id') !== null || hasClass(node, 'sdfootnotesym') || hasClass(node, 'sdendnotesym');
}

const EDGE_SPACE = '(?:\\s|&nbsp;|&#160;|&#xa0;|\u00a0)+';
const TAGS = '((?:<[^>]*>)*)';

/** A note's content as inline HTML for our footnote: paragraphs run on with a space, no markers. */
function noteHtml(body: HtmlElement): string {
  for (const node of descendants(body)) {
    if (isBodyMarker(node) || (node.kind === 'element' && node.name === 'o:p')) remove(node);
  }
  const inline = (node: HtmlNode): string => {
    if (node.kind !== 'element') return node.kind === 'raw' ? '' : node.raw;
    const inner = node.children.map(inline).join('');
    return BLOCKS.has(node.name) ? ` ${inner} ` : node.start + inner + node.end;
  };
  let html = body.children.map(inline).join('');
  const leading = new RegExp(`^${TAGS}${EDGE_SPACE}`);
  const trailing = new RegExp(`${EDGE_SPACE}${TAGS}$`);
  while (leading.test(html)) html = html.replace(leading, '$1');
  while (trailing.test(html)) html = html.replace(trailing, '$1');
  return html;
}

function footnotesFromOffice(root: HtmlElement): void {
  const bodies = new Map<string, HtmlElement>();
  for (const node of descendants(root)) {
    const id = bodyId(node);
    if (id && node.kind === 'element' && !bodies.has(id)) bodies.set(id, node);
  }
  const isBody = (node: HtmlElement) => bodyId(node) !== null;
  for (const node of descendants(root)) {
    const id = referenceId(node);
    const body = id ? bodies.get(id) : undefined;
    if (!body || node.kind !== 'element' || inside(node, isBody)) continue;
    // LibreOffice may write <sup><a …>1</a></sup>: the superscript was only the number's.
    const parent = node.parent;
    const only = parent && parent.name === 'sup' && parent.children.every((child) => child === node || (child.kind === 'text' && child.raw.trim() === ''));
    replace(only ? parent : node, [{ kind: 'raw', raw: `<span data-footnote="">${noteHtml(body)}</span>`, parent: null }]);
  }
  for (const body of bodies.values()) remove(body);
  for (const node of descendants(root)) {
    const kind = styleOf(node, 'mso-element')?.toLowerCase();
    if (kind === 'footnote-list' || kind === 'endnote-list') remove(node);
  }
}

// — Comments —

const REFERENCE = /^([^_]*)_(\d+)$/;

function isCommentMarker(node: HtmlNode): boolean {
  if (node.kind !== 'element') return false;
  const href = node.attrs.get('href') ?? '';
  const name = node.attrs.get('name') ?? '';
  return (
    hasClass(node, 'MsoCommentReference') ||
    hasClass(node, 'msocomanchor') ||
    hasClass(node, 'msocomhide') ||
    hasClass(node, 'msocomoff') ||
    styleOf(node, 'mso-special-character')?.toLowerCase() === 'comment' ||
    (node.name === 'a' && (/^#_msocom_/i.test(href) || /^_msocom_|^_msoanchor_/i.test(name)))
  );
}

function commentsFromWord(root: HtmlElement): WordComment[] {
  const found = new Map<number, { author: string; body: string }>();
  let ordinal = 0;
  for (const node of descendants(root)) {
    if (node.kind !== 'element' || styleOf(node, 'mso-element')?.toLowerCase() !== 'comment') continue;
    ordinal++;
    let number = ordinal;
    let author = '';
    for (const inner of descendants(node)) {
      if (inner.kind !== 'element') continue;
      const id = /^_com_(\d+)$/i.exec(inner.attrs.get('id') ?? '') ?? /^_msocom_(\d+)$/i.exec(inner.attrs.get('name') ?? '');
      if (id) number = Number(id[1]);
      const named = styleOf(inner, 'mso-comment-author');
      // A CSS string: quoted, non-ASCII letters possibly escaped (\41A → К).
      if (named) author = named.replace(/^["']|["']$/g, '').replace(/\\([0-9a-f]{1,6})\s?/gi, (_whole, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
    }
    found.set(number, { author, body: tidy(textOf(node, isCommentMarker)) });
  }
  const quotes = new Map<number, { text: string; initials: string }>();
  let lastBlock: HtmlElement | null = null;
  for (const node of descendants(root)) {
    if (node.kind !== 'element' || inside(node, (ancestor) => hasClass(ancestor, 'MsoCommentReference'))) continue;
    const reference = REFERENCE.exec(styleOf(node, 'mso-comment-reference') ?? '');
    const continued = styleOf(node, 'mso-comment-continuation');
    const number = reference ? Number(reference[2]) : continued ? Number(continued) : NaN;
    if (!Number.isInteger(number) || isCommentMarker(node)) continue;
    let block = node.parent;
    while (block && !BLOCKS.has(block.name)) block = block.parent;
    const quote = quotes.get(number) ?? { text: '', initials: reference?.[1] ?? '' };
    quote.text += (quote.text && block !== lastBlock ? ' ' : '') + textOf(node);
    lastBlock = block;
    quotes.set(number, quote);
    unwrap(node);
  }
  for (const node of descendants(root)) {
    if (isCommentMarker(node) || /^comment(-list)?$/i.test(styleOf(node, 'mso-element') ?? '')) remove(node);
  }
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, { author, body }]) => ({
      quote: tidy(quotes.get(number)?.text ?? ''),
      author: author || quotes.get(number)?.initials || '',
      body,
    }))
    .filter((comment) => comment.body !== '' || comment.quote !== '');
}

const OFFICE_MARKUP = /mso-footnote-id|mso-endnote-id|sdfootnoteanc|sdendnoteanc|mso-comment|msocom|MsoCommentReference|mso-element:\s*comment/i;

/** The clipboard's HTML with Word's and LibreOffice's notes as our footnotes, and Word's comments. */
export function fromWord(html: string): WordPaste {
  if (!OFFICE_MARKUP.test(html)) return { html, comments: [] };
  const root = parseHtml(html);
  footnotesFromOffice(root);
  const comments = commentsFromWord(root);
  return { html: htmlOf(root), comments };
}

// — In the editor —

/** Spaces of any kind count as one, so a quote matches the pasted text however Word spaced it. */
function normalised(char: string): string {
  return /[\s\u00a0]/.test(char) ? ' ' : char;
}

/** Where `quote` first reads in doc between from and to (footnotes' own text aside), or null. */
export function findQuote(doc: PMNode, from: number, to: number, quote: string): { from: number; to: number } | null {
  const wanted = [...quote].map(normalised).join('').replace(/ +/g, ' ').trim();
  if (wanted === '') return null;
  let text = '';
  const positions: number[] = [];
  let lastParent: PMNode | null = null;
  doc.nodesBetween(from, to, (node, pos, parent) => {
    if (node.type.name === 'footnote') return false;
    if (!node.isText) return true;
    if (parent !== lastParent && text !== '' && !text.endsWith(' ')) {
      text += ' ';
      positions.push(-1);
    }
    lastParent = parent;
    for (let at = Math.max(from, pos); at < Math.min(to, pos + node.nodeSize); at++) {
      const char = normalised(node.text![at - pos]);
      if (char === ' ' && text.endsWith(' ')) continue;
      text += char;
      positions.push(at);
    }
    return false;
  });
  const index = text.indexOf(wanted);
  if (index < 0) return null;
  const start = positions.slice(index).find((pos) => pos >= 0);
  const end = positions
    .slice(index, index + wanted.length)
    .reverse()
    .find((pos) => pos >= 0);
  return start === undefined || end === undefined ? null : { from: start, to: end + 1 };
}

/** The range a paste inserted, in the transaction's resulting document. */
function insertedRange(tr: Transaction): { from: number; to: number } | null {
  let from = Infinity;
  let to = -Infinity;
  tr.steps.forEach((step, index) => {
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const rest = tr.mapping.slice(index + 1);
      from = Math.min(from, rest.map(newStart, -1));
      to = Math.max(to, rest.map(newEnd, 1));
    });
  });
  return to > from ? { from, to } : null;
}

interface PasteState {
  /** The comments of the last paste, placed, until the view hands them to the page. */
  delivery: PastedComment[] | null;
}

const pasteKey = new PluginKey<PasteState>('pasteFromWord');

/**
 * Rewrites Word's and LibreOffice's clipboard HTML (see `fromWord`); with `onComments`, hands the
 * comments of a paste to the page once the pasted text is in the document (and in Yjs).
 */
export function pasteFromWord(onComments?: (comments: PastedComment[]) => void): Plugin<PasteState> {
  let waiting: WordComment[] = [];
  let delivered: PastedComment[] | null = null;
  return new Plugin<PasteState>({
    key: pasteKey,
    state: {
      init: () => ({ delivery: null }),
      apply(tr, value, _old, state) {
        const event = tr.getMeta('uiEvent') as string | undefined;
        if (!tr.docChanged || (event !== 'paste' && event !== 'drop') || waiting.length === 0) return value.delivery ? { delivery: null } : value;
        const range = insertedRange(tr);
        const comments = waiting.map((comment) => ({ ...comment, place: range ? findQuote(state.doc, range.from, range.to, comment.quote) : null }));
        waiting = [];
        return { delivery: comments };
      },
    },
    props: {
      transformPastedHTML(html) {
        const paste = fromWord(html);
        waiting = onComments ? paste.comments : [];
        return paste.html;
      },
    },
    view: () => ({
      update(view: EditorView) {
        const delivery = pasteKey.getState(view.state)?.delivery ?? null;
        if (!delivery || delivery === delivered) return;
        delivered = delivery;
        onComments?.(delivery);
      },
    }),
  });
}
