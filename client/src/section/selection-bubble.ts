/**
 * The "Comment" button that floats in the page's right margin beside selected text, as in Google
 * Docs. It shows while the text is selected in the editor (editable or read-only), and keeps the
 * selection when pressed.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import { shortcut } from '../editor/toolbar';
import { t } from '../i18n';
import { sectionIcons } from './icons';

/** Is the selection the one the person sees now (the editor has it, not another field)? */
function selectionShown(view: EditorView): boolean {
  if (view.state.selection.empty) return false;
  if (view.hasFocus()) return true;
  // A read-only editor never has the focus; its text is selected all the same.
  const selection = document.getSelection();
  return Boolean(selection && !selection.isCollapsed && selection.anchorNode && view.dom.contains(selection.anchorNode));
}

export function selectionBubble(view: EditorView, start: () => void): TemplateResult | typeof nothing {
  if (!selectionShown(view)) return nothing;
  const paper = view.dom.closest('.paper');
  if (!paper) return nothing;
  let top: number;
  try {
    top = view.coordsAtPos(view.state.selection.from).top - paper.getBoundingClientRect().top;
  } catch {
    return nothing;
  }
  const label = t('comments.add');
  return html`<button
    type="button"
    class="selection-bubble"
    style="top: ${Math.max(0, Math.round(top - 6))}px"
    aria-label=${label}
    title=${`${label} (${shortcut('Mod-Alt-m')})`}
    @mousedown=${(event: MouseEvent) => event.preventDefault()}
    @click=${start}
  >
    ${sectionIcons.addComment}
  </button>`;
}
