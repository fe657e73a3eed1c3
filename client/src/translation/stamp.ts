/**
 * A first translation is current: when the person's own change gives text to a translation block
 * that is linked to a source unit but was never confirmed (`sourceHash` null, as a block inserted
 * by "translate block" is), the block takes the unit's current hash and text in the same change.
 * Without it every block just translated would show "needs update" until someone confirmed it.
 *
 * Only blocks that had no text before the change are stamped: text that came some other way (a
 * suggestion accepted, an import) stays unconfirmed until a person confirms it. Nothing happens for
 * what Yjs applies (colleagues' changes carry their own stamps), in a read-only view, or while
 * suggesting, where an attribute change would be refused as structure.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { isSuggesting } from '../editor/suggesting';
import { placedBlocks } from './blocks';

/** A source unit as a stamp needs it: its current text and that text's hash. */
export interface StampSource {
  hash: string;
  text: string;
}

export const stampKey = new PluginKey('translation-stamp');

/** The ranges of the final document that the transactions changed. */
function changedRanges(trs: readonly Transaction[]): [number, number][] {
  const ranges: [number, number][] = [];
  trs.forEach((tr, n) => {
    tr.mapping.maps.forEach((map, i) => {
      map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
        // Carried through the steps and transactions that followed.
        let from = newStart;
        let to = newEnd;
        tr.mapping.slice(i + 1).maps.forEach((later) => {
          from = later.map(from, -1);
          to = later.map(to, 1);
        });
        for (const after of trs.slice(n + 1)) {
          from = after.mapping.map(from, -1);
          to = after.mapping.map(to, 1);
        }
        ranges.push([from, to]);
      });
    });
  });
  return ranges;
}

/** The text of each linked block before the change, by id. */
function textsById(doc: ProseMirrorNode): Map<string, string> {
  const texts = new Map<string, string>();
  for (const block of placedBlocks(doc)) if (block.id && !texts.has(block.id)) texts.set(block.id, block.text);
  return texts;
}

/**
 * The transaction stamping the blocks `trs` gave their first text, or null when none did. Pure:
 * `sourceUnit` answers the current source unit of an id (null when the id is no unit).
 */
export function stampTranslations(trs: readonly Transaction[], oldState: EditorState, state: EditorState, sourceUnit: (id: string) => StampSource | null): Transaction | null {
  if (!trs.some((tr) => tr.docChanged)) return null;
  const ranges = changedRanges(trs);
  if (ranges.length === 0) return null;
  const before = textsById(oldState.doc);
  let tr: Transaction | null = null;
  for (const block of placedBlocks(state.doc)) {
    if (!block.source || block.sourceHash !== null || !block.text) continue;
    const end = block.pos + block.node.nodeSize;
    if (!ranges.some(([from, to]) => from <= end && to >= block.pos)) continue;
    if (block.id && before.get(block.id)) continue;
    const unit = sourceUnit(block.source);
    if (!unit) continue;
    tr ??= state.tr;
    tr.setNodeMarkup(block.pos, undefined, { ...block.node.attrs, sourceHash: unit.hash, sourceText: unit.text });
  }
  return tr;
}

/** The plugin on the translation editor; `sourceUnit` reads the source as the page holds it now. */
export function translationStamp(sourceUnit: (id: string) => StampSource | null): Plugin {
  let view: EditorView | null = null;
  return new Plugin({
    key: stampKey,
    view(editorView) {
      view = editorView;
      return {
        destroy() {
          view = null;
        },
      };
    },
    appendTransaction(transactions, oldState, newState) {
      if (view && !view.editable) return null;
      if (isSuggesting(newState)) return null;
      if (transactions.some((tr) => tr.getMeta(ySyncPluginKey) !== undefined || tr.getMeta(stampKey) !== undefined)) return null;
      const tr = stampTranslations(transactions, oldState, newState, sourceUnit);
      return tr ? tr.setMeta(stampKey, true) : null;
    },
  });
}
