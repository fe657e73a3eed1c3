/**
 * The shared glossary (#20): the course's "basic concepts and terminology". An entry holds the
 * term in each workspace language, a definition and a source, and who proposed it. Reviewers
 * approve an entry the way they approve a section: one approval per required organisation, bound
 * to a hash of the exact wording it judged. An edit changes the hash, so the entry is `proposed`
 * again while the approvals stay as history; they count again only if the wording returns to what
 * they approved. Status is therefore never stored: it is read off the hashes.
 *
 * Rules of who may do what are the policy module's (`mayGlossary`); this service checks the data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { LANGUAGES, type LanguageCode } from '../../shared/languages';
import { isReviewOrganisation } from '../../shared/workspace';
import type { Db } from '../db/client';
import { glossaryApprovals, glossaryEntries } from '../db/schema';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import type { PersonRecord } from './people';
import type { Settings } from './settings';

export type GlossaryTerms = Partial<Record<LanguageCode, string>>;

/** The wording of an entry: what is proposed, edited and approved. Already checked by the route. */
export interface GlossaryWording {
  terms: GlossaryTerms;
  definition: string;
  source: string;
}

export interface GlossaryApprovalRecord {
  reviewerId: number;
  organisation: string;
  contentHash: string;
  createdAt: Date;
}

export interface GlossaryRecord extends GlossaryWording {
  id: string;
  proposedBy: number;
  contentHash: string;
  /** Newest first, stale ones included. */
  approvals: GlossaryApprovalRecord[];
  /** Every required organisation approved the current wording. */
  approved: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type EntryRow = typeof glossaryEntries.$inferSelect;
type ApprovalRow = typeof glossaryApprovals.$inferSelect;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 10;

/** A new entry id: 10 random characters of [a-z0-9] (about 51 bits: no collision in a glossary's life). */
function newEntryId(): string {
  return [...randomBytes(ID_LENGTH)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** Ids as `newEntryId` makes them; anything else cannot name an entry (the routes answer 404). */
export const ENTRY_ID = /^[a-z0-9]{1,32}$/;

/** The terms in the languages' fixed order, so the same wording always hashes the same. */
function orderedTerms(terms: GlossaryTerms): [LanguageCode, string][] {
  return LANGUAGES.flatMap((lang) => (terms[lang] ? [[lang, terms[lang]] as [LanguageCode, string]] : []));
}

/** The hash an approval is bound to: terms + definition + source, canonically ordered. */
export function wordingHash(wording: GlossaryWording): string {
  const canonical = JSON.stringify([orderedTerms(wording.terms), wording.definition, wording.source]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** A short name of an entry for the audit trail: its first term in the languages' order. */
function label(terms: GlossaryTerms): string {
  return orderedTerms(terms)[0]?.[1] ?? '';
}

export class Glossary {
  constructor(
    private readonly deps: {
      db: Db;
      settings: Pick<Settings, 'get'>;
      audit: AuditLog;
    },
  ) {}

  /** Every entry, oldest first (the page sorts them in the reader's language). */
  list(): GlossaryRecord[] {
    const { db } = this.deps;
    const approvals = new Map<string, ApprovalRow[]>();
    for (const row of db.select().from(glossaryApprovals).orderBy(desc(glossaryApprovals.id)).all()) {
      const list = approvals.get(row.entryId) ?? [];
      list.push(row);
      approvals.set(row.entryId, list);
    }
    const required = this.required();
    return db
      .select()
      .from(glossaryEntries)
      .orderBy(glossaryEntries.createdAt, glossaryEntries.id)
      .all()
      .map((row) => this.record(row, approvals.get(row.id) ?? [], required));
  }

  /** One entry, or null when there is none with this id. */
  find(id: string): GlossaryRecord | null {
    if (!ENTRY_ID.test(id)) return null;
    const { db } = this.deps;
    const row = db.select().from(glossaryEntries).where(eq(glossaryEntries.id, id)).get();
    if (!row) return null;
    const approvals = db.select().from(glossaryApprovals).where(eq(glossaryApprovals.entryId, id)).orderBy(desc(glossaryApprovals.id)).all();
    return this.record(row, approvals, this.required());
  }

  /** A new entry, proposed by `actor`. */
  propose(wording: GlossaryWording, actor: PersonRecord): GlossaryRecord {
    const id = newEntryId();
    const contentHash = wordingHash(wording);
    const now = new Date();
    this.deps.db
      .insert(glossaryEntries)
      .values({ id, terms: JSON.stringify(Object.fromEntries(orderedTerms(wording.terms))), definition: wording.definition, source: wording.source, proposedBy: actor.id, contentHash, createdAt: now, updatedAt: now })
      .run();
    this.deps.audit.record({ actorId: actor.id, action: 'glossary.proposed', target: `glossary:${id}`, detail: { term: label(wording.terms) } });
    return this.find(id)!;
  }

  /**
   * Changes an entry's wording (the fields given; `terms` whole). An unchanged wording is no edit:
   * nothing is written. A changed one leaves the approvals in place, no longer current.
   */
  edit(entry: GlossaryRecord, change: Partial<GlossaryWording>, actor: PersonRecord): GlossaryRecord {
    const wording: GlossaryWording = {
      terms: change.terms ?? entry.terms,
      definition: change.definition ?? entry.definition,
      source: change.source ?? entry.source,
    };
    const contentHash = wordingHash(wording);
    if (contentHash === entry.contentHash) return entry;
    this.deps.db
      .update(glossaryEntries)
      .set({ terms: JSON.stringify(Object.fromEntries(orderedTerms(wording.terms))), definition: wording.definition, source: wording.source, contentHash, updatedAt: new Date() })
      .where(eq(glossaryEntries.id, entry.id))
      .run();
    this.deps.audit.record({
      actorId: actor.id,
      action: 'glossary.edited',
      target: `glossary:${entry.id}`,
      detail: { term: label(wording.terms), wasApproved: entry.approved },
    });
    return this.find(entry.id)!;
  }

  /**
   * The reviewer's organisation approves the entry's current wording. `seenHash`, when given, is
   * the wording the reviewer had on screen: if the entry changed since, they did not read what
   * they would approve, and the approval is refused (409) rather than bound to other words.
   */
  approve(entry: GlossaryRecord, reviewer: PersonRecord, seenHash: string | null): GlossaryRecord {
    const organisation = reviewer.group;
    if (!isReviewOrganisation(organisation) || !this.required().includes(organisation)) {
      throw new DomainError(403, `${organisation} is not an organisation that approves`, 'not-required');
    }
    if (seenHash !== null && seenHash !== entry.contentHash) {
      throw new DomainError(409, 'this entry changed after you opened it: read it again before approving', 'changed');
    }
    if (entry.approvals.some((approval) => approval.organisation === organisation && approval.contentHash === entry.contentHash)) {
      throw new DomainError(409, `${organisation} has already approved this wording`, 'already-approved');
    }
    this.deps.db.insert(glossaryApprovals).values({ entryId: entry.id, reviewerId: reviewer.id, organisation, contentHash: entry.contentHash }).run();
    this.deps.audit.record({
      actorId: reviewer.id,
      action: 'glossary.approved',
      target: `glossary:${entry.id}`,
      detail: { term: label(entry.terms), organisation, contentHash: entry.contentHash },
    });
    return this.find(entry.id)!;
  }

  /** Removes an entry and its approvals; the audit keeps its first term. */
  remove(entry: GlossaryRecord, actor: PersonRecord): void {
    const { db } = this.deps;
    db.delete(glossaryApprovals).where(eq(glossaryApprovals.entryId, entry.id)).run();
    db.delete(glossaryEntries).where(eq(glossaryEntries.id, entry.id)).run();
    this.deps.audit.record({ actorId: actor.id, action: 'glossary.deleted', target: `glossary:${entry.id}`, detail: { term: label(entry.terms) } });
  }

  private required(): string[] {
    return this.deps.settings.get().requiredOrganisations;
  }

  private record(row: EntryRow, approvals: ApprovalRow[], required: string[]): GlossaryRecord {
    const current = new Set(approvals.filter((approval) => approval.contentHash === row.contentHash).map((approval) => approval.organisation));
    return {
      id: row.id,
      terms: JSON.parse(row.terms) as GlossaryTerms,
      definition: row.definition,
      source: row.source,
      proposedBy: row.proposedBy,
      contentHash: row.contentHash,
      approvals: approvals.map((approval) => ({
        reviewerId: approval.reviewerId,
        organisation: approval.organisation,
        contentHash: approval.contentHash,
        createdAt: approval.createdAt,
      })),
      approved: required.length > 0 && required.every((organisation) => current.has(organisation)),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
