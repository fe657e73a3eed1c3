/**
 * Footnotes in the section editor (#18): numbering (see `footnote-state.ts`), the marker's node
 * view with its note editor (`footnote-view.ts`), the Notes list under the text
 * (`footnote-notes.ts`), and the keys that reach a footnote from the text: an arrow key next to
 * a footnote selects it (as for any object in the text), Enter or Space opens its note.
 */
import { type EditorState, NodeSelection, Plugin, type PluginView } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../../shared/schema';
import { type FootnotesState, type OpenRequest, applyFootnotes, footnotesKey, initialFootnotesState } from './footnote-state';
import { NotesList } from './footnote-notes';
import { FootnoteView, footnoteViewOf, takeNoteToReopen } from './footnote-view';

const footnote = schema.nodes.footnote;

/** Opens the note of the footnote at `pos`, if its marker is drawn. */
export function openFootnote(view: EditorView, pos: number, caret?: { anchor: number; head: number }): boolean {
  const marker = footnoteViewOf(view.nodeDOM(pos));
  if (!marker) return false;
  marker.open(caret);
  return true;
}

/** Where the footnote drawn from this Yjs element is now, or null when it is gone. */
function positionOfYType(view: EditorView, yType: unknown): number | null {
  const mapping = (ySyncPluginKey.getState(view.state) as { binding?: { mapping: Map<unknown, unknown> } } | undefined)?.binding?.mapping;
  const node = mapping?.get(yType);
  if (!node) return null;
  let found: number | null = null;
  view.state.doc.descendants((child, pos) => {
    if (found !== null) return false;
    if (child === node) found = pos;
    return true;
  });
  return found;
}

/** Selects the footnote marker at `pos` and shows it, with the focus in the text. */
export function selectFootnote(view: EditorView, pos: number): void {
  const node = view.state.doc.nodeAt(pos);
  if (node?.type !== footnote) return;
  view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, pos)).scrollIntoView());
  view.focus();
}

/** The footnote right beside an empty cursor on this side, as a position. */
function footnoteBeside(state: EditorState, direction: -1 | 1): number | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const $head = selection.$head;
  const node = direction > 0 ? $head.nodeAfter : $head.nodeBefore;
  if (node?.type !== footnote) return null;
  return direction > 0 ? $head.pos : $head.pos - node.nodeSize;
}

function handleKeyDown(view: EditorView, event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const { selection } = view.state;
  if ((event.key === 'Enter' || event.key === ' ') && !event.shiftKey) {
    if (!(selection instanceof NodeSelection) || selection.node.type !== footnote) return false;
    return openFootnote(view, selection.from);
  }
  if (event.shiftKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return false;
  const pos = footnoteBeside(view.state, event.key === 'ArrowRight' ? 1 : -1);
  if (pos === null) return false;
  view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, pos)));
  return true;
}

/**
 * Acts on the open requests of transactions (a new footnote opens its note at once), and opens
 * again a note whose marker was redrawn while it was being written.
 */
class OpenRequests implements PluginView {
  private handled: OpenRequest | null = null;

  update(view: EditorView): void {
    const reopen = takeNoteToReopen(view);
    if (reopen) {
      queueMicrotask(() => {
        const pos = view.isDestroyed ? null : positionOfYType(view, reopen.yType);
        if (pos !== null) openFootnote(view, pos, reopen);
      });
    }
    const request = footnotesKey.getState(view.state)?.request ?? null;
    if (!request || request === this.handled) return;
    this.handled = request;
    // After this update: the note editor's focus is itself a transaction of the section editor.
    queueMicrotask(() => {
      if (!view.isDestroyed) openFootnote(view, request.pos);
    });
  }
}

/** The footnotes plugin of the section editor. */
export function footnotes(): Plugin<FootnotesState> {
  return new Plugin<FootnotesState>({
    key: footnotesKey,
    state: {
      init: (_config, state) => initialFootnotesState(state.doc),
      apply: (tr, value, _old, state) => applyFootnotes(tr, value, state),
    },
    props: {
      decorations: (state) => footnotesKey.getState(state)?.decorations,
      nodeViews: {
        footnote: (node, view, getPos, decorations) => new FootnoteView(node, view, getPos, decorations),
      },
      handleKeyDown,
    },
    view(view) {
      const requests = new OpenRequests();
      const notes = new NotesList(view, (pos) => selectFootnote(view, pos));
      return {
        update: (updated) => {
          requests.update(updated);
          notes.update(updated);
        },
        destroy: () => notes.destroy(),
      };
    },
  });
}
