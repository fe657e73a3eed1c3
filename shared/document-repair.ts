/**
 * Makes any ProseMirror JSON fit the shared schema, keeping every word that can be kept. Updates
 * are checked before the server applies them, but a section stored before those checks (or by a
 * bug) may hold content the schema refuses; everything that reads a section (versions, diffs,
 * approvals, word counts, exports) reads it through here, so such content can never make them fail.
 *
 * What does not fit is mended in the gentlest way that keeps the text: an unknown mark or an
 * attribute value the schema refuses is dropped (the attribute's default is used); an unknown
 * node, a node where its parent does not allow it, or one whose required attribute is missing or
 * refused (a cross-reference without a target), gives way to what it contains. For a footnote
 * (#18) that means: a paragraph or another footnote inside it gives way to its text, a line break
 * inside it becomes a space, and a footnote outside a paragraph is put into one. A cross-reference
 * that cannot stand gives way to the label it showed, so its words stay.
 */
import { type Mark, type MarkType, type Node as ProseMirrorNode, type NodeType, Fragment } from 'prosemirror-model';
import { schema } from './schema';

type Json = { type?: unknown; attrs?: unknown; content?: unknown; marks?: unknown; text?: unknown };

interface CheckedAttr {
  validate?: (value: unknown) => void;
  hasDefault?: boolean;
}

/** A node or mark type's attributes as the schema checks them (prosemirror-model keeps them unlisted in its types). */
function attrsOf(type: NodeType | MarkType): Record<string, CheckedAttr> {
  return (type as unknown as { attrs: Record<string, CheckedAttr> }).attrs;
}

/**
 * Whether the schema declares attribute `name` on `type` and its own check (`validate`) accepts
 * `value`: the one test of an attribute value, for incoming updates and for repairs alike.
 */
export function schemaAcceptsAttr(type: NodeType | MarkType, name: string, value: unknown): boolean {
  const attr = attrsOf(type)[name];
  if (!attr) return false;
  try {
    attr.validate?.(value);
    return true;
  } catch {
    return false;
  }
}

/** The attributes of a node or mark that the schema accepts, each checked alone. */
function acceptedAttrs(type: NodeType | MarkType, given: unknown): Record<string, unknown> | null {
  const attrs: Record<string, unknown> = {};
  const source = given && typeof given === 'object' ? (given as Record<string, unknown>) : {};
  for (const [name, attr] of Object.entries(attrsOf(type))) {
    if (name in source && schemaAcceptsAttr(type, name, source[name])) attrs[name] = source[name];
    else if (!attr.hasDefault) return null;
  }
  return attrs;
}

function repairMarks(json: unknown): readonly Mark[] {
  if (!Array.isArray(json)) return [];
  const marks: Mark[] = [];
  for (const entry of json as Json[]) {
    const type = typeof entry?.type === 'string' ? schema.marks[entry.type] : undefined;
    if (!type) continue;
    const attrs = acceptedAttrs(type, entry.attrs);
    if (attrs) marks.push(type.create(attrs));
  }
  return marks.reduce<readonly Mark[]>((set, mark) => mark.addToSet(set), []);
}

/** The node a piece of JSON stands for, or, when it cannot be one, the nodes it contains. */
function repairNode(json: unknown): ProseMirrorNode[] {
  if (!json || typeof json !== 'object') return [];
  const entry = json as Json;
  const type = typeof entry.type === 'string' ? schema.nodes[entry.type] : undefined;
  if (type?.name === 'text') {
    return typeof entry.text === 'string' && entry.text.length > 0 ? [schema.text(entry.text, repairMarks(entry.marks))] : [];
  }
  const children = Array.isArray(entry.content) ? (entry.content as unknown[]).flatMap(repairNode) : [];
  if (!type || type === schema.topNodeType) return children;
  // Without its required attributes a node cannot be made at all (creating it would throw).
  const attrs = acceptedAttrs(type, entry.attrs);
  if (!attrs) return [...children, ...labelOf(type, entry.attrs)];
  const node = fill(type, attrs, children, repairMarks(entry.marks));
  return node ? [node] : children;
}

/** The words a leaf shows that are kept when the leaf cannot be (a cross-reference's label), as text. */
function labelOf(type: NodeType, attrs: unknown): ProseMirrorNode[] {
  const label = attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>).label : undefined;
  return typeof label === 'string' && label.length > 0 && schemaAcceptsAttr(type, 'label', label) ? [schema.text(label)] : [];
}

/** What a node that does not fit gives way to: its content, or the words it shows. */
function standIns(node: ProseMirrorNode): ProseMirrorNode[] {
  if (node.type.name === 'hard_break') return [schema.text(' ', node.marks)];
  if (node.isLeaf) return labelOf(node.type, node.attrs);
  const children: ProseMirrorNode[] = [];
  node.content.forEach((child) => children.push(child));
  return children;
}

/**
 * `type` with as many of `children` as fit, in order; children that do not fit are unwrapped into
 * what they hold (their text is kept), or, for text in a container, wrapped in a paragraph.
 */
function fill(type: NodeType, attrs: Record<string, unknown>, children: ProseMirrorNode[], marks: readonly Mark[]): ProseMirrorNode | null {
  const kept: ProseMirrorNode[] = [];
  let match = type.contentMatch;
  const push = (child: ProseMirrorNode): boolean => {
    const next = match.matchType(child.type);
    if (!next) return false;
    kept.push(child);
    match = next;
    return true;
  };
  const take = (child: ProseMirrorNode): void => {
    if (push(child)) return;
    // Inline content where blocks belong goes into a paragraph of its own.
    const block = child.isInline && !type.inlineContent ? schema.nodes.paragraph.createAndFill(null, child) : child;
    if (block && block !== child && push(block)) return;
    // A block where a container belongs (a paragraph straight in a list): wrapped as the schema says.
    const wrapping = block ? match.findWrapping(block.type) : null;
    if (block && wrapping) {
      let wrapped: ProseMirrorNode | null = block;
      for (let i = wrapping.length - 1; i >= 0 && wrapped; i--) wrapped = wrapping[i].createAndFill(null, wrapped);
      if (wrapped && push(wrapped)) return;
    }
    // Anything else that does not fit gives way to what it holds (a line break to a space).
    if (child.isText) return;
    standIns(child).forEach(take);
  };
  children.forEach(take);
  const ending = match.fillBefore(Fragment.empty, true);
  if (!ending) return null;
  return type.create(attrs, Fragment.from(kept).append(ending), marks);
}

/** The document `json` stands for, made to fit the schema; an empty one is one empty paragraph. */
export function repairDocument(json: unknown): ProseMirrorNode {
  const children = json && typeof json === 'object' && Array.isArray((json as Json).content) ? ((json as Json).content as unknown[]).flatMap(repairNode) : [];
  return fill(schema.topNodeType, {}, children, []) ?? schema.topNodeType.createAndFill()!;
}

/** Whether `json` already fits the schema as it is (the common case, cheaper than repairing). */
export function fitsSchema(json: unknown): boolean {
  try {
    schema.nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}

/** The node `json` stands for: as it is when it fits the schema, else repaired. */
export function readDocument(json: unknown): ProseMirrorNode {
  try {
    const node = schema.nodeFromJSON(json);
    node.check();
    return node;
  } catch {
    return repairDocument(json);
  }
}
