/**
 * Language versions (#19): how a translation stands against its source. One pure module for the
 * server (status, confirm, XLIFF), the client (the side-by-side view) and the exports, so a block
 * counts as stale or missing in the same way everywhere.
 *
 * The unit of translation is a textblock (paragraph or heading) of the source with an id, wherever
 * it sits (top level, list item, table cell, quote). A translation block names the unit it
 * translates in `source` and keeps the hash of the source text it was last confirmed against in
 * `sourceHash` (null: never confirmed). Rules:
 * - a unit is **missing** when no translation block linked to it has text;
 * - **stale** when a linked block with text has a hash other than the unit's current one;
 * - **current** otherwise;
 * - a translation block with text whose `source` names no current unit is an **orphan** (its
 *   source was merged into another, emptied or deleted); it is shown with the unit of the nearest
 *   linked block before it, which after a merge is the unit it was merged into.
 * Empty units (no text) are not counted on either side.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';

/** ProseMirror JSON, as stored and exported. */
export interface JsonNode {
  type: string;
  attrs?: Record<string, unknown> | null;
  content?: JsonNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> | null }[];
}

/** A document's JSON as callers hold it (`ContentSnapshot.json` is a plain record). */
export type DocumentJson = JsonNode | Record<string, unknown>;

export interface SourceUnit {
  id: string;
  kind: 'paragraph' | 'heading';
  text: string;
  hash: string;
  /** Ancestor block ids, outermost first (a list, its item; a table, row, cell). */
  path: string[];
}

export interface TranslationUnit {
  id: string | null;
  source: string | null;
  sourceHash: string | null;
  sourceText: string | null;
  text: string;
}

export type UnitStatus = 'current' | 'stale' | 'missing';

export interface AlignedUnit {
  source: SourceUnit;
  status: UnitStatus;
  /** The translation blocks linked to the unit, empty ones too (one unit may be translated as several blocks). */
  translations: TranslationUnit[];
  /** Orphans shown with this unit, in document order. */
  orphans: TranslationUnit[];
  /** The source text the (first stale) translation was made from; null when unknown or unconfirmed. */
  previousText: string | null;
}

export interface TranslationStatus {
  blocks: number;
  current: number;
  stale: number;
  missing: number;
  orphaned: number;
  /** Source order, non-empty units only. */
  aligned: AlignedUnit[];
  /** Orphans before any linked translation block. */
  leading: TranslationUnit[];
}

/** The textblocks that are translation units. */
export const UNIT_TYPES: ReadonlySet<string> = new Set(['paragraph', 'heading']);

/** The link attributes of a translation block (all but `id`), left out of exports and approvals. */
export const LINK_ATTRIBUTES = ['source', 'sourceHash', 'sourceText'] as const;

const isProseMirrorNode = (node: ProseMirrorNode | JsonNode): node is ProseMirrorNode => typeof (node as ProseMirrorNode).forEach === 'function';

/** The raw text of a node's inline content, by the rules of `unitText`. */
function rawText(node: ProseMirrorNode | JsonNode): string {
  if (isProseMirrorNode(node)) {
    if (node.isText) return node.text ?? '';
    const name = node.type.name;
    if (name === 'hard_break') return '\n';
    if (name === 'cross_reference') return `[→${String(node.attrs.target ?? '')}]`;
    let inner = '';
    node.forEach((child) => {
      inner += rawText(child);
    });
    return name === 'footnote' ? `[^${inner}]` : inner;
  }
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hard_break') return '\n';
  if (node.type === 'cross_reference') return `[→${String(node.attrs?.target ?? '')}]`;
  const inner = (node.content ?? []).map(rawText).join('');
  return node.type === 'footnote' ? `[^${inner}]` : inner;
}

/**
 * The text of a unit as its status sees it: marks ignored (bold is not a change of the words), a
 * footnote as `[^its text]`, a cross-reference as `[→target]`, a hard break as a line break; NFC,
 * trimmed, runs of spaces and tabs as one space (a double space fixed is not a change either).
 * Open suggestions are not special here: callers pass the settled text.
 */
export function unitText(node: ProseMirrorNode | JsonNode): string {
  return rawText(node)
    .normalize('NFC')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}

/**
 * cyrb53: a 53-bit string hash in base 36 (at most 11 characters). Synchronous and the same in the
 * browser and in Node, which `crypto.subtle` is not; collisions are negligible at a syllabus's
 * scale, and a collision only hides one stale block.
 */
export function textHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const stringAttr = (attrs: Record<string, unknown> | null | undefined, name: string): string | null => {
  const value = attrs?.[name];
  return typeof value === 'string' && value ? value : null;
};

/** A textblock of a document, with the ids of the blocks around it. */
export interface UnitBlock {
  node: JsonNode;
  path: string[];
}

/** Every paragraph and heading of a document, in document order. */
export function unitBlocks(json: DocumentJson): UnitBlock[] {
  const found: UnitBlock[] = [];
  const walk = (node: JsonNode, path: string[]) => {
    for (const child of node.content ?? []) {
      if (UNIT_TYPES.has(child.type)) found.push({ node: child, path });
      else if (child.content && child.type !== 'text') {
        const id = stringAttr(child.attrs, 'id');
        walk(child, id ? [...path, id] : path);
      }
    }
  };
  walk(json as JsonNode, []);
  return found;
}

/**
 * The units of a source (its settled text): paragraphs and headings with an id and some text, in
 * document order. An id met twice (a copy no editor has renumbered yet) counts at its first place.
 */
export function sourceUnits(settledSourceJson: DocumentJson): SourceUnit[] {
  const units: SourceUnit[] = [];
  const seen = new Set<string>();
  for (const { node, path } of unitBlocks(settledSourceJson)) {
    const id = stringAttr(node.attrs, 'id');
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const text = unitText(node);
    if (!text) continue;
    units.push({ id, kind: node.type as SourceUnit['kind'], text, hash: textHash(text), path });
  }
  return units;
}

/**
 * Whether a text has a paragraph or heading with words but no id: a text stored before blocks had
 * ids (an approval given then, above all). Its units cannot be matched with any translation, so
 * counting against it says nothing — not "nothing missing".
 */
export function hasUnitsWithoutIds(json: DocumentJson): boolean {
  return unitBlocks(json).some(({ node }) => !stringAttr(node.attrs, 'id') && unitText(node) !== '');
}

/** Where each translation unit stands in its document (see `insertionPoint`). */
const documentOrder = new WeakMap<TranslationUnit, number>();

/** Every paragraph and heading of a translation with its link, empty ones too, in document order. */
export function translationUnits(translationJson: DocumentJson): TranslationUnit[] {
  return unitBlocks(translationJson).map(({ node }, index) => {
    const unit: TranslationUnit = {
      id: stringAttr(node.attrs, 'id'),
      source: stringAttr(node.attrs, 'source'),
      sourceHash: stringAttr(node.attrs, 'sourceHash'),
      sourceText: typeof node.attrs?.sourceText === 'string' ? node.attrs.sourceText : null,
      text: unitText(node),
    };
    documentOrder.set(unit, index);
    return unit;
  });
}

/** A translation against its source: each unit's status, the orphans beside them, the counts. */
export function translationStatus(settledSourceJson: DocumentJson, translationJson: DocumentJson): TranslationStatus {
  const aligned: AlignedUnit[] = sourceUnits(settledSourceJson).map((source) => ({ source, status: 'missing', translations: [], orphans: [], previousText: null }));
  const byId = new Map(aligned.map((unit) => [unit.source.id, unit]));
  const leading: TranslationUnit[] = [];
  let last: AlignedUnit | null = null;
  let orphaned = 0;
  for (const unit of translationUnits(translationJson)) {
    const linked = unit.source ? byId.get(unit.source) : undefined;
    if (linked) {
      linked.translations.push(unit);
      last = linked;
    } else if (unit.text) {
      orphaned += 1;
      (last ? last.orphans : leading).push(unit);
    }
  }
  let current = 0;
  let stale = 0;
  for (const unit of aligned) {
    const translated = unit.translations.filter((translation) => translation.text);
    const outdated = translated.find((translation) => translation.sourceHash !== unit.source.hash);
    unit.status = translated.length === 0 ? 'missing' : outdated ? 'stale' : 'current';
    unit.previousText = outdated?.sourceText ?? null;
    if (unit.status === 'current') current += 1;
    if (unit.status === 'stale') stale += 1;
  }
  const missing = aligned.length - current - stale;
  return { blocks: aligned.length, current, stale, missing, orphaned, aligned, leading };
}

/**
 * Where a new translation block for the source unit `sourceId` goes: after the last translation
 * block (or orphan shown with it) of the nearest unit before it that has one. Returns that
 * translation block's id, or null for the start of the document.
 */
export function insertionPoint(status: TranslationStatus, sourceId: string): string | null {
  const index = status.aligned.findIndex((unit) => unit.source.id === sourceId);
  const before = index < 0 ? status.aligned : status.aligned.slice(0, index);
  for (let i = before.length - 1; i >= 0; i--) {
    const candidates = [...before[i].translations, ...before[i].orphans].filter((unit) => unit.id !== null);
    if (candidates.length === 0) continue;
    const place = (unit: TranslationUnit, fallback: number) => documentOrder.get(unit) ?? fallback;
    let latest = candidates[0];
    candidates.forEach((unit, n) => {
      if (place(unit, n) >= place(latest, 0)) latest = unit;
    });
    return latest.id;
  }
  return null;
}

/**
 * A translation as an export writes it: each block's id becomes the id of the source block it
 * translates (so cross-references and bookmarks made to source headings land on their
 * translations), and the link attributes are gone. A block that translates nothing has no id.
 */
export function forExport(translationJson: DocumentJson): Record<string, unknown> {
  const rewrite = (node: JsonNode): JsonNode => {
    let out: JsonNode = node;
    if (node.attrs && ('id' in node.attrs || LINK_ATTRIBUTES.some((name) => name in node.attrs!))) {
      const attrs: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(node.attrs)) if (name !== 'id' && !(LINK_ATTRIBUTES as readonly string[]).includes(name)) attrs[name] = value;
      const source = stringAttr(node.attrs, 'source');
      if (source) attrs.id = source;
      out = { ...node, attrs };
      if (Object.keys(attrs).length === 0) delete out.attrs;
    }
    if (node.content && node.type !== 'text') out = { ...out, content: node.content.map(rewrite) };
    return out;
  };
  return rewrite(translationJson as JsonNode) as unknown as Record<string, unknown>;
}
