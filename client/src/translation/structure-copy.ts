/**
 * "Translate block" for a unit inside a list, table or quote (design §5): when nothing of that
 * structure is translated yet, the translation gets the same structure — the list with its items,
 * the table with its rows and cells — every textblock in it empty and linked to the source block it
 * stands for (`source` = that block's id), every container linked to its source container. The
 * translator then fills the cells in place instead of rebuilding the table around flat paragraphs.
 *
 * Pure: the source node in, the empty linked copy out (or null when the schema refuses it).
 */
import { Fragment, type Node as ProseMirrorNode, type Schema } from 'prosemirror-model';

/** The source block's id, or null. */
const idOf = (node: ProseMirrorNode): string | null => (typeof node.attrs.id === 'string' && node.attrs.id ? node.attrs.id : null);

/** The node's attrs with the link to its source block, its own id left to the block-id plugin. */
function linkedAttrs(node: ProseMirrorNode): Record<string, unknown> {
  const attrs: Record<string, unknown> = { ...node.attrs };
  if ('id' in attrs) attrs.id = null;
  if ('source' in attrs) attrs.source = idOf(node);
  if ('sourceHash' in attrs) attrs.sourceHash = null;
  if ('sourceText' in attrs) attrs.sourceText = null;
  return attrs;
}

/** The empty, linked copy of one source node (its text gone, its structure kept). */
function emptyCopy(node: ProseMirrorNode, schema: Schema): ProseMirrorNode {
  const type = schema.nodes[node.type.name];
  if (!type) throw new RangeError(`no ${node.type.name} in this schema`);
  if (node.isTextblock) return type.createAndFill(linkedAttrs(node)) ?? type.create(linkedAttrs(node));
  if (node.isLeaf) return type.create(node.attrs, null, node.marks);
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => children.push(emptyCopy(child, schema)));
  return type.createChecked(linkedAttrs(node), Fragment.from(children));
}

/** The empty linked copy of a source structure; null when the translation's schema cannot hold it. */
export function structureCopy(source: ProseMirrorNode, schema: Schema): ProseMirrorNode | null {
  try {
    return emptyCopy(source, schema);
  } catch {
    return null;
  }
}

/** The ids of every block in a source structure (its units' among them). */
export function blockIdsIn(node: ProseMirrorNode): Set<string> {
  const ids = new Set<string>();
  node.descendants((child) => {
    const id = idOf(child);
    if (id) ids.add(id);
    return !child.isTextblock;
  });
  return ids;
}

/**
 * The top-level source block (a list, a table, a quote) that holds the unit with this id, with the
 * unit's depth below it; null when the unit is itself a top-level block or is not there.
 */
export function outermostContainer(sourceDoc: ProseMirrorNode, unitId: string): ProseMirrorNode | null {
  let found: ProseMirrorNode | null = null;
  sourceDoc.forEach((top) => {
    if (found || top.isTextblock || top.isLeaf) return;
    if (blockIdsIn(top).has(unitId)) found = top;
  });
  return found;
}
