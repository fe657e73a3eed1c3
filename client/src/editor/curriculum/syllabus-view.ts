/**
 * How the syllabus structure (#20) is drawn in the editor, worked out again on every change from
 * anyone (one's own typing, a colleague's update through Yjs, an undo):
 *
 *  - each learning outcome shows its number ("LO 3.2") from the section's place and document order
 *    (a node decoration: `data-number`, drawn by CSS before the words, never stored or copied);
 *  - under each hours table a totals line (hours by kind and in all); under each assessment table
 *    the total weight; under either, in words, what is wrong (weights that do not total 100 %, a
 *    weight or hours that are not numbers, an item that checks no outcome), as a polite status so
 *    a screen reader hears it once it changes;
 *  - the cells that cause a warning are marked (a class, `aria-invalid` and a title; the CSS adds a
 *    sign, so it is not colour alone).
 *
 * The numbers are read from the settled text (suggestions left out, as approvals and exports read
 * it), so a proposed change to an hours cell counts once it is accepted.
 */
import { html, nothing, render, type TemplateResult } from 'lit-html';
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { type Assessment, HOURS_KINDS, type Hours, type OutcomePlace, assessmentOf, hoursColumn, hoursOf, outcomeNumberOf } from '../../../../shared/curriculum';
import { targetKey } from '../../../../shared/references';
import { withoutSuggestions } from '../../../../shared/suggestions';
import { onLocaleChange } from '../../i18n';
import { lookUpTarget, onReferencesChange } from '../reference-index';
import { number, say } from './words';
import './syllabus.css';

export interface SyllabusOptions {
  /** The section's place in the master (the page knows it); null while it is not known. */
  place: () => OutcomePlace | null;
}

/** What one hours or assessment table reads as, and where it ends (its totals go there). */
export interface TableSummary {
  /** Stable while the table stays: its id, or its position among the kind tables before it has one. */
  key: string;
  end: number;
  hours?: Hours;
  assessment?: Assessment;
}

interface SyllabusState {
  decorations: DecorationSet;
  summaries: TableSummary[];
}

export const syllabusKey = new PluginKey<SyllabusState>('syllabus');

/** A meta that asks for everything to be worked out again (the place moved, the index loaded, a language switch). */
const REFRESH = 'refresh';

/** The cell nodes of a row, with their positions relative to the row's start. */
function cellsOf(row: ProseMirrorNode): { node: ProseMirrorNode; offset: number }[] {
  const cells: { node: ProseMirrorNode; offset: number }[] = [];
  row.forEach((node, offset) => cells.push({ node, offset }));
  return cells;
}

/** The rows of a table with their positions relative to the table's start. */
function rowsOf(table: ProseMirrorNode): { node: ProseMirrorNode; offset: number }[] {
  const rows: { node: ProseMirrorNode; offset: number }[] = [];
  table.forEach((node, offset) => rows.push({ node, offset }));
  return rows;
}

/**
 * Whether a reference's target is a learning outcome: what the reference index says when it has
 * loaded; an outcome of this very section even when the index has not caught up with it (just
 * given its id); every reference while the index has not loaded (offline), rather than a false alarm.
 */
function outcomeTest(doc: ProseMirrorNode, section: string | null): (key: string) => boolean {
  const own = new Set<string>();
  if (section) {
    doc.descendants((node) => {
      if (node.type.name === 'learning_outcome' && typeof node.attrs.id === 'string' && node.attrs.id) own.add(targetKey(section, node.attrs.id));
      return !node.isTextblock;
    });
  }
  return (key) => {
    if (own.has(key)) return true;
    const split = key.indexOf('#');
    const found = lookUpTarget(key.slice(0, split), key.slice(split + 1));
    return found === null || found?.kind === 'outcome';
  };
}

/** Everything drawn for a document: the outcome numbers, the marked cells, the totals' places. */
export function syllabusState(doc: ProseMirrorNode, place: OutcomePlace | null, elementFor: (key: string) => HTMLElement): SyllabusState {
  const decorations: Decoration[] = [];
  const summaries: TableSummary[] = [];
  const isOutcome = outcomeTest(doc, place?.id ?? null);
  let outcomes = 0;
  let unnamed = 0;
  const bad = (from: number, cell: ProseMirrorNode, title: string) =>
    decorations.push(Decoration.node(from, from + cell.nodeSize, { class: 'syllabus-bad-cell', 'aria-invalid': 'true', title }));

  doc.descendants((node, pos) => {
    const name = node.type.name;
    if (name === 'learning_outcome') {
      outcomes += 1;
      if (place) decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-number': `LO ${outcomeNumberOf(place, outcomes)}` }));
      return false;
    }
    if (name !== 'table' || (node.attrs.kind !== 'hours' && node.attrs.kind !== 'assessment')) return !node.isTextblock;
    const key = typeof node.attrs.id === 'string' && node.attrs.id ? node.attrs.id : `table-${(unnamed += 1)}`;
    const settled = withoutSuggestions(node);
    const rows = rowsOf(node);
    const summary: TableSummary = { key, end: pos + node.nodeSize };
    if (node.attrs.kind === 'hours') {
      summary.hours = hoursOf(settled);
      summary.hours.rows.forEach((row, index) => {
        const cells = cellsOf(rows[index + 1].node);
        for (const kind of row.errors) {
          const cell = cells[hoursColumn(kind)];
          if (cell) bad(pos + 1 + rows[index + 1].offset + 1 + cell.offset, cell.node, say('syllabusEditor.badCell'));
        }
      });
    } else {
      summary.assessment = assessmentOf(settled, isOutcome);
      for (const item of summary.assessment.items) {
        const cells = cellsOf(rows[item.row].node);
        const at = (column: number) => pos + 1 + rows[item.row].offset + 1 + cells[column].offset;
        if (item.errors.includes('bad-weight') && cells[1]) bad(at(1), cells[1].node, say('syllabusEditor.badCell'));
        if (item.errors.includes('item-without-outcome') && cells[2]) bad(at(2), cells[2].node, say('syllabusEditor.noOutcomeCell'));
      }
    }
    summaries.push(summary);
    decorations.push(
      Decoration.widget(summary.end, () => elementFor(key), {
        key: `syllabus-${key}`,
        side: -1,
        ignoreSelection: true,
        // The totals are read, not edited: clicks and keys there are not the editor's.
        stopEvent: () => true,
      }),
    );
    // An outcome inside a table's cell still counts in document order.
    return true;
  });
  return { decorations: DecorationSet.create(doc, decorations), summaries };
}

/** The name of a row in a warning: its first cell's words, or "row 2". */
const rowName = (words: string, row: number) => (words ? `“${words}”` : say('syllabusEditor.unnamedRow', { n: row }));

function warning(text: string): TemplateResult {
  return html`<div class="syllabus-warning">
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3.5L2.5 20h19zM12 10v4.5M12 17v.5" /></svg>
    <span><strong>${say('syllabusEditor.warning')}</strong> ${text}</span>
  </div>`;
}

/** The totals line and warnings under an hours table. */
function hoursSummary(hours: Hours): TemplateResult {
  const kinds = HOURS_KINDS.map((kind) => say(`syllabusEditor.kind.${kind}`, { hours: number(hours.totals[kind]) }));
  const bad = hours.rows.flatMap((row, index) =>
    row.errors.map((kind) => `${rowName(row.topic, index + 1)} — ${say(`syllabusEditor.hours.${kind}`)}`),
  );
  return html`<div class="syllabus-totals">
      <strong>${say('syllabusEditor.hoursTotal', { total: number(hours.totals.total) })}</strong>
      <span class="syllabus-kinds">${kinds.join(' · ')}</span>
    </div>
    <div class="syllabus-warnings" role="status">${bad.length ? warning(say('syllabusEditor.badHours', { items: bad.join('; ') })) : nothing}</div>`;
}

/** The total weight and warnings under an assessment table. */
function assessmentSummary(assessment: Assessment): TemplateResult {
  const items = (error: 'bad-weight' | 'item-without-outcome') =>
    assessment.items
      .filter((item) => item.errors.includes(error))
      .map((item) => rowName(item.item, item.row))
      .join('; ');
  const warnings = assessment.problems.map((problem) =>
    problem === 'weights-not-100'
      ? say('syllabusEditor.weightsNot100', { total: number(assessment.total) })
      : problem === 'bad-weight'
        ? say('syllabusEditor.badWeight', { items: items(problem) })
        : say('syllabusEditor.itemWithoutOutcome', { items: items(problem) }),
  );
  const wrong = assessment.problems.includes('weights-not-100');
  return html`<div class="syllabus-totals ${wrong ? 'is-wrong' : 'is-right'}">
      <strong>${say('syllabusEditor.weightTotal', { total: number(assessment.total) })}</strong>
    </div>
    <div class="syllabus-warnings" role="status">${warnings.map(warning)}</div>`;
}

/** Draws a table's summary into its element (kept from change to change, so its status is live). */
export function drawSummary(element: HTMLElement, summary: TableSummary): void {
  element.setAttribute('aria-label', say(summary.hours ? 'syllabusEditor.hoursSummary' : 'syllabusEditor.assessmentSummary'));
  element.dataset.kind = summary.hours ? 'hours' : 'assessment';
  render(summary.hours ? hoursSummary(summary.hours) : summary.assessment ? assessmentSummary(summary.assessment) : nothing, element);
}

/**
 * The editor plugin: outcome numbers, totals and warnings. `place` is asked on every change; call
 * `refreshSyllabus(view)` when it changes without one (the section moved in the master).
 */
export function syllabus(options: SyllabusOptions): Plugin<SyllabusState> {
  // One element per table for the editor's life: the same live region is updated, not replaced.
  const elements = new Map<string, HTMLElement>();
  const elementFor = (key: string) => {
    let element = elements.get(key);
    if (!element) {
      element = document.createElement('div');
      element.className = 'syllabus-summary';
      element.contentEditable = 'false';
      element.setAttribute('role', 'group');
      elements.set(key, element);
    }
    return element;
  };
  const compute = (state: EditorState) => syllabusState(state.doc, options.place(), elementFor);

  return new Plugin<SyllabusState>({
    key: syllabusKey,
    state: {
      init: (_config, state) => compute(state),
      apply: (tr, previous, _old, state) => (tr.docChanged || tr.getMeta(syllabusKey) === REFRESH ? compute(state) : previous),
    },
    props: {
      decorations: (state) => syllabusKey.getState(state)?.decorations,
    },
    view(view) {
      const draw = () => {
        const summaries = syllabusKey.getState(view.state)?.summaries ?? [];
        for (const summary of summaries) drawSummary(elementFor(summary.key), summary);
        const kept = new Set(summaries.map((summary) => summary.key));
        for (const key of [...elements.keys()]) if (!kept.has(key)) elements.delete(key);
      };
      const stopReferences = onReferencesChange(() => refreshSyllabus(view));
      const stopLocale = onLocaleChange(() => refreshSyllabus(view));
      draw();
      return {
        update: (_view, previous) => {
          if (syllabusKey.getState(view.state) !== syllabusKey.getState(previous)) draw();
        },
        destroy: () => {
          stopReferences();
          stopLocale();
        },
      };
    },
  });
}

/** Works the numbers, totals and warnings out again (the section's place or the language changed). */
export function refreshSyllabus(view: EditorView): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(syllabusKey, REFRESH));
}
