/**
 * "Translate block": a source unit with no translation gets an empty block of the same kind (a
 * heading keeps its level) linked to it, placed after the translation of the nearest unit before it
 * (`insertionPoint`), and the cursor goes into it. When an empty linked block is already there
 * (inserted earlier, emptied since), the cursor goes there instead of adding a second one.
 *
 * A unit inside a list, table or quote of which nothing is translated yet brings the whole structure
 * along, emptied and linked (`structure-copy.ts`), placed between top-level blocks; once a part of
 * it is translated, a further unit gets one block as above.
 *
 * The new block has no id of its own yet: the block-id plugin gives it one with the next change.
 * Its `sourceHash` stays null until the person types its text (`stamp.ts`).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import type { SourceUnit, TranslationStatus } from '../../../shared/translations';
import { placedBlocks } from './blocks';
import { blockIdsIn, outermostContainer, structureCopy } from './structure-copy';
import { placeBlocks } from './work-list';

/** The source block of a unit, for its kind and heading level. */
function sourceNode(sourceDoc: ProseMirrorNode, unitId: string): ProseMirrorNode | null {
  return placedBlocks(sourceDoc).find((block) => block.id === unitId)?.node ?? null;
}

/**
 * Where the new block goes in the translation: after the last block (in document order) that
 * translates a unit before this one, or an orphan shown with such a unit; else at the start. This
 * is `insertionPoint`'s rule, read from the editor's blocks rather than their ids: a block
 * inserted a moment ago has no id until the block-id plugin's next dispatch.
 */
export function insertionPosition(doc: ProseMirrorNode, status: TranslationStatus, unitId: string): number {
  const index = status.aligned.findIndex((unit) => unit.source.id === unitId);
  const limit = index < 0 ? status.aligned.length : index;
  let position = 0;
  for (const { block, key, linked } of placeBlocks(status, placedBlocks(doc))) {
    if (key[0] < 0 || key[0] >= limit || (!linked && !block.text)) continue;
    position = Math.max(position, block.pos + block.node.nodeSize);
  }
  return position;
}

/**
 * The transaction that gives `unit` a place in the translation and puts the cursor there; null when
 * nothing can be done (the block cannot stand there).
 */
export function translateBlock(state: EditorState, status: TranslationStatus, unit: SourceUnit, sourceDoc: ProseMirrorNode): Transaction | null {
  const existing = placedBlocks(state.doc).find((block) => block.source === unit.id && !block.text);
  if (existing) return state.tr.setSelection(TextSelection.create(state.doc, existing.pos + 1)).scrollIntoView();
  const structure = translateStructure(state, status, unit, sourceDoc);
  if (structure) return structure;
  const original = sourceNode(sourceDoc, unit.id);
  const type = state.schema.nodes[original?.type.name ?? unit.kind] ?? state.schema.nodes.paragraph;
  const attrs: Record<string, unknown> = { id: null, source: unit.id, sourceHash: null, sourceText: null };
  if (type.name === 'heading') attrs.level = original?.attrs.level ?? 2;
  const node = type.createAndFill(attrs);
  if (!node) return null;
  const pos = insertionPosition(state.doc, status, unit.id);
  const $pos = state.doc.resolve(pos);
  if (!$pos.parent.canReplaceWith($pos.index(), $pos.index(), type)) return null;
  const tr = state.tr.insert(pos, node);
  return tr.setSelection(TextSelection.create(tr.doc, pos + 1)).scrollIntoView();
}

/**
 * The whole source list, table or quote around `unit`, emptied and linked, when no block of the
 * translation is linked to anything in it yet; null otherwise (or when it cannot stand there).
 */
function translateStructure(state: EditorState, status: TranslationStatus, unit: SourceUnit, sourceDoc: ProseMirrorNode): Transaction | null {
  const container = outermostContainer(sourceDoc, unit.id);
  if (!container) return null;
  const inside = blockIdsIn(container);
  if (placedBlocks(state.doc).some((block) => block.source !== null && inside.has(block.source))) return null;
  const copy = structureCopy(container, state.schema);
  if (!copy) return null;
  // Between top-level blocks: after the top-level block that holds the place `insertionPosition` finds.
  const $place = state.doc.resolve(insertionPosition(state.doc, status, unit.id));
  const pos = $place.depth === 0 ? $place.pos : $place.after(1);
  const $pos = state.doc.resolve(pos);
  if (!$pos.parent.canReplaceWith($pos.index(), $pos.index(), copy.type)) return null;
  const tr = state.tr.insert(pos, copy);
  // The cursor goes into the empty block that stands for the unit asked for.
  let target = pos + 1;
  tr.doc.nodesBetween(pos, pos + copy.nodeSize, (node, at) => {
    if (node.isTextblock && node.attrs.source === unit.id) target = at + 1;
    return !node.isTextblock;
  });
  return tr.setSelection(TextSelection.create(tr.doc, target)).scrollIntoView();
}
