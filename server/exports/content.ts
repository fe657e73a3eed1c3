/**
 * A section's content as a ProseMirror node of the shared schema, and the questions exporters ask
 * of it (where does a comment's quote stand, how deep is a heading once shifted under the section,
 * who made a suggestion).
 */
import type { Mark, Node } from 'prosemirror-model';
import { readDocument } from '../../shared/document-repair';
import { withoutSuggestions } from '../../shared/suggestions';
import type { ExportSection, MasterDocument, SuggestionDisplay } from './model';

/**
 * The section's doc. Content that does not fit the schema (an old or hand-made update) must not
 * sink the whole master: it is repaired as every reader of a section repairs it, its text kept.
 * Control characters (NUL, C0 but tab and line ends) are dropped: no file format wants them, and in
 * DOCX (XML 1.0) they make Word refuse the whole file.
 */
export function sectionDoc(section: Pick<ExportSection, 'content'>, suggestions: SuggestionDisplay = 'omit'): Node {
  const doc = readDocument(withoutControlCharacters(section.content));
  return suggestions === 'mark' ? doc : withoutSuggestions(doc);
}

/** Who made a suggestion (its mark's `author`), by name: the document's own, or a label with the id. */
export function suggestionAuthor(document: Pick<MasterDocument, 'authorNames'>, mark: Mark, unnamed: (id: number) => string): string {
  const id = Number(mark.attrs.author);
  return document.authorNames?.[id]?.trim() || unnamed(id);
}

/** When a suggestion was made (its mark's `at`, ms since 1970), or null when it does not say. */
export function suggestionTime(mark: Mark): Date | null {
  const at = Number(mark.attrs.at);
  return Number.isFinite(at) && at > 0 ? new Date(at) : null;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function withoutControlCharacters(json: unknown): unknown {
  if (typeof json === 'string') return json.replace(CONTROL, '');
  if (Array.isArray(json)) return json.map(withoutControlCharacters);
  if (!json || typeof json !== 'object') return json;
  return Object.fromEntries(Object.entries(json).map(([key, value]) => [key, withoutControlCharacters(value)]));
}

/** Content headings sit below the section title: level 1 becomes `base + 1`, and so on. */
export function shiftedLevel(level: unknown, base: number): number {
  const own = Math.min(3, Math.max(1, Number(level) || 1));
  return base + own;
}

/**
 * The plain text of a textblock as the comment anchoring sees it: hard breaks count as one
 * character ("\n") so offsets line up with the inline nodes.
 */
export function inlineText(block: Node): string {
  let text = '';
  block.forEach((child) => {
    text += child.isText ? (child.text ?? '') : '\n';
  });
  return text;
}

/** A half-open character range in a textblock's inline text, tagged with who put it there. */
export interface Anchor<T> {
  from: number;
  to: number;
  value: T;
}

/**
 * Where each quote stands: the first textblock (in document order) whose text holds it. Quotes
 * that are empty or no longer in the text are returned in `unplaced`, to anchor at the heading.
 */
export function placeQuotes<T>(doc: Node, items: { quote: string; value: T }[]) {
  const placed = new Map<Node, Anchor<T>[]>();
  const unplaced: T[] = [];
  const blocks: { node: Node; text: string }[] = [];
  doc.descendants((node) => {
    if (node.isTextblock) blocks.push({ node, text: inlineText(node) });
    return !node.isTextblock;
  });
  for (const item of items) {
    const quote = item.quote.trim();
    const hit = quote ? blocks.find((block) => block.text.includes(quote)) : undefined;
    if (!hit) {
      unplaced.push(item.value);
      continue;
    }
    const from = hit.text.indexOf(quote);
    const list = placed.get(hit.node) ?? [];
    list.push({ from, to: from + quote.length, value: item.value });
    placed.set(hit.node, list);
  }
  return { placed, unplaced };
}

/**
 * Column widths as shares of the table's width, from the first row's `colwidth` (pixels, set when
 * someone drags a column border in the editor); null when not every column has one.
 */
export function columnShares(table: Node, columns: number): number[] | null {
  if (!table.childCount) return null;
  const widths: number[] = [];
  table.child(0).forEach((cell) => {
    const colwidth: unknown = cell.attrs.colwidth;
    const span = Math.max(1, Math.trunc(Number(cell.attrs.colspan)) || 1);
    for (let i = 0; i < span; i++) widths.push(Array.isArray(colwidth) ? Number(colwidth[i]) : NaN);
  });
  if (widths.length !== columns || !widths.every((w) => Number.isFinite(w) && w > 0)) return null;
  const total = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => w / total);
}
