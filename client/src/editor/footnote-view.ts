/**
 * A footnote in the text (#18): its number as a button, and under it, while open, a small popover
 * holding the note's own editor. The note's text is the footnote node's content, so the inner
 * editor (ProseMirror's "footnote" example) forwards its steps to the section's editor, offset
 * by the footnote's position: they become Yjs changes like any typing, and two people writing the
 * same note merge. A colleague's change arrives as a new footnote node in `update`, and is
 * replayed into an open inner editor as the smallest replacement, so the local caret stays put.
 */
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import type { Node as PMNode } from 'prosemirror-model';
import { type Command, EditorState, Plugin, TextSelection, type Transaction } from 'prosemirror-state';
import { StepMap } from 'prosemirror-transform';
import { Decoration, DecorationSet, EditorView, type NodeView } from 'prosemirror-view';
import { redoCommand, undoCommand, ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../../shared/schema';
import { t } from '../i18n';
import { footnotesState, isOpenFrom, numberFrom, setEditing, setOpenNote } from './footnote-state';
import { isSuggesting } from './suggesting';
import './footnotes.css';

const { marks } = schema;
/** Marks a transaction replayed from the section's editor, which must not be sent back. */
const FROM_OUTSIDE = 'footnoteFromOutside';
/** Keeps the popover this far from the window's edges (px). */
const EDGE = 8;

/** The open note of each section editor: opening one closes the other. */
const openViews = new WeakMap<EditorView, FootnoteView>();
/** The node view drawn by a marker element, for the plugin that opens notes by position. */
const viewsByElement = new WeakMap<Node, FootnoteView>();

/** Where the caret was in a note whose marker was redrawn while it was being written. */
export interface NoteToReopen {
  /** The footnote's Yjs element: it outlives the ProseMirror nodes drawn from it. */
  yType: unknown;
  anchor: number;
  head: number;
}

const toReopen = new WeakMap<EditorView, NoteToReopen>();

/** The note to open again after the section editor redrew its marker (once). */
export function takeNoteToReopen(view: EditorView): NoteToReopen | null {
  const note = toReopen.get(view) ?? null;
  toReopen.delete(view);
  return note;
}

/** The Yjs element a footnote node was drawn from (null outside a Yjs-bound editor). */
export function yTypeOf(view: EditorView, node: PMNode): unknown {
  const sync = ySyncPluginKey.getState(view.state) as { binding?: { mapping: Map<unknown, PMNode> } } | undefined;
  for (const [type, drawn] of sync?.binding?.mapping ?? []) if (drawn === node) return type;
  return null;
}

/** The footnote node view whose marker is `element` (from `view.nodeDOM(pos)`), if any. */
export function footnoteViewOf(element: Node | null): FootnoteView | null {
  return element ? (viewsByElement.get(element) ?? null) : null;
}

export class FootnoteView implements NodeView {
  readonly dom: HTMLElement;
  private readonly button: HTMLButtonElement;
  private popover: HTMLElement | null = null;
  private inner: EditorView | null = null;
  private number: number;
  /** While open: the footnote's Yjs element, to tell this footnote from another after a colleague's change. */
  private yType: unknown = null;
  /** The note editor has the focus (kept by its events: a redraw may detach it first). */
  private focused = false;
  private readonly popoverId = `footnote-popover-${Math.random().toString(36).slice(2, 10)}`;

  constructor(
    private node: PMNode,
    private readonly outer: EditorView,
    private readonly getPos: () => number | undefined,
    decorations: readonly Decoration[],
  ) {
    this.number = numberFrom(decorations);
    this.dom = document.createElement('span');
    this.dom.className = 'footnote-marker';
    this.dom.setAttribute('data-footnote', '');
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'footnote-number';
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    // Not a tab stop of its own (Tab leaves the text): the arrow keys select it, Enter opens it.
    this.button.tabIndex = -1;
    // The caret stays where it is in the text; the click opens the note.
    this.button.addEventListener('mousedown', (event) => event.preventDefault());
    this.button.addEventListener('click', () => (this.popover ? this.close(true) : this.open()));
    this.dom.append(this.button);
    this.drawNumber();
    viewsByElement.set(this.dom, this);
  }

  update(node: PMNode, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.node.type) return false;
    // An open note stays with its own footnote, the one decorated as open (see `footnote-state.ts`).
    if (this.inner && !isOpenFrom(decorations)) return false;
    this.node = node;
    const number = numberFrom(decorations);
    if (number !== this.number) {
      this.number = number;
      this.drawNumber();
    }
    if (this.inner) this.replayInto(this.inner);
    return true;
  }

  /**
   * Opens the note under the number with the caret at its end (the start of an empty one), or
   * where it was before the marker was redrawn.
   */
  open(caret?: { anchor: number; head: number }): void {
    if (this.popover) {
      this.inner?.focus();
      return;
    }
    const pos = this.getPos();
    if (pos === undefined) return;
    openViews.get(this.outer)?.close(false);
    this.yType = yTypeOf(this.outer, this.node);
    // First the decoration that marks this footnote as the open one, then the note itself.
    this.outer.dispatch(setOpenNote(this.outer.state.tr, { pos, yType: this.yType }));
    openViews.set(this.outer, this);
    const popover = document.createElement('span');
    popover.className = 'footnote-popover';
    popover.id = this.popoverId;
    popover.setAttribute('role', 'dialog');
    const title = document.createElement('span');
    title.className = 'footnote-popover-title';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'footnote-popover-close';
    close.textContent = '×';
    close.addEventListener('mousedown', (event) => event.preventDefault());
    close.addEventListener('click', () => this.close(true));
    const head = document.createElement('span');
    head.className = 'footnote-popover-head';
    head.append(title, close);
    const mount = document.createElement('span');
    mount.className = 'footnote-text';
    popover.append(head, mount);
    this.dom.append(popover);
    this.popover = popover;
    this.inner = new EditorView(
      { mount },
      {
        state: EditorState.create({ doc: this.node, plugins: [noteKeymap(this.outer, () => this.close(true)), keymap(baseKeymap), notePlaceholder(() => this.outer.editable)] }),
        editable: () => this.outer.editable && !isSuggesting(this.outer.state),
        attributes: () => ({ role: 'textbox', 'aria-label': t('footnotes.editor', { number: this.number }), spellcheck: 'true' }),
        dispatchTransaction: (tr) => this.dispatchInner(tr),
        handleDOMEvents: {
          focus: () => {
            this.focused = true;
            this.editingChanged(true);
          },
          blur: () => {
            this.focused = false;
            this.editingChanged(false);
          },
        },
      },
    );
    this.drawNumber();
    this.place();
    window.addEventListener('resize', this.place);
    window.addEventListener('scroll', this.place, { capture: true, passive: true });
    document.addEventListener('mousedown', this.outside, true);
    const inner = this.inner;
    if (inner.editable) {
      const size = inner.state.doc.content.size;
      const selection = caret
        ? TextSelection.create(inner.state.doc, Math.min(caret.anchor, size), Math.min(caret.head, size))
        : TextSelection.atEnd(inner.state.doc);
      inner.dispatch(inner.state.tr.setSelection(selection).setMeta(FROM_OUTSIDE, true));
      inner.focus();
    } else {
      // A reader's note cannot take the caret: the dialog itself takes the focus, for Escape.
      popover.tabIndex = -1;
      popover.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') this.close(true);
      });
      popover.focus();
    }
  }

  /** Closes the note; `refocus` puts the caret back in the text, right after the footnote. */
  close(refocus: boolean, redrawn = false): void {
    if (!this.popover) return;
    const yType = this.yType;
    const hadFocus = this.focused || (this.inner?.hasFocus() ?? false);
    this.focused = false;
    window.removeEventListener('resize', this.place);
    window.removeEventListener('scroll', this.place, { capture: true });
    document.removeEventListener('mousedown', this.outside, true);
    this.inner?.destroy();
    this.inner = null;
    this.yType = null;
    this.popover.remove();
    this.popover = null;
    if (openViews.get(this.outer) === this) openViews.delete(this.outer);
    this.drawNumber();
    // Not while the section's editor is redrawing (a node view is closed when it is destroyed).
    if (hadFocus) queueMicrotask(() => this.editingChanged(false));
    if (!redrawn) this.forget(yType);
    else queueMicrotask(() => this.forget(yType));
    if (!refocus || this.outer.isDestroyed) return;
    const pos = this.getPos();
    if (pos !== undefined) {
      const after = TextSelection.create(this.outer.state.doc, pos + this.node.nodeSize);
      this.outer.dispatch(this.outer.state.tr.setSelection(after));
    }
    this.outer.focus();
  }

  private drawNumber(): void {
    const shown = this.number > 0 ? String(this.number) : '*';
    this.button.textContent = shown;
    this.button.setAttribute('aria-label', t('footnotes.open', { number: shown }));
    this.button.setAttribute('aria-expanded', String(this.popover !== null));
    if (this.popover) {
      this.button.setAttribute('aria-controls', this.popoverId);
      this.popover.setAttribute('aria-label', t('footnotes.marker', { number: shown }));
      const title = this.popover.querySelector('.footnote-popover-title');
      if (title) title.textContent = t('footnotes.marker', { number: shown });
      const close = this.popover.querySelector('.footnote-popover-close');
      close?.setAttribute('aria-label', t('footnotes.close'));
      close?.setAttribute('title', `${t('footnotes.close')} (Esc)`);
    } else this.button.removeAttribute('aria-controls');
  }

  /**
   * Under the number, inside the window: fixed, so that a table's scrolling wrapper does not
   * clip it; moved left when the number is near the right edge (a phone is 390 px wide).
   */
  private readonly place = () => {
    const popover = this.popover;
    if (!popover) return;
    const marker = this.button.getBoundingClientRect();
    const width = Math.min(popover.offsetWidth, document.documentElement.clientWidth - 2 * EDGE);
    const left = Math.max(EDGE, Math.min(marker.left - 12, document.documentElement.clientWidth - EDGE - width));
    popover.style.left = `${left}px`;
    popover.style.top = `${marker.bottom + 6}px`;
  };

  /** A press outside the marker and its note closes the note, leaving the focus where it went. */
  private readonly outside = (event: MouseEvent) => {
    if (!this.dom.contains(event.target as Node)) this.close(false);
  };

  /** The plugin no longer follows this note as open (unless another note was opened meanwhile). */
  private forget(yType: unknown): void {
    if (this.outer.isDestroyed) return;
    const open = footnotesState(this.outer.state)?.open;
    if (!open || open.yType !== yType || openViews.has(this.outer)) return;
    this.outer.dispatch(setOpenNote(this.outer.state.tr, null));
  }

  private editingChanged(editing: boolean): void {
    if (this.outer.isDestroyed) return;
    this.outer.dispatch(setEditing(this.outer.state.tr, editing));
  }

  private dispatchInner(tr: Transaction): void {
    const inner = this.inner;
    if (!inner) return;
    const { state, transactions } = inner.state.applyTransaction(tr);
    inner.updateState(state);
    if (tr.getMeta(FROM_OUTSIDE)) return;
    const pos = this.getPos();
    if (pos === undefined) return;
    const outerTr = this.outer.state.tr;
    const offset = StepMap.offset(pos + 1);
    for (const applied of transactions) {
      for (const step of applied.steps) {
        const mapped = step.map(offset);
        if (mapped) outerTr.step(mapped);
      }
    }
    if (!outerTr.docChanged) return;
    this.outer.dispatch(outerTr);
    // The section's editor may refuse the change (suggesting mode): the note shows what it holds.
    if (this.inner && !this.inner.state.doc.content.eq(this.node.content)) this.replayInto(this.inner);
  }

  /** Makes the inner editor show this footnote's content, changing only what differs. */
  private replayInto(inner: EditorView): void {
    const state = inner.state;
    const start = this.node.content.findDiffStart(state.doc.content);
    if (start === null) return;
    let { a: endA, b: endB } = this.node.content.findDiffEnd(state.doc.content)!;
    const overlap = start - Math.min(endA, endB);
    if (overlap > 0) {
      endA += overlap;
      endB += overlap;
    }
    inner.dispatch(state.tr.replace(start, endB, this.node.slice(start, endA)).setMeta(FROM_OUTSIDE, true));
  }

  selectNode(): void {
    this.dom.classList.add('ProseMirror-selectednode');
  }

  deselectNode(): void {
    this.dom.classList.remove('ProseMirror-selectednode');
  }

  /** Events in the open note are the inner editor's; the section's editor leaves them alone. */
  stopEvent(event: Event): boolean {
    return this.popover !== null && this.popover.contains(event.target as Node);
  }

  /** Everything inside the marker is drawn here or by the inner editor. */
  ignoreMutation(): boolean {
    return true;
  }

  destroy(): void {
    // Redrawn while being written (a colleague's change): the footnotes plugin opens it again.
    const reopen = this.inner !== null && (this.focused || this.inner.hasFocus()) && this.yType !== null;
    if (reopen) {
      const { anchor, head } = this.inner!.state.selection;
      toReopen.set(this.outer, { yType: this.yType, anchor, head });
    }
    this.close(false, true);
    viewsByElement.delete(this.dom);
  }
}

/** Undo and redo are the section's (Yjs's); Escape and Enter go back to the text. */
function noteKeymap(outer: EditorView, close: () => void): Plugin {
  const outerCommand =
    (command: Command): Command =>
    () =>
      command(outer.state, outer.dispatch, outer);
  const back: Command = () => {
    close();
    return true;
  };
  return keymap({
    'Mod-z': outerCommand(undoCommand),
    'Mod-y': outerCommand(redoCommand),
    'Mod-Shift-z': outerCommand(redoCommand),
    'Mod-b': toggleMark(marks.bold),
    'Mod-i': toggleMark(marks.italic),
    'Mod-u': toggleMark(marks.underline),
    'Mod-,': toggleMark(marks.subscript),
    'Mod-.': toggleMark(marks.superscript),
    Escape: back,
    // A note is one run of text (the schema has no paragraphs in it): Enter finishes it.
    Enter: back,
    'Mod-Enter': back,
  });
}

/** "Write the note…" in an empty note ("Empty note" where it cannot be written). */
function notePlaceholder(editable: () => boolean): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        if (state.doc.content.size > 0) return null;
        const words = editable() ? t('footnotes.placeholder') : t('footnotes.empty');
        return DecorationSet.create(state.doc, [
          Decoration.widget(
            0,
            () => {
              const span = document.createElement('span');
              span.className = 'footnote-placeholder';
              span.setAttribute('aria-hidden', 'true');
              span.textContent = words;
              return span;
            },
            { key: `footnote-placeholder:${words}`, side: -1, ignoreSelection: true },
          ),
        ]);
      },
    },
  });
}
