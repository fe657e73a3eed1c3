/**
 * The appendices of an export (#20), built from the master it follows: the glossary, the outcomes
 * matrix and the course hours, in that order, lettered A, B, C as they are included, every word in
 * the export's language. The exporters draw `MasterDocument.appendices` after the sections.
 */
import type { CurriculumSection } from '../../../shared/curriculum';
import { sectionDoc } from '../content';
import type { ExportAppendix, ExportSection } from '../model';
import { courseHoursAppendix } from './course-hours';
import { curriculumLabelsFor } from './curriculum-labels';
import { type GlossaryAppendixEntry, glossaryAppendix } from './glossary';
import { outcomesMatrixAppendix } from './outcomes-matrix';

export interface AppendixRequest {
  /** The glossary's entries, when the export includes the glossary (`includeGlossary`). */
  glossary?: readonly GlossaryAppendixEntry[] | null;
  outcomesMatrix?: boolean;
  courseHours?: boolean;
}

const LETTERS = 'ABCDEFGHIJ';

/** What the appendices read of a section: its place and the text the file holds. */
export type SectionText = Pick<ExportSection, 'id' | 'part' | 'position' | 'title' | 'content'>;

/**
 * The sections as the syllabus data reads them: each one's place and the text this file exports
 * (the approved text when approved texts were asked for), suggestions left out as approval would.
 */
export function curriculumSections(document: { sections: readonly SectionText[] }): CurriculumSection[] {
  return document.sections.map((section) => ({
    place: { id: section.id, part: section.part, position: section.position, title: section.title },
    doc: sectionDoc(section, 'omit'),
  }));
}

/** `lang`: the export's language (`ExportRequest.locale`, or a language version's code). */
export function buildAppendices(document: { sections: readonly SectionText[] }, request: AppendixRequest, lang: string): ExportAppendix[] {
  const labels = curriculumLabelsFor(lang);
  const letter = (index: number) => LETTERS[index] ?? String(index + 1);
  const builders: ((letter: string) => ExportAppendix)[] = [];
  if (request.glossary) {
    const entries = request.glossary;
    builders.push((l) => glossaryAppendix(entries, lang, labels, l));
  }
  const sections = request.outcomesMatrix || request.courseHours ? curriculumSections(document) : [];
  if (request.outcomesMatrix) builders.push((l) => outcomesMatrixAppendix(sections, labels, l));
  if (request.courseHours) builders.push((l) => courseHoursAppendix(sections, labels, l));
  return builders.map((build, index) => build(letter(index)));
}
