/**
 * A translator's XLIFF file applied to a translation (#19), pure: the new translation JSON and
 * what changed. The caller writes the JSON into the translation's Y.Doc in one change
 * (`updateYFragment`, as a version restore does), so untouched blocks stay the same Yjs elements.
 *
 * Per unit of the file:
 * - no target: nothing changes (`unchanged`);
 * - its target, written out again by the exporter (`targetKey`), is what an export of the current
 *   translation writes: nothing changes, the hash neither (`unchanged`) — a file exported and sent
 *   back untouched changes nothing, and a stale unit stays stale;
 * - otherwise, if the unit has translation blocks, the first one's content becomes the target and
 *   the others are removed (`updated`); if it has none, a block of the source's kind is inserted
 *   where `insertionPoint` says (`inserted`).
 * The translation passed in is the stored one, open suggestions included (so the blocks no unit
 * changes keep theirs); units are compared by their settled text, which is what the export wrote.
 * A changed block's `sourceHash` becomes the hash of the file's `<source>` text and `sourceText`
 * that text: a translation made against an older source comes back stale. A draft (a segment the
 * tool left `state="initial"`, `confirmed: false`) gets neither: it comes back unconfirmed, to be
 * reviewed and confirmed in the editor, never counted as current.
 */
import { newTargetId } from '../../shared/references';
import { MAX_SOURCE_TEXT } from '../../shared/schema';
import { jsonWithoutSuggestions } from '../../shared/suggestions';
import { type DocumentJson, type JsonNode, UNIT_TYPES, insertionPoint, sourceUnits, textHash, translationStatus, unitBlocks, unitText } from '../../shared/translations';
import { joinedTranslation, targetKey } from './xliff-write';
import { XliffRefused } from './xliff-profile';
import type { XliffUnit } from './xliff-read';

export interface XliffApplied {
  json: Record<string, unknown>;
  updated: number;
  inserted: number;
  unchanged: number;
}

interface Place {
  parent: JsonNode;
  node: JsonNode;
}

/** Every paragraph and heading with its parent, in document order. */
function places(doc: JsonNode): Place[] {
  const found: Place[] = [];
  const walk = (parent: JsonNode) => {
    for (const node of parent.content ?? []) {
      if (UNIT_TYPES.has(node.type)) found.push({ parent, node });
      else if (node.content && node.type !== 'text') walk(node);
    }
  };
  walk(doc);
  return found;
}

/** Takes a block out of its parent, unless that leaves the parent invalid (a list item starts with a paragraph; nothing is empty). */
function remove(place: Place): boolean {
  const siblings = place.parent.content!;
  const index = siblings.indexOf(place.node);
  if (siblings.length <= 1 || (place.parent.type === 'list_item' && index === 0)) return false;
  siblings.splice(index, 1);
  return true;
}

function idsOf(doc: JsonNode): Set<string> {
  const ids = new Set<string>();
  const walk = (node: JsonNode) => {
    if (typeof node.attrs?.id === 'string') ids.add(node.attrs.id);
    if (node.type !== 'text') (node.content ?? []).forEach(walk);
  };
  walk(doc);
  return ids;
}

/** Applies the units read from a file (`readXliff`) to a translation; see the module comment. */
export function applyXliff(translationJson: DocumentJson, sourceJson: DocumentJson, units: readonly XliffUnit[], newId: () => string = newTargetId): XliffApplied {
  const doc = structuredClone(translationJson) as JsonNode;
  const sourceKinds = new Map<string, JsonNode>();
  for (const { node } of unitBlocks(sourceJson)) if (typeof node.attrs?.id === 'string' && !sourceKinds.has(node.attrs.id)) sourceKinds.set(node.attrs.id, node);
  const current = new Set(sourceUnits(sourceJson).map((unit) => unit.id));
  const linkedTo = new Map<string, Place[]>();
  for (const place of places(doc)) {
    const source = place.node.attrs?.source;
    if (typeof source === 'string') linkedTo.set(source, [...(linkedTo.get(source) ?? []), place]);
  }
  let updated = 0;
  let unchanged = 0;
  const pending: { unit: XliffUnit; block: Omit<JsonNode, 'attrs'> & { attrs: Record<string, unknown> } }[] = [];
  for (const unit of units) {
    if (!current.has(unit.id)) throw new XliffRefused('ids-mismatch', `the source has no unit "${unit.id}"`);
    if (unit.target === null) {
      unchanged += 1;
      continue;
    }
    const linked = linkedTo.get(unit.id) ?? [];
    // Judged by its settled text, as the export wrote it; a block that is replaced loses its open suggestions with its words.
    const translated = linked.map((place) => jsonWithoutSuggestions(place.node)).filter((node) => unitText(node));
    if (targetKey(joinedTranslation(translated)) === targetKey(unit.target)) {
      unchanged += 1;
      continue;
    }
    const link = unit.confirmed
      ? { source: unit.id, sourceHash: textHash(unit.sourceText), sourceText: unit.sourceText.length <= MAX_SOURCE_TEXT ? unit.sourceText : null }
      : { source: unit.id, sourceHash: null, sourceText: null };
    const content = unit.target.length > 0 ? { content: structuredClone(unit.target) } : {};
    if (linked.length === 0) {
      const kind = sourceKinds.get(unit.id);
      const attrs = { ...(kind?.type === 'heading' ? { level: kind.attrs?.level ?? 1 } : {}), id: null as string | null, ...link };
      pending.push({ unit, block: { type: kind?.type === 'heading' ? 'heading' : 'paragraph', attrs, ...content } });
      continue;
    }
    const [first, ...others] = linked;
    first.node.attrs = { ...(first.node.attrs ?? {}), ...link };
    if ('content' in content) first.node.content = content.content;
    else delete first.node.content;
    for (const place of others) {
      if (!remove(place)) {
        // It cannot go (the only paragraph of a cell): emptied and unlinked, it counts for nothing.
        delete place.node.content;
        place.node.attrs = { ...(place.node.attrs ?? {}), source: null, sourceHash: null, sourceText: null };
      }
    }
    updated += 1;
  }
  if (pending.length > 0) insert(doc, sourceJson, pending, newId);
  return { json: doc as unknown as Record<string, unknown>, updated, inserted: pending.length, unchanged };
}

/**
 * Inserts the blocks of units that had no translation block, in source order, each where
 * `insertionPoint` says: the status is worked out once (after the updates, which may have removed
 * blocks), and each inserted block is added to it, so the next unit goes after it.
 */
function insert(doc: JsonNode, sourceJson: DocumentJson, pending: { unit: XliffUnit; block: JsonNode & { attrs: Record<string, unknown> } }[], newId: () => string): void {
  const taken = idsOf(doc);
  const status = translationStatus(sourceJson, doc);
  const order = new Map(status.aligned.map((aligned, index) => [aligned.source.id, index]));
  const byId = new Map<string, Place>();
  for (const place of places(doc)) if (typeof place.node.attrs?.id === 'string') byId.set(place.node.attrs.id, place);
  pending.sort((a, b) => (order.get(a.unit.id) ?? 0) - (order.get(b.unit.id) ?? 0));
  for (const { unit, block } of pending) {
    let id = newId();
    while (taken.has(id)) id = newId();
    taken.add(id);
    block.attrs.id = id;
    const after = insertionPoint(status, unit.id);
    const anchor = after === null ? undefined : byId.get(after);
    const top = doc.content ?? (doc.content = []);
    let parent = doc;
    if (anchor) {
      parent = anchor.parent;
      parent.content!.splice(parent.content!.indexOf(anchor.node) + 1, 0, block);
    } else if (top.length === 1 && top[0].type === 'paragraph' && !top[0].attrs?.source && !unitText(top[0])) top.splice(0, 1, block);
    else top.unshift(block);
    byId.set(id, { parent, node: block });
    const aligned = status.aligned[order.get(unit.id) ?? -1];
    const link = block.attrs as { sourceHash: string | null; sourceText: string | null };
    aligned?.translations.push({ id, source: unit.id, sourceHash: link.sourceHash, sourceText: link.sourceText, text: unitText(block) });
  }
}
