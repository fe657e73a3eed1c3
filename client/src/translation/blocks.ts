/**
 * The paragraphs and headings of an editor's document with their places, in the order
 * `unitBlocks` (shared/translations.ts) reads the same document's JSON: what the side-by-side
 * view decorates, pairs and moves the cursor between.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { UNIT_TYPES, unitText } from '../../../shared/translations';

export interface PlacedBlock {
  pos: number;
  node: ProseMirrorNode;
  id: string | null;
  /** The source unit a translation block translates (null on the source side, or unlinked). */
  source: string | null;
  sourceHash: string | null;
  sourceText: string | null;
  text: string;
}

const stringAttr = (node: ProseMirrorNode, name: string): string | null => {
  const value: unknown = node.attrs[name];
  return typeof value === 'string' && value ? value : null;
};

/** Every paragraph and heading below the document, with its position, in document order. */
export function placedBlocks(doc: ProseMirrorNode): PlacedBlock[] {
  const found: PlacedBlock[] = [];
  doc.descendants((node, pos) => {
    if (UNIT_TYPES.has(node.type.name)) {
      found.push({
        pos,
        node,
        id: stringAttr(node, 'id'),
        source: stringAttr(node, 'source'),
        sourceHash: stringAttr(node, 'sourceHash'),
        sourceText: typeof node.attrs.sourceText === 'string' ? node.attrs.sourceText : null,
        text: unitText(node),
      });
      return false;
    }
    // Inline content (a footnote's text) holds no units, as `unitBlocks` reads it.
    return !node.isTextblock && !node.isInline;
  });
  return found;
}

/** The block holding a document position (the cursor), or null outside any paragraph or heading. */
export function blockAt(blocks: PlacedBlock[], pos: number): PlacedBlock | null {
  for (const block of blocks) if (pos > block.pos && pos < block.pos + block.node.nodeSize) return block;
  return null;
}
