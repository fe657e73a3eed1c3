/**
 * Cross-reference targets (#18): the places of a section another text can point at, with the number
 * and title a reference shows. One definition for the editor (what a reference shows, the "insert
 * reference" list), the server (the index it serves, broken references on the dashboard) and the
 * exporters (bookmarks and internal links), so a reference reads the same everywhere.
 *
 * Numbering. A section is numbered as everywhere else: part and position ("1.3"). Headings are not
 * numbered in the text, so a heading is shown by its section's number and its own words
 * ("1.3 Reintegration support"): the number a reader can find, the words that say where. Tables
 * are counted within their section ("1.3, table 2"). Both follow when a section moves or a heading
 * is reworded, because nothing of this is stored in the reference but the two ids.
 * Learning outcomes (#20) are numbered on their own: "LO 3.2" is the second outcome of section 1.3,
 * "LO 2.4.1" the first of section 2.4 (`outcomeNumberOf`); the label is that number and the words.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';

/** The target that is a whole section: `target` of a reference to the section itself. */
export const SECTION_TARGET = 'section';

export type TargetKind = 'section' | 'heading' | 'table' | 'outcome';

export interface ReferenceTarget {
  section: string;
  /** The block's stable id, or `SECTION_TARGET`. */
  target: string;
  kind: TargetKind;
  /**
   * "1.3" — the section's number (for a table, "1.3, table 2" is built from `number` and `ordinal`);
   * for a learning outcome its own number, "LO 3.2".
   */
  number: string;
  /** The heading's words, the section's title, a table's first cell or an outcome's words (shortened). */
  title: string;
  /** Heading level (1–3) for headings; the position in its section (1…) for tables and outcomes. */
  ordinal?: number;
}

/** The key of a target in an index: section id and target id. */
export const targetKey = (section: string, target: string): string => `${section}#${target}`;

/** What a section is as a place in the master: its id, number parts and title in one language. */
export interface SectionPlace {
  id: string;
  part: number;
  position: number;
  title: string;
}

export const sectionNumberOf = (place: Pick<SectionPlace, 'part' | 'position'>): string => `${place.part}.${place.position}`;

/**
 * The number of the k-th learning outcome of a section, without its "LO": "m.k" in Part 1 (the
 * regional modules, where outcomes are the course's own) and "2.p.k" in Part 2, so a national
 * outcome never reads like a regional one.
 */
export const outcomeNumberOf = (place: Pick<SectionPlace, 'part' | 'position'>, k: number): string =>
  place.part === 1 ? `${place.position}.${k}` : `${place.part}.${place.position}.${k}`;

const TITLE_LENGTH = 80;

/** A block's words on one line, shortened at a word boundary (tables' first cells can be long). */
function shortText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= TITLE_LENGTH) return line;
  const cut = line.slice(0, TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * The text of a node as a reference shows it: footnotes are left out (their words are not the
 * heading's), and a cross-reference inside a heading counts as its stored label.
 */
export function referenceText(node: ProseMirrorNode): string {
  let text = '';
  node.descendants((child) => {
    if (child.type.name === 'footnote') return false;
    if (child.isText) text += child.text ?? '';
    else if (child.type.name === 'cross_reference') text += String(child.attrs.label ?? '');
    else if (child.type.name === 'hard_break') text += ' ';
    return true;
  });
  return text;
}

/** A heading, table or learning outcome of a section's text that has an id: a target before its section is placed. */
export interface TargetBlock {
  target: string;
  kind: 'heading' | 'table' | 'outcome';
  title: string;
  /** Heading level, or the table's or outcome's position among the section's tables or outcomes. */
  ordinal: number;
}

/**
 * The headings, tables and learning outcomes of a document that have an id, in document order. An
 * id met a second time (two copies of one block, before an editor renumbered them) names the first
 * only, so a reference never finds two places. Tables and outcomes are counted whether they have an
 * id or not, so the number a reference shows is the one drawn in the text.
 */
export function targetBlocksOf(doc: ProseMirrorNode): TargetBlock[] {
  const blocks: TargetBlock[] = [];
  const seen = new Set<string>();
  let tables = 0;
  let outcomes = 0;
  doc.descendants((node) => {
    const name = node.type.name;
    if (name === 'table') tables += 1;
    if (name === 'learning_outcome') outcomes += 1;
    const id = node.attrs.id;
    if ((name === 'heading' || name === 'table' || name === 'learning_outcome') && typeof id === 'string' && id && !seen.has(id)) {
      seen.add(id);
      if (name === 'learning_outcome') {
        blocks.push({ target: id, kind: 'outcome', title: shortText(referenceText(node)), ordinal: outcomes });
      } else if (name === 'heading') {
        blocks.push({ target: id, kind: 'heading', title: shortText(referenceText(node)), ordinal: Number(node.attrs.level) || 1 });
      } else {
        const first = node.firstChild?.firstChild;
        blocks.push({ target: id, kind: 'table', title: first ? shortText(referenceText(first)) : '', ordinal: tables });
      }
    }
    // Nothing to point at inside a textblock; a table's cells may hold headings of their own.
    return !node.isTextblock;
  });
  return blocks;
}

/** The targets of a section from its blocks: the section itself first, then the blocks in order. */
export function placeTargets(place: SectionPlace, blocks: readonly TargetBlock[]): ReferenceTarget[] {
  const number = sectionNumberOf(place);
  return [
    { section: place.id, target: SECTION_TARGET, kind: 'section', number, title: place.title },
    ...blocks.map((block) => ({
      section: place.id,
      target: block.target,
      kind: block.kind,
      number: block.kind === 'outcome' ? `LO ${outcomeNumberOf(place, block.ordinal)}` : number,
      title: block.title,
      ordinal: block.ordinal,
    })),
  ];
}

/**
 * Every target of one section in document order: the section itself first, then its headings,
 * tables and learning outcomes that have an id (a block gets its id from the editor the first time its section is
 * edited or it is pasted; until then nothing can point at it).
 */
export function targetsOf(place: SectionPlace, doc: ProseMirrorNode): ReferenceTarget[] {
  return placeTargets(place, targetBlocksOf(doc));
}

/** An index of targets by `targetKey`, for lookups while drawing or exporting references. */
export function indexTargets(targets: Iterable<ReferenceTarget>): Map<string, ReferenceTarget> {
  const index = new Map<string, ReferenceTarget>();
  for (const target of targets) index.set(targetKey(target.section, target.target), target);
  return index;
}

/** The words of a reference's labels, in the two UI and export languages. */
export interface ReferenceWords {
  /** "table {n}" / "таблица {n}". */
  table: (ordinal: number) => string;
}

export const REFERENCE_WORDS: Record<'en' | 'ru', ReferenceWords> = {
  en: { table: (n) => `table ${n}` },
  ru: { table: (n) => `таблица ${n}` },
};

/**
 * What a reference shows: "1.3 Return migration", "1.3 Reintegration support", "1.3, table 2: Hours",
 * "LO 3.2 Explain the readmission procedure" (an outcome's number is in `number`).
 */
export function referenceLabel(target: ReferenceTarget, words: ReferenceWords = REFERENCE_WORDS.en): string {
  if (target.kind === 'table') {
    const head = `${target.number}, ${words.table(target.ordinal ?? 1)}`;
    return target.title ? `${head}: ${target.title}` : head;
  }
  return target.title ? `${target.number} ${target.title}` : target.number;
}

/** Each cross-reference of a document: where it points and the label it stored when inserted. */
export interface ReferenceUse {
  section: string;
  target: string;
  label: string;
}

export function referencesIn(doc: ProseMirrorNode): ReferenceUse[] {
  const uses: ReferenceUse[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'cross_reference') {
      uses.push({ section: String(node.attrs.section), target: String(node.attrs.target), label: String(node.attrs.label ?? '') });
    }
    return true;
  });
  return uses;
}

/** The references of a document whose target is not in `index` (deleted, or its section gone). */
export function brokenReferences(doc: ProseMirrorNode, index: ReadonlyMap<string, ReferenceTarget> | ReadonlySet<string>): ReferenceUse[] {
  return referencesIn(doc).filter((use) => !index.has(targetKey(use.section, use.target)));
}

/** A fresh stable id for a block: short, URL- and XML-safe (Word bookmark names too). */
export function newTargetId(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = 't';
  for (let i = 0; i < 9; i += 1) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
