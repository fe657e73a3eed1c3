/**
 * A section's translation as an XLIFF 2.0 file (#19) for a translator's CAT tool: one unit per
 * source unit, the source text as it stands now and the translation as it stands now. The profile
 * is in `xliff-profile.ts`. Built as a string with every value escaped; pure.
 *
 * Segment state: `translated` for a current unit; `initial` with a "needs update" note for a stale
 * one (its target is the translation as it is, to be revised); `initial` without a target for a
 * missing one. A unit translated as several blocks exports their text joined by a space.
 */
import { type DocumentJson, type JsonNode, sourceUnits, translationStatus, unitBlocks, unitText } from '../../shared/translations';
import { escapeAttribute, escapeText } from './xml';
import { CROSS_REFERENCE, FOOTNOTE, FORMAT_MARKS, LINE_BREAK, XLIFF_NAMESPACE, footnoteUnitId } from './xliff-profile';

export interface XliffExport {
  /** The section's id: the `<file id>`. */
  file: string;
  srcLang: string;
  trgLang: string;
  /** The source's settled text (open suggestions left out). */
  source: DocumentJson;
  /** The translation's settled text. */
  translation: DocumentJson;
}

/** A unit's `<originalData>`: each distinct value (an href, a reference's target) once. */
export class OriginalData {
  readonly entries = new Map<string, string>();

  ref(value: string): string {
    let id = this.entries.get(value);
    if (!id) {
      id = `d${this.entries.size + 1}`;
      this.entries.set(value, id);
    }
    return id;
  }

  xml(): string {
    if (this.entries.size === 0) return '';
    const items = [...this.entries].map(([value, id]) => `<data id="${id}">${escapeText(value)}</data>`).join('');
    return `<originalData>${items}</originalData>`;
  }
}

type JsonMark = NonNullable<JsonNode['marks']>[number];

const sameMark = (a: JsonMark, b: JsonMark) => a.type === b.type && (a.type !== 'link' || a.attrs?.href === b.attrs?.href);

/** The marks XLIFF carries (suggestion marks are not text; callers pass settled text anyway). */
const carried = (marks: JsonNode['marks']): JsonMark[] => (marks ?? []).filter((mark) => mark.type === 'link' || mark.type in FORMAT_MARKS);

export interface InlineMarkup {
  markup: string;
  /** The content of each footnote met, in order (footnote k is `footnotes[k - 1]`). */
  footnotes: JsonNode[][];
}

/**
 * One side (source or target) of a unit: its inline content as XLIFF inline markup. Codes are
 * numbered per side, so the k-th code of the target corresponds to the k-th of the source when the
 * translation keeps the formatting.
 */
export function inlineMarkup(nodes: readonly JsonNode[], data: OriginalData): InlineMarkup {
  let out = '';
  let codes = 0;
  let references = 0;
  const footnotes: JsonNode[][] = [];
  const open: JsonMark[] = [];
  for (const node of nodes) {
    const marks = carried(node.marks);
    let common = 0;
    while (common < open.length && common < marks.length && sameMark(open[common], marks[common])) common++;
    while (open.length > common) {
      open.pop();
      out += '</pc>';
    }
    for (const mark of marks.slice(common)) {
      const id = ++codes;
      out +=
        mark.type === 'link'
          ? `<pc id="${id}" type="link" dataRefStart="${data.ref(String(mark.attrs?.href ?? ''))}">`
          : `<pc id="${id}" type="fmt" subType="${FORMAT_MARKS[mark.type]}">`;
      open.push(mark);
    }
    if (node.type === 'text') out += escapeText(node.text ?? '');
    else if (node.type === 'hard_break') out += `<ph id="${++codes}" type="fmt" subType="${LINE_BREAK}"/>`;
    else if (node.type === 'footnote') {
      footnotes.push(node.content ?? []);
      out += `<ph id="fn${footnotes.length}" type="other" subType="${FOOTNOTE}"/>`;
    } else if (node.type === 'cross_reference') {
      const target = `${String(node.attrs?.section ?? '')}#${String(node.attrs?.target ?? '')}`;
      const label = String(node.attrs?.label ?? '');
      out += `<ph id="r${++references}" type="other" subType="${CROSS_REFERENCE}" disp="${escapeAttribute(label)}" dataRef="${data.ref(target)}"/>`;
    }
  }
  out += '</pc>'.repeat(open.length);
  return { markup: out, footnotes };
}

/**
 * What the writer makes of one unit's translation, footnotes included, independent of how codes
 * and data are numbered in a file: an import leaves a unit whose target gives the same string
 * untouched (its hash too).
 */
export function targetKey(inline: readonly JsonNode[]): string {
  const data = new OriginalData();
  const main = inlineMarkup(inline, data);
  const notes = main.footnotes.map((note) => inlineMarkup(note, data).markup);
  return JSON.stringify([main.markup, notes, [...data.entries.keys()]]);
}

/** The translation of a unit as one run of inline content: its linked blocks with text, joined by a space. */
export function joinedTranslation(blocks: readonly JsonNode[]): JsonNode[] {
  const inline: JsonNode[] = [];
  blocks.forEach((block, index) => {
    if (index > 0) inline.push({ type: 'text', text: ' ' });
    inline.push(...(block.content ?? []));
  });
  return inline;
}

function segment(state: 'translated' | 'initial', source: string, target: string | null): string {
  return `<segment state="${state}"><source>${source}</source>${target === null ? '' : `<target>${target}</target>`}</segment>`;
}

/** The XLIFF 2.0 file of a section's translation. */
export function writeXliff(input: XliffExport): string {
  const sourceNodes = new Map<string, JsonNode>();
  for (const { node } of unitBlocks(input.source)) {
    const id = node.attrs?.id;
    if (typeof id === 'string' && !sourceNodes.has(id)) sourceNodes.set(id, node);
  }
  const linked = new Map<string, JsonNode[]>();
  for (const { node } of unitBlocks(input.translation)) {
    const source = node.attrs?.source;
    if (typeof source === 'string' && unitText(node)) linked.set(source, [...(linked.get(source) ?? []), node]);
  }
  const status = new Map(translationStatus(input.source, input.translation).aligned.map((unit) => [unit.source.id, unit.status]));
  const units: string[] = [];
  for (const unit of sourceUnits(input.source)) {
    const state = status.get(unit.id) ?? 'missing';
    const data = new OriginalData();
    const source = inlineMarkup(sourceNodes.get(unit.id)?.content ?? [], data);
    const translated = linked.get(unit.id);
    const target = state === 'missing' || !translated ? null : inlineMarkup(joinedTranslation(translated), data);
    const notes = state === 'stale' ? '<notes><note category="syl">needs update</note></notes>' : '';
    const segmentState = state === 'current' ? 'translated' : 'initial';
    units.push(
      `  <unit id="${escapeAttribute(unit.id)}" name="${unit.kind}">${notes}${data.xml()}${segment(segmentState, source.markup, target?.markup ?? null)}</unit>`,
    );
    const footnotes = Math.max(source.footnotes.length, target?.footnotes.length ?? 0);
    for (let k = 1; k <= footnotes; k++) {
      const noteData = new OriginalData();
      const noteSource = inlineMarkup(source.footnotes[k - 1] ?? [], noteData);
      const noteTarget = target ? inlineMarkup(target.footnotes[k - 1] ?? [], noteData) : null;
      units.push(`  <unit id="${escapeAttribute(footnoteUnitId(unit.id, k))}" name="footnote">${noteData.xml()}${segment(segmentState, noteSource.markup, noteTarget?.markup ?? null)}</unit>`);
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NAMESPACE}" version="2.0" srcLang="${escapeAttribute(input.srcLang)}" trgLang="${escapeAttribute(input.trgLang)}">`,
    // canResegment="no": a unit is one block, and its target must stay whole (a tool that splits it
    // and sends back some segments untranslated is refused, see xliff-read.ts).
    ` <file id="${escapeAttribute(input.file)}" original="sections/${escapeAttribute(input.file)}" canResegment="no">`,
    ...units,
    ' </file>',
    '</xliff>',
    '',
  ].join('\n');
}
