/**
 * Open suggestions (#17) read out of a section: the text with them left out, which is what an
 * approval judges, what word counts and the search index read, and what the PDF, HTML and Markdown
 * exports show by default; and who made them, for the exports that name their authors.
 *
 * An open suggested insertion is text someone proposed and nobody accepted yet: left out, it is
 * absent. An open suggested deletion is text someone proposed to remove: left out, the suggestion
 * is undone, so the text stays, without its mark. Suggestions only mark inline content, so leaving
 * them out never removes a block: a paragraph made only of a suggested insertion stays, empty.
 * A footnote (#18) is inline content with text of its own: suggestions inside it are left out like
 * any others (its text is walked), and a footnote that itself carries an insertion mark is left out
 * whole. (The suggest level refuses new footnotes as structure; an insertion mark on one comes only
 * from an editor.)
 *
 * Two readings, one rule. `withoutSuggestions` works on ProseMirror nodes (exporters, diffs).
 * `jsonWithoutSuggestions` works on the JSON the server reads from Yjs (y-prosemirror's shape, as
 * `server/domain/section-content.ts` hashes it) and writes it back in that same shape, so that a
 * section with a suggestion left out hashes exactly as the section did before the suggestion was
 * made: an approval stays current while a reviewer suggests, and an approval stored before
 * suggestions existed still matches.
 */
import { Fragment, type Mark, type Node } from 'prosemirror-model';

/** The marks of open suggestions, as the shared schema names them. */
export const SUGGESTION_MARKS = ['insertion', 'deletion'] as const;
export type SuggestionKind = (typeof SUGGESTION_MARKS)[number];

const isSuggestionMark = (name: unknown): name is SuggestionKind => name === 'insertion' || name === 'deletion';

/** Whether any inline content of the node carries an open suggestion. */
export function hasSuggestions(doc: Node): boolean {
  let found = false;
  doc.descendants((node) => {
    if (found) return false;
    if (node.marks.some((mark) => isSuggestionMark(mark.type.name))) found = true;
    return !found;
  });
  return found;
}

/**
 * The node with its open suggestions left out: suggested insertions removed, suggested deletions
 * kept without their mark. Text that falls together again is one text node (as if the suggestion
 * had never been made), and a node without suggestions is returned as it is (same object).
 */
export function withoutSuggestions(doc: Node): Node {
  const { insertion, deletion } = doc.type.schema.marks;
  if (!insertion && !deletion) return doc;
  const settle = (node: Node): Node => {
    if (node.isLeaf) return node;
    const children: Node[] = [];
    let changed = false;
    node.forEach((child) => {
      if (insertion?.isInSet(child.marks)) {
        changed = true;
        return;
      }
      if (deletion?.isInSet(child.marks)) {
        changed = true;
        // A node proposed for deletion whole (a footnote, #18) may hold suggestions of its own.
        children.push(settle(child).mark(deletion.removeFromSet(child.marks)));
        return;
      }
      const settled = settle(child);
      changed ||= settled !== child;
      children.push(settled);
    });
    // Fragment.fromArray joins neighbouring text nodes with the same marks.
    return changed ? node.copy(Fragment.fromArray(children)) : node;
  };
  return settle(doc);
}

/** A node of ProseMirror JSON as the server reads it (y-prosemirror's or prosemirror-model's shape). */
interface JsonNode {
  type?: unknown;
  text?: unknown;
  marks?: unknown;
  content?: unknown;
  [key: string]: unknown;
}

const marksOf = (node: JsonNode): JsonNode[] => (Array.isArray(node.marks) ? (node.marks as JsonNode[]) : []);

/** Whether the JSON carries an open suggestion anywhere. */
export function jsonHasSuggestions(json: unknown): boolean {
  if (!json || typeof json !== 'object') return false;
  const node = json as JsonNode;
  if (marksOf(node).some((mark) => isSuggestionMark(mark?.type))) return true;
  return Array.isArray(node.content) && node.content.some(jsonHasSuggestions);
}

/** A value as a string whatever the order of its keys (Yjs does not promise one for attributes). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Marks compared as a set: two runs whose marks differ only in their order are one run. */
const markSet = (node: JsonNode) => marksOf(node).map(canonical).sort().join('|');

/**
 * `withoutSuggestions` for ProseMirror JSON, keeping its shape: text nodes without marks have no
 * `marks` key, and a node left without children has no `content` key, as y-prosemirror writes
 * them. JSON without suggestions comes back as the same object, so its hash cannot change.
 */
export function jsonWithoutSuggestions<T>(json: T): T {
  return jsonHasSuggestions(json) ? (settleJson(json as JsonNode) as T) : json;
}

function settleJson(node: JsonNode): JsonNode {
  if (!Array.isArray(node.content)) return node;
  const content: JsonNode[] = [];
  for (const child of node.content as JsonNode[]) {
    const marks = marksOf(child);
    if (marks.some((mark) => mark?.type === 'insertion')) continue;
    const settled = marks.some((mark) => mark?.type === 'deletion')
      ? withKey(settleJson(child), 'marks', marks.filter((mark) => mark?.type !== 'deletion'))
      : settleJson(child);
    const last = content[content.length - 1];
    if (last && last.type === 'text' && settled.type === 'text' && markSet(last) === markSet(settled)) {
      content[content.length - 1] = { ...last, text: String(last.text ?? '') + String(settled.text ?? '') };
    } else content.push(settled);
  }
  return withKey(node, 'content', content);
}

/** The node with `key` set to `list`, in the key's own place (the hash reads keys in order), or without it when `list` is empty. */
function withKey(node: JsonNode, key: string, list: JsonNode[]): JsonNode {
  return Object.fromEntries(Object.entries(node).flatMap(([name, value]) => (name !== key ? [[name, value]] : list.length ? [[name, list]] : [])));
}

/** The people (ids) whose open suggestions the JSON carries, in the order they first appear. */
export function suggestionAuthors(json: unknown): number[] {
  const authors = new Set<number>();
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const node = value as JsonNode;
    for (const mark of marksOf(node)) {
      const author = (mark?.attrs as { author?: unknown } | undefined)?.author;
      if (isSuggestionMark(mark?.type) && typeof author === 'number' && Number.isInteger(author)) authors.add(author);
    }
    if (Array.isArray(node.content)) node.content.forEach(walk);
  };
  walk(json);
  return [...authors];
}

/** The suggestion mark of a kind on a node, if it carries one. */
export function suggestionMark(marks: readonly Mark[], kind: SuggestionKind): Mark | undefined {
  return marks.find((mark) => mark.type.name === kind);
}
