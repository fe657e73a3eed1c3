/**
 * A tolerant tree of HTML tags that remembers its source (#18, for paste from Word): every
 * element keeps its start and end tag as written and text stays undecoded, so serializing the
 * tree gives back the very string it was read from, and a change touches only what it changes.
 * Runs without a DOM (unit tests in Node); clipboard HTML from office programs closes its tags,
 * and the few HTML rules they rely on (a new <p> or <li> ends the open one) are followed.
 */
export interface HtmlElement {
  kind: 'element';
  name: string;
  attrs: Map<string, string>;
  /** The start tag as written; '' for the root. */
  start: string;
  /** The end tag as written; '' when it was implied (or for void elements). */
  end: string;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

/** Text (`text`) or anything else kept as written: comments, doctype, Word's `<![if …]>`. */
export interface HtmlRaw {
  kind: 'text' | 'raw';
  raw: string;
  parent: HtmlElement | null;
}

export type HtmlNode = HtmlElement | HtmlRaw;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** Start tags that end an open element of these names (the HTML rules that clipboards rely on). */
const IMPLIED_END: Record<string, string[]> = { p: ['p'], li: ['li'], tr: ['tr', 'td', 'th'], td: ['td', 'th'], th: ['td', 'th'] };
/** An implied end stops at these: a list item does not close one outside its own list. */
const SCOPE = new Set(['ul', 'ol', 'table', 'div', 'td', 'th', 'blockquote', 'body']);
export const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre']);

function element(name: string, start: string, attrs: Map<string, string>, parent: HtmlElement | null): HtmlElement {
  return { kind: 'element', name, attrs, start, end: '', children: [], parent };
}

/** Reads a start tag at `at` (just after `<`): its name, attributes and where it ends. */
function readStartTag(html: string, at: number): { name: string; attrs: Map<string, string>; end: number; selfClosing: boolean } | null {
  const name = /^[A-Za-z][^\s/>]*/.exec(html.slice(at, at + 64))?.[0];
  if (!name) return null;
  const attrs = new Map<string, string>();
  let i = at + name.length;
  while (i < html.length) {
    while (/\s/.test(html[i] ?? '')) i++;
    if (html[i] === '>') return { name: name.toLowerCase(), attrs, end: i + 1, selfClosing: false };
    if (html.startsWith('/>', i)) return { name: name.toLowerCase(), attrs, end: i + 2, selfClosing: true };
    if (i >= html.length) break;
    const attrName = /^[^\s/>=]+|^\//.exec(html.slice(i, i + 256))?.[0] ?? html[i];
    i += attrName.length;
    while (/\s/.test(html[i] ?? '')) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (/\s/.test(html[i] ?? '')) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const stop = close < 0 ? html.length : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const unquoted = /^[^\s>]*/.exec(html.slice(i))![0];
        value = unquoted;
        i += unquoted.length;
      }
    }
    if (attrName !== '/') attrs.set(attrName.toLowerCase(), decodeEntities(value));
  }
  return null;
}

/** Parses HTML into a tree whose serialization (`htmlOf`) gives back the same string. */
export function parseHtml(html: string): HtmlElement {
  const root = element('#root', '', new Map(), null);
  let open = root;
  let i = 0;
  let text = 0;
  const flushText = (to: number) => {
    if (to > text) open.children.push({ kind: 'text', raw: html.slice(text, to), parent: open });
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    i = lt;
    const next = html[lt + 1] ?? '';
    if (html.startsWith('<!--', lt) || next === '!' || next === '?') {
      const close = html.startsWith('<!--', lt) ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt);
      const end = close < 0 ? html.length : close + (html.startsWith('<!--', lt) ? 3 : 1);
      flushText(lt);
      open.children.push({ kind: 'raw', raw: html.slice(lt, end), parent: open });
      i = text = end;
    } else if (next === '/') {
      const match = /^<\/([A-Za-z][^\s/>]*)[^>]*>/.exec(html.slice(lt, lt + 300));
      if (!match) {
        i = lt + 1;
        continue;
      }
      flushText(lt);
      const name = match[1].toLowerCase();
      let target: HtmlElement | null = open;
      while (target && target !== root && target.name !== name) target = target.parent;
      if (target && target !== root) {
        target.end = match[0];
        open = target.parent!;
      } else open.children.push({ kind: 'raw', raw: match[0], parent: open });
      i = text = lt + match[0].length;
    } else {
      const tag = readStartTag(html, lt + 1);
      if (!tag) {
        i = lt + 1;
        continue;
      }
      flushText(lt);
      for (const ended of IMPLIED_END[tag.name] ?? []) {
        let candidate: HtmlElement | null = open;
        while (candidate && candidate !== root && candidate.name !== ended && !SCOPE.has(candidate.name)) candidate = candidate.parent;
        if (candidate && candidate !== root && candidate.name === ended) open = candidate.parent!;
      }
      const node = element(tag.name, html.slice(lt, tag.end), tag.attrs, open);
      open.children.push(node);
      i = text = tag.end;
      if (RAW_TEXT.has(tag.name)) {
        const close = html.toLowerCase().indexOf(`</${tag.name}`, i);
        const stop = close < 0 ? html.length : close;
        if (stop > i) node.children.push({ kind: 'text', raw: html.slice(i, stop), parent: node });
        const endTag = close < 0 ? '' : /^<\/[^>]*>/.exec(html.slice(close))?.[0] ?? '';
        node.end = endTag;
        i = text = stop + endTag.length;
      } else if (!VOID.has(tag.name) && !tag.selfClosing) open = node;
    }
  }
  flushText(html.length);
  return root;
}

export function htmlOf(node: HtmlNode): string {
  if (node.kind !== 'element') return node.raw;
  return node.start + node.children.map(htmlOf).join('') + node.end;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', laquo: '«', raquo: '»', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bdquo: '„', sect: '§', para: '¶', deg: '°', middot: '·',
  bull: '•', copy: '©', reg: '®', shy: '\u00ad', euro: '€', times: '×', numero: '№',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/** A CSS property of an element's `style`, Word's line breaks inside it ignored. */
export function styleOf(node: HtmlNode, property: string): string | null {
  if (node.kind !== 'element') return null;
  for (const declaration of (node.attrs.get('style') ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0 && declaration.slice(0, colon).trim().toLowerCase() === property) return declaration.slice(colon + 1).replace(/\s+/g, ' ').trim();
  }
  return null;
}

export function hasClass(node: HtmlNode, name: string): boolean {
  return node.kind === 'element' && (node.attrs.get('class') ?? '').toLowerCase().split(/\s+/).includes(name.toLowerCase());
}

/** Every node under `root` in document order (a copy: the tree may change while it is used). */
export function descendants(root: HtmlElement): HtmlNode[] {
  const found: HtmlNode[] = [];
  const walk = (node: HtmlElement) => {
    for (const child of node.children) {
      found.push(child);
      if (child.kind === 'element') walk(child);
    }
  };
  walk(root);
  return found;
}

export function inside(node: HtmlNode, test: (ancestor: HtmlElement) => boolean): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (test(parent)) return true;
  return false;
}

export function replace(node: HtmlNode, replacement: HtmlNode[]): void {
  const parent = node.parent;
  if (!parent) return;
  const index = parent.children.indexOf(node);
  if (index < 0) return;
  for (const added of replacement) added.parent = parent;
  parent.children.splice(index, 1, ...replacement);
}

export const remove = (node: HtmlNode) => replace(node, []);
export const unwrap = (node: HtmlElement) => replace(node, node.children);

/** What a reader sees of a node: entities decoded, white space collapsed, blocks on new lines. */
export function textOf(node: HtmlNode, skip: (node: HtmlNode) => boolean = () => false): string {
  if (skip(node)) return '';
  if (node.kind !== 'element') return node.kind === 'text' ? decodeEntities(node.raw).replace(/\s+/g, ' ') : '';
  if (node.name === 'br') return '\n';
  const inner = node.children.map((child) => textOf(child, skip)).join('');
  return BLOCKS.has(node.name) ? `\n${inner}\n` : inner;
}

export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
