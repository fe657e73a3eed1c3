/**
 * The syllabus as data (#20): learning outcomes, hours, assessment, the outcomes matrix and the
 * common national template, read from section texts that stay ordinary editable documents. Pure
 * functions of ProseMirror nodes (no DOM), so the editor's live totals, the server's dashboard and
 * every exporter read a table the same way.
 *
 * Nothing here is stored: a total, a number or a warning is worked out from the text each time, so
 * it follows what anyone types, whoever typed it and in whatever order the edits merged.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { outcomeNumberOf, referenceText, targetKey, type SectionPlace } from './references';

export { outcomeNumberOf } from './references';

/** Where a section stands in the master: what an outcome's number is made of. */
export type OutcomePlace = Pick<SectionPlace, 'id' | 'part' | 'position'> & Partial<Pick<SectionPlace, 'title'>>;

/** A block's id attribute when it has one (a block gets it the first time its section is edited). */
function idOf(node: ProseMirrorNode): string | null {
  const id = node.attrs.id;
  return typeof id === 'string' && id ? id : null;
}

/** A cell's or block's words on one line. */
const lineOf = (node: ProseMirrorNode): string => referenceText(node).replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------
// Learning outcomes
// ---------------------------------------------------------------------------------------------

export interface Outcome {
  /** The block's id; null until the editor gives it one (nothing can point at it before). */
  id: string | null;
  /** "LO 1.2" (Part 1) or "LO 2.3.1" (Part 2): from the section's place and document order. */
  number: string;
  text: string;
}

/**
 * The learning outcomes of a section in document order, numbered: in a Part 1 section at position
 * m the k-th outcome is "LO m.k", in a Part 2 section at position p it is "LO 2.p.k". An outcome
 * inside a list, quote or table cell counts where it stands in the text.
 */
export function outcomesOf(place: Pick<SectionPlace, 'part' | 'position'>, doc: ProseMirrorNode): Outcome[] {
  const outcomes: Outcome[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'learning_outcome') {
      outcomes.push({ id: idOf(node), number: `LO ${outcomeNumberOf(place, outcomes.length + 1)}`, text: lineOf(node) });
      return false;
    }
    return !node.isTextblock;
  });
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Numbers typed in cells
// ---------------------------------------------------------------------------------------------

/** "12", "1.5", "1,5" (the decimal comma of Russian and most of the region's languages). */
const DECIMAL = /^\d+(?:[.,]\d+)?$/;

/**
 * A number typed in a cell: a value, `blank` for an empty cell, or `bad` for anything else ("two",
 * "-3", "1.5h"), which the table marks instead of silently reading as 0.
 */
export type CellNumber = { value: number } | 'blank' | 'bad';

export function readCellNumber(text: string, options: { percent?: boolean } = {}): CellNumber {
  let value = text.replace(/\s+/g, ' ').trim();
  if (options.percent) value = value.replace(/\s*%$/, '');
  if (value === '') return 'blank';
  if (!DECIMAL.test(value)) return 'bad';
  return { value: Number(value.replace(',', '.')) };
}

/** Sums of typed decimals, rounded to hundredths so 0.1 + 0.2 reads 0.3, not 0.30000000000000004. */
const round = (value: number): number => Math.round(value * 100) / 100;

/** The cells of a table row as nodes (a row shorter than the header simply has fewer). */
function cellsOf(row: ProseMirrorNode): ProseMirrorNode[] {
  const cells: ProseMirrorNode[] = [];
  row.forEach((cell) => cells.push(cell));
  return cells;
}

/** The rows of a table after its header row. */
function bodyRowsOf(table: ProseMirrorNode): ProseMirrorNode[] {
  const rows: ProseMirrorNode[] = [];
  table.forEach((row, _offset, index) => {
    if (index > 0) rows.push(row);
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Hours
// ---------------------------------------------------------------------------------------------

/** The kinds of contact hours, in the order of an hours table's columns 1–4. */
export const HOURS_KINDS = ['lecture', 'seminar', 'practice', 'selfStudy'] as const;
export type HoursKind = (typeof HOURS_KINDS)[number];

/** The column of an hours table that holds a kind (column 0 is the topic). */
export const hoursColumn = (kind: HoursKind): number => HOURS_KINDS.indexOf(kind) + 1;

export type HoursTotals = Record<HoursKind, number> & { total: number };

export interface HoursRow extends HoursTotals {
  topic: string;
  /** The kinds whose cell holds something that is not a number (counted as 0 in the totals). */
  errors: HoursKind[];
}

export interface Hours {
  rows: HoursRow[];
  totals: HoursTotals;
}

export const noHours = (): HoursTotals => ({ lecture: 0, seminar: 0, practice: 0, selfStudy: 0, total: 0 });

/** Adds `more` into `into` (rounded), and answers `into`. */
function addHours(into: HoursTotals, more: HoursTotals): HoursTotals {
  for (const kind of HOURS_KINDS) into[kind] = round(into[kind] + more[kind]);
  into.total = round(into.total + more.total);
  return into;
}

/**
 * An hours table read as data: the first row is the header; then per row the topic (column 0) and
 * the hours of each kind (columns 1–4; blank is 0, "1,5" and "1.5" are both one and a half). A
 * cell that holds anything else is an error on that row and counts as 0, so the totals stay
 * meaningful while someone is still typing.
 */
export function hoursOf(table: ProseMirrorNode): Hours {
  const totals = noHours();
  const rows = bodyRowsOf(table).map((row) => {
    const cells = cellsOf(row);
    const line: HoursRow = { topic: cells[0] ? lineOf(cells[0]) : '', ...noHours(), errors: [] };
    for (const kind of HOURS_KINDS) {
      const cell = cells[hoursColumn(kind)];
      const read = cell ? readCellNumber(lineOf(cell)) : 'blank';
      if (read === 'bad') line.errors.push(kind);
      else if (read !== 'blank') line[kind] = round(read.value);
    }
    line.total = round(HOURS_KINDS.reduce((sum, kind) => sum + line[kind], 0));
    addHours(totals, line);
    return line;
  });
  return { rows, totals };
}

/** The tables of a kind in a document, in document order (a table nested in a cell counts too). */
export function tablesOf(doc: ProseMirrorNode, kind: 'hours' | 'assessment'): ProseMirrorNode[] {
  const found: ProseMirrorNode[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'table' && node.attrs.kind === kind) found.push(node);
    return !node.isTextblock;
  });
  return found;
}

/** A section's hours: the sum of its hours tables. */
export function sectionHours(doc: ProseMirrorNode): HoursTotals {
  return tablesOf(doc, 'hours').reduce((sum, table) => addHours(sum, hoursOf(table).totals), noHours());
}

/** The course's hours: the sum over the sections given (documents, or `{doc}` records of them). */
export function courseHours(sections: Iterable<ProseMirrorNode | { doc: ProseMirrorNode }>): HoursTotals {
  const sum = noHours();
  for (const section of sections) addHours(sum, sectionHours('type' in section ? section : section.doc));
  return sum;
}

// ---------------------------------------------------------------------------------------------
// Assessment
// ---------------------------------------------------------------------------------------------

export type AssessmentError = 'bad-weight' | 'item-without-outcome';
export type AssessmentProblem = 'weights-not-100' | AssessmentError;

export interface AssessmentItem {
  /** The row of the table it is read from (1 is the first row after the header): a wholly empty row is skipped. */
  row: number;
  item: string;
  /** The weight in %, null when the cell is blank or not a number. */
  weight: number | null;
  /** The outcomes the item checks: `targetKey(section, outcome id)` of the references in column 2. */
  outcomes: string[];
  errors: AssessmentError[];
}

export interface Assessment {
  items: AssessmentItem[];
  /** The sum of the weights that are numbers. */
  total: number;
  /** What is wrong with the table as a whole, each once, in this order: weights, bad weight, outcome. */
  problems: AssessmentProblem[];
}

/** The cross-references inside a node, as target keys, in order, each once. */
function referencedKeys(node: ProseMirrorNode): string[] {
  const keys: string[] = [];
  node.descendants((child) => {
    if (child.type.name === 'cross_reference') {
      const key = targetKey(String(child.attrs.section), String(child.attrs.target));
      if (!keys.includes(key)) keys.push(key);
    }
    return true;
  });
  return keys;
}

/**
 * An assessment table read as data: the header row, then per row the item (column 0), its weight
 * in % (column 1: "40", "40 %", "12,5") and the outcomes it checks (column 2: cross-references to
 * learning outcomes). A row left wholly empty is not an item (a row added and not yet filled).
 * `isOutcome` keeps only references whose target is an outcome, when the caller knows the index;
 * without it every reference in column 2 counts.
 */
export function assessmentOf(table: ProseMirrorNode, isOutcome?: (key: string) => boolean): Assessment {
  const items: AssessmentItem[] = [];
  for (const [index, row] of bodyRowsOf(table).entries()) {
    const [itemCell, weightCell, outcomesCell] = cellsOf(row);
    const item = itemCell ? lineOf(itemCell) : '';
    const weightText = weightCell ? lineOf(weightCell) : '';
    const references = outcomesCell ? referencedKeys(outcomesCell) : [];
    if (!item && !weightText && references.length === 0 && !(outcomesCell && lineOf(outcomesCell))) continue;
    const read = readCellNumber(weightText, { percent: true });
    const outcomes = isOutcome ? references.filter(isOutcome) : references;
    const errors: AssessmentError[] = [];
    if (typeof read !== 'object') errors.push('bad-weight');
    if (outcomes.length === 0) errors.push('item-without-outcome');
    items.push({ row: index + 1, item, weight: typeof read === 'object' ? round(read.value) : null, outcomes, errors });
  }
  const total = round(items.reduce((sum, entry) => sum + (entry.weight ?? 0), 0));
  const problems: AssessmentProblem[] = [];
  if (total !== 100) problems.push('weights-not-100');
  for (const error of ['bad-weight', 'item-without-outcome'] as const) {
    if (items.some((entry) => entry.errors.includes(error))) problems.push(error);
  }
  return { items, total, problems };
}

// ---------------------------------------------------------------------------------------------
// The outcomes matrix
// ---------------------------------------------------------------------------------------------

export interface CurriculumSection {
  place: OutcomePlace;
  doc: ProseMirrorNode;
}

export interface MatrixModule {
  section: string;
  /** "1.3" */
  number: string;
  title: string;
}

export interface MatrixOutcome extends Outcome {
  /** The section that defines the outcome. */
  section: string;
  /** `targetKey(section, id)`; null for an outcome without an id yet (nothing can point at it). */
  key: string | null;
}

export type MatrixFlag = 'not-taught' | 'not-assessed';

export interface MatrixRow {
  outcome: MatrixOutcome;
  /** The Part 1 modules (section ids) that teach it, in master order. */
  taughtBy: string[];
  /** Each assessment row that checks it: the section of the table and the item's words. */
  assessedBy: { section: string; item: string }[];
  flags: MatrixFlag[];
}

export interface OutcomesMatrix {
  modules: MatrixModule[];
  rows: MatrixRow[];
}

/** The references of a document outside its assessment tables (what a module teaches by pointing at). */
function referencesOutsideAssessment(doc: ProseMirrorNode): Set<string> {
  const keys = new Set<string>();
  doc.descendants((node) => {
    if (node.type.name === 'table' && node.attrs.kind === 'assessment') return false;
    if (node.type.name === 'cross_reference') keys.add(targetKey(String(node.attrs.section), String(node.attrs.target)));
    return true;
  });
  return keys;
}

/**
 * Outcomes × modules × assessment, over the sections given (in master order). The modules are the
 * Part 1 sections. A module teaches an outcome if its section defines it or points at it outside an
 * assessment table; an outcome is assessed if a row of any assessment table points at it. An
 * outcome no module teaches is flagged `not-taught`, one no row checks `not-assessed`.
 */
export function outcomesMatrix(sections: readonly CurriculumSection[]): OutcomesMatrix {
  const modules: MatrixModule[] = sections
    .filter((section) => section.place.part === 1)
    .map(({ place }) => ({ section: place.id, number: `${place.part}.${place.position}`, title: place.title ?? '' }));
  const moduleIds = new Set(modules.map((module) => module.section));

  const rows: MatrixRow[] = [];
  const byKey = new Map<string, MatrixRow>();
  for (const { place, doc } of sections) {
    for (const outcome of outcomesOf(place, doc)) {
      const key = outcome.id ? targetKey(place.id, outcome.id) : null;
      const row: MatrixRow = { outcome: { ...outcome, section: place.id, key }, taughtBy: moduleIds.has(place.id) ? [place.id] : [], assessedBy: [], flags: [] };
      rows.push(row);
      if (key && !byKey.has(key)) byKey.set(key, row);
    }
  }

  for (const { place, doc } of sections) {
    if (moduleIds.has(place.id)) {
      for (const key of referencesOutsideAssessment(doc)) {
        const row = byKey.get(key);
        if (row && !row.taughtBy.includes(place.id)) row.taughtBy.push(place.id);
      }
    }
    for (const table of tablesOf(doc, 'assessment')) {
      for (const item of assessmentOf(table).items) {
        for (const key of item.outcomes) byKey.get(key)?.assessedBy.push({ section: place.id, item: item.item });
      }
    }
  }

  const order = new Map(modules.map((module, index) => [module.section, index]));
  for (const row of rows) {
    row.taughtBy.sort((a, b) => order.get(a)! - order.get(b)!);
    if (row.taughtBy.length === 0) row.flags.push('not-taught');
    if (row.assessedBy.length === 0) row.flags.push('not-assessed');
  }
  return { modules, rows };
}

// ---------------------------------------------------------------------------------------------
// The common national template
// ---------------------------------------------------------------------------------------------

/** One heading every national section must have: a short key and its words in the two UI languages. */
export interface TemplateHeading {
  key: string;
  title: { en: string; ru: string };
}

export interface TemplateConformance {
  required: number;
  present: number;
  filled: number;
  /** Keys with no heading in the section. */
  missing: string[];
  /** Keys whose heading is there with no text under it. */
  empty: string[];
}

/** Words compared as a heading's: case, spaces and Unicode composition do not matter. */
const headingWords = (text: string): string => text.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, '');

/** Whether a block holds something a reader reads: text, or a reference standing for some. */
function holdsText(node: ProseMirrorNode): boolean {
  if (node.textContent.trim()) return true;
  let found = false;
  node.descendants((child) => {
    if (found) return false;
    if (child.type.name === 'cross_reference') found = true;
    return !found;
  });
  return found;
}

/**
 * How a national section follows the common template. A key is present if a heading of the
 * section's text stands for it (`template` attribute), or, for a heading not tied to any key, its
 * words equal the key's English or Russian title. It is filled if the blocks after that heading, up
 * to the next heading of the same or a higher level, hold text (subheadings alone are not text).
 */
export function templateConformance(template: readonly TemplateHeading[], doc: ProseMirrorNode): TemplateConformance {
  const blocks: ProseMirrorNode[] = [];
  doc.forEach((block) => blocks.push(block));
  const isHeading = (node: ProseMirrorNode) => node.type.name === 'heading';
  const level = (node: ProseMirrorNode) => Number(node.attrs.level) || 1;

  const headingFor = (entry: TemplateHeading): number => {
    const tied = blocks.findIndex((block) => isHeading(block) && block.attrs.template === entry.key);
    if (tied >= 0) return tied;
    const titles = [entry.title.en, entry.title.ru].map(headingWords).filter(Boolean);
    return blocks.findIndex((block) => isHeading(block) && !block.attrs.template && titles.includes(headingWords(referenceText(block))));
  };

  const filledAfter = (index: number): boolean => {
    const own = level(blocks[index]);
    for (let next = index + 1; next < blocks.length; next += 1) {
      const block = blocks[next];
      if (isHeading(block)) {
        if (level(block) <= own) return false;
        continue;
      }
      if (holdsText(block)) return true;
    }
    return false;
  };

  const missing: string[] = [];
  const empty: string[] = [];
  let present = 0;
  let filled = 0;
  for (const entry of template) {
    const index = headingFor(entry);
    if (index < 0) {
      missing.push(entry.key);
      continue;
    }
    present += 1;
    if (filledAfter(index)) filled += 1;
    else empty.push(entry.key);
  }
  return { required: template.length, present, filled, missing, empty };
}
