/**
 * The place a search hit opens a section at: `?block=<n>&q=<query>` (from the search box's list).
 * Once the text has arrived, the first words of that block that match the query are selected and
 * scrolled to the middle of the window; with no matching word left (the text changed since), the
 * block's start is. Each editor does it once, whatever the later updates.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Selection, TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { searchTermsOf, wordMatches, wordsOf } from '../../../shared/search-text';

export interface SearchTarget {
  block: number;
  terms: string[];
}

/** The target an address asks for, or null. */
export function searchTargetOf(search: string): SearchTarget | null {
  const params = new URLSearchParams(search);
  const block = Number(params.get('block') ?? NaN);
  if (!Number.isInteger(block) || block < 0) return null;
  return { block, terms: searchTermsOf(params.get('q') ?? '') };
}

/**
 * The words of a textblock with the document position of each character. A footnote's words (#18)
 * are read where it stands, but a hit in one selects the whole footnote (its words are edited in
 * the note, not in the line); a line break or a cross-reference reads as a line break.
 */
function readable(node: ProseMirrorNode, start: number): { text: string; from: number[]; to: number[] } {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  node.forEach((child, offset) => {
    const at = start + offset;
    if (child.isText) {
      const words = child.text ?? '';
      for (let i = 0; i < words.length; i++) {
        text += words[i];
        from.push(at + i);
        to.push(at + i + 1);
      }
    } else if (child.type.name === 'footnote') {
      // Apart from the words around it, so that its first word is a word of its own.
      for (const character of `\n${child.textContent}\n`) {
        text += character;
        from.push(at);
        to.push(at + child.nodeSize);
      }
    } else {
      text += '\n';
      from.push(at);
      to.push(at + child.nodeSize);
    }
  });
  return { text, from, to };
}

/** The document range to select for the target, or null when the document has no such block. */
export function targetRange(view: EditorView, target: SearchTarget): { from: number; to: number } | null {
  const { doc } = view.state;
  if (target.block >= doc.childCount) return null;
  let blockStart = 0;
  for (let index = 0; index < target.block; index++) blockStart += doc.child(index).nodeSize;
  const block = doc.child(target.block);
  const textblocks: { node: typeof block; start: number }[] = [];
  if (block.isTextblock) textblocks.push({ node: block, start: blockStart + 1 });
  else block.descendants((node, pos) => (node.isTextblock ? (textblocks.push({ node, start: blockStart + 1 + pos + 1 }), false) : true));
  for (const { node, start } of textblocks) {
    const { text, from, to } = readable(node, start);
    const word = wordsOf(text).find((candidate) => target.terms.some((term) => wordMatches(candidate, term)));
    if (word) return { from: from[word.start], to: to[word.end - 1] };
  }
  const first = Selection.findFrom(doc.resolve(blockStart), 1, true);
  return first ? { from: first.from, to: first.from } : null;
}

const revealed = new WeakSet<EditorView>();

/**
 * Selects and shows the target of the page's address in this editor, once it has the text (call
 * it whenever the editor may have synced; it acts once per editor).
 */
export function revealSearchHit(view: EditorView, search = window.location.search): void {
  const target = searchTargetOf(search);
  if (!target || revealed.has(view)) return;
  revealed.add(view);
  let tries = 0;
  const attempt = () => {
    const range = view.dom.isConnected ? targetRange(view, target) : null;
    if (!range) {
      // The page places the editor, and the synced text reaches it, a moment later.
      if (++tries < 60) window.setTimeout(attempt, 50);
      return;
    }
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)));
    const start = view.domAtPos(range.from);
    if (view.editable) view.focus();
    else {
      // A read-only editor leaves the page's selection alone: the words are selected on the page.
      const end = view.domAtPos(range.to);
      document.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
    }
    const element = start.node instanceof Element ? start.node : start.node.parentElement;
    element?.scrollIntoView({ block: 'center' });
  };
  window.setTimeout(attempt, 0);
}
