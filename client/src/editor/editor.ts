/**
 * The ProseMirror view of a section, bound to the section's Y.XmlFragment. y-prosemirror keeps the
 * two in step both ways; the view is created once per open section and survives every re-render
 * of the page around it (language switch, presence, access changes).
 */
import { baseKeymap } from 'prosemirror-commands';
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { keymap } from 'prosemirror-keymap';
import { EditorState, type Plugin, type Transaction } from 'prosemirror-state';
import { columnResizing, tableEditing } from 'prosemirror-tables';
import { EditorView, type NodeViewConstructor } from 'prosemirror-view';
import { ySyncPlugin, yCursorPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { schema } from '../../../shared/schema';
import { buildCursor, buildSelection } from './cursors';
import { footnotes } from './footnotes';
import { glossaryLinks } from './glossary/glossary-links';
import { editingKeymap, markdownInputRules } from './keymap';
import { type PastedComment, pasteFromWord } from './paste-from-word';
import { placeholder } from './placeholder';
import { type Refusal, isLocalChange, isSuggesting, plainTransaction, suggestTransaction, suggesting } from './suggesting';

export interface EditorOptions {
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** Asked by ProseMirror on every update; change the answer, then call `refreshEditor`. */
  editable: () => boolean;
  /** The accessible name of the text area, in the current language. */
  label: () => string;
  /** After every transaction, for the toolbar's active states. */
  onUpdate: (view: EditorView) => void;
  /** Features of the page around the editor (comment highlights); after the sync plugin. */
  plugins?: Plugin[];
  /** What an empty section shows, in the current language; null while its text has not arrived. */
  placeholder?: () => string | null;
  /** The local person's id: the author of what they suggest. */
  me: () => number;
  /** An author's colour, for suggestion marks. */
  colour: (author: number) => string;
  /** A change was refused in suggesting mode (it was not text), and why. */
  refused: (reason: Refusal) => void;
  /** Node views of the page's features (cross-references), besides the editor's own (footnotes). */
  nodeViews?: Record<string, NodeViewConstructor>;
  /** Given, Mod-Alt-k calls it: the page offers the cross-reference targets for the cursor. */
  insertReference?: (view: EditorView) => void;
  /**
   * Word comments came with a paste (#18): their quoted words, author and text, and where the
   * quoted words landed in the text (null when they could not be found there), so the page can
   * open a thread on them. Their markup is dropped from what is pasted either way.
   */
  onPastedComments?: (comments: PastedComment[]) => void;
}

export function createEditor(mount: HTMLElement, options: EditorOptions): EditorView {
  const state = EditorState.create({
    schema,
    plugins: [
      ySyncPlugin(options.fragment),
      suggesting({ colour: options.colour }),
      footnotes(),
      pasteFromWord(options.onPastedComments),
      glossaryLinks(),
      ...(options.plugins ?? []),
      placeholder(options.placeholder ?? (() => null)),
      yCursorPlugin(options.awareness, { cursorBuilder: buildCursor, selectionBuilder: buildSelection }),
      yUndoPlugin(),
      columnResizing(),
      tableEditing(),
      markdownInputRules(),
      editingKeymap({ insertReference: options.insertReference }),
      keymap(baseKeymap),
      dropCursor({ color: '#1a73e8', width: 2 }),
      gapCursor(),
    ],
  });
  return new EditorView(mount, {
    state,
    // Merged by ProseMirror with the plugins' node views (the footnote's, from `footnotes()`).
    nodeViews: options.nodeViews ?? {},
    editable: options.editable,
    attributes: (state) => attributes(options, state),
    // Plugin views dispatch while the constructor runs, so `this` rather than a variable.
    dispatchTransaction(this: EditorView, transaction) {
      const applied = ownChange(transaction, this.state, options);
      if (applied) this.updateState(this.state.apply(applied));
      options.onUpdate(this);
    },
  });
}

/**
 * The person's own changes pass through suggesting mode (see `suggesting.ts`); whatever came from
 * Yjs (colleagues, sync, undo, restores) is applied as it is. Null: refused, nothing changes.
 */
function ownChange(tr: Transaction, state: EditorState, options: EditorOptions): Transaction | null {
  if (!isLocalChange(tr)) return tr;
  if (!isSuggesting(state)) return plainTransaction(tr);
  const rewritten = suggestTransaction(tr, state, options.me());
  if ('tr' in rewritten) return rewritten.tr;
  options.refused(rewritten.refused);
  return null;
}

function attributes(options: EditorOptions, state: EditorState): Record<string, string> {
  const editable = options.editable();
  return {
    class: 'document-text',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': options.label(),
    'aria-readonly': String(!editable),
    'data-suggesting': String(editable && isSuggesting(state)),
    spellcheck: 'true',
  };
}

/** Re-asks `editable`, `label` and `placeholder` (after an access change, a first sync or a language switch). */
export function refreshEditor(view: EditorView, options: EditorOptions): void {
  // A view destroyed while an event that changes these was being delivered is left alone.
  if (view.isDestroyed) return;
  view.setProps({ editable: options.editable, attributes: (state) => attributes(options, state) });
  options.onUpdate(view);
}
