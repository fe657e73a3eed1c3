/**
 * What a section says right now, read from its live Y.Doc: the ProseMirror JSON, the encoded Yjs
 * state, a content hash (the same words give the same hash, however they were typed) and a word
 * count. Open suggestions (#17) are part of the document, but not yet of its text: the settled
 * text leaves them out, and it is what approvals judge and words are counted in.
 */
import { createHash } from 'node:crypto';
import { yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import { fitsSchema, repairDocument } from '../../shared/document-repair';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { jsonWithoutSuggestions } from '../../shared/suggestions';
import type { SectionStore } from './section-store';

export interface ContentSnapshot {
  /** The document as stored, open suggestions included (the editor, versions, DOCX exports). */
  json: Record<string, unknown>;
  state: Uint8Array;
  /** Changes with every change of the document, a suggestion too (automatic versions follow it). */
  hash: string;
  /**
   * The settled text: the document with its open suggestions left out (suggested insertions
   * absent, suggested deletions present). Its hash is what approvals store and compare, so a
   * suggestion leaves an approval current and accepting one does not. The hash leaves out block
   * ids and translation links too (#18, #19, `approvalText`): the editor gives a block its id when
   * it is first edited or pasted, and that alone changes no word an approval judged. Without
   * suggestions and ids it is `json` and `hash` themselves.
   */
  settled: { json: Record<string, unknown>; hash: string };
  /**
   * Words of the settled text, footnotes included (as word processors count them by default) and
   * a cross-reference's label as the words it shows.
   */
  words: number;
}

/**
 * A word: letters (with their combining marks) and digits, joined by apostrophes, hyphens or dots
 * inside it ("O‘zbekiston", "2024-yil", "1.5"), and digits grouped by commas ("1,000"), as word
 * processors count them. Every script the
 * syllabus is written in separates words with spaces, so no dictionary segmentation is needed —
 * and Intl.Segmenter took seconds on a long section (4.5 s of a 10-section export).
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-’'‘ʼ.][\p{L}\p{M}\p{N}]+|(?<=\p{N}),\p{N}+)*/gu;

export function countWords(text: string): number {
  let words = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) words++;
  return words;
}

export function contentHash(json: unknown): string {
  return createHash('sha256').update(JSON.stringify(json)).digest('hex');
}

/** The ProseMirror JSON of an encoded Yjs state (an approved text, a version). */
export function jsonOfState(state: Uint8Array): Record<string, unknown> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>;
  doc.destroy();
  return normalise(json);
}

/**
 * An empty section reads as one empty paragraph, as the editor shows it; content the schema does
 * not allow (stored before updates were checked) is repaired, so no reader of a section can fail on it.
 */
function normalise(json: Record<string, unknown>): Record<string, unknown> {
  const content = json.content as unknown[] | undefined;
  if (!content || content.length === 0) return { type: 'doc', content: [{ type: 'paragraph' }] };
  return fitsSchema(json) ? json : (repairDocument(json).toJSON() as Record<string, unknown>);
}

/** The settled text of a document and its words (see `ContentSnapshot.settled`). */
export function settledOf(json: Record<string, unknown>): Pick<ContentSnapshot, 'settled' | 'words'> {
  const settled = jsonWithoutSuggestions(json);
  return { settled: { json: settled, hash: contentHash(approvalText(settled)) }, words: countWords(textOf(settled)) };
}

interface JsonNode {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown>;
  content?: unknown[];
}

/**
 * Attributes no approval judges: block ids (#18 gave them to headings and tables, #19 to every
 * block) and a translation block's link to its source (`source`, `sourceHash`, `sourceText`). The
 * editor assigns ids on its own, and a link changes no word of the text.
 */
const UNJUDGED = ['id', 'source', 'sourceHash', 'sourceText'] as const;

/**
 * The JSON an approval hashes: the settled text without block ids and translation links, on every
 * node. A document without them comes back as the same object, so a hash stored before ids existed
 * still matches; a block whose `attrs` held only these loses `attrs`, as y-prosemirror writes a
 * node without attributes. (Marks keep theirs: a mark's `id` is a suggestion's, and suggestions
 * are gone from the settled text already.)
 */
export function approvalText<T>(json: T): T {
  const strip = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const node = value as JsonNode;
    let out: JsonNode = node;
    if (node.attrs && UNJUDGED.some((name) => name in node.attrs!)) {
      const attrs = Object.fromEntries(Object.entries(node.attrs).filter(([name]) => !(UNJUDGED as readonly string[]).includes(name)));
      out = Object.fromEntries(Object.entries(node).flatMap(([key, inner]) => (key !== 'attrs' ? [[key, inner]] : Object.keys(attrs).length > 0 ? [[key, attrs]] : []))) as JsonNode;
    }
    if (Array.isArray(node.content)) {
      const content = node.content.map(strip);
      if (content.some((child, index) => child !== node.content![index])) out = { ...out, content };
    }
    return out;
  };
  return strip(json) as T;
}

/**
 * The words of a document as a reader meets them: the runs of one block join as written (a word
 * half in bold is one word), while blocks, line breaks and footnotes part words; a footnote's
 * words count, and a cross-reference counts as its label.
 */
function textOf(json: unknown): string {
  if (!json || typeof json !== 'object') return '';
  const node = json as JsonNode;
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'cross_reference') return ` ${typeof node.attrs?.label === 'string' ? node.attrs.label : ''} `;
  const type = typeof node.type === 'string' ? schema.nodes[node.type] : undefined;
  if (type?.isInline && type.isLeaf) return ' ';
  const inner = (node.content ?? []).map(textOf);
  if (!type?.inlineContent) return inner.join(' ');
  return type.isInline ? ` ${inner.join('')} ` : inner.join('');
}

export class SectionContent {
  /** Snapshots stay valid until the section's next stored update. */
  private readonly cache = new Map<string, ContentSnapshot>();

  constructor(private readonly store: SectionStore) {}

  /** Forgets the cached snapshot; called for every stored update of the section. */
  invalidate(sectionId: string): void {
    this.cache.delete(sectionId);
  }

  snapshot(sectionId: string): ContentSnapshot {
    const cached = this.cache.get(sectionId);
    if (cached) return cached;
    const snapshot = this.store.read(sectionId, (doc) => {
      const json = normalise(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FRAGMENT)) as Record<string, unknown>);
      return { json, state: Y.encodeStateAsUpdate(doc), hash: contentHash(json), ...settledOf(json) };
    });
    this.cache.set(sectionId, snapshot);
    return snapshot;
  }

  hash(sectionId: string): string {
    return this.snapshot(sectionId).hash;
  }

  /** The hash of the settled text (open suggestions left out): what approvals compare. */
  settledHash(sectionId: string): string {
    return this.snapshot(sectionId).settled.hash;
  }
}
