/**
 * The course hours appendix (#20): each section's hours tables as one table of its topics by kind
 * of hours, with the section's totals, then the course's totals per section and overall. Read by
 * `hoursOf` from the texts exported, as the master page shows them.
 */
import type { Node } from 'prosemirror-model';
import { type CurriculumSection, HOURS_KINDS, type HoursTotals, hoursOf, noHours, tablesOf } from '../../../shared/curriculum';
import { paragraph } from '../master-nodes';
import type { ExportAppendix } from '../model';
import { appendixContent, heading, table } from './appendix-nodes';
import type { CurriculumLabels } from './curriculum-labels';

/** The topic's column, then five numbers' columns wide enough for their headers unbroken. */
const WIDTHS = [28, 15, 15, 15, 15, 12];

function add(into: HoursTotals, more: HoursTotals): void {
  for (const kind of HOURS_KINDS) into[kind] = Math.round((into[kind] + more[kind]) * 100) / 100;
  into.total = Math.round((into.total + more.total) * 100) / 100;
}

export function courseHoursAppendix(sections: readonly CurriculumSection[], labels: CurriculumLabels, letter: string): ExportAppendix {
  const title = labels.appendix(letter, labels.hours.title);
  const head = (first: string) => [first, ...HOURS_KINDS.map((kind) => labels.hoursKinds[kind]), labels.total];
  const numbers = (hours: HoursTotals) => [...HOURS_KINDS.map((kind) => labels.number(hours[kind])), labels.number(hours.total)];
  const course = noHours();
  const perSection: string[][] = [];
  const blocks: Node[] = [];
  for (const { place, doc } of sections) {
    const tables = tablesOf(doc, 'hours').map(hoursOf);
    if (!tables.length) continue;
    const totals = noHours();
    const rows: string[][] = [];
    for (const hours of tables) {
      add(totals, hours.totals);
      rows.push(...hours.rows.map((row) => [row.topic, ...numbers(row)]));
    }
    add(course, totals);
    const name = `${place.part}.${place.position} ${place.title ?? ''}`.trim();
    perSection.push([name, ...numbers(totals)]);
    blocks.push(heading(1, name), table({ head: head(labels.topic), rows, widths: WIDTHS, totals: [[labels.hours.section, ...numbers(totals)]] }));
  }
  if (!perSection.length) return { key: 'course-hours', title, content: appendixContent([paragraph(labels.hours.empty)]) };
  blocks.push(heading(1, labels.hours.course), table({ head: head(labels.module), rows: perSection, widths: WIDTHS, totals: [[labels.hours.course, ...numbers(course)]] }));
  return { key: 'course-hours', title, content: appendixContent(blocks) };
}
