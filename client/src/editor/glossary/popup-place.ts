/**
 * Puts a floating element (the link list, a hint, a definition) just under a stretch of text, or
 * above it when there is no room below, and always inside the window (390 px phones included).
 */
import type { EditorView } from 'prosemirror-view';

const MARGIN = 8;
const GAP = 6;

export function placeBelow(element: HTMLElement, view: EditorView, from: number, to: number): void {
  const max = view.state.doc.content.size;
  let start: { left: number; top: number; bottom: number };
  let end: { bottom: number };
  try {
    start = view.coordsAtPos(Math.min(from, max), 1);
    end = view.coordsAtPos(Math.min(to, max), -1);
  } catch {
    return;
  }
  placeAt(element, { left: start.left, top: start.top, bottom: Math.max(start.bottom, end.bottom) });
}

/** Under (or over) a box on the screen: a term's element when the pointer is on it. */
export function placeAt(element: HTMLElement, box: { left: number; top: number; bottom: number }): void {
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const left = Math.max(MARGIN, Math.min(box.left, window.innerWidth - width - MARGIN));
  const below = box.bottom + GAP;
  const top = below + height > window.innerHeight - MARGIN && box.top - GAP - height > MARGIN ? box.top - GAP - height : below;
  element.style.left = `${Math.round(left)}px`;
  element.style.top = `${Math.round(top)}px`;
}
