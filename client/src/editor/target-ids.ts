/**
 * Stable ids for the blocks a cross-reference can point at (#18): every heading and table of the
 * text gets an id the first time the person changes the text, and a copy of a block (copy-paste,
 * a duplicated table) gets a new one, so an id names one block and a reference one place.
 *
 * When two blocks share an id, the one that was there before the change keeps it and the copy is
 * renumbered: a reference made to the original keeps pointing at it. A block that was cut and
 * pasted elsewhere is not a copy (the id exists once), so it keeps its id and its references.
 *
 * Only the person's own changes are followed, and only those they may make: nothing happens in a
 * read-only editor, for what came from Yjs (a colleague's change, the first sync, undo — the id
 * the colleague's editor gave arrives with it), nor while suggesting (a suggest-only connection
 * may not change attributes; the server would refuse the whole update).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { Mapping } from 'prosemirror-transform';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { newTargetId } from '../../../shared/references';
import { isSuggesting } from './suggesting';

export const targetIdsKey = new PluginKey('target-ids');

/** The node types that carry a target id (`id` attribute in `shared/schema.ts`). */
const TARGET_TYPES = new Set(['heading', 'table']);

interface TargetBlock {
  pos: number;
  id: string | null;
}

/** The headings and tables of a document with their positions, in document order. */
function targetBlocks(doc: ProseMirrorNode): TargetBlock[] {
  const blocks: TargetBlock[] = [];
  doc.descendants((node, pos) => {
    if (TARGET_TYPES.has(node.type.name)) {
      const id = node.attrs.id;
      blocks.push({ pos, id: typeof id === 'string' && id ? id : null });
    }
    // Inline content holds no blocks: skipping it keeps a keystroke's scan to the blocks.
    return !node.isTextblock;
  });
  return blocks;
}

/**
 * Where each id of the previous document is now: a block's position mapped through the change,
 * unless the block was deleted.
 */
function previousPlaces(before: ProseMirrorNode, mapping: Mapping): Map<string, Set<number>> {
  const places = new Map<string, Set<number>>();
  for (const block of targetBlocks(before)) {
    if (!block.id) continue;
    // assoc 1: a block pasted right before the original does not take its place.
    const mapped = mapping.mapResult(block.pos, 1);
    if (mapped.deletedAfter) continue;
    const set = places.get(block.id) ?? new Set<number>();
    set.add(mapped.pos);
    places.set(block.id, set);
  }
  return places;
}

/**
 * The transaction that gives ids where they are missing or duplicated after `transactions` turned
 * `before` into `state`, or null when every heading and table has an id of its own. Pure: the
 * plugin decides when to ask.
 *
 * A block rebuilt in place (a heading's level changed, a paragraph made a heading and back) comes
 * back without attributes: it takes back the id the block at its place had, so references to it
 * survive a change of level.
 */
export function assignTargetIds(
  before: ProseMirrorNode,
  transactions: readonly Transaction[],
  state: EditorState,
  newId: () => string = newTargetId,
): Transaction | null {
  const blocks = targetBlocks(state.doc);
  const byId = new Map<string, TargetBlock[]>();
  for (const block of blocks) if (block.id) byId.set(block.id, [...(byId.get(block.id) ?? []), block]);
  const renumber: TargetBlock[] = blocks.filter((block) => block.id === null);
  const duplicated = [...byId].filter(([, holders]) => holders.length > 1);
  const mapping = new Mapping();
  for (const tr of transactions) mapping.appendMapping(tr.mapping);
  // Ids that are gone from the text, by where their block stood (mapped to the start of what replaced it).
  const vanished = new Map<number, string>();
  if (renumber.length > 0) {
    for (const old of targetBlocks(before)) if (old.id && !byId.has(old.id)) vanished.set(mapping.map(old.pos, -1), old.id);
  }
  if (duplicated.length > 0) {
    const places = previousPlaces(before, mapping);
    for (const [id, holders] of duplicated) {
      const kept = holders.find((holder) => places.get(id)?.has(holder.pos)) ?? holders[0];
      renumber.push(...holders.filter((holder) => holder !== kept));
    }
  }
  if (renumber.length === 0) return null;
  const taken = new Set(byId.keys());
  const tr = state.tr;
  for (const block of renumber.sort((a, b) => a.pos - b.pos)) {
    const restored = block.id === null ? vanished.get(block.pos) : undefined;
    let id = restored && !taken.has(restored) ? restored : newId();
    while (taken.has(id)) id = newId();
    taken.add(id);
    // An attribute step: positions do not move, so the other blocks' positions stay right.
    tr.setNodeAttribute(block.pos, 'id', id);
  }
  return tr.setMeta(targetIdsKey, true);
}

/** Did the person make this change here (not Yjs, not this plugin)? */
function ownChange(tr: Transaction): boolean {
  return tr.docChanged && tr.getMeta(targetIdsKey) === undefined;
}

export interface TargetIdsOptions {
  /** Makes a fresh id (tests give a predictable one). */
  newId?: () => string;
}

/**
 * The plugin; one per editor (it asks its own view whether the text is editable). The ids are
 * given in a dispatch of their own, outside the undo history: given with the keystroke that
 * caused them, undoing the keystroke would take them away again, and the next keystroke would
 * give different ones, breaking every reference made in between.
 */
export function targetIds(options: TargetIdsOptions = {}): Plugin {
  let view: EditorView | null = null;
  /** Ids to give once the change that needs them is drawn: computed against that state's text. */
  let pending: { doc: ProseMirrorNode; tr: Transaction } | null = null;
  return new Plugin({
    key: targetIdsKey,
    view(editorView) {
      view = editorView;
      return {
        update(current) {
          const waiting = pending;
          pending = null;
          if (!waiting || current.isDestroyed) return;
          // Another plugin changed the text after ours looked: ask again against what is there.
          const tr = waiting.doc === current.state.doc ? waiting.tr : assignTargetIds(current.state.doc, [], current.state, options.newId);
          if (tr) current.dispatch(tr.setMeta('addToHistory', false));
        },
        destroy() {
          view = null;
          pending = null;
        },
      };
    },
    appendTransaction(transactions, oldState, newState) {
      if (view && !view.editable) return null;
      if (isSuggesting(newState)) return null;
      // The first transaction is what was dispatched: if Yjs sent it, what other plugins appended
      // to it (a table fixed up) is not the person's change either.
      if (transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined)) return null;
      if (!transactions.some(ownChange)) return null;
      const tr = assignTargetIds(oldState.doc, transactions, newState, options.newId);
      if (tr && view) pending = { doc: newState.doc, tr };
      // Without a view (tests of the state alone) the ids go with the change.
      return view ? null : tr;
    },
  });
}
