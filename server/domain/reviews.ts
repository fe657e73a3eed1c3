/**
 * The review workflow of a section: a lead submits it, each required organisation's reviewer
 * approves or requests changes, and a section is approved when every required organisation has
 * approved its current text. A decision stores the exact content it judged, so an approval knows
 * what it approved, and an edit after it shows as "approved, changed since".
 *
 * A decision judges the settled text: the section with its open suggestions left out (#17). A
 * reviewer suggesting on an approved section leaves it approved and current; accepting a
 * suggestion changes the settled text, and so makes the approval stale.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ApprovalState, Decision, Review, ReviewEvent } from '../../shared/api/reviews';
import { type DocumentDiff, diffDocuments } from '../../shared/document-diff';
import { jsonWithoutSuggestions } from '../../shared/suggestions';
import type { ReviewOrganisation, SectionStatus } from '../../shared/workspace';
import { isCountryGroup, isReviewOrganisation } from '../../shared/workspace';
import type { Db } from '../db/client';
import { reviews, submissions } from '../db/schema';
import type { WorkspaceEventBus } from '../events';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import type { Notifications } from './notifications';
import type { People, PersonRecord } from './people';
import { jsonOfState, type SectionContent } from './section-content';
import type { Section, Sections } from './sections';
import type { Settings } from './settings';
import { checksumOf, verifiedState } from './stored-text';
import type { Versions } from './versions';

export const MAX_MESSAGE_LENGTH = 2000;

type ReviewRow = typeof reviews.$inferSelect;

/**
 * A section's latest decision by one organisation, prepared once: every dashboard row and every
 * export asks it for each section and organisation, and building the query each time cost more
 * than running it (about 1 ms a section in an export).
 */
function latestReviewStatement(db: Db) {
  return db
    .select()
    .from(reviews)
    .where(and(eq(reviews.sectionId, sql.placeholder('sectionId')), eq(reviews.organisation, sql.placeholder('organisation'))))
    .orderBy(desc(reviews.id))
    .limit(1)
    .prepare();
}

export class Reviews {
  /** Per section, the approval (its newest decision's id) whose "changed since" was already told. */
  private readonly staleTold = new Map<string, number>();

  private readonly latestStatement: ReturnType<typeof latestReviewStatement>;

  constructor(
    private readonly db: Db,
    private readonly sections: Sections,
    private readonly content: SectionContent,
    private readonly people: People,
    private readonly settings: Settings,
    private readonly notifications: Notifications,
    private readonly audit: AuditLog,
    private readonly events: WorkspaceEventBus,
    private readonly versions: Versions,
  ) {
    this.latestStatement = latestReviewStatement(db);
    // An edited section is announced at most once a second (SectionActivity): the moment its approval can go stale.
    events.on('section-status-changed', (sectionId) => this.tellChangeSinceApproval(sectionId));
  }

  /** A stored decision in its wire shape, with the reviewer's name as it is now. */
  private present(row: ReviewRow): Review {
    return {
      id: row.id,
      sectionId: row.sectionId,
      reviewerId: row.reviewerId,
      reviewerName: this.people.find(row.reviewerId)?.name ?? '',
      organisation: row.organisation,
      decision: row.decision,
      message: row.message,
      round: row.round,
      contentHash: row.contentHash,
      createdAt: row.createdAt.toISOString(),
    };
  }

  /** A lead (or coordinator) sends the section to the reviewers, opening a new round. */
  submit(section: Section, actor: PersonRecord, message: string): ApprovalState {
    const state = this.state(section);
    if (section.status === 'in_review') throw new DomainError(409, 'this section is already in review', 'already-in-review');
    if (section.status === 'approved' && !state.stale) {
      throw new DomainError(409, 'this section is approved and unchanged since', 'already-approved');
    }
    const round = section.round + 1;
    this.db.insert(submissions).values({ sectionId: section.id, actorId: actor.id, kind: 'submitted', message: message.trim(), round }).run();
    this.sections.setStatus(section.id, 'in_review', round);
    this.versions.save(section.id, 'submission', { label: message, personId: actor.id });
    this.audit.record({ actorId: actor.id, action: 'section.submitted', target: `section:${section.id}`, detail: { round } });
    this.notifications.notify(this.reviewersAsked(), { kind: 'submitted', sectionId: section.id, actorId: actor.id, excerpt: message });
    this.changed(section.id);
    return this.state(this.sections.find(section.id)!);
  }

  /** Takes a section back out of review, before the reviewers have decided. */
  withdraw(section: Section, actor: PersonRecord): ApprovalState {
    if (section.status !== 'in_review') throw new DomainError(409, 'only a section in review can be withdrawn', 'not-in-review');
    this.db.insert(submissions).values({ sectionId: section.id, actorId: actor.id, kind: 'withdrawn', round: section.round }).run();
    this.sections.setStatus(section.id, 'draft');
    this.audit.record({ actorId: actor.id, action: 'section.withdrawn', target: `section:${section.id}` });
    // The reviewers were told of the submission: they are told it no longer waits for them.
    this.notifications.notify(this.reviewersAsked(), { kind: 'withdrawn', sectionId: section.id, actorId: actor.id });
    this.changed(section.id);
    return this.state(this.sections.find(section.id)!);
  }

  /**
   * A reviewer's decision on the text as it stands now, stored with that exact text. The stored
   * state keeps the open suggestions (it is the document as it was); the hash is the settled
   * text's, and `approvedText` reads the state back settled.
   */
  decide(section: Section, reviewer: PersonRecord, decision: Decision, message: string): ApprovalState {
    const organisation = reviewer.group;
    if (!isReviewOrganisation(organisation) || !this.required().includes(organisation)) {
      throw new DomainError(403, `${organisation} is not an organisation that approves sections`, 'not-required');
    }
    if (section.status !== 'in_review') throw new DomainError(409, 'only a section in review can be decided', 'not-in-review');
    if (decision === 'changes_requested' && message.trim() === '') {
      throw new DomainError(400, 'say what should change', 'message-required');
    }
    const snapshot = this.content.snapshot(section.id);
    this.db
      .insert(reviews)
      .values({
        sectionId: section.id,
        reviewerId: reviewer.id,
        organisation,
        decision,
        message: message.trim(),
        round: section.round,
        contentHash: snapshot.settled.hash,
        contentState: Buffer.from(snapshot.state),
        stateChecksum: checksumOf(snapshot.state),
      })
      .run();
    this.audit.record({
      actorId: reviewer.id,
      action: `section.${decision === 'approved' ? 'approved' : 'changes-requested'}`,
      target: `section:${section.id}`,
      detail: { organisation, round: section.round, contentHash: snapshot.settled.hash },
    });
    let status: SectionStatus = 'in_review';
    if (decision === 'changes_requested') status = 'changes_requested';
    else if (this.approvedByAll(section.id, snapshot.settled.hash)) status = 'approved';
    this.sections.setStatus(section.id, status);
    if (decision === 'approved') {
      this.versions.save(section.id, 'approval', { label: `${organisation}: ${reviewer.name}`, personId: reviewer.id });
    }
    // The group that drafts it, and whoever submitted this round (a coordinator may, on a group's behalf).
    this.notifications.notify([...this.drafters(section).map((person) => person.id), ...this.submitterOf(section)], {
      kind: decision === 'approved' ? 'approved' : 'changes-requested',
      sectionId: section.id,
      actorId: reviewer.id,
      excerpt: message,
    });
    this.changed(section.id);
    return this.state(this.sections.find(section.id)!);
  }

  /**
   * The approval picture of a section as every screen shows it. `settledHash`, when the caller has
   * it, is the hash of the section's settled text (`ContentSnapshot.settled.hash`).
   */
  state(section: Section, settledHash?: string): ApprovalState {
    const hash = settledHash ?? this.content.settledHash(section.id);
    const organisations: ApprovalState['organisations'] = {};
    for (const organisation of this.required()) {
      const latest = this.latest(section.id, organisation);
      organisations[organisation] = latest ? { ...this.present(latest), current: latest.contentHash === hash } : null;
    }
    const stale = section.status === 'approved' && Object.values(organisations).some((review) => !review?.current);
    return { status: section.status, stale, round: section.round, organisations };
  }

  /**
   * The text every required organisation approved last, or null when there is none: the settled
   * text they judged (`json`), and the document as it stood then, suggestions and all (`state`).
   */
  approvedText(sectionId: string): { json: Record<string, unknown>; state: Uint8Array; hash: string; reviews: Review[] } | null {
    const approvals = this.required().map((organisation) => this.latestApproval(sectionId, organisation));
    if (approvals.some((row) => !row)) return null;
    const rows = approvals as ReviewRow[];
    if (new Set(rows.map((row) => row.contentHash)).size !== 1) return null;
    const newest = rows.reduce((a, b) => (a.id > b.id ? a : b));
    const state = verifiedState(new Uint8Array(newest.contentState), newest.stateChecksum, `the text approved in review ${newest.id} of ${sectionId}`);
    return { json: jsonWithoutSuggestions(jsonOfState(state)), state, hash: newest.contentHash, reviews: rows.map((row) => this.present(row)) };
  }

  /**
   * What changed in the settled text since it was approved, or null when nothing is approved:
   * open suggestions are not changes yet, accepted ones are.
   */
  changesSinceApproval(sectionId: string): DocumentDiff | null {
    const approved = this.approvedText(sectionId);
    return approved ? diffDocuments(approved.json, this.content.snapshot(sectionId).settled.json) : null;
  }

  /** Decisions, submissions and withdrawals, newest first. */
  history(sectionId: string): ReviewEvent[] {
    const decided = this.db.select().from(reviews).where(eq(reviews.sectionId, sectionId)).orderBy(desc(reviews.id)).all();
    const submitted = this.db.select().from(submissions).where(eq(submissions.sectionId, sectionId)).orderBy(desc(submissions.id)).all();
    return [
      ...decided.map((row) => ({ type: 'decision' as const, ...this.present(row) })),
      ...submitted.map((row) => ({
        type: row.kind,
        id: row.id,
        actorId: row.actorId,
        actorName: this.people.find(row.actorId)?.name ?? '',
        message: row.message,
        round: row.round,
        createdAt: row.createdAt.toISOString(),
      })),
    ].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private required(): ReviewOrganisation[] {
    return this.settings.get().requiredOrganisations;
  }

  private latest(sectionId: string, organisation: string): ReviewRow | undefined {
    return this.latestStatement.get({ sectionId, organisation });
  }

  private latestApproval(sectionId: string, organisation: string): ReviewRow | undefined {
    const latest = this.latest(sectionId, organisation);
    return latest?.decision === 'approved' ? latest : undefined;
  }

  private approvedByAll(sectionId: string, hash: string): boolean {
    return this.required().every((organisation) => this.latestApproval(sectionId, organisation)?.contentHash === hash);
  }

  /** The active reviewers of the organisations that approve sections. */
  private reviewersAsked(): number[] {
    const required = this.required();
    return this.people
      .list()
      .filter((person) => person.active && person.role === 'reviewer' && required.includes(person.group as ReviewOrganisation))
      .map((person) => person.id);
  }

  /** Who submitted the section's current round (none for a section never submitted). */
  private submitterOf(section: Section): number[] {
    const row = this.db
      .select({ actorId: submissions.actorId })
      .from(submissions)
      .where(and(eq(submissions.sectionId, section.id), eq(submissions.kind, 'submitted'), eq(submissions.round, section.round)))
      .orderBy(desc(submissions.id))
      .limit(1)
      .get();
    return row ? [row.actorId] : [];
  }

  /**
   * The first change to an approved text tells the leads of the groups that draft the section
   * (every country group's lead for a regional module, which all groups draft) and the reviewers
   * who approved it: once per approval, so later edits, or edits after a revert, stay quiet. It
   * runs on the event bus, after the edit is stored: a failure is logged, never thrown at the editor.
   */
  private tellChangeSinceApproval(sectionId: string): void {
    try {
      const section = this.sections.find(sectionId);
      if (section?.status !== 'approved') return;
      const approvals = this.required()
        .map((organisation) => this.latestApproval(sectionId, organisation))
        .filter((row): row is ReviewRow => row !== undefined);
      if (approvals.length === 0) return;
      const newest = approvals.reduce((a, b) => (a.id > b.id ? a : b));
      if (this.staleTold.get(sectionId) === newest.id) return;
      if (this.content.settledHash(sectionId) === newest.contentHash) return;
      this.staleTold.set(sectionId, newest.id);
      // After a restart the map is empty: the stored notifications still know.
      if (this.notifications.sentSince('approval-stale', sectionId, newest.createdAt)) return;
      const leads = this.drafters(section).filter((person) => person.role === 'lead');
      this.notifications.notify([...leads.map((person) => person.id), ...approvals.map((row) => row.reviewerId)], {
        kind: 'approval-stale',
        sectionId,
        actorId: section.lastEditedBy ?? undefined,
      });
    } catch (error) {
      console.error(`[reviews] telling that ${sectionId} changed since approval failed`, error);
    }
  }

  /** The people who draft a section: its country group, or every working group for a regional module. */
  private drafters(section: Section): PersonRecord[] {
    return this.people
      .list()
      .filter(
        (person) =>
          person.active &&
          (person.role === 'member' || person.role === 'lead') &&
          isCountryGroup(person.group) &&
          (section.group === null || section.group === person.group),
      );
  }

  private changed(sectionId: string): void {
    this.events.emit('section-status-changed', sectionId);
  }
}
