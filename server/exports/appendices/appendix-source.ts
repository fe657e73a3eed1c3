/**
 * The master source's appendix builder (#20; it fits `AppendixSource` of
 * server/domain/master-document.ts, and names what it reads of the services by their shape, as
 * exports/ does not depend on domain/):
 * the glossary from the glossary service, with its proposers' names, and the outcomes matrix and
 * the course hours from the sections the document holds, all in the document's language. The
 * course hours come with the matrix: both are the syllabus read as data, and a request names one
 * switch for them.
 */
import type { ExportAppendix } from '../model';
import { buildAppendices, type SectionText } from './appendices';
import type { GlossaryAppendixEntry } from './glossary';

/** An entry as the glossary service lists it. */
export interface GlossaryRecordLike extends Pick<GlossaryAppendixEntry, 'id' | 'terms' | 'definition' | 'source'> {
  proposedBy: number;
  /** Every required organisation approved the current wording. */
  approved: boolean;
}

export class CurriculumAppendices {
  constructor(
    private readonly deps: {
      glossary: { list(): GlossaryRecordLike[] };
      people: { find(id: number): { name: string } | null | undefined };
    },
  ) {}

  build(wanted: { glossary: boolean; matrix: boolean }, context: { language: string; sections: readonly SectionText[] }): ExportAppendix[] {
    const glossary = wanted.glossary ? this.entries() : null;
    return buildAppendices(context, { glossary, outcomesMatrix: wanted.matrix, courseHours: wanted.matrix }, context.language);
  }

  private entries(): GlossaryAppendixEntry[] {
    return this.deps.glossary.list().map((record) => ({
      id: record.id,
      terms: record.terms,
      definition: record.definition,
      source: record.source,
      status: record.approved ? 'approved' : 'proposed',
      proposedBy: { name: this.deps.people.find(record.proposedBy)?.name ?? '' },
    }));
  }
}
