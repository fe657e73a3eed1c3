/**
 * The outcomes matrix appendix (#20): every learning outcome of the course against the Part 1
 * modules that teach it and the assessment items that check it, then the outcomes flagged because
 * no module teaches them or no assessment checks them. Worked out by `outcomesMatrix` from the
 * texts exported, as the matrix page shows it.
 */
import type { Node } from 'prosemirror-model';
import { type CurriculumSection, type MatrixRow, outcomesMatrix } from '../../../shared/curriculum';
import { bulletList, listItem, paragraph } from '../master-nodes';
import type { ExportAppendix } from '../model';
import { appendixContent, heading, labelled, table } from './appendix-nodes';
import type { CurriculumLabels } from './curriculum-labels';

const outcomeLine = (row: MatrixRow) => `${row.outcome.number} — ${row.outcome.text}`;

export function outcomesMatrixAppendix(sections: readonly CurriculumSection[], labels: CurriculumLabels, letter: string): ExportAppendix {
  const title = labels.appendix(letter, labels.matrix.title);
  const matrix = outcomesMatrix(sections);
  if (!matrix.rows.length) return { key: 'outcomes-matrix', title, content: appendixContent([paragraph(labels.matrix.empty)]) };
  const numberOf = new Map(sections.map(({ place }) => [place.id, `${place.part}.${place.position}`]));
  const modules = matrix.modules;
  // The outcome's words need the room; each module's column holds one sign.
  const moduleWidth = Math.max(4, Math.min(8, Math.floor(40 / Math.max(1, modules.length))));
  const rows = matrix.rows.map((row) => [
    outcomeLine(row),
    ...modules.map((module) => (row.taughtBy.includes(module.section) ? labels.matrix.teaches : '')),
    row.assessedBy.map((check) => `${numberOf.get(check.section) ?? ''} ${check.item}`.trim()).join('; ') || '—',
  ]);
  const flagged = matrix.rows.filter((row) => row.flags.length);
  const blocks: Node[] = [
    ...labelled(labels.matrix.modules, modules.map((module) => `${module.number} ${module.title}`.trim()).join('; ')),
    table({
      head: [labels.matrix.outcome, ...modules.map((module) => module.number), labels.matrix.assessedBy],
      rows,
      widths: [100 - moduleWidth * modules.length - 25, ...modules.map(() => moduleWidth), 25],
    }),
    heading(1, labels.matrix.flagged),
    flagged.length
      ? bulletList(flagged.map((row) => listItem(paragraph(`${outcomeLine(row)}: ${row.flags.map((flag) => labels.matrix.flags[flag]).join('; ')}`))))
      : paragraph(labels.matrix.noneFlagged),
  ];
  return { key: 'outcomes-matrix', title, content: appendixContent(blocks) };
}
