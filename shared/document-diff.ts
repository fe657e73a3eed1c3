/**
 * Compares two versions of a section as readers see them: block by block (headings, paragraphs,
 * list items, table cells), then word by word inside a changed block. A paragraph that moved shows
 * as moved, not as a deletion plus an unrelated insertion. Used for "changed since approval" and
 * for comparing versions.
 *
 * The comparison keeps the document's shape: every segment carries its marks (inserted and equal
 * text those of the new text, deleted text those of the old), words whose text stayed but whose
 * formatting changed are a segment of their own ('format', with the marks they had), and every
 * block says where it sits in tables and lists (from the text it comes from), so a client can lay
 * the comparison out as the document. Segments are runs, never characters.
 *
 * Footnotes (#18) are words of the block they stand in, marked `footnote` (see `DiffMark`): an added
 * note, or a note whose words changed, is text inserted or changed in that block, and the view
 * shows it as a note. A cross-reference is its label; its target and the ids of headings and
 * tables are not compared, so a reference pointed elsewhere under the same label, or a heading
 * that got its id, is no change.
 *
 * Open suggestions (#17) are marks here like any other (see `DiffMark`): comparing versions shows
 * them being made, accepted and rejected. "Changed since approval" compares settled texts, with
 * open suggestions left out (`Reviews.changesSinceApproval`), so it shows only what was accepted.
 */
import { diffArrays, diffWords } from 'diff';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { type Block, type CellPlace, type DiffMark, type ListPlace, type MarkRun, blocksOf, signatureOf } from './document-blocks';
import { schema } from './schema';

export type { CellPlace, DiffMark, ListPlace };
/** 'format': the same text with other marks (bold added, a link changed ...). */
export type SegmentChange = 'equal' | 'insert' | 'delete' | 'format';
export type BlockChange = 'equal' | 'inserted' | 'deleted' | 'changed' | 'moved-away' | 'moved-here';

export interface DiffSegment {
  text: string;
  change: SegmentChange;
  /** Its marks (absent: none). */
  marks?: DiffMark[];
  /** On a 'format' segment, the marks the text had before (absent: none). */
  formerMarks?: DiffMark[];
}

export interface DiffBlock {
  /** heading, paragraph, bullet item, ordered item, table cell, quote */
  kind: string;
  level: number | null;
  change: BlockChange;
  segments: DiffSegment[];
  /** Its place in a table, if it is in one. */
  cell?: CellPlace;
  /** Its place in a list, if it is in one. */
  list?: ListPlace;
}

export interface DocumentDiff {
  blocks: DiffBlock[];
  /** Runs of inserted and of deleted text (a block inserted or deleted whole counts once). */
  insertions: number;
  deletions: number;
  moves: number;
  /** Runs of text whose formatting alone changed. */
  formatChanges: number;
}

/** A block's text and formatting, for telling blocks apart and finding moved ones. */
const key = (block: Block) => `${block.kind}|${block.level ?? ''}|${block.text}|${block.runs.map((run) => `${run.to}:${run.signature}`).join(',')}`;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The runs of marks over `[from, to)` of a block's text. */
function runsIn(runs: readonly MarkRun[], from: number, to: number): MarkRun[] {
  const out: MarkRun[] = [];
  for (const run of runs) {
    const start = Math.max(run.from, from);
    const end = Math.min(run.to, to);
    if (start < end) out.push({ ...run, from: start, to: end });
  }
  // Text outside every run (there is none today) counts as unformatted.
  if (out.length === 0 && from < to) out.push({ from, to, marks: [], signature: '' });
  return out;
}

function segment(text: string, change: SegmentChange, marks: readonly DiffMark[], formerMarks?: readonly DiffMark[]): DiffSegment {
  const out: DiffSegment = { text, change };
  if (marks.length > 0) out.marks = [...marks];
  if (formerMarks && formerMarks.length > 0) out.formerMarks = [...formerMarks];
  return out;
}

/** Text of one side, split where its marks change. */
function sideSegments(block: Block, from: number, to: number, change: SegmentChange): DiffSegment[] {
  return runsIn(block.runs, from, to).map((run) => segment(block.text.slice(run.from, run.to), change, run.marks));
}

/** Text both sides share, split where either side's marks change; where they differ, a 'format' segment. */
function equalSegments(before: Block, beforeFrom: number, after: Block, afterFrom: number, length: number): DiffSegment[] {
  const cuts = new Set<number>([0, length]);
  for (const run of runsIn(before.runs, beforeFrom, beforeFrom + length)) cuts.add(run.from - beforeFrom);
  for (const run of runsIn(after.runs, afterFrom, afterFrom + length)) cuts.add(run.from - afterFrom);
  const points = [...cuts].sort((x, y) => x - y);
  const out: DiffSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [old] = runsIn(before.runs, beforeFrom + points[i], beforeFrom + points[i] + 1);
    const [now] = runsIn(after.runs, afterFrom + points[i], afterFrom + points[i] + 1);
    const text = after.text.slice(afterFrom + points[i], afterFrom + points[i + 1]);
    out.push(old.signature === now.signature ? segment(text, 'equal', now.marks) : segment(text, 'format', now.marks, old.marks));
  }
  return out;
}

/** Adjacent segments of one change and the same marks become one. */
function merged(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  const same = (a: DiffSegment, b: DiffSegment) =>
    a.change === b.change && signatureOf(a.marks ?? []) === signatureOf(b.marks ?? []) && signatureOf(a.formerMarks ?? []) === signatureOf(b.formerMarks ?? []);
  for (const part of segments) {
    const last = out[out.length - 1];
    if (last && same(last, part)) last.text += part.text;
    else out.push(part);
  }
  return out;
}

/**
 * Stands at each edge of a footnote's words while words are compared (#18): the word segmenter
 * takes it as a word of its own, so a note's first word is never glued to the word before its
 * number ("law" + "See art. 5" is not the word "lawSee"), and a note's edges line up between versions.
 */
const NOTE_EDGE = '\uFFFC';
/**
 * Follows every character of a footnote's words while words are compared: a format character,
 * which the segmenter keeps inside the word before it, so a note's words and punctuation never
 * equal the body's ("Ibid." in a note is not the "." that ends the sentence) — notes line up only
 * with notes.
 */
const NOTE_LETTER = '\u2060';

/** A block's text as words are compared, with its notes marked, and the way back to the block's own offsets. */
interface Comparable {
  text: string;
  /** The block's offset of a position in `text`. */
  at: (position: number) => number;
}

function comparable(block: Block): Comparable {
  if (block.notes.length === 0) return { text: block.text, at: (position) => position };
  /** Positions in `text` of the characters added, ascending. */
  const added: number[] = [];
  let text = '';
  const add = (mark: string) => {
    added.push(text.length);
    text += mark;
  };
  let offset = 0;
  let note = 0;
  for (const character of block.text) {
    while (note < block.notes.length && block.notes[note].to === offset && block.notes[note].from < offset) {
      add(NOTE_EDGE);
      note += 1;
    }
    if (note < block.notes.length && block.notes[note].from === offset) add(NOTE_EDGE);
    text += character;
    offset += character.length;
    if (note < block.notes.length && block.notes[note].from < offset && !/\s/u.test(character)) add(NOTE_LETTER);
  }
  for (; note < block.notes.length; note++) add(NOTE_EDGE);
  const at = (position: number) => {
    // How many added characters come before `position` (bisected: a note adds one per letter).
    let low = 0;
    let high = added.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (added[middle] < position) low = middle + 1;
      else high = middle;
    }
    return position - low;
  };
  return { text, at };
}

function wordSegments(before: Block, after: Block): DiffSegment[] {
  const out: DiffSegment[] = [];
  const old = comparable(before);
  const now = comparable(after);
  let a = 0;
  let b = 0;
  for (const part of diffWords(old.text, now.text, { intlSegmenter: segmenter })) {
    const length = part.value.length;
    if (part.added) {
      out.push(...sideSegments(after, now.at(b), now.at(b + length), 'insert'));
      b += length;
    } else if (part.removed) {
      out.push(...sideSegments(before, old.at(a), old.at(a + length), 'delete'));
      a += length;
    } else {
      // Words both sides share; the whitespace around them may differ (jsdiff gives the new
      // side's), so each side's length is its own.
      const oldLength = matched(old.text, a, part.value);
      const newLength = matched(now.text, b, part.value);
      const from = old.at(a);
      const to = now.at(b);
      if (oldLength === newLength) out.push(...equalSegments(before, from, after, to, now.at(b + newLength) - to));
      else out.push(...sideSegments(after, to, now.at(b + newLength), 'equal'));
      a += oldLength;
      b += newLength;
    }
  }
  return merged(out);
}

/**
 * How many characters of `text` from `from` are `value`, whitespace aside: an unchanged part of a
 * word comparison is the same words on both sides, but its whitespace is one side's ("года " for
 * the old "года," when words were inserted after it). Counting it on the other side too made the
 * old side drift, and equal words show as formatting changes.
 */
function matched(text: string, from: number, value: string): number {
  let i = from;
  let j = 0;
  while (j < value.length && i < text.length) {
    if (value[j] === text[i]) {
      i++;
      j++;
    } else if (/\s/u.test(value[j])) j++;
    else if (/\s/u.test(text[i])) i++;
    else break;
  }
  return i - from;
}

/** Share of words two versions of a paragraph have in common: above a half, it is one edited paragraph. */
function similar(beforeBlock: Block, afterBlock: Block): boolean {
  const before = comparable(beforeBlock).text;
  const after = comparable(afterBlock).text;
  if (before.length === 0 || after.length === 0) return false;
  let common = 0;
  let total = 0;
  for (const part of diffWords(before, after, { intlSegmenter: segmenter })) {
    total += part.value.length;
    if (!part.added && !part.removed) common += part.value.length * 2;
  }
  return common / (total + common / 2) > 0.5;
}

export function toNode(doc: ProseMirrorNode | Record<string, unknown>): ProseMirrorNode {
  return doc instanceof ProseMirrorNode ? doc : schema.nodeFromJSON(doc);
}

/** A block of the comparison from one side's block: its place comes from that side. */
function diffBlock(block: Block, change: BlockChange, segments: DiffSegment[]): DiffBlock {
  const out: DiffBlock = { kind: block.kind, level: block.level, change, segments };
  if (block.cell) out.cell = block.cell;
  if (block.list) out.list = block.list;
  return out;
}

/** Runs of segments of one change: consecutive segments split only by their marks count once. */
function runsOf(segments: readonly DiffSegment[], change: SegmentChange): number {
  let runs = 0;
  segments.forEach((part, index) => {
    if (part.change === change && segments[index - 1]?.change !== change) runs++;
  });
  return runs;
}

export function diffDocuments(
  before: ProseMirrorNode | Record<string, unknown>,
  after: ProseMirrorNode | Record<string, unknown>,
): DocumentDiff {
  const a = blocksOf(toNode(before));
  const b = blocksOf(toNode(after));
  const parts = diffArrays(a, b, { comparator: (x, y) => key(x) === key(y) });
  const blocks: DiffBlock[] = [];
  /** The key of every whole inserted or deleted block, for finding moves. */
  const keys = new Map<DiffBlock, string>();
  let removed: Block[] = [];
  let added: Block[] = [];

  const flush = () => {
    // Pair an edited paragraph with its new version; what does not pair was deleted or inserted.
    const pairs = Math.min(removed.length, added.length);
    let i = 0;
    for (; i < pairs && similar(removed[i], added[i]); i++) {
      blocks.push(diffBlock(added[i], 'changed', wordSegments(removed[i], added[i])));
    }
    for (const block of removed.slice(i)) {
      const out = diffBlock(block, 'deleted', sideSegments(block, 0, block.text.length, 'delete'));
      keys.set(out, key(block));
      blocks.push(out);
    }
    for (const block of added.slice(i)) {
      const out = diffBlock(block, 'inserted', sideSegments(block, 0, block.text.length, 'insert'));
      keys.set(out, key(block));
      blocks.push(out);
    }
    removed = [];
    added = [];
  };

  for (const part of parts) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else {
      flush();
      // jsdiff gives the new side's blocks for common parts: their places are the new text's.
      for (const block of part.value) blocks.push(diffBlock(block, 'equal', sideSegments(block, 0, block.text.length, 'equal')));
    }
  }
  flush();
  markMoves(blocks, keys);

  let insertions = 0;
  let deletions = 0;
  let moves = 0;
  let formatChanges = 0;
  for (const block of blocks) {
    if (block.change === 'inserted') insertions++;
    else if (block.change === 'deleted') deletions++;
    else if (block.change === 'moved-here') moves++;
    else if (block.change === 'changed') {
      insertions += runsOf(block.segments, 'insert');
      deletions += runsOf(block.segments, 'delete');
      formatChanges += runsOf(block.segments, 'format');
    }
  }
  return { blocks, insertions, deletions, moves, formatChanges };
}

/** A deleted block whose exact text and formatting were inserted elsewhere moved: mark both ends. */
function markMoves(blocks: DiffBlock[], keys: Map<DiffBlock, string>): void {
  const inserted = new Map<string, DiffBlock[]>();
  for (const block of blocks) {
    if (block.change !== 'inserted' || block.segments.every((part) => part.text.trim() === '')) continue;
    const k = keys.get(block)!;
    inserted.set(k, [...(inserted.get(k) ?? []), block]);
  }
  const unchanged = (block: DiffBlock) => block.segments.map((part) => ({ ...part, change: 'equal' as const }));
  for (const block of blocks) {
    if (block.change !== 'deleted') continue;
    const target = inserted.get(keys.get(block)!)?.shift();
    if (!target) continue;
    block.change = 'moved-away';
    block.segments = unchanged(block);
    target.change = 'moved-here';
    target.segments = unchanged(target);
  }
}
