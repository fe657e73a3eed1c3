/**
 * A saved text of a section (a version, the approved text) shown read-only, exactly as the editor
 * would show it: ProseMirror's own DOMSerializer over the shared schema, whose link mark renders
 * only safe addresses. Built once per content object and kept, so re-renders of the page reuse it.
 */
import { DOMSerializer } from 'prosemirror-model';
import type { DocumentJson } from '../../../shared/api';
import { schema } from '../../../shared/schema';

const rendered = new WeakMap<DocumentJson, HTMLElement>();

export function documentView(content: DocumentJson): HTMLElement {
  const existing = rendered.get(content);
  if (existing) return existing;
  const element = document.createElement('div');
  element.className = 'document-text reading-text';
  try {
    const node = schema.nodeFromJSON(content);
    element.append(DOMSerializer.fromSchema(schema).serializeFragment(node.content, { document }));
  } catch (error) {
    // A text this client's schema cannot read: say nothing rather than something wrong.
    console.error(error);
  }
  rendered.set(content, element);
  return element;
}
