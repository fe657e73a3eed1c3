/**
 * Word's tracked changes as suggestions (#17), never accepted on the way in. The markers
 * `word-markers.ts` wrote around each `w:ins` and `w:del` are found in the converted document and
 * taken out; the text between them gets our `insertion` or `deletion` mark, with a fresh
 * suggestion id per Word change, the importing person as author (Word's authors are not people
 * of this workspace; the preview names them) and the time of the import. The group then accepts
 * or rejects each one as it would any suggestion.
 *
 * The same pass takes out the comment markers and tells where they stood, for the comment threads.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { schema } from '../../shared/schema';
import { MARKER_PATTERN, type MarkerCode, type TrackedChange } from './word-markers';

/** A marker as found: its code, value, and where it stands once every marker is taken out. */
export interface PlacedMarker {
  code: MarkerCode;
  value: string;
  at: number;
}

/** Takes every marker out of the document; answers the clean document and where each stood. */
export function takeOutMarkers(doc: ProseMirrorNode): { doc: ProseMirrorNode; markers: PlacedMarker[] } {
  const found: { code: MarkerCode; value: string; from: number; to: number }[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const match of (node.text ?? '').matchAll(MARKER_PATTERN)) {
      found.push({ code: match[1] as MarkerCode, value: match[2], from: pos + match.index!, to: pos + match.index! + match[0].length });
    }
    return false;
  });
  const transform = new Transform(doc);
  // From the end, so the positions before each deletion stay as found.
  for (const marker of [...found].reverse()) transform.delete(marker.from, marker.to);
  let removed = 0;
  const markers = found.map((marker) => {
    // Deleting text only shifts what follows by its length: a marker stands where it was, less
    // the markers before it.
    const placed = { code: marker.code, value: marker.value, at: marker.from - removed };
    removed += marker.to - marker.from;
    return placed;
  });
  return { doc: transform.doc, markers };
}

/** A fresh suggestion id, in the editor's form (`<author>-<time>-<random>`). */
export function newSuggestionId(author: number, at: number): string {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${author}-${at.toString(36)}-${random}`;
}

/**
 * Marks each tracked change's text as a suggestion by `author`. Answers the document and how many
 * changes arrived (a change whose text was empty, or did not survive the conversion, is not one).
 */
export function applyTrackedChanges(
  doc: ProseMirrorNode,
  markers: PlacedMarker[],
  changes: TrackedChange[],
  suggestion: { author: number; at: number },
): { doc: ProseMirrorNode; applied: number } {
  const starts = new Map<string, number>();
  const transform = new Transform(doc);
  let applied = 0;
  for (const marker of markers) {
    if (marker.code === 'is' || marker.code === 'ds') starts.set(`${marker.code[0]}${marker.value}`, marker.at);
    if (marker.code !== 'ie' && marker.code !== 'de') continue;
    const from = starts.get(`${marker.code[0]}${marker.value}`);
    const change = changes[Number(marker.value) - 1];
    if (from === undefined || !change || marker.at <= from) continue;
    if (!hasText(transform.doc, from, marker.at)) continue;
    const type = marker.code === 'ie' ? schema.marks.insertion : schema.marks.deletion;
    transform.addMark(from, marker.at, type.create({ id: newSuggestionId(suggestion.author, suggestion.at), author: suggestion.author, at: suggestion.at }));
    applied += 1;
  }
  return { doc: transform.doc, applied };
}

function hasText(doc: ProseMirrorNode, from: number, to: number): boolean {
  let found = false;
  doc.nodesBetween(from, to, (node) => {
    if (node.isText) found = true;
    return !found;
  });
  return found;
}
