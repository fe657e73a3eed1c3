/**
 * Comment anchors: a range of a section's ProseMirror text held as two Yjs relative positions, so
 * that it follows its words through everybody's concurrent edits. The editor uses these with its
 * live binding mapping; tests and the server use them with a mapping from `initProseMirrorDoc`.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import {
  absolutePositionToRelativePosition,
  initProseMirrorDoc,
  relativePositionToAbsolutePosition,
} from 'y-prosemirror';
import * as Y from 'yjs';
import { CONTENT_FRAGMENT, schema } from './schema';

/** y-prosemirror's map from Yjs types to the ProseMirror nodes they render. */
export type ProseMirrorMapping = Map<Y.AbstractType<unknown>, ProseMirrorNode | ProseMirrorNode[]>;

export interface EncodedAnchor {
  start: string;
  end: string;
}

export type ResolvedAnchor = { detached: false; from: number; to: number } | { detached: true };

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Encodes the ProseMirror range from..to of the fragment as an anchor. */
export function anchorFor(
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  from: number,
  to: number,
): EncodedAnchor {
  const start = absolutePositionToRelativePosition(from, fragment, mapping as never);
  return {
    start: toBase64(Y.encodeRelativePosition(start)),
    end: toBase64(Y.encodeRelativePosition(endPosition(fragment, mapping, from, to))),
  };
}

/**
 * The end of a range sticks to its last character, so that text typed right after the commented
 * words is not pulled into the comment. y-prosemirror's positions stick to the character after;
 * a position on the last character with assoc -1 means "just after it". A range that ends with an
 * inline node (a footnote or a cross-reference, #18) sticks to that node the same way.
 */
function endPosition(fragment: Y.XmlFragment, mapping: ProseMirrorMapping, from: number, to: number): Y.RelativePosition {
  const after = absolutePositionToRelativePosition(to, fragment, mapping as never) as Y.RelativePosition;
  if (to > from && fragment.doc) {
    const last = absolutePositionToRelativePosition(to - 1, fragment, mapping as never) as Y.RelativePosition;
    const absolute = Y.createAbsolutePositionFromRelativePosition(last, fragment.doc);
    if (last.item && absolute?.type instanceof Y.XmlText) {
      return new Y.RelativePosition(last.type, last.tname, last.item, -1);
    }
    const inline = afterInlineNode(Y.createAbsolutePositionFromRelativePosition(after, fragment.doc));
    if (inline) return inline;
  }
  return after;
}

/**
 * When `position` is right after an inline node (the start of the text that follows it, or the
 * end of its paragraph), a position just after that node; otherwise null.
 */
function afterInlineNode(position: Y.AbsolutePosition | null): Y.RelativePosition | null {
  if (!position) return null;
  const { type } = position;
  let parent: Y.XmlElement;
  let index: number;
  if (type instanceof Y.XmlText) {
    if (position.index !== 0 || !(type.parent instanceof Y.XmlElement)) return null;
    parent = type.parent;
    index = parent.toArray().indexOf(type);
  } else if (type instanceof Y.XmlElement) {
    parent = type;
    index = position.index;
  } else return null;
  if (index <= 0) return null;
  const before = parent.get(index - 1);
  return before instanceof Y.XmlElement && schema.nodes[before.nodeName]?.isInline ? Y.createRelativePositionFromTypeIndex(parent, index, -1) : null;
}

/**
 * Where an anchor's range is now. A range whose words were all deleted collapses: it is then
 * detached, and the thread shows its quoted text instead.
 */
export function resolveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  mapping: ProseMirrorMapping,
  anchor: EncodedAnchor,
): ResolvedAnchor {
  let from: number | null;
  let to: number | null;
  try {
    from = relativePositionToAbsolutePosition(doc, fragment, Y.decodeRelativePosition(fromBase64(anchor.start)), mapping as never);
    to = relativePositionToAbsolutePosition(doc, fragment, Y.decodeRelativePosition(fromBase64(anchor.end)), mapping as never);
  } catch {
    return { detached: true };
  }
  if (from === null || to === null || from >= to) return { detached: true };
  return { detached: false, from, to };
}

/** A ProseMirror view of a section's Y.Doc with its mapping, for code that has no editor. */
export function readSection(doc: Y.Doc): { node: ProseMirrorNode; fragment: Y.XmlFragment; mapping: ProseMirrorMapping } {
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const { doc: node, mapping } = initProseMirrorDoc(fragment, schema);
  return { node, fragment, mapping: mapping as unknown as ProseMirrorMapping };
}
