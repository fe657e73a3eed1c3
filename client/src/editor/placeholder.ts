/**
 * The words an empty section shows where its text will be ("Start writing this section here."),
 * in the current language. They are a decoration, never part of the document: hidden from screen
 * readers, which hear the same words as the editor's `aria-placeholder` instead, and gone with the
 * first character typed (here or by a colleague).
 */
import type { Node as PMNode } from 'prosemirror-model';
import { Plugin } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import './placeholder.css';

/** A section is empty when it is one empty paragraph (or heading): what a new document holds. */
export function isEmptyDocument(doc: PMNode): boolean {
  return doc.childCount === 1 && doc.firstChild!.isTextblock && doc.firstChild!.content.size === 0;
}

/** `text` is asked at every update; null shows nothing (the text has not arrived yet). */
export function placeholder(text: () => string | null): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const words = text();
        if (words === null || !isEmptyDocument(state.doc)) return null;
        const widget = Decoration.widget(
          1,
          () => {
            const span = document.createElement('span');
            span.className = 'editor-placeholder';
            span.setAttribute('aria-hidden', 'true');
            span.textContent = words;
            return span;
          },
          { key: `placeholder:${words}`, side: -1, ignoreSelection: true },
        );
        const block = Decoration.node(0, state.doc.firstChild!.nodeSize, { class: 'has-placeholder' });
        return DecorationSet.create(state.doc, [block, widget]);
      },
      attributes(state): Record<string, string> {
        const words = text();
        return words !== null && isEmptyDocument(state.doc) ? { 'aria-placeholder': words } : {};
      },
    },
  });
}
