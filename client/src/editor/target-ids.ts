/**
 * Block ids: every block of the text (paragraphs, headings, lists and their items, quotes,
 * tables, rows and cells) gets a stable id the first time the person changes the text. Headings
 * and tables are what a cross-reference points at (#18); every block is what a translation links
 * to (#19), so an id must follow the block through the edits a person makes.
 *
 * When a change leaves several blocks with one id (a split, a copy-paste), one keeps it:
 *  1. the holder with most of the original block's text (the half of a split paragraph with more
 *     of its words; a pasted copy holds none of the original's text, whatever it says);
 *  2. on a tie, the holder at the original's place (a split exactly in half: the first half);
 *  3. otherwise the first in document order.
 * The others are renumbered. A block cut and pasted elsewhere is not a copy (the id exists once), so
 * it keeps its id, its references and its translations.
 *
 * Revival: a block without an id standing where a block stood whose id is now gone everywhere takes
 * that id back, and its translation link (`source`, `sourceHash`, `sourceText`) where the new node
 * has none. Turning a paragraph into a heading, or a heading into another level, rebuilds the node
 * without its attributes; without revival it would lose its translations. A revival goes with the
 * change itself (not in a dispatch of its own like new ids): the block then never reaches Yjs
 * without its id, which the server refuses for a block that stays (`update-rules.ts`), and undoing
 * the change gives back the same id anyway.
 *
 * Only the person's own changes are followed, and only those they may make: nothing happens in a
 * read-only editor, for what came from Yjs (a colleague's change, the first sync, undo — the id
 * the colleague's editor gave arrives with it), nor while suggesting (a suggest-only connection
 * may not change attributes; the server would refuse the whole update).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { AddMarkStep, Mapping, RemoveMarkStep, ReplaceStep } from 'prosemirror-transform';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { newTargetId } from '../../../shared/references';
import { isSuggesting } from './suggesting';

export const targetIdsKey = new PluginKey('target-ids');

interface Block {
  pos: number;
  node: ProseMirrorNode;
  id: string | null;
}

/** Every block below the document, with its position, in document order. */
function blocksOf(doc: ProseMirrorNode): Block[] {
  const blocks: Block[] = [];
  doc.descendants((node, pos) => {
    if (!node.isBlock) return false;
    const id = node.attrs.id;
    blocks.push({ pos, node, id: typeof id === 'string' && id ? id : null });
    // Inline content holds no blocks: skipping it keeps a keystroke's scan to the blocks.
    return !node.isTextblock;
  });
  return blocks;
}

/** The overlap of two ranges, 0 when they do not meet. */
const overlap = (from: number, to: number, otherFrom: number, otherTo: number) => Math.max(0, Math.min(to, otherTo) - Math.max(from, otherFrom));

/**
 * Which of the holders of one id keeps it (rule 1–3 above). `original` is the block of the previous
 * document that held the id.
 */
function keeper(holders: Block[], original: Block | undefined, mapping: Mapping): Block {
  if (!original) return holders[0];
  // The original's content, mapped: what is left of its text, and what was typed inside it.
  const from = mapping.map(original.pos + 1, 1);
  const to = mapping.map(original.pos + original.node.nodeSize - 1, -1);
  const shares = holders.map((holder) => overlap(from, to, holder.pos + 1, holder.pos + holder.node.nodeSize - 1));
  const most = Math.max(...shares);
  const leaders = holders.filter((_, index) => shares[index] === most);
  if (leaders.length === 1) return leaders[0];
  // assoc 1: a block pasted right before the original does not take its place.
  const place = mapping.mapResult(original.pos, 1);
  return (!place.deletedAfter && leaders.find((holder) => holder.pos === place.pos)) || leaders[0];
}

/**
 * The transaction that gives ids where they are missing or duplicated after `transactions` turned
 * `before` into `state`, or null when every block has an id of its own. Pure: the plugin decides
 * when to ask.
 */
/** The attributes a revived block takes back from the block it replaces (when it has them, and they are empty). */
const LINK_ATTRIBUTES = ['source', 'sourceHash', 'sourceText'] as const;

/** The attrs of `block` revived as `previous`: its id, and the link attributes it lacks. */
function revivedAttrs(block: Block, previous: Block): Record<string, unknown> {
  const attrs: Record<string, unknown> = { ...block.node.attrs, id: previous.id };
  const empty = (value: unknown) => value === null || value === undefined;
  for (const name of LINK_ATTRIBUTES) {
    if (name in attrs && empty(attrs[name]) && !empty(previous.node.attrs[name])) attrs[name] = previous.node.attrs[name];
  }
  return attrs;
}

/**
 * `part`: `'all'`, or only the revivals (what the plugin appends to the change itself; the rest
 * follows in a dispatch of its own, see `targetIds`).
 */
export function assignTargetIds(
  before: ProseMirrorNode,
  transactions: readonly Transaction[],
  state: EditorState,
  newId: () => string = newTargetId,
  part: 'all' | 'revivals' = 'all',
): Transaction | null {
  const blocks = blocksOf(state.doc);
  const byId = new Map<string, Block[]>();
  for (const block of blocks) if (block.id) byId.set(block.id, [...(byId.get(block.id) ?? []), block]);
  const missing = blocks.filter((block) => block.id === null);
  const duplicated = [...byId].filter(([, holders]) => holders.length > 1);
  if (missing.length === 0 && duplicated.length === 0) return null;

  const mapping = new Mapping();
  for (const tr of transactions) mapping.appendMapping(tr.mapping);
  const previous = new Map<string, Block>();
  for (const block of blocksOf(before)) if (block.id && !previous.has(block.id)) previous.set(block.id, block);

  const renumber: Block[] = [];
  for (const [id, holders] of duplicated) {
    const kept = keeper(holders, previous.get(id), mapping);
    renumber.push(...holders.filter((holder) => holder !== kept));
  }

  // Blocks whose ids were there before and are gone now, by where they stood.
  const vanished = new Map<number, Block>();
  for (const [id, block] of previous) {
    if (byId.has(id)) continue;
    const place = mapping.map(block.pos, 1);
    if (!vanished.has(place)) vanished.set(place, block);
  }
  const revived: [Block, Block][] = [];
  for (const block of missing) {
    const gone = vanished.get(block.pos);
    if (gone === undefined) renumber.push(block);
    else {
      revived.push([block, gone]);
      vanished.delete(block.pos);
    }
  }
  if (part === 'revivals' && revived.length === 0) return null;

  const taken = new Set(byId.keys());
  const tr = state.tr;
  // Attribute steps: positions do not move, so the other blocks' positions stay right.
  for (const [block, gone] of revived) {
    taken.add(gone.id!);
    tr.setNodeMarkup(block.pos, undefined, revivedAttrs(block, gone));
  }
  if (part === 'revivals') return tr.setMeta(targetIdsKey, true);
  for (const block of renumber.sort((a, b) => a.pos - b.pos)) {
    const restored = block.id === null ? vanished.get(block.pos)?.id : undefined;
    let id = restored && !taken.has(restored) ? restored : newId();
    while (taken.has(id)) id = newId();
    taken.add(id);
    tr.setNodeAttribute(block.pos, 'id', id);
  }
  return tr.setMeta(targetIdsKey, true);
}

/**
 * Typing: every step replaces text inside one textblock with inline content, or changes marks. It
 * makes no block, removes none and changes no attribute, so a document whose blocks all had ids
 * of their own still has them, and the walk over the blocks can be skipped.
 */
export function isTyping(tr: Transaction): boolean {
  return tr.steps.every((step, index) => {
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return true;
    if (!(step instanceof ReplaceStep)) return false;
    const { slice } = step;
    if (slice.openStart > 0 || slice.openEnd > 0) return false;
    let inline = true;
    slice.content.forEach((node) => {
      inline &&= node.isInline;
    });
    if (!inline) return false;
    const doc = tr.docs[index];
    const $from = doc.resolve(step.from);
    return $from.parent.isTextblock && $from.sameParent(doc.resolve(step.to));
  });
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
  // The last document known to have an id on every block, each its own: typing on top of it
  // needs no walk. Anything else (a colleague's change, a paste) makes the next change walk.
  let complete: ProseMirrorNode | null = null;
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
      if (complete === oldState.doc && transactions.every(isTyping)) {
        complete = newState.doc;
        return null;
      }
      const tr = assignTargetIds(oldState.doc, transactions, newState, options.newId);
      // With a view, new ids follow in a dispatch of their own (see above); until it is drawn,
      // the document is not known to be complete. Revived ids go with the change (module
      // comment); the dispatch is then worked out again against the text with them.
      complete = tr ? null : newState.doc;
      if (tr && view) pending = { doc: newState.doc, tr };
      // Without a view (tests of the state alone) all the ids go with the change.
      return view ? (tr && assignTargetIds(oldState.doc, transactions, newState, options.newId, 'revivals')) : tr;
    },
  });
}
