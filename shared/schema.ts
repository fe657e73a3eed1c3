/**
 * The ProseMirror schema of a syllabus section. The editor, the server (reading Y.Docs) and every
 * exporter use this one definition, so a node the editor can make is a node an exporter must know.
 */
import { type MarkSpec, type NodeSpec, type Node as ProseMirrorNode, Schema } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';
import { safeHref } from './links';

const tables = tableNodes({
  tableGroup: 'block',
  cellContent: 'block+',
  cellAttributes: {},
});

/**
 * What an id of ours looks like (a section's, a block's): 1–64 letters, digits, "-" or "_". URL-,
 * XML- and Word-bookmark-safe, and short: a collab update carrying anything else is refused.
 */
const SHORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The longest label a cross-reference keeps: a number and a heading's words (titles are cut at 80). */
export const MAX_REFERENCE_LABEL = 300;

/** The schema's check of an id attribute (`validate` throws what it refuses). */
function shortId(value: unknown): void {
  if (typeof value !== 'string' || !SHORT_ID.test(value)) throw new RangeError('expected an id of 1–64 letters, digits, "-" or "_"');
}

/**
 * A stable id (#18) on the blocks a cross-reference can point at (headings, tables; learning
 * outcomes later). Null until the editor's id plugin gives one; a copy-paste that duplicates an id
 * is renumbered by the same plugin, so an id names one block of one section.
 */
const targetId = {
  default: null,
  validate: (value: unknown) => {
    if (value !== null) shortId(value);
  },
};

/** Reads the stable id of a pasted or imported block (`data-id`), when it looks like one of ours. */
function idOf(dom: HTMLElement): string | null {
  const id = dom.getAttribute('data-id');
  return id && SHORT_ID.test(id) ? id : null;
}

tables.table = {
  ...tables.table,
  attrs: { id: targetId },
  parseDOM: [{ tag: 'table', getAttrs: (dom) => ({ id: idOf(dom as HTMLElement) }) }],
  toDOM: (node) => ['table', node.attrs.id ? { 'data-id': node.attrs.id } : {}, ['tbody', 0]],
};

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },
  heading: {
    attrs: { level: { default: 1, validate: 'number' }, id: targetId },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3].map((level) => ({ tag: `h${level}`, getAttrs: (dom) => ({ level, id: idOf(dom as HTMLElement) }) })),
    toDOM: (node) => [
      `h${Math.min(3, Math.max(1, Number(node.attrs.level)))}`,
      node.attrs.id ? { 'data-id': node.attrs.id } : {},
      0,
    ],
  },
  blockquote: {
    content: 'block+',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: () => ['blockquote', 0],
  },
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ul' }],
    toDOM: () => ['ul', 0],
  },
  ordered_list: {
    attrs: { order: { default: 1, validate: 'number' } },
    content: 'list_item+',
    group: 'block',
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => ({ order: Number((dom as HTMLElement).getAttribute('start') ?? 1) || 1 }),
      },
    ],
    toDOM: (node) => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order }, 0]),
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: () => ['li', 0],
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
