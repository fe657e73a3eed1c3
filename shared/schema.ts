/**
 * The ProseMirror schema of a syllabus section. The editor, the server (reading Y.Docs) and every
 * exporter use this one definition, so a node the editor can make is a node an exporter must know.
 */
import { type MarkSpec, type NodeSpec, Schema } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';
import { safeHref } from './links';

const tables = tableNodes({
  tableGroup: 'block',
  cellContent: 'block+',
  cellAttributes: {},
});

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    content: 'inline*',
    group: 'block',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },
  heading: {
    attrs: { level: { default: 1, validate: 'number' } },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node) => [`h${Math.min(3, Math.max(1, Number(node.attrs.level)))}`, 0],
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

/** The Y.XmlFragment of a section's Y.Doc that holds its ProseMirror content (y-prosemirror's default). */
export const CONTENT_FRAGMENT = 'prosemirror';
