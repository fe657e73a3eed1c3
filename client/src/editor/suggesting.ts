/**
 * Suggesting mode (#17): while it is on, what the local person types becomes a suggestion instead
 * of a change. `suggestTransaction` rewrites a transaction before it is applied:
 *
 * - inserted text gets an `insertion` mark by the person; typing right after or inside one's own
 *   open insertion continues it (same mark, same id), so consecutive keystrokes are one suggestion;
 * - deleted text stays and gets a `deletion` mark by the person (text already proposed for
 *   deletion is left as it is; one's own suggested insertion is really removed: a withdrawal);
 * - anything else (splitting or joining paragraphs, pasting blocks, tables, lists, formatting) is
 *   refused with a reason, because the server takes nothing else from a suggest-only connection.
 *
 * Only the person's own transactions are rewritten. Whatever comes from Yjs — a colleague's
 * change, the first sync, a restore, undo and redo — carries y-prosemirror's `ySyncPluginKey`
 * meta and is applied as it is. Undo is Yjs's, so undoing a suggestion withdraws it.
 *
 * Outside suggesting mode the person's typing never carries suggestion marks either: text typed
 * inside somebody's suggestion is plain (an editor's change is immediate), and pasted suggestion
 * marks are dropped everywhere (a paste must not forge a suggestion in somebody's name, nor copy
 * a suggestion's id).
 *
 * Deliberately text-level: the marks sit on text only, never on nodes, so the server's check can
 * read an update as "text inserted with a mark" / "a mark added to text" and nothing else.
 */
import { Fragment, type Mark, type Node as PMNode, Slice } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from 'prosemirror-state';
import { ReplaceStep, type Step } from 'prosemirror-transform';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../../shared/schema';
import type { SuggestionKind } from '../../../shared/api/suggestions';

const { insertion, deletion } = schema.marks;

/** Why a change was refused in suggesting mode (a catalogue key's last part). */
export type Refusal = 'structure' | 'formatting';

export interface SuggestingState {
  /** Typing becomes suggestions. */
  on: boolean;
  /** On and cannot be turned off (a suggest-only connection). */
  forced: boolean;
}

export interface SuggestingOptions {
  /** An author's colour (#rrggbb), for the marks' colour. */
  colour: (author: number) => string;
}

interface PluginState extends SuggestingState {
  decorations: DecorationSet;
  /** The open suggestions, read again at every change of the text (same array until then). */
  suggestions: readonly TextSuggestion[];
}

interface SuggestingMeta {
  on?: boolean;
  forced?: boolean;
  /** The authors' colours may have changed (the people directory arrived). */
  recolour?: true;
}

export const suggestingKey = new PluginKey<PluginState>('suggesting');

/** Is suggesting on in this state? */
export function isSuggesting(state: EditorState): boolean {
  return suggestingKey.getState(state)?.on ?? false;
}

export function suggestingState(state: EditorState): SuggestingState {
  const plugin = suggestingKey.getState(state);
  return { on: plugin?.on ?? false, forced: plugin?.forced ?? false };
}

/** The open suggestions in the editor's text, in its order (derived once per change of the text). */
export function suggestionsIn(state: EditorState): readonly TextSuggestion[] {
  return suggestingKey.getState(state)?.suggestions ?? [];
}

/** Turns suggesting on or off; `forced` keeps it on (a suggest-only connection). */
export function setSuggesting(view: EditorView, on: boolean, forced = false): void {
  const current = suggestingState(view.state);
  if (current.on === on && current.forced === forced) return;
  view.dispatch(view.state.tr.setMeta(suggestingKey, { on, forced } satisfies SuggestingMeta));
}

/** Redraws the marks' colours (after the people directory or presence changed). */
export function recolourSuggestions(view: EditorView): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(suggestingKey, { recolour: true } satisfies SuggestingMeta));
}

/**
 * The plugin: holds the mode, colours the marks by author (a decoration per run, so the colour
 * follows the people directory) and drops suggestion marks from pasted content.
 */
export function suggesting(options: SuggestingOptions): Plugin<PluginState> {
  return new Plugin<PluginState>({
    key: suggestingKey,
    state: {
      init: (_config, state) => ({
        on: false,
        forced: false,
        decorations: colourDecorations(state.doc, options.colour),
        suggestions: textSuggestions(state.doc),
      }),
      apply(tr, value, _old, state) {
        const meta = tr.getMeta(suggestingKey) as SuggestingMeta | undefined;
        const on = meta?.on ?? value.on;
        const forced = meta?.forced ?? (meta?.on === false ? false : value.forced);
        const decorations = tr.docChanged || meta?.recolour ? colourDecorations(state.doc, options.colour) : value.decorations;
        const suggestions = tr.docChanged ? textSuggestions(state.doc) : value.suggestions;
        return { on, forced, decorations, suggestions };
      },
    },
    props: {
      decorations: (state) => suggestingKey.getState(state)?.decorations,
      transformPasted: (slice) => withoutSuggestionMarks(slice),
    },
  });
}

function colourDecorations(doc: PMNode, colour: (author: number) => string): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    const added = insertion.isInSet(node.marks);
    const removed = deletion.isInSet(node.marks);
    if (!added && !removed) return false;
    const classes: string[] = [];
    const styles: string[] = [];
    if (added) {
      classes.push('suggested-insertion');
      styles.push(`--insertion-colour: ${colour(added.attrs.author as number)}`);
    }
    if (removed) {
      classes.push('suggested-deletion');
      styles.push(`--deletion-colour: ${colour(removed.attrs.author as number)}`);
    }
    decorations.push(Decoration.inline(pos, pos + node.nodeSize, { class: classes.join(' '), style: styles.join('; ') }));
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

function isSuggestionMark(mark: Mark): boolean {
  return mark.type === insertion || mark.type === deletion;
}

function stripMarks(fragment: Fragment): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    if (node.isText) nodes.push(node.mark(node.marks.filter((mark) => !isSuggestionMark(mark))));
    else nodes.push(node.copy(stripMarks(node.content)));
  });
  return Fragment.fromArray(nodes);
}

/** The slice with no suggestion marks (pasted or dropped content). */
export function withoutSuggestionMarks(slice: Slice): Slice {
  return new Slice(stripMarks(slice.content), slice.openStart, slice.openEnd);
}

/** Was this transaction made by the local person (not Yjs: colleagues, sync, undo, restore)? */
export function isLocalChange(tr: Transaction): boolean {
  return tr.docChanged && tr.getMeta(ySyncPluginKey) === undefined;
}

/**
 * The text a slice inserts, when it inserts nothing but text (typing, a paste within a
 * paragraph); null when it carries structure (several paragraphs, a list, a table, a line break).
 */
function insertedText(slice: Slice): Fragment | null {
  let content = slice.content;
  // A paste of part of one paragraph arrives as that paragraph, open on both sides.
  if (slice.openStart > 0 || slice.openEnd > 0) {
    if (slice.openStart !== slice.openEnd || content.childCount !== 1) return null;
    for (let depth = slice.openStart; depth > 0; depth--) {
      if (content.childCount !== 1) return null;
      const only = content.firstChild!;
      if (depth === 1 && !only.isTextblock) return null;
      content = only.content;
    }
  }
  let textOnly = true;
  content.forEach((node) => {
    if (!node.isText) textOnly = false;
  });
  return textOnly ? content : null;
}

/** A new suggestion's id: the author, the time and some randomness (never repeats in practice). */
export function newSuggestionId(author: number): string {
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `${author}-${Date.now().toString(36)}-${random}`;
}

function markBy(node: PMNode | null | undefined, type: typeof insertion, author: number): Mark | null {
  const mark = node?.isText ? type.isInSet(node.marks) : undefined;
  return mark && mark.attrs.author === author ? mark : null;
}

/** Maps a position of the original transaction's step `index` onto the rewritten transaction. */
function rebase(pos: number, original: Transaction, index: number, tracked: Transaction, assoc = 1): number {
  let mapped = pos;
  for (let i = index - 1; i >= 0; i--) mapped = original.steps[i].getMap().invert().map(mapped, assoc);
  return tracked.mapping.map(mapped, assoc);
}

export type Rewritten = { tr: Transaction } | { refused: Refusal };

/**
 * The person's transaction as suggestions, or why it cannot be one. `now` and `newId` are
 * parameters for the tests.
 */
export function suggestTransaction(
  original: Transaction,
  state: EditorState,
  author: number,
  now = Date.now(),
  newId = () => newSuggestionId(author),
): Rewritten {
  const steps = original.steps as Step[];
  if (!steps.every((step) => step instanceof ReplaceStep)) return { refused: 'formatting' };
  const tracked = state.tr;
  let cursor: number | null = null;
  for (const [index, step] of (steps as ReplaceStep[]).entries()) {
    const before = original.docs[index];
    // A ReplaceStep's `structure` flag and slice: replacing text with text is all we take.
    const slice = (step as unknown as { slice: Slice }).slice;
    const text = slice.size > 0 ? insertedText(slice) : Fragment.empty;
    if (text === null) return { refused: 'structure' };
    const { from: stepFrom, to: stepTo } = step as unknown as { from: number; to: number };
    const $from = before.resolve(stepFrom);
    const $to = before.resolve(stepTo);
    const sameBlock = $from.sameParent($to) && $from.parent.isTextblock;
    if (!sameBlock && (text.size > 0 || !rangeHasText(before, stepFrom, stepTo))) {
      // Joining paragraphs (Backspace at the start of one), or typing over several blocks.
      if (text.size > 0) return { refused: 'structure' };
      // Nothing to mark: move across the boundary as the key would have, and change nothing.
      cursor = rebase(state.selection.head === stepFrom ? stepTo : stepFrom, original, index, tracked);
      continue;
    }
    let from = rebase(stepFrom, original, index, tracked);
    let to = rebase(stepTo, original, index, tracked, -1);
    if (to > from) {
      [from, to] = markDeleted(tracked, from, to, author, now, newId);
      const forward = state.selection.empty && state.selection.head === stepFrom && text.size === 0;
      cursor = forward ? to : from;
    }
    if (text.size > 0) {
      const at = insertionPoint(tracked.doc, to);
      const mark = continuedInsertion(tracked.doc, at, author) ?? insertion.create({ id: newId(), author, at: now });
      const nodes: PMNode[] = [];
      text.forEach((node) => nodes.push(node.mark(mark.addToSet(node.marks.filter((m) => !isSuggestionMark(m))))));
      const content = Fragment.fromArray(nodes);
      tracked.insert(at, content);
      cursor = at + content.size;
    }
  }
  if (tracked.docChanged || cursor !== null) {
    if (cursor !== null) tracked.setSelection(TextSelection.create(tracked.doc, cursor));
    if (original.scrolledIntoView) tracked.scrollIntoView();
    if (original.storedMarksSet) tracked.setStoredMarks(original.storedMarks);
  }
  return { tr: tracked };
}

function rangeHasText(doc: PMNode, from: number, to: number): boolean {
  let found = false;
  doc.nodesBetween(from, to, (node) => {
    if (node.isText) found = true;
    return !found;
  });
  return found;
}

/**
 * Marks the text in [from, to) as proposed for deletion by `author`: one's own suggested
 * insertions are removed instead, text already proposed for deletion is left alone. A deletion
 * right beside one's own continues it. Returns the range as it is afterwards.
 */
function markDeleted(tr: Transaction, from: number, to: number, author: number, now: number, newId: () => string): [number, number] {
  const own: { from: number; to: number }[] = [];
  const marked: { from: number; to: number }[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    const start = Math.max(pos, from);
    const end = Math.min(pos + node.nodeSize, to);
    if (markBy(node, insertion, author)) own.push({ from: start, to: end });
    else if (!deletion.isInSet(node.marks)) marked.push({ from: start, to: end });
    return false;
  });
  if (marked.length > 0) {
    const $from = tr.doc.resolve(from);
    const $to = tr.doc.resolve(to);
    const mark =
      markBy($from.nodeBefore, deletion, author) ?? markBy($to.nodeAfter, deletion, author) ?? deletion.create({ id: newId(), author, at: now });
    for (const range of marked) tr.addMark(range.from, range.to, mark);
  }
  // Removed from the end backwards, so the earlier ranges keep their positions.
  for (const range of own.reverse()) tr.delete(range.from, range.to);
  const removed = own.reduce((sum, range) => sum + range.to - range.from, 0);
  return [from, to - removed];
}

/** Inside somebody's proposed deletion, new text goes after it (as word processors do). */
function insertionPoint(doc: PMNode, pos: number): number {
  let $pos = doc.resolve(pos);
  while ($pos.nodeBefore && $pos.nodeAfter && deletion.isInSet($pos.nodeBefore.marks) && deletion.isInSet($pos.nodeAfter.marks)) {
    $pos = doc.resolve($pos.pos + $pos.nodeAfter.nodeSize);
  }
  return $pos.pos;
}

/** The person's own open insertion right before (or else right after) the point: typing continues it. */
function continuedInsertion(doc: PMNode, pos: number, author: number): Mark | null {
  const $pos = doc.resolve(pos);
  return markBy($pos.nodeBefore, insertion, author) ?? markBy($pos.nodeAfter, insertion, author);
}

/**
 * Outside suggesting mode: the person's own typing carries no suggestion marks (text typed inside
 * somebody's suggestion would otherwise inherit it and pass for theirs).
 */
export function plainTransaction(tr: Transaction): Transaction {
  const inserted: { from: number; to: number }[] = [];
  for (const [index, step] of tr.steps.entries()) {
    if (!(step instanceof ReplaceStep)) continue;
    const map = step.getMap();
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      let from = newStart;
      let to = newEnd;
      for (let i = index + 1; i < tr.steps.length; i++) {
        from = tr.steps[i].getMap().map(from, 1);
        to = tr.steps[i].getMap().map(to, -1);
      }
      if (to > from) inserted.push({ from, to });
    });
  }
  let marked = false;
  for (const range of inserted) {
    tr.doc.nodesBetween(range.from, range.to, (node) => {
      if (node.isText && node.marks.some(isSuggestionMark)) marked = true;
      return !marked;
    });
  }
  if (!marked) return tr;
  for (const range of inserted) tr.removeMark(range.from, range.to, insertion).removeMark(range.from, range.to, deletion);
  return tr;
}

/** One open suggestion as the text holds it: all the runs of one id. */
export interface TextSuggestion {
  id: string;
  kind: SuggestionKind;
  author: number;
  /** When it was made (ms), 0 when unknown. */
  at: number;
  text: string;
  /** From the first run's start to the last run's end. */
  from: number;
  to: number;
}

/** The open suggestions in a document, in the order of their text. */
export function textSuggestions(doc: PMNode): TextSuggestion[] {
  const found = new Map<string, TextSuggestion & { lastEnd: number }>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      if (!isSuggestionMark(mark)) continue;
      const id = mark.attrs.id as string;
      const kind: SuggestionKind = mark.type === insertion ? 'insert' : 'delete';
      const key = `${kind}:${id}`;
      const end = pos + node.nodeSize;
      const known = found.get(key);
      if (!known) {
        found.set(key, { id, kind, author: mark.attrs.author as number, at: (mark.attrs.at as number) || 0, text: node.text ?? '', from: pos, to: end, lastEnd: end });
      } else {
        known.text += (known.lastEnd === pos ? '' : ' ') + (node.text ?? '');
        known.to = end;
        known.lastEnd = end;
      }
    }
    return false;
  });
  return [...found.values()].map(({ lastEnd: _lastEnd, ...suggestion }) => suggestion);
}
