/**
 * Compares two versions of a section as readers see them: block by block (headings, paragraphs,
 * list items, table cells), then word by word inside a changed block. A paragraph that moved shows
 * as moved, not as a deletion plus an unrelated insertion. Used for "changed since approval" and
 * for comparing versions.
 */
import { diffArrays, diffWords } from 'diff';
import { Node as ProseMirrorNode } from 'prosemirror-model';
import { schema } from './schema';

export type SegmentChange = 'equal' | 'insert' | 'delete';
export type BlockChange = 'equal' | 'inserted' | 'deleted' | 'changed' | 'moved-away' | 'moved-here';

export interface DiffSegment {
  text: string;
  change: SegmentChange;
}

export interface DiffBlock {
  /** heading, paragraph, bullet item, ordered item, table cell, quote */
  kind: string;
  level: number | null;
  change: BlockChange;
  segments: DiffSegment[];
}

export interface DocumentDiff {
  blocks: DiffBlock[];
  /** Runs of inserted and of deleted text (a block inserted or deleted whole counts once). */
  insertions: number;
  deletions: number;
  moves: number;
}

interface Block {
  kind: string;
  level: number | null;
  text: string;
}

/** The text blocks of a document in reading order, each with the context that names it. */
function blocksOf(doc: ProseMirrorNode): Block[] {
  const blocks: Block[] = [];
  const walk = (node: ProseMirrorNode, context: string | null) => {
    if (node.isTextblock) {
      const text = textOf(node);
      if (node.type.name === 'heading') blocks.push({ kind: 'heading', level: Number(node.attrs.level), text });
      else blocks.push({ kind: context ?? 'paragraph', level: null, text });
      return;
    }
    const name = node.type.name;
    const inner =
      name === 'bullet_list'
        ? 'bullet item'
        : name === 'ordered_list'
          ? 'ordered item'
          : name === 'table_cell' || name === 'table_header'
            ? 'table cell'
            : name === 'blockquote'
              ? 'quote'
              : context;
    node.forEach((child) => walk(child, inner));
  };
  walk(doc, null);
  return blocks;
}

function textOf(node: ProseMirrorNode): string {
  let text = '';
  node.forEach((child) => {
    text += child.isText ? child.text : child.type.name === 'hard_break' ? '\n' : '';
  });
  return text;
}

const key = (block: Block) => `${block.kind}|${block.level ?? ''}|${block.text}`;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

function wordSegments(before: string, after: string): DiffSegment[] {
  return diffWords(before, after, { intlSegmenter: segmenter }).map((part) => ({
    text: part.value,
    change: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
  }));
}

/** Share of words two versions of a paragraph have in common: above a half, it is one edited paragraph. */
function similar(before: string, after: string): boolean {
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

export function diffDocuments(
  before: ProseMirrorNode | Record<string, unknown>,
  after: ProseMirrorNode | Record<string, unknown>,
): DocumentDiff {
  const a = blocksOf(toNode(before));
  const b = blocksOf(toNode(after));
  const parts = diffArrays(a, b, { comparator: (x, y) => key(x) === key(y) });
  const blocks: DiffBlock[] = [];
  let removed: Block[] = [];
  let added: Block[] = [];

  const flush = () => {
    // Pair an edited paragraph with its new version; what does not pair was deleted or inserted.
    const pairs = Math.min(removed.length, added.length);
    let i = 0;
    for (; i < pairs && similar(removed[i].text, added[i].text); i++) {
      blocks.push({ kind: added[i].kind, level: added[i].level, change: 'changed', segments: wordSegments(removed[i].text, added[i].text) });
    }
    for (const block of removed.slice(i)) blocks.push({ ...block, change: 'deleted', segments: [{ text: block.text, change: 'delete' }] });
    for (const block of added.slice(i)) blocks.push({ ...block, change: 'inserted', segments: [{ text: block.text, change: 'insert' }] });
    removed = [];
    added = [];
  };

  for (const part of parts) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else {
      flush();
      for (const block of part.value) blocks.push({ kind: block.kind, level: block.level, change: 'equal', segments: [{ text: block.text, change: 'equal' }] });
    }
  }
  flush();
  markMoves(blocks);

  let insertions = 0;
  let deletions = 0;
  let moves = 0;
  for (const block of blocks) {
    if (block.change === 'inserted') insertions++;
    else if (block.change === 'deleted') deletions++;
    else if (block.change === 'moved-here') moves++;
    else if (block.change === 'changed') {
      insertions += block.segments.filter((s) => s.change === 'insert').length;
      deletions += block.segments.filter((s) => s.change === 'delete').length;
    }
  }
  return { blocks, insertions, deletions, moves };
}

/** A deleted block whose exact text was inserted elsewhere moved: mark both ends. */
function markMoves(blocks: DiffBlock[]): void {
  const inserted = new Map<string, DiffBlock[]>();
  for (const block of blocks) {
    if (block.change !== 'inserted' || block.segments[0].text.trim() === '') continue;
    const k = `${block.kind}|${block.segments[0].text}`;
    inserted.set(k, [...(inserted.get(k) ?? []), block]);
  }
  for (const block of blocks) {
    if (block.change !== 'deleted') continue;
    const candidates = inserted.get(`${block.kind}|${block.segments[0].text}`);
    const target = candidates?.shift();
    if (!target) continue;
    block.change = 'moved-away';
    block.segments = [{ text: block.segments[0].text, change: 'equal' }];
    target.change = 'moved-here';
    target.segments = [{ text: target.segments[0].text, change: 'equal' }];
  }
}
