/**
 * A small, strict XML reader for the files translators send back (XLIFF). It reads elements,
 * attributes with their namespaces, text, CDATA, the five predefined entities and character
 * references; comments and processing instructions are skipped.
 *
 * It refuses a DOCTYPE outright, and with it every entity a file could declare: no expansion, so
 * no "billion laughs" and no external entities. Why not linkedom, as the HTML import does: linkedom
 * needs css-select, which is ESM only, so it loads on the import's worker thread but not in the
 * process the HTTP routes (and their tests) run in; and an XLIFF file needs none of a DOM.
 */

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

export interface XmlElement {
  /** The qualified name as written (`xlf:unit`). */
  name: string;
  /** The local name (`unit`). */
  local: string;
  /** The namespace URI, or null when none is in scope. */
  namespace: string | null;
  /** Attributes by qualified name as written (namespace declarations included). */
  attributes: Map<string, string>;
  children: XmlChild[];
}

export type XmlChild = XmlElement | string;

/** Why a text is not XML we read. */
export class XmlRefused extends Error {}

const NAME = /^[^\s/>=<"'!?]+/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * How deep elements may nest. Our files need 7 or so levels (xliff, file, unit, segment, target,
 * a few `<pc>`); everything that reads the tree afterwards recurses, so 20,000 nested elements would
 * overflow the stack there (a 500) instead of being refused here.
 */
export const MAX_DEPTH = 64;

/**
 * Whether a code point is a character XML 1.0 may hold (its `Char` production): tab, line feed,
 * carriage return and everything from space up, but no lone surrogate and not U+FFFE/U+FFFF. A
 * character reference may not smuggle in what the text itself could not contain; a control
 * character or half a surrogate pair in a translation would break every export written from it.
 */
export function isXmlChar(point: number): boolean {
  return (
    point === 0x9 ||
    point === 0xa ||
    point === 0xd ||
    (point >= 0x20 && point <= 0xd7ff) ||
    (point >= 0xe000 && point <= 0xfffd) ||
    (point >= 0x10000 && point <= 0x10ffff)
  );
}

function decode(raw: string, where: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new XmlRefused(`an unterminated "&" near character ${where}`);
    // Own keys only: `in` would take "&constructor;" for an entity (Object.prototype's).
    if (Object.hasOwn(ENTITIES, entity)) return ENTITIES[entity];
    const code = /^#x([0-9a-fA-F]{1,6})$/.exec(entity)?.[1] ?? null;
    const decimal = /^#([0-9]{1,7})$/.exec(entity)?.[1] ?? null;
    const point = code !== null ? parseInt(code, 16) : decimal !== null ? parseInt(decimal, 10) : NaN;
    if (!Number.isInteger(point)) throw new XmlRefused(`an unknown entity "&${entity};" near character ${where}`);
    if (!isXmlChar(point)) throw new XmlRefused(`a reference to a character XML cannot hold ("&${entity};") near character ${where}`);
    return String.fromCodePoint(point);
  });
}

/** Reads an element's attributes from the text between its name and `>` (or `/>`). */
function attributesOf(source: string, where: number): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/gy;
  let index = 0;
  while (index < source.length) {
    if (/^\s*$/.test(source.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(source);
    if (!match) throw new XmlRefused(`a malformed attribute near character ${where}`);
    const value = match[3] ?? match[4];
    if (value.includes('<')) throw new XmlRefused(`a "<" in an attribute near character ${where}`);
    if (attributes.has(match[1])) throw new XmlRefused(`the attribute "${match[1]}" twice near character ${where}`);
    attributes.set(match[1], decode(value.replace(/[\t\n\r]/g, ' '), where));
    index = pattern.lastIndex;
  }
  return attributes;
}

type Scope = Map<string, string>;

function resolve(qualified: string, scope: Scope, attribute: boolean): { local: string; namespace: string | null } {
  const colon = qualified.indexOf(':');
  if (colon < 0) return { local: qualified, namespace: attribute ? null : (scope.get('') ?? null) || null };
  const prefix = qualified.slice(0, colon);
  if (prefix === 'xml') return { local: qualified.slice(colon + 1), namespace: XML_NAMESPACE };
  const namespace = scope.get(prefix);
  if (namespace === undefined) throw new XmlRefused(`an undeclared namespace prefix "${prefix}"`);
  return { local: qualified.slice(colon + 1), namespace };
}

/** Parses a whole document; returns its root element. */
export function parseXml(text: string): XmlElement {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const stack: { element: XmlElement; scope: Scope }[] = [];
  let root: XmlElement | null = null;
  let index = 0;
  const addText = (value: string) => {
    const top = stack[stack.length - 1];
    if (top) {
      const last = top.element.children[top.element.children.length - 1];
      if (typeof last === 'string') top.element.children[top.element.children.length - 1] = last + value;
      else top.element.children.push(value);
    } else if (value.trim()) throw new XmlRefused('text outside the root element');
  };
  while (index < source.length) {
    const open = source.indexOf('<', index);
    if (open < 0) {
      addText(decode(source.slice(index), index));
      break;
    }
    if (open > index) addText(decode(source.slice(index, open), index));
    if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open + 4);
      if (end < 0) throw new XmlRefused('an unterminated comment');
      index = end + 3;
    } else if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open + 9);
      if (end < 0) throw new XmlRefused('an unterminated CDATA section');
      if (!stack.length) throw new XmlRefused('CDATA outside the root element');
      addText(source.slice(open + 9, end));
      index = end + 3;
    } else if (/^<!DOCTYPE/i.test(source.slice(open, open + 9))) {
      throw new XmlRefused('a DOCTYPE (declarations and entities are not accepted)');
    } else if (source.startsWith('<!', open)) {
      throw new XmlRefused(`a markup declaration near character ${open}`);
    } else if (source.startsWith('<?', open)) {
      const end = source.indexOf('?>', open + 2);
      if (end < 0) throw new XmlRefused('an unterminated processing instruction');
      index = end + 2;
    } else if (source.startsWith('</', open)) {
      const end = source.indexOf('>', open);
      if (end < 0) throw new XmlRefused('an unterminated end tag');
      const name = source.slice(open + 2, end).trim();
      const top = stack.pop();
      if (!top || top.element.name !== name) throw new XmlRefused(`an end tag </${name}> that closes nothing open near character ${open}`);
      if (!stack.length) root = top.element;
      index = end + 1;
    } else {
      const end = tagEnd(source, open);
      const body = source.slice(open + 1, end);
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const name = NAME.exec(inner)?.[0];
      if (!name) throw new XmlRefused(`a malformed tag near character ${open}`);
      if (stack.length === 0 && root) throw new XmlRefused('a second root element');
      const attributes = attributesOf(inner.slice(name.length), open);
      const parentScope = stack[stack.length - 1]?.scope ?? new Map<string, string>();
      let scope = parentScope;
      for (const [attribute, value] of attributes) {
        if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(attribute === 'xmlns' ? '' : attribute.slice(6), value);
        }
      }
      const { local, namespace } = resolve(name, scope, false);
      const element: XmlElement = { name, local, namespace, attributes, children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.element.children.push(element);
      if (selfClosing) {
        if (!parent) root = element;
      } else {
        if (stack.length >= MAX_DEPTH) throw new XmlRefused(`elements nested more than ${MAX_DEPTH} deep near character ${open}`);
        stack.push({ element, scope });
      }
      index = end + 1;
    }
  }
  if (stack.length) throw new XmlRefused(`an element <${stack[stack.length - 1].element.name}> that is never closed`);
  if (!root) throw new XmlRefused('no root element');
  return root;
}

/** Where the tag opened at `open` ends (its `>`), skipping `>` inside quoted attribute values. */
function tagEnd(source: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
    else if (ch === '<') break;
  }
  throw new XmlRefused(`an unterminated tag near character ${open}`);
}

/** An attribute by its local name, without a namespace (as XLIFF's own attributes are). */
export function attribute(element: XmlElement, name: string): string | null {
  return element.attributes.get(name) ?? null;
}

/** The child elements of `element`, optionally only those of one local name in one namespace. */
export function childElements(element: XmlElement, local?: string, namespace?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => typeof child !== 'string' && (local === undefined || child.local === local) && (namespace === undefined || child.namespace === namespace),
  );
}

/** Escapes text for element content. Characters XML 1.0 cannot hold (controls, lone surrogates) are left out. */
export function escapeText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes text for an attribute value in double quotes; line breaks kept as references. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
