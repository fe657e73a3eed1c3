/** The glossary's entries in their wire shape, with people named as they are called now. */
import type { GlossaryEntry } from '../../../shared/api/glossary';
import type { GlossaryRecord } from '../../domain/glossary';

/** How a presenter names a person: their current name, or '' for someone no longer on record. */
export type NameOf = (personId: number) => string;

export function presentGlossaryEntry(entry: GlossaryRecord, nameOf: NameOf): GlossaryEntry {
  return {
    id: entry.id,
    terms: { ...entry.terms },
    definition: entry.definition,
    source: entry.source,
    status: entry.approved ? 'approved' : 'proposed',
    proposedBy: { id: entry.proposedBy, name: nameOf(entry.proposedBy) },
    approvals: entry.approvals.map((approval) => ({
      reviewer: { id: approval.reviewerId, name: nameOf(approval.reviewerId) },
      organisation: approval.organisation,
      contentHash: approval.contentHash,
      createdAt: approval.createdAt.toISOString(),
      current: approval.contentHash === entry.contentHash,
    })),
    contentHash: entry.contentHash,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}
