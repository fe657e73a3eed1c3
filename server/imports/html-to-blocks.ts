/**
 * Mammoth's HTML to a document in the syllabus schema. The HTML is sanitised first, whatever
 * mammoth is trusted to write: only the elements the schema reads are kept (others are unwrapped,
 * scripts and styles dropped with their content), only the attributes it reads (links through
 * `safeHref`), so nothing the Word file carried reaches the schema's parser but text and
 * structure. On the way:
 * - footnotes (and endnotes), which mammoth writes as numbered links to a list at the end, become
 *   our inline `footnote` node at the reference, holding the note's text;
 * - ordered lists get the number Word shows for their first item (`list-numbering.ts`);
 * - headings deeper than the third level become third-level ones, and each heading and table gets
 *   a stable id (`newTargetId`), so cross-references can point at it;
 * - images are counted and left out.
 */
import { DOMParser as HtmlParser } from 'linkedom';
import { DOMParser, type Node as ProseMirrorNode } from 'prosemirror-model';
import { safeHref } from '../../shared/links';
import { newTargetId } from '../../shared/references';
import { schema } from '../../shared/schema';
import { NOTE_ID_PREFIX } from './docx-to-html';
import type { ListCounter } from './list-numbering';

/** What the sanitising left out, counted for the preview. */
export interface HtmlLosses {
  images: number;
  /** Links inside the document (to its bookmarks and headings): kept as text. */
  internalLinks: number;
  /** Links to anything but web pages and e-mail (`javascript:`, files): kept as text. */
  unsafeLinks: number;
  endnotes: number;
}

/** Elements kept (the rest is unwrapped), and their attributes that are kept. */
const KEPT: Record<string, readonly string[]> = {
  p: [],
  h1: ['data-id'],
  h2: ['data-id'],
  h3: ['data-id'],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  table: ['data-id'],
  thead: [],
  tbody: [],
  tr: [],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan'],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  sup: [],
  sub: [],
  a: ['href'],
  br: [],
  span: ['data-footnote'],
};
/** Dropped with their content. */
const DROPPED = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'head', 'title', 'noscript', 'img']);

export function htmlToBlocks(html: string, options: { listStarts: ListCounter; newId?: () => string }): { doc: ProseMirrorNode; losses: HtmlLosses } {
  const document = new HtmlParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html') as unknown as Document;
  const body = document.body;
  const losses: HtmlLosses = { images: body.querySelectorAll('img').length, internalLinks: 0, unsafeLinks: 0, endnotes: 0 };
  moveNotesInline(document, losses);
  numberLists(body, options.listStarts);
  sanitise(body, losses);
  const newId = options.newId ?? (() => newTargetId());
  for (const block of body.querySelectorAll('h1, h2, h3, table')) block.setAttribute('data-id', newId());
  const doc = DOMParser.fromSchema(schema).parse(body as unknown as globalThis.Node);
  return { doc, losses };
}

/**
 * Each note reference (`<sup><a href="#…footnote-1">[1]</a></sup>`) becomes a `<span
 * data-footnote>` with the note's inline content; the list of notes and its back-links go.
 */
function moveNotesInline(document: Document, losses: HtmlLosses): void {
  const notes = new Map<string, Element>();
  for (const item of document.querySelectorAll(`li[id^="${NOTE_ID_PREFIX}"]`)) {
    const id = item.getAttribute('id') ?? '';
    if (!/^(footnote|endnote)-/.test(id.slice(NOTE_ID_PREFIX.length))) continue;
    notes.set(id, item);
  }
  for (const link of document.querySelectorAll(`a[href^="#${NOTE_ID_PREFIX}"]`)) {
    const target = (link.getAttribute('href') ?? '').slice(1);
    const note = notes.get(target);
    if (!note) continue;
    const span = document.createElement('span');
    span.setAttribute('data-footnote', '');
    const paragraphs = [...note.children].filter((child) => child.tagName.toLowerCase() === 'p');
    paragraphs.forEach((paragraph, index) => {
      if (index > 0) span.append(document.createTextNode(' '));
      for (const child of [...paragraph.childNodes]) {
        // The back-link to the reference ("↑").
        if (child.nodeType === 1 && (child as Element).tagName.toLowerCase() === 'a' && ((child as Element).getAttribute('href') ?? '').startsWith(`#${NOTE_ID_PREFIX}`)) continue;
        span.append(child.cloneNode(true));
      }
    });
    trimText(span);
    if (target.slice(NOTE_ID_PREFIX.length).startsWith('endnote-')) losses.endnotes += 1;
    const sup = link.parentElement;
    const replaced = sup && sup.tagName.toLowerCase() === 'sup' && sup.childNodes.length === 1 ? sup : link;
    replaced.replaceWith(span);
  }
  for (const note of notes.values()) {
    const list = note.parentElement;
    note.remove();
    if (list && list.children.length === 0) list.remove();
  }
}

/** Trims the whitespace a note's last text ends with (mammoth puts a space before the back-link). */
function trimText(element: Element): void {
  const last = element.lastChild;
  if (last && last.nodeType === 3) last.textContent = (last.textContent ?? '').replace(/\s+$/, '');
}

/** Reads the list markers of each item, removes them, and numbers ordered lists as Word does. */
function numberLists(body: Element, counter: ListCounter): void {
  const numbers = new Map<Element, number>();
  for (const item of body.querySelectorAll('li')) {
    const first = firstTextNode(item);
    const match = first ? /^\uE8A0li:(\d+)\.(\d+)\uE8A1/.exec(first.textContent ?? '') : null;
    if (!first || !match) continue;
    numbers.set(item, counter.next(match[1], Number(match[2])));
  }
  for (const list of body.querySelectorAll('ol')) {
    const first = [...list.children].find((child) => child.tagName.toLowerCase() === 'li');
    const number = first ? numbers.get(first) : undefined;
    if (number !== undefined && number !== 1) list.setAttribute('start', String(number));
  }
  // Markers of paragraphs that did not become list items (a numbered heading) go too.
  removeText(body, /\uE8A0li:[^\uE8A1]*\uE8A1/g);
}

/** The first text node inside an element, before any nested list. */
function firstTextNode(element: Element): globalThis.Node | null {
  for (const child of [...element.childNodes]) {
    if (child.nodeType === 3) return child as unknown as globalThis.Node;
    if (child.nodeType === 1 && !/^(ul|ol)$/i.test((child as Element).tagName)) {
      const found = firstTextNode(child as Element);
      if (found) return found;
    }
  }
  return null;
}

function removeText(root: Element, pattern: RegExp): void {
  const walk = (node: globalThis.Node) => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 3) {
        const text = child.textContent ?? '';
        if (pattern.test(text)) child.textContent = text.replace(pattern, '');
        pattern.lastIndex = 0;
      } else walk(child);
    }
  };
  walk(root as unknown as globalThis.Node);
}

function sanitise(root: Element, losses: HtmlLosses): void {
  for (const child of [...root.children]) sanitiseElement(child, losses);
}

function sanitiseElement(element: Element, losses: HtmlLosses): void {
  let tag = element.tagName.toLowerCase();
  if (DROPPED.has(tag)) {
    const parent = element.parentElement;
    element.remove();
    // A paragraph that held only an image would arrive as an empty line.
    if (tag === 'img' && parent && /^(p|h[1-6])$/i.test(parent.tagName) && (parent.textContent ?? '').trim() === '' && parent.children.length === 0) parent.remove();
    return;
  }
  for (const child of [...element.children]) sanitiseElement(child, losses);
  if (/^h[4-6]$/.test(tag)) {
    element = rename(element, 'h3');
    tag = 'h3';
  }
  const kept = KEPT[tag];
  if (!kept || (tag === 'span' && !element.hasAttribute('data-footnote'))) {
    element.replaceWith(...element.childNodes);
    return;
  }
  if (tag === 'a') {
    const raw = element.getAttribute('href') ?? '';
    if (!safeHref(raw)) {
      if (raw.startsWith('#')) losses.internalLinks += 1;
      else if (raw) losses.unsafeLinks += 1;
      element.replaceWith(...element.childNodes);
      return;
    }
  }
  for (const name of element.getAttributeNames()) {
    if (!kept.includes(name)) element.removeAttribute(name);
  }
  if (tag === 'a') element.setAttribute('href', safeHref(element.getAttribute('href'))!);
}

function rename(element: Element, tag: string): Element {
  const renamed = element.ownerDocument.createElement(tag);
  renamed.append(...element.childNodes);
  element.replaceWith(renamed);
  return renamed;
}
