/**
 * A section's content as a ProseMirror node of the shared schema, and the questions exporters ask
 * of it (where does a comment's quote stand, how deep is a heading once shifted under the section,
 * who made a suggestion).
 */
import type { Mark, Node } from 'prosemirror-model';
import { HOURS_KINDS, assessmentOf, hoursOf, outcomesOf } from '../../shared/curriculum';
import { readDocument } from '../../shared/document-repair';
import { schema } from '../../shared/schema';
import { withoutSuggestions } from '../../shared/suggestions';
import { curriculumLabelsFor } from './appendices/curriculum-labels';
import type { ExportSection, MasterDocument, SuggestionDisplay } from './model';

/**
 * The section's doc. Content that does not fit the schema (an old or hand-made update) must not
 * sink the whole master: it is repaired as every reader of a section repairs it, its text kept.
 * Control characters (NUL, C0 but tab and line ends) are dropped: no file format wants them, and in
 * DOCX (XML 1.0) they make Word refuse the whole file.
 */
export function sectionDoc(
  section: Pick<ExportSection, 'content'> & Partial<Pick<ExportSection, 'part' | 'position'>>,
  suggestions: SuggestionDisplay = 'omit',
): Node {
  const read = readDocument(withoutControlCharacters(section.content));
  const doc = suggestions === 'mark' ? read : withoutSuggestions(read);
  if (section.part && section.position) numberOutcomes(doc, { part: section.part, position: section.position });
  return doc;
}

/**
 * The numbers of the learning outcomes of the docs `sectionDoc` made ("LO 1.2"). Kept beside the
 * nodes rather than passed down every renderer's context: the number is the section's place and
 * the outcome's order in the text exported (`outcomesOf`), known once the doc is, and each
 * format's outcome handler asks for it by node. An outcome of a doc made without a place (an
 * appendix) has none and is drawn without.
 */
const outcomeNumbers = new WeakMap<Node, string>();

function numberOutcomes(doc: Node, place: Pick<ExportSection, 'part' | 'position'>): void {
  const numbers = outcomesOf(place, doc);
  let k = 0;
  // The same walk as `outcomesOf`'s, so the k-th outcome found here is its k-th.
  doc.descendants((node) => {
    if (node.type.name === 'learning_outcome') {
      const number = numbers[k++]?.number;
      if (number) outcomeNumbers.set(node, number);
      return false;
    }
    return !node.isTextblock;
  });
}

/** "LO 1.2" for an outcome of a section's doc; null for one drawn outside a section. */
export function outcomeNumber(node: Node): string | null {
  return outcomeNumbers.get(node) ?? null;
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

/**
 * An hours or assessment table (#20) as a file shows it: the table with a computed totals row
 * (hours by kind, and all kinds together; the weights' sum), and the warnings the editor shows
 * under it as paragraphs to draw after it (weights that do not total 100 %, a weight or hours that
 * are not numbers, an item that checks no outcome). An ordinary table is returned as it is. Totals
 * and warnings are worked out from the text exported, never stored, so the file cannot disagree
 * with its own table. `lang` is the export's language (`ExportLabels.lang`).
 */
export function curriculumTable(table: Node, lang: string | undefined): { table: Node; notes: Node[] } {
  const kind = table.attrs.kind;
  if ((kind !== 'hours' && kind !== 'assessment') || table.childCount === 0) return { table, notes: [] };
  const labels = curriculumLabelsFor(lang);
  const name = (words: string, index: number) => words || labels.unnamedRow(index + 2);
  let cells: string[];
  const warnings: string[] = [];
  if (kind === 'hours') {
    const hours = hoursOf(table);
    cells = [labels.totalHours(labels.number(hours.totals.total)), ...HOURS_KINDS.map((k) => labels.number(hours.totals[k]))];
    const bad = hours.rows.map((row, i) => (row.errors.length ? name(row.topic, i) : '')).filter(Boolean);
    if (bad.length) warnings.push(labels.badHours(bad.join('; ')));
  } else {
    const assessment = assessmentOf(table);
    cells = [labels.total, labels.percent(assessment.total), ''];
    const items = (error: 'bad-weight' | 'item-without-outcome') =>
      assessment.items.map((item) => (item.errors.includes(error) ? name(item.item, item.row - 1) : '')).filter(Boolean).join('; ');
    for (const problem of assessment.problems) {
      if (problem === 'weights-not-100') warnings.push(labels.weightsNot100(labels.number(assessment.total)));
      else if (problem === 'bad-weight') warnings.push(labels.badWeight(items(problem)));
      else warnings.push(labels.itemWithoutOutcome(items(problem)));
    }
  }
  const rows: Node[] = [];
  table.forEach((row) => rows.push(row));
  const bold = [schema.marks.bold.create()];
  const cell = (text: string) => schema.nodes.table_cell.create(null, schema.nodes.paragraph.create(null, text ? schema.text(text, bold) : []));
  const width = rowWidth(table.child(0));
  const totals = schema.nodes.table_row.create(null, Array.from({ length: width }, (_, i) => cell(cells[i] ?? '')));
  const notes = warnings.map((warning) => schema.nodes.paragraph.create(null, [schema.text(labels.warning, bold), schema.text(` ${warning}`)]));
  return { table: table.type.create(table.attrs, [...rows, totals], table.marks), notes };
}

/** How many columns a row covers (its cells' colspans). */
function rowWidth(row: Node): number {
  let width = 0;
  row.forEach((cell) => (width += Math.max(1, Math.trunc(Number(cell.attrs.colspan)) || 1)));
  return Math.max(1, width);
}

/**
 * Where the glossary's entries are in a file, for `glossary_term` marks (#20). The glossary
 * appendix (appendices/glossary.ts) gives each entry's heading the entry's id as its block id; a
 * term links to that heading when the file holds the appendix, and is plain text when it does not
 * (a file without the glossary, or an entry deleted since the term was linked). One per file, as
 * each anchor is placed once.
 */
export class GlossaryAnchors {
  private readonly placed = new Set<string>();

  constructor(readonly entries: ReadonlySet<string>) {}

  /** The entries of the document's glossary appendix (none without one). */
  static of(document: Pick<MasterDocument, 'appendices'>): GlossaryAnchors {
    const appendix = document.appendices?.find((candidate) => candidate.key === 'glossary');
    const entries = new Set<string>();
    const content = appendix?.content as { content?: { type?: unknown; attrs?: { id?: unknown } }[] } | undefined;
    for (const block of content?.content ?? []) {
      if (block.type === 'heading' && typeof block.attrs?.id === 'string' && block.attrs.id) entries.add(block.attrs.id);
    }
    return new GlossaryAnchors(entries);
  }

  /** Whether a term of this entry can link: the file holds the entry's definition. */
  holds(entry: unknown): entry is string {
    return typeof entry === 'string' && this.entries.has(entry);
  }

  /** The entry whose anchor goes at this heading (a glossary appendix's entry heading), the first time. */
  claim(heading: Node): string | null {
    const id = heading.attrs.id;
    if (heading.type.name !== 'heading' || !this.holds(id) || this.placed.has(id)) return null;
    this.placed.add(id);
    return id;
  }
}

/** The anchor of a glossary entry in HTML, Markdown and PDF (an element id, a named destination). */
export const glossaryAnchor = (entry: string) => `glossary-${entry.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The entry's Word bookmark: letters, digits and `_`, at most 40 characters (entry ids are 10). */
export const glossaryBookmark = (entry: string) => `glossary_${entry.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 40);

/** The entry a run of text is linked to, when it is a glossary term. */
export function glossaryEntryOf(marks: readonly Mark[]): string | null {
  const entry = marks.find((mark) => mark.type.name === 'glossary_term')?.attrs.entry;
  return typeof entry === 'string' && entry ? entry : null;
}
