/**
 * How colleagues' cursors and selections look. y-prosemirror draws them from awareness states;
 * the name and colour there are stamped by the server from the session, and we still treat them
 * as text and a checked colour, never as markup.
 */
import type { DecorationAttrs } from 'prosemirror-view';
import { safeColour } from '../colour';

export interface CursorUser {
  id?: number;
  name?: string;
  color?: string;
}

/** A caret in the colleague's colour with their name on a small flag above it. */
export function buildCursor(user: CursorUser): HTMLElement {
  const colour = safeColour(user.color);
  const cursor = document.createElement('span');
  cursor.className = 'ProseMirror-yjs-cursor';
  cursor.style.borderColor = colour;
  const label = document.createElement('div');
  label.className = 'ProseMirror-yjs-cursor-label';
  label.style.backgroundColor = colour;
  label.textContent = user.name ?? '';
  // Word joiners keep the caret from breaking the line it stands in (as y-prosemirror's own does).
  cursor.append('\u2060', label, '\u2060');
  return cursor;
}

/** A translucent highlight of the colleague's selection. */
export function buildSelection(user: CursorUser): DecorationAttrs {
  return { style: `background-color: ${safeColour(user.color)}33`, class: 'ProseMirror-yjs-selection' };
}
