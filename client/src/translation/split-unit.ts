/**
 * Enter at the end of a translated paragraph (#19): the new paragraph belongs to the same source
 * unit, as both halves of a split in the middle do (ProseMirror copies the block's attributes
 * then). A translation may say in two paragraphs what the source says in one (1:n); without this
 * the new paragraph had no link and was flagged "source merged or deleted" as soon as it was made.
 * Only for top-level blocks: in lists and table cells Enter keeps its own meaning (a new item).
 */
import { splitBlockAs } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import { schema } from '../../../shared/schema';

export function splitKeepsUnit(): Plugin {
  const split = splitBlockAs((node, atEnd, $from) => {
    if (!atEnd || $from.depth !== 1 || typeof node.attrs.source !== 'string' || !node.attrs.source) return null;
    // Unconfirmed until someone confirms it against the source (no hash, no source text).
    return { type: schema.nodes.paragraph, attrs: { source: node.attrs.source } };
  });
  return keymap({
    Enter: (state, dispatch, view) => {
      const { $from, empty } = state.selection;
      if (!empty || $from.depth !== 1 || $from.parentOffset !== $from.parent.content.size || !$from.parent.attrs.source) return false;
      return split(state, dispatch, view);
    },
  });
}
