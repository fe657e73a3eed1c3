/**
 * New hours and assessment tables (#20): an ordinary table with its `kind` set and a header row in
 * the language of the person who inserts it (the header is text: anyone may reword or translate
 * it; the columns are read by position, see `shared/curriculum.ts`).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { HOURS_KINDS } from '../../../../shared/curriculum';
import { schema } from '../../../../shared/schema';
import { type CurriculumWord, say } from './words';

const { nodes } = schema;

/** The words of each kind's header. */
const HOURS_HEADERS: CurriculumWord[] = ['syllabusEditor.hours.topic', ...HOURS_KINDS.map((kind): CurriculumWord => `syllabusEditor.hours.${kind}`)];
const ASSESSMENT_HEADERS: CurriculumWord[] = ['syllabusEditor.assessment.item', 'syllabusEditor.assessment.weight', 'syllabusEditor.assessment.outcomes'];

/** Rows to fill under the header: enough to see the shape, Tab in the last cell adds more. */
const BODY_ROWS = 2;

function headerCell(words: string): ProseMirrorNode {
  return nodes.table_header.create(null, nodes.paragraph.create(null, schema.text(words)));
}

function kindTable(kind: 'hours' | 'assessment', headers: readonly CurriculumWord[]): ProseMirrorNode {
  const header = nodes.table_row.create(null, headers.map((key) => headerCell(say(key))));
  const rows = Array.from({ length: BODY_ROWS }, () => nodes.table_row.create(null, headers.map(() => nodes.table_cell.createAndFill()!)));
  return nodes.table.create({ kind }, [header, ...rows]);
}

/** An hours table: topic, lectures, seminars, practice, self-study. */
export const hoursTable = (): ProseMirrorNode => kindTable('hours', HOURS_HEADERS);

/** An assessment table: item, weight in %, the outcomes it checks. */
export const assessmentTable = (): ProseMirrorNode => kindTable('assessment', ASSESSMENT_HEADERS);
