/**
 * "Next block needing work" (Alt+↓) and the previous one (Alt+↑): the source units whose
 * translation is stale or missing, and the translation blocks left without a source (orphans), in
 * the order of the source. The cursor in the translation says where the person is; the list wraps
 * round at either end.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { SourceUnit, TranslationStatus } from '../../../shared/translations';
import { type PlacedBlock, blockAt, placedBlocks } from './blocks';

export type WorkKind = 'stale' | 'missing' | 'orphan';

export interface WorkItem {
  kind: WorkKind;
  /** The source unit the item is about (for an orphan: the unit it is shown with; null before any). */
  unit: SourceUnit | null;
  /** The translation block to go to; null for a missing unit with no block yet. */
  block: PlacedBlock | null;
  /** Its place in the work order: the unit's index in the source, then linked before orphans, then position. */
  key: [number, number, number];
}

const compare = (a: [number, number, number], b: [number, number, number]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

export interface Placed {
  block: PlacedBlock;
  key: [number, number, number];
  linked: boolean;
}

/** Each translation block's place in the work order, as `translationStatus` attaches orphans. */
export function placeBlocks(status: TranslationStatus, blocks: PlacedBlock[]): Placed[] {
  const index = new Map(status.aligned.map((unit, i) => [unit.source.id, i]));
  let host = -1;
  return blocks.map((block) => {
    const own = block.source !== null ? index.get(block.source) : undefined;
    if (own !== undefined) {
      host = own;
      return { block, key: [own, 0, block.pos], linked: true };
    }
    return { block, key: [host, 1, block.pos], linked: false };
  });
}

/** Everything needing work, in order. */
export function workItems(status: TranslationStatus, doc: ProseMirrorNode): WorkItem[] {
  const placed = placeBlocks(status, placedBlocks(doc));
  const items: WorkItem[] = [];
  status.aligned.forEach((unit, i) => {
    if (unit.status === 'current') return;
    const linked = placed.filter((entry) => entry.linked && entry.key[0] === i);
    if (unit.status === 'missing') {
      // An empty block already linked to it is where the translation goes.
      const empty = linked.find((entry) => !entry.block.text);
      items.push({ kind: 'missing', unit: unit.source, block: empty?.block ?? null, key: empty ? empty.key : [i, 0, -1] });
      return;
    }
    const stale = linked.find((entry) => entry.block.text && entry.block.sourceHash !== unit.source.hash);
    if (stale) items.push({ kind: 'stale', unit: unit.source, block: stale.block, key: stale.key });
  });
  for (const entry of placed) {
    if (entry.linked || !entry.block.text) continue;
    items.push({ kind: 'orphan', unit: status.aligned[entry.key[0]]?.source ?? null, block: entry.block, key: entry.key });
  }
  return items.sort((a, b) => compare(a.key, b.key));
}

/**
 * The item after (or before) the cursor's place in the translation; wraps round. Null when nothing
 * needs work.
 */
export function nextWork(status: TranslationStatus, doc: ProseMirrorNode, cursor: number, direction: 1 | -1): { item: WorkItem; position: number; count: number } | null {
  const items = workItems(status, doc);
  if (items.length === 0) return null;
  const placed = placeBlocks(status, placedBlocks(doc));
  const here = blockAt(
    placed.map((entry) => entry.block),
    cursor,
  );
  const hereKey: [number, number, number] = here ? placed.find((entry) => entry.block === here)!.key : cursor <= 1 ? [-2, 0, 0] : [Infinity, 0, 0];
  let index: number;
  if (direction === 1) {
    index = items.findIndex((item) => compare(item.key, hereKey) > 0);
    if (index < 0) index = 0;
  } else {
    index = -1;
    items.forEach((item, i) => {
      if (compare(item.key, hereKey) < 0) index = i;
    });
    if (index < 0) index = items.length - 1;
  }
  return { item: items[index], position: index + 1, count: items.length };
}
