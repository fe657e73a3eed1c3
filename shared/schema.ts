/**
 * The ProseMirror schema of a syllabus section. The editor, the server (reading Y.Docs) and every
 * exporter use this one definition, so a node the editor can make is a node an exporter must know.
 */
import { type MarkSpec, type NodeSpec, type Node as ProseMirrorNode, Schema } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';
import { safeHref } from './links';

/**
 * What an id of ours looks like (a section's, a block's): 1–64 letters, digits, "-" or "_". URL-,
 * XML- and Word-bookmark-safe, and short: a collab update carrying anything else is refused.
 */
const SHORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The longest label a cross-reference keeps: a number and a heading's words (titles are cut at 80). */
export const MAX_REFERENCE_LABEL = 300;

/**
 * The longest source text a translation block keeps (`sourceText`): a long paragraph is a few
 * thousand characters; the bound keeps a hand-made update from bloating a document.
 */
export const MAX_SOURCE_TEXT = 20_000;

/** The schema's check of an id attribute (`validate` throws what it refuses). */
function shortId(value: unknown): void {
  if (typeof value !== 'string' || !SHORT_ID.test(value)) throw new RangeError('expected an id of 1–64 letters, digits, "-" or "_"');
}

/** An id, a source link or a hash: null, or a short id-like string (a hash is 1–11 base-36 characters). */
const optionalId = {
  default: null,
  validate: (value: unknown) => {
    if (value !== null) shortId(value);
  },
};

/**
 * Every block's stable id and, in a translation, the id of the source block it translates (#19).
 * Headings and tables had ids first (#18, cross-reference targets); every block has one now, so a
 * translation can name the source unit it renders. Null until the editor's id plugin gives one; a
 * copy-paste that duplicates an id is renumbered by the same plugin, so an id names one block.
 */
const blockId = { id: optionalId, source: optionalId };

/**
 * A textblock is a translation unit: besides its link it keeps the hash of the source text it was
 * last confirmed against (`sourceHash`; null = never confirmed) and that text (`sourceText`), so a
 * stale translation can show what changed. `sourceText` stays out of the DOM (see `blockDom`).
 */
const unitLink = {
  ...blockId,
  sourceHash: optionalId,
  sourceText: {
    default: null,
    validate: (value: unknown) => {
      if (value !== null && (typeof value !== 'string' || value.length > MAX_SOURCE_TEXT)) {
        throw new RangeError(`expected a source text of at most ${MAX_SOURCE_TEXT} characters`);
      }
    },
  },
};

/** Reads an id-like attribute of a pasted or imported block, when it looks like one of ours. */
function idAttr(dom: HTMLElement, name: string): string | null {
  const value = dom.getAttribute(name);
  return value && SHORT_ID.test(value) ? value : null;
}

/** A block's id, link and hash from its `data-*` attributes (a paste keeps them; `sourceText` is not in the DOM). */
function blockAttrsOf(dom: HTMLElement): { id: string | null; source: string | null } {
  return { id: idAttr(dom, 'data-id'), source: idAttr(dom, 'data-source') };
}

function unitAttrsOf(dom: HTMLElement): { id: string | null; source: string | null; sourceHash: string | null } {
  return { ...blockAttrsOf(dom), sourceHash: idAttr(dom, 'data-source-hash') };
}

/**
 * The `data-*` attributes of a block, only those that are set: a block without id or link renders
 * as it always did (`<p>` stays `<p>`). The source text is left out: it can be long, and a paste
 * that lost it only means the pasted block shows no diff until it is confirmed.
 */
function blockDom(attrs: Record<string, unknown>): Record<string, string> {
  const dom: Record<string, string> = {};
  if (typeof attrs.id === 'string' && attrs.id) dom['data-id'] = attrs.id;
  if (typeof attrs.source === 'string' && attrs.source) dom['data-source'] = attrs.source;
  if (typeof attrs.sourceHash === 'string' && attrs.sourceHash) dom['data-source-hash'] = attrs.sourceHash;
  return dom;
}

/** Table cells carry `blockId` through prosemirror-tables' own cell attribute hooks. */
const cellAttribute = (name: 'id' | 'source') => ({
  default: null,
  validate: optionalId.validate,
  getFromDOM: (dom: HTMLElement) => idAttr(dom, name === 'id' ? 'data-id' : 'data-source'),
  setDOMAttr: (value: unknown, attrs: Record<string, unknown>) => {
    if (typeof value === 'string' && value) attrs[name === 'id' ? 'data-id' : 'data-source'] = value;
  },
});

const tables = tableNodes({
  tableGroup: 'block',
  cellContent: 'block+',
  cellAttributes: { id: cellAttribute('id'), source: cellAttribute('source') },
});

/**
 * What a table is for (#20): null for an ordinary table; `hours` (a module's contact hours by kind:
 * topic, lecture, seminar, practice, self-study) and `assessment` (item, weight in %, the outcomes
 * it checks) are read as data by `shared/curriculum.ts` while their cells stay editable text, so
 * totals and warnings follow what people type and two people can fill one table at once.
 */
export const TABLE_KINDS = ['hours', 'assessment'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

function tableKindOf(dom: HTMLElement): TableKind | null {
  const kind = dom.getAttribute('data-kind');
  return (TABLE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as TableKind) : null;
}

tables.table = {
  ...tables.table,
  attrs: {
    ...blockId,
    kind: {
      default: null,
      validate: (value: unknown) => {
        if (value !== null && !(TABLE_KINDS as readonly unknown[]).includes(value)) throw new RangeError(`expected a table kind: ${TABLE_KINDS.join(', ')} or null`);
      },
    },
  },
  parseDOM: [{ tag: 'table', getAttrs: (dom) => ({ ...blockAttrsOf(dom as HTMLElement), kind: tableKindOf(dom as HTMLElement) }) }],
  toDOM: (node) => ['table', { ...blockDom(node.attrs), ...(node.attrs.kind ? { 'data-kind': String(node.attrs.kind) } : {}) }, ['tbody', 0]],
};

tables.table_row = {
  ...tables.table_row,
  attrs: blockId,
  parseDOM: [{ tag: 'tr', getAttrs: (dom) => blockAttrsOf(dom as HTMLElement) }],
  toDOM: (node) => ['tr', blockDom(node.attrs), 0],
};

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    attrs: unitLink,
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p', getAttrs: (dom) => unitAttrsOf(dom as HTMLElement) }],
    toDOM: (node) => ['p', blockDom(node.attrs), 0],
  },
  /**
   * `template` (#20): the key of the common national template's heading this heading stands for
   * (null for any other heading), so a national section's conformance does not depend on how
   * each country words or translates the heading.
   */
  heading: {
    attrs: { level: { default: 1, validate: 'number' }, ...unitLink, template: optionalId },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3].map((level) => ({
      tag: `h${level}`,
      getAttrs: (dom) => ({ level, ...unitAttrsOf(dom as HTMLElement), template: idAttr(dom as HTMLElement, 'data-template') }),
    })),
    toDOM: (node) => [
      `h${Math.min(3, Math.max(1, Number(node.attrs.level)))}`,
      { ...blockDom(node.attrs), ...(node.attrs.template ? { 'data-template': String(node.attrs.template) } : {}) },
      0,
    ],
  },
  /**
   * A learning outcome (#20): one statement of what a participant can do after the course, as its
   * own block so it gets a stable id (a cross-reference and an assessment item can point at it) and
   * a number ("LO 1.2") that follows document order. The number is drawn, never stored.
   */
  learning_outcome: {
    attrs: unitLink,
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: 'p[data-outcome]', priority: 60, getAttrs: (dom) => unitAttrsOf(dom as HTMLElement) }],
    toDOM: (node) => ['p', { class: 'learning-outcome', 'data-outcome': '', ...blockDom(node.attrs) }, 0],
  },
  blockquote: {
    attrs: blockId,
    content: 'block+',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: 'blockquote', getAttrs: (dom) => blockAttrsOf(dom as HTMLElement) }],
    toDOM: (node) => ['blockquote', blockDom(node.attrs), 0],
  },
  bullet_list: {
    attrs: blockId,
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul', getAttrs: (dom) => blockAttrsOf(dom as HTMLElement) }],
    toDOM: (node) => ['ul', blockDom(node.attrs), 0],
  },
  ordered_list: {
    attrs: { order: { default: 1, validate: 'number' }, ...blockId },
    content: 'list_item+',
    group: 'block',
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => ({ order: Number((dom as HTMLElement).getAttribute('start') ?? 1) || 1, ...blockAttrsOf(dom as HTMLElement) }),
      },
    ],
    toDOM: (node) => ['ol', { ...(node.attrs.order === 1 ? {} : { start: node.attrs.order }), ...blockDom(node.attrs) }, 0],
  },
  list_item: {
    attrs: blockId,
    content: 'paragraph block*',
    defining: true,
    parseDOM: [{ tag: 'li', getAttrs: (dom) => blockAttrsOf(dom as HTMLElement) }],
    toDOM: (node) => ['li', blockDom(node.attrs), 0],
  },
  ...tables,
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
  /**
   * A footnote (#18) sits in the text where its number is shown; its content is the note's text,
   * so two people writing the same note merge like any other text (an attribute would be
   * overwritten by the last writer). Numbers are not stored: they follow document order.
   * An atom for the outer editor (the note is edited in its own small editor).
   */
  footnote: {
    inline: true,
    group: 'inline',
    content: 'text*',
    atom: true,
    parseDOM: [{ tag: 'span[data-footnote]' }],
    toDOM: () => ['span', { class: 'footnote', 'data-footnote': '' }, 0],
  },
  /**
   * A cross-reference (#18) to a heading or table (or learning outcome) of any section: the target
   * by section id and the block's stable id. What it shows (the target's current number and
   * title) is looked up when it is drawn or exported; `label` keeps what it showed when inserted,
   * for a reader that cannot look it up and for a target that has been deleted.
   */
  cross_reference: {
    inline: true,
    group: 'inline',
    atom: true,
    attrs: {
      section: { validate: shortId },
      target: { validate: shortId },
      label: {
        default: '',
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > MAX_REFERENCE_LABEL) throw new RangeError(`expected a label of at most ${MAX_REFERENCE_LABEL} characters`);
        },
      },
    },
    parseDOM: [
      {
        tag: 'a[data-cross-reference]',
        getAttrs: (dom) => {
          const element = dom as HTMLElement;
          const section = element.getAttribute('data-section');
          const target = element.getAttribute('data-target');
          if (!section || !target || !SHORT_ID.test(section) || !SHORT_ID.test(target)) return false;
          return { section, target, label: (element.textContent ?? '').slice(0, MAX_REFERENCE_LABEL) };
        },
      },
    ],
    toDOM: (node) => [
      'a',
      {
        class: 'cross-reference',
        'data-cross-reference': '',
        'data-section': node.attrs.section,
        'data-target': node.attrs.target,
        href: `/sections/${encodeURIComponent(String(node.attrs.section))}#${encodeURIComponent(String(node.attrs.target))}`,
      },
      String(node.attrs.label || '→'),
    ],
  },
};

const marks: Record<string, MarkSpec> = {
  /**
   * A term linked to its entry in the shared glossary (#20), by the entry's id: the definition
   * shown on hover and the glossary appendix are looked up, so an edited definition is current
   * everywhere the term is linked.
   */
  glossary_term: {
    attrs: { entry: { validate: shortId } },
    inclusive: false,
    parseDOM: [
      {
        tag: 'span[data-glossary]',
        getAttrs: (dom) => {
          const entry = idAttr(dom as HTMLElement, 'data-glossary');
          return entry ? { entry } : false;
        },
      },
    ],
    toDOM: (mark) => ['span', { class: 'glossary-term', 'data-glossary': String(mark.attrs.entry) }, 0],
  },
  link: {
    attrs: { href: { validate: 'string' }, title: { default: null } },
    inclusive: false,
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = safeHref((dom as HTMLElement).getAttribute('href'));
          return href ? { href, title: (dom as HTMLElement).getAttribute('title') } : false;
        },
      },
    ],
    // A stored href that is not safe (from an old or hand-made update) renders as plain text.
    toDOM: (mark) => {
      const href = safeHref(mark.attrs.href);
      return href
        ? ['a', { href, title: mark.attrs.title, rel: 'noopener noreferrer nofollow', target: '_blank' }, 0]
        : ['span', 0];
    },
  },
  bold: {
    parseDOM: [
      { tag: 'strong' },
      { tag: 'b', getAttrs: (dom) => (dom as HTMLElement).style.fontWeight !== 'normal' && null },
      { style: 'font-weight=bold' },
    ],
    toDOM: () => ['strong', 0],
  },
  italic: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }, { style: 'font-style=italic' }],
    toDOM: () => ['em', 0],
  },
  underline: {
    parseDOM: [{ tag: 'u' }, { style: 'text-decoration=underline' }],
    toDOM: () => ['u', 0],
  },
  strike: {
    parseDOM: [{ tag: 's' }, { tag: 'del' }, { tag: 'strike' }, { style: 'text-decoration=line-through' }],
    toDOM: () => ['s', 0],
  },
  subscript: {
    excludes: 'superscript',
    parseDOM: [{ tag: 'sub' }],
    toDOM: () => ['sub', 0],
  },
  superscript: {
    excludes: 'subscript',
    parseDOM: [{ tag: 'sup' }],
    toDOM: () => ['sup', 0],
  },
  /**
   * Suggested wording (#17): text someone proposed and nobody has accepted yet, and text someone
   * proposed to delete. Each carries the suggestion's id (one for a run of keystrokes), its author
   * (the person's id) and when it was made (ms since 1970). In Yjs they are formatting attributes
   * of those names on the text. Not inclusive: typing next to a suggestion is not part of it unless
   * the suggesting plugin says so. The two may overlap (a deletion proposed over someone's
   * proposed insertion).
   */
  insertion: {
    inclusive: false,
    attrs: { id: { validate: 'string' }, author: { validate: 'number' }, at: { default: 0, validate: 'number' } },
    parseDOM: [{ tag: 'ins[data-suggestion]', getAttrs: suggestionAttrs }],
    toDOM: (mark) => ['ins', suggestionDom(mark.attrs), 0],
  },
  deletion: {
    inclusive: false,
    attrs: { id: { validate: 'string' }, author: { validate: 'number' }, at: { default: 0, validate: 'number' } },
    parseDOM: [{ tag: 'del[data-suggestion]', getAttrs: suggestionAttrs }],
    toDOM: (mark) => ['del', suggestionDom(mark.attrs), 0],
  },
};

/** A suggestion mark as the editor and HTML show it (`data-*` so that a paste keeps it). */
function suggestionDom(attrs: Record<string, unknown>): Record<string, string> {
  return {
    class: 'suggestion',
    'data-suggestion': String(attrs.id),
    'data-author': String(attrs.author),
    'data-at': String(attrs.at),
  };
}

function suggestionAttrs(dom: HTMLElement | string): false | { id: string; author: number; at: number } {
  if (typeof dom === 'string') return false;
  const id = dom.getAttribute('data-suggestion');
  const author = Number(dom.getAttribute('data-author'));
  if (!id || !Number.isInteger(author)) return false;
  return { id, author, at: Number(dom.getAttribute('data-at')) || 0 };
}

export const schema = new Schema({ nodes, marks });

/**
 * Whether a section has no text: nothing, or one empty paragraph (what a new section holds). The
 * import's "replace" is for such a section only; the dialog offers it by the same test the server
 * applies.
 */
export function isEmptySectionText(doc: ProseMirrorNode): boolean {
  return doc.childCount === 0 || (doc.childCount === 1 && doc.firstChild!.type === schema.nodes.paragraph && doc.firstChild!.content.size === 0);
}

/** The Y.XmlFragment of a section's Y.Doc that holds its ProseMirror content (y-prosemirror's default). */
export const CONTENT_FRAGMENT = 'prosemirror';
