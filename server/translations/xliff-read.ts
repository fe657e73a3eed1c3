/**
 * Reads an XLIFF 2.0 file a translator sends back (#19): checks that it is XLIFF 2, for this
 * section and this target language, with no unit the source does not have, and returns each
 * unit's source text and its target as inline content of our schema. Pure: nothing is written here
 * (`applyXliff` makes the new translation; the caller stores it).
 *
 * Refusals, each an `XliffRefused` with the code the HTTP answer carries:
 * - `not-xliff`: not XML we read (a DOCTYPE included), not XLIFF 2.x, or over 10 MB;
 * - `language-mismatch`: `trgLang` is not the language imported into (a region subtag is allowed);
 * - `ids-mismatch`: a `<file>` for another section, or a unit id that is not a current source unit
 *   (up to 20 named), or a unit given twice;
 * - `partial-unit`: a unit split into segments (a tool that ignored `canResegment="no"`) where some
 *   segment has a target and another has none (up to 20 named).
 * Nothing of a refused file is applied.
 *
 * Why a unit translated in part is refused rather than imported unconfirmed: its target would be
 * half a paragraph, and importing it replaces the block's whole translation — a complete older
 * translation would be cut to the half the tool had done. Refusing writes nothing and names the
 * unit; the translator finishes it (or sends the file from a tool that keeps one segment per unit).
 * A unit whose one segment has no target is not partial: it is left as it is.
 *
 * A segment marked `state="initial"` is a draft in the translator's tool: its target is imported,
 * but unconfirmed (`confirmed: false`), never as current.
 */
import type { Mark, Node as ProseMirrorNode } from 'prosemirror-model';
import { safeHref } from '../../shared/links';
import { MAX_REFERENCE_LABEL, schema } from '../../shared/schema';
import { type JsonNode, unitText } from '../../shared/translations';
import { type XmlChild, type XmlElement, XmlRefused, attribute, childElements, isXmlChar, parseXml } from './xml';
import { CROSS_REFERENCE, FOOTNOTE, LINE_BREAK, MARK_OF_SUBTYPE, SUBTYPE, XLIFF_2, XliffRefused, parseUnitId } from './xliff-profile';

/** The largest file read: a whole section's translation is a few hundred kilobytes. */
export const MAX_XLIFF_BYTES = 10 * 1024 * 1024;

export interface XliffExpectation {
  /** The section's id: the `<file id>` it must carry. */
  file: string;
  /** The language imported into: the `trgLang` it must carry. */
  trgLang: string;
  /** The ids of the source's current units. */
  units: ReadonlySet<string>;
}

export interface XliffUnit {
  /** The source unit's id. */
  id: string;
  /** The file's source text (by `unitText`), footnotes included: what the target was translated from. */
  sourceText: string;
  /** The target as inline content of the schema, footnotes filled in; null when the unit has no target. */
  target: JsonNode[] | null;
  /** False when a segment of the unit (or of one of its footnotes) is `state="initial"`: a draft, imported unconfirmed. */
  confirmed: boolean;
}

interface RawUnit {
  source: XmlChild[];
  target: XmlChild[] | null;
  data: Map<string, string>;
  /** Some segments have a target and some do not. */
  partial: boolean;
  /** No segment is marked `state="initial"`. */
  confirmed: boolean;
}

const SHORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The text of an element, every descendant included. */
function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

/** A unit's source and target across its segments (and ignorables, whose missing target is their source). */
function rawUnit(unit: XmlElement, namespace: string): RawUnit {
  const data = new Map<string, string>();
  for (const original of childElements(unit, 'originalData', namespace)) {
    for (const item of childElements(original, 'data', namespace)) {
      const id = attribute(item, 'id');
      if (id) data.set(id, textOf(item));
    }
  }
  const source: XmlChild[] = [];
  const target: XmlChild[] = [];
  let targets = 0;
  let untranslated = 0;
  let confirmed = true;
  for (const part of unit.children) {
    if (typeof part === 'string' || part.namespace !== namespace || (part.local !== 'segment' && part.local !== 'ignorable')) continue;
    const partSource = childElements(part, 'source', namespace)[0];
    const partTarget = childElements(part, 'target', namespace)[0];
    if (partSource) source.push(...partSource.children);
    // Only an explicit "initial": files built by tools that write no state (npm xliff's js2xliff
    // among them) would otherwise all come back unconfirmed.
    if (part.local === 'segment' && attribute(part, 'state') === 'initial') confirmed = false;
    if (partTarget) {
      targets += 1;
      target.push(...partTarget.children);
    } else if (part.local === 'ignorable' && partSource) target.push(...partSource.children);
    else if (part.local === 'segment') untranslated += 1;
  }
  return { source, target: targets > 0 ? target : null, data, partial: targets > 0 && untranslated > 0, confirmed };
}

/** Reads inline XLIFF as the schema's inline nodes (see `xliff-profile.ts`). */
class InlineReader {
  constructor(
    private readonly namespace: string,
    private readonly data: ReadonlyMap<string, string>,
    /** A footnote's content by k, already read. */
    private readonly footnotes: ReadonlyMap<number, ProseMirrorNode[]>,
    /** In a footnote (text only): breaks become spaces, references their labels, footnotes nothing. */
    private readonly plain: boolean,
  ) {}

  read(children: readonly XmlChild[]): ProseMirrorNode[] {
    const out: ProseMirrorNode[] = [];
    this.walk(children, [], out);
    return out;
  }

  private walk(children: readonly XmlChild[], marks: readonly Mark[], out: ProseMirrorNode[]): void {
    for (const child of children) {
      if (typeof child === 'string') {
        if (child) out.push(schema.text(child, marks));
        continue;
      }
      if (child.namespace !== this.namespace) {
        // Another vocabulary's element (a tool's own markup): keep its text.
        this.walk(child.children, marks, out);
        continue;
      }
      if (child.local === 'pc') this.walk(child.children, this.markOf(child)?.addToSet(marks) ?? marks, out);
      else if (child.local === 'ph') out.push(...this.placeholder(child, marks));
      else if (child.local === 'cp') {
        // `<cp>` exists to carry what XML cannot; our text cannot hold it either (a control
        // character or half a surrogate pair breaks the exports), so the file is refused.
        const hex = attribute(child, 'hex') ?? '';
        const point = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
        if (!isXmlChar(point)) throw new XliffRefused('not-xliff', `a <cp hex="${hex.slice(0, 8)}"/> that is no character a text may hold`);
        out.push(schema.text(String.fromCodePoint(point), marks));
      } else if (child.local === 'mrk' || child.local === 'sm' || child.local === 'em') this.walk(child.children, marks, out);
      // sc/ec (codes spanning segments) carry no text and nothing of ours: left out.
    }
  }

  private markOf(element: XmlElement): Mark | null {
    if (attribute(element, 'type') === 'link') {
      const ref = attribute(element, 'dataRefStart');
      const href = safeHref(ref ? this.data.get(ref) : null);
      return href ? schema.marks.link.create({ href }) : null;
    }
    const mark = MARK_OF_SUBTYPE.get(subTypeOf(element) ?? '');
    return mark ? schema.marks[mark].create() : null;
  }

  private placeholder(element: XmlElement, marks: readonly Mark[]): ProseMirrorNode[] {
    const subType = subTypeOf(element);
    if (subType === LINE_BREAK) return this.plain ? [schema.text(' ', marks)] : [schema.nodes.hard_break.create(null, null, marks)];
    if (subType === FOOTNOTE) {
      if (this.plain) return [];
      const k = Number(/^fn([1-9][0-9]*)$/.exec(attribute(element, 'id') ?? '')?.[1] ?? NaN);
      return [schema.nodes.footnote.create(null, this.footnotes.get(k) ?? [], marks)];
    }
    if (subType === CROSS_REFERENCE) {
      const label = (attribute(element, 'disp') ?? '').slice(0, MAX_REFERENCE_LABEL);
      const ref = attribute(element, 'dataRef');
      const [section, target] = (ref ? (this.data.get(ref) ?? '') : '').split('#');
      if (this.plain || !section || !target || !SHORT_ID.test(section) || !SHORT_ID.test(target)) return label ? [schema.text(label, marks)] : [];
      return [schema.nodes.cross_reference.create({ section, target, label }, null, marks)];
    }
    return [];
  }
}

/** A code's `subType`; one that is not `prefix:value` is no XLIFF (an unknown but well-formed one is left out). */
function subTypeOf(element: XmlElement): string | null {
  const subType = attribute(element, 'subType');
  if (subType !== null && !SUBTYPE.test(subType)) throw new XliffRefused('not-xliff', `a subType "${subType.slice(0, 40)}" that is not prefix:value`);
  return subType;
}

/** Inline nodes as JSON, adjacent texts with the same marks joined (as the editor stores them). */
function inlineJson(nodes: ProseMirrorNode[]): JsonNode[] {
  const paragraph = schema.nodes.paragraph.create(null, nodes);
  paragraph.check();
  return (paragraph.toJSON() as JsonNode).content ?? [];
}

/** Reads and checks an XLIFF file; returns its units, footnotes folded into their blocks. */
export function readXliff(xml: string, expect: XliffExpectation): XliffUnit[] {
  if (Buffer.byteLength(xml, 'utf8') > MAX_XLIFF_BYTES) throw new XliffRefused('not-xliff', 'the file is larger than 10 MB');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlRefused) throw new XliffRefused('not-xliff', `not an XLIFF file we read: ${error.message}`);
    throw error;
  }
  const namespace = root.namespace ?? '';
  if (root.local !== 'xliff' || !XLIFF_2.test(namespace) || !/^2\.\d+$/.test(attribute(root, 'version') ?? '')) {
    throw new XliffRefused('not-xliff', 'not an XLIFF 2 file (expected <xliff version="2.0"> in the XLIFF 2.0 namespace)');
  }
  const trgLang = attribute(root, 'trgLang');
  // A CAT tool may name a region ("en-GB", "kk-KZ"): the language is what must match.
  if (trgLang?.split('-')[0].toLowerCase() !== expect.trgLang.toLowerCase()) {
    throw new XliffRefused('language-mismatch', `the file is a translation into "${trgLang ?? '(none)'}", not "${expect.trgLang}"`);
  }
  const files = childElements(root, 'file', namespace);
  if (files.length === 0) throw new XliffRefused('not-xliff', 'the file has no <file>');
  const raw = new Map<string, RawUnit>();
  const unknown: string[] = [];
  for (const file of files) {
    if (attribute(file, 'id') !== expect.file) throw new XliffRefused('ids-mismatch', `the file is for section "${attribute(file, 'id') ?? ''}", not "${expect.file}"`);
    const visit = (element: XmlElement) => {
      for (const child of childElements(element, undefined, namespace)) {
        if (child.local === 'group') visit(child);
        if (child.local !== 'unit') continue;
        const id = attribute(child, 'id') ?? '';
        if (raw.has(id)) throw new XliffRefused('ids-mismatch', `the unit "${id}" appears twice`);
        if (!expect.units.has(parseUnitId(id).block)) unknown.push(id);
        raw.set(id, rawUnit(child, namespace));
      }
    };
    visit(file);
  }
  if (unknown.length > 0) {
    const named = unknown.slice(0, 20).join(', ');
    throw new XliffRefused('ids-mismatch', `units the source does not have (it changed since the export?): ${named}${unknown.length > 20 ? ` and ${unknown.length - 20} more` : ''}`);
  }
  const partial = [...raw].filter(([, unit]) => unit.partial).map(([id]) => id);
  if (partial.length > 0) {
    const named = partial.slice(0, 20).join(', ');
    throw new XliffRefused('partial-unit', `units translated only in part (a segment without a target): ${named}${partial.length > 20 ? ` and ${partial.length - 20} more` : ''}`);
  }
  const notesOf = new Map<string, Map<number, RawUnit>>();
  for (const [id, unit] of raw) {
    const { block, footnote } = parseUnitId(id);
    if (footnote !== null) notesOf.set(block, (notesOf.get(block) ?? new Map<number, RawUnit>()).set(footnote, unit));
  }
  const units: XliffUnit[] = [];
  for (const [id, unit] of raw) {
    if (parseUnitId(id).footnote !== null) continue;
    const notes = (side: 'source' | 'target') => {
      const found = new Map<number, ProseMirrorNode[]>();
      for (const [k, note] of notesOf.get(id) ?? []) {
        const children = side === 'source' ? note.source : note.target;
        if (children) found.set(k, new InlineReader(namespace, note.data, new Map(), true).read(children));
      }
      return found;
    };
    const source = inlineJson(new InlineReader(namespace, unit.data, notes('source'), false).read(unit.source));
    const target = unit.target ? inlineJson(new InlineReader(namespace, unit.data, notes('target'), false).read(unit.target)) : null;
    const confirmed = unit.confirmed && [...(notesOf.get(id)?.values() ?? [])].every((note) => note.confirmed);
    units.push({ id, sourceText: unitText({ type: 'paragraph', content: source }), target, confirmed });
  }
  return units;
}
