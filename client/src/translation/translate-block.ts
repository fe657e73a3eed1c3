/**
 * "Translate block": a source unit with no translation gets an empty block of the same kind (a
 * heading keeps its level) linked to it, placed after the translation of the nearest unit before it
 * (`insertionPoint`), and the cursor goes into it. When an empty linked block is already there
 * (inserted earlier, emptied since), the cursor goes there instead of adding a second one.
 *
 * The new block has no id of its own yet: the block-id plugin gives it one with the next change.
 * Its `sourceHash` stays null until the person types its text (`stamp.ts`).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import type { SourceUnit, TranslationStatus } from '../../../shared/translations';
import { placedBlocks } from './blocks';
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
