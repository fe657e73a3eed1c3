/**
 * The wire contract (shared/api) is what the server sends, exactly. Two kinds of check:
 *
 * - At the type level (`npm run typecheck`; Jest only transpiles): each key list below must name
 *   every field of its shared/api type and nothing else, and what the domain hands the routes and
 *   the event bus must still be the contract's shape, so a domain type that drifts from its wire
 *   type fails to compile.
 * - At run time: every presenter, given a record that carries more than the contract (as domain
 *   records and lookups do), returns exactly the contract's keys, nested objects included, as
 *   plain JSON. A spread that leaks a field fails here, although TypeScript accepts it.
 */
import type {
  ApprovalState,
  Attribution,
  AuditEntry,
  Comment,
  CreatedInvitation,
  DashboardOverview,
  DashboardRow,
  DocumentDiff,
  ExportJob,
  Invitation,
  ManagedPerson,
  Me,
  Notification,
  OpenSuggestion,
  OrganisationDecision,
  Person,
  Review,
  ReviewEvent,
  Section,
  ServerToClientEvents,
  SuggestionDecision,
  Thread,
  TranslationCounts,
  TranslationProgress,
  Version,
  VersionWithContent,
  WorkspaceSettings,
  TemplateState,
  XliffImportResult,
} from '../../shared/api';
import type { LanguageSettings } from '../../shared/languages';
import type { AuditEntry as AuditRecord } from '../../server/domain/audit';
import type { Invitation as InvitationRecord } from '../../server/domain/invitations';
import type { PersonRecord } from '../../server/domain/people';
import type { Section as SectionRecord } from '../../server/domain/sections';
import type { WorkspaceEvents } from '../../server/events';
import type { ExportJobs } from '../../server/exports/jobs';
import type { Services } from '../../server/http/context';
import {
  presentApprovalState,
  presentApprovedText,
  presentAttribution,
  presentAuditPage,
  presentComment,
  presentCreatedInvitation,
  presentDashboard,
  presentDocumentDiff,
  presentExportJob,
  presentInvitation,
  presentManagedPerson,
  presentMe,
  presentNotificationList,
  presentPerson,
  presentReviewHistory,
  presentSection,
  presentSettings,
  presentSuggestion,
  presentSuggestionDecision,
  presentThread,
  presentUnreadCount,
  presentVersion,
  presentVersionWithContent,
} from '../../server/http/presenters';
import { presentTranslationProgress, presentXliffImport } from '../../server/http/presenters/translations';
import type { ReviewDeps } from '../../server/http/routes/reviews';
import type { TranslationRouteDeps } from '../../server/http/routes/translations';
import type { SuggestionDeps } from '../../server/http/routes/suggestions';
import type { VersionDeps } from '../../server/http/routes/versions';

// ---------------------------------------------------------------------------------------------
// Type level
// ---------------------------------------------------------------------------------------------

/** True when each type is assignable to the other: the same fields, of the same types. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only when given `true`. */
const sameShape = <T extends true>(): T | undefined => undefined;

/**
 * The keys of T, as a sorted list at run time. The argument must name every key of T and no
 * other, or the call does not compile: the list cannot fall behind the type.
 */
function keysOf<T>() {
  return <K extends Record<keyof T, true>>(keys: K & Record<Exclude<keyof K, keyof T>, never>): string[] => Object.keys(keys).sort();
}

const ME = keysOf<Me>()({ id: true, email: true, name: true, role: true, group: true, colour: true, locale: true, workspace: true });
const PERSON = keysOf<Person>()({ id: true, name: true, role: true, group: true, colour: true });
const MANAGED_PERSON = keysOf<ManagedPerson>()({
  id: true,
  name: true,
  role: true,
  group: true,
  colour: true,
  email: true,
  active: true,
  lastActiveAt: true,
  createdAt: true,
});
const INVITATION = keysOf<Invitation>()({ email: true, role: true, group: true, expiresAt: true });
const CREATED_INVITATION = keysOf<CreatedInvitation>()({ email: true, role: true, group: true, expiresAt: true, link: true });
const AUDIT_ENTRY = keysOf<AuditEntry>()({
  id: true,
  at: true,
  actorId: true,
  actorName: true,
  action: true,
  target: true,
  targetName: true,
  detail: true,
  hash: true,
});
const SECTION = keysOf<Section>()({
  id: true,
  part: true,
  position: true,
  title: true,
  titles: true,
  group: true,
  status: true,
  openComments: true,
  suggestionsOnly: true,
  permissions: true,
  template: true,
});
const COMMENT = keysOf<Comment>()({
  id: true,
  threadId: true,
  authorId: true,
  body: true,
  mentions: true,
  createdAt: true,
  editedAt: true,
  deleted: true,
});
const THREAD = keysOf<Thread>()({
  id: true,
  sectionId: true,
  lang: true,
  anchor: true,
  quote: true,
  createdBy: true,
  createdAt: true,
  resolved: true,
  comments: true,
});
const NOTIFICATION = keysOf<Notification>()({
  id: true,
  kind: true,
  sectionId: true,
  threadId: true,
  actorId: true,
  actorName: true,
  sectionTitle: true,
  excerpt: true,
  createdAt: true,
  read: true,
});
const REVIEW_FIELDS = {
  id: true,
  sectionId: true,
  reviewerId: true,
  reviewerName: true,
  organisation: true,
  decision: true,
  message: true,
  round: true,
  contentHash: true,
  createdAt: true,
} as const;
const REVIEW = keysOf<Review>()(REVIEW_FIELDS);
const ORGANISATION_DECISION = keysOf<OrganisationDecision>()({ ...REVIEW_FIELDS, current: true });
const DECISION_EVENT = keysOf<Extract<ReviewEvent, { type: 'decision' }>>()({ ...REVIEW_FIELDS, type: true });
const APPROVAL_STATE = keysOf<ApprovalState>()({ status: true, stale: true, round: true, organisations: true });
const SUBMISSION_EVENT = keysOf<Extract<ReviewEvent, { type: 'submitted' | 'withdrawn' }>>()({
  type: true,
  id: true,
  actorId: true,
  actorName: true,
  message: true,
  round: true,
  createdAt: true,
});
const SETTINGS = keysOf<WorkspaceSettings>()({ deadline: true, requiredOrganisations: true, otherGroupsSuggest: true, languages: true, nationalTemplate: true });
const TEMPLATE_STATE = keysOf<TemplateState>()({ required: true, present: true, filled: true, missing: true });
const LANGUAGE_SETTINGS = keysOf<LanguageSettings>()({ source: true, targets: true });
const TRANSLATION_PROGRESS = keysOf<TranslationProgress>()({ lang: true, blocks: true, current: true, stale: true, missing: true, orphaned: true, againstApproved: true });
const TRANSLATION_COUNTS = keysOf<TranslationCounts>()({ blocks: true, stale: true, missing: true });
const XLIFF_IMPORT = keysOf<XliffImportResult>()({ updated: true, inserted: true, unchanged: true });
const DASHBOARD = keysOf<DashboardOverview>()({
  deadline: true,
  requiredOrganisations: true,
  otherGroupsSuggest: true,
  languages: true,
  nationalTemplate: true,
  today: true,
  daysLeft: true,
  sections: true,
});
const DASHBOARD_ROW = keysOf<DashboardRow>()({
  id: true,
  part: true,
  position: true,
  title: true,
  group: true,
  approval: true,
  openComments: true,
  openSuggestions: true,
  lastEdit: true,
  words: true,
  brokenReferences: true,
  template: true,
  translations: true,
});
const VERSION_FIELDS = {
  id: true,
  sectionId: true,
  kind: true,
  label: true,
  createdBy: true,
  authors: true,
  words: true,
  insertions: true,
  deletions: true,
  contentHash: true,
  createdAt: true,
  size: true,
} as const;
const VERSION = keysOf<Version>()(VERSION_FIELDS);
const VERSION_WITH_CONTENT = keysOf<VersionWithContent>()({ ...VERSION_FIELDS, content: true });
const DIFF = keysOf<DocumentDiff>()({ blocks: true, insertions: true, deletions: true, moves: true, formatChanges: true });
const OPEN_SUGGESTION = keysOf<OpenSuggestion>()({ id: true, author: true, authorName: true, kind: true, text: true, at: true });
const SUGGESTION_DECISION = keysOf<SuggestionDecision>()({ decision: true, count: true, ids: true });
const EXPORT_JOB = keysOf<ExportJob>()({ id: true, status: true, progress: true, fileName: true, error: true, expiresAt: true });

// What the domain hands the routes and the bus is still the contract's shape (declared, for now,
// in places of their own: these fail to compile the day one of them drifts).
sameShape<Same<ReturnType<VersionDeps['versions']['list']>[number], Version>>();
sameShape<Same<NonNullable<ReturnType<VersionDeps['versions']['find']>>, VersionWithContent>>();
sameShape<Same<ReturnType<VersionDeps['authors']['attribution']>, Attribution>>();
sameShape<Same<ReturnType<Services['notifications']['list']>['items'][number], Notification>>();
sameShape<Same<WorkspaceEvents['notification-created'][1], Parameters<ServerToClientEvents['notification:new']>[0]>>();
sameShape<Same<NonNullable<ReturnType<ExportJobs['find']>>, ExportJob>>();
sameShape<Same<ReturnType<ReviewDeps['dashboard']['row']>, Parameters<ServerToClientEvents['section:updated']>[0]>>();
sameShape<Same<NonNullable<ReturnType<Services['comments']['thread']>>, Parameters<ServerToClientEvents['thread:changed']>[0]>>();
sameShape<Same<ReturnType<SuggestionDeps['suggestions']['list']>[number], OpenSuggestion>>();
sameShape<Same<ReturnType<TranslationRouteDeps['translations']['status']>[number], TranslationProgress>>();
sameShape<Same<ReturnType<TranslationRouteDeps['translations']['importXliff']>, XliffImportResult>>();

// ---------------------------------------------------------------------------------------------
// Run time
// ---------------------------------------------------------------------------------------------

const keys = (value: object) => Object.keys(value).sort();

/** Presenter output is plain JSON: it survives the trip over the wire unchanged (no Date, no undefined). */
const expectPlainJson = (value: unknown) => expect(JSON.parse(JSON.stringify(value))).toEqual(value);

/** A record with a field the contract does not name, as domain rows and lookups carry. */
const withExtra = <T extends object>(record: T): T => ({ ...record, internal: 'never on the wire' });

const when = new Date('2026-06-03T14:05:00Z');
const iso = when.toISOString();

const person: PersonRecord = withExtra({
  id: 7,
  email: 'aigerim@example.kz',
  name: 'Айгерім',
  role: 'member',
  group: 'KZ',
  active: true,
  colour: '#336699',
  locale: 'ru',
  lastActiveAt: when,
  createdAt: when,
});

const review: Review = withExtra({
  id: 3,
  sectionId: 'national-kz',
  reviewerId: 9,
  reviewerName: 'Anna Keller',
  organisation: 'IOM',
  decision: 'approved',
  message: '',
  round: 1,
  contentHash: 'abc',
  createdAt: iso,
});

const approval: ApprovalState = withExtra({
  status: 'approved',
  stale: false,
  round: 1,
  organisations: { IOM: withExtra({ ...review, current: true }), TSPC: null },
});

const comment: Comment = withExtra({
  id: 11,
  threadId: 5,
  authorId: 7,
  body: 'Please cite the 2011 law.',
  mentions: [],
  createdAt: iso,
  editedAt: null,
  deleted: false,
});

const thread: Thread = withExtra({
  id: 5,
  sectionId: 'national-kz',
  lang: '',
  anchor: withExtra({ start: 'AQEAAA==', end: 'AQEFAA==' }),
  quote: 'Закон',
  createdBy: 7,
  createdAt: iso,
  resolved: null,
  comments: [comment],
});

const version: Version = withExtra({
  id: 2,
  sectionId: 'national-kg',
  kind: 'named',
  label: 'sent to ministry',
  createdBy: withExtra({ id: 7, name: 'Айгерім' }),
  authors: [withExtra({ id: 7, name: 'Айгерім' })],
  words: 120,
  insertions: 3,
  deletions: 1,
  contentHash: 'def',
  createdAt: iso,
  size: 512,
});

const row: DashboardRow = withExtra({
  id: 'national-kz',
  part: 2,
  position: 1,
  title: 'Kazakhstan',
  group: 'KZ',
  approval,
  openComments: 2,
  openSuggestions: 3,
  lastEdit: withExtra({ at: iso, by: 'Айгерім' }),
  words: 120,
  brokenReferences: 0,
  template: withExtra({ required: 5, present: 4, filled: 3, missing: ['sources'] }),
  translations: [withExtra({ lang: 'en' as const, blocks: 6, current: 4, stale: 1, missing: 1 })],
});

const diff: DocumentDiff = withExtra({
  blocks: [
    withExtra({ kind: 'paragraph', level: null, change: 'changed', segments: [withExtra({ text: 'миграции', change: 'delete' })] }),
    withExtra({
      kind: 'table cell',
      level: null,
      change: 'changed',
      segments: [withExtra({ text: 'IOM', change: 'format', marks: [withExtra({ type: 'link', href: 'https://www.iom.int/' })], formerMarks: [withExtra({ type: 'bold' })] })],
      cell: withExtra({ table: 0, row: 1, column: 2, header: false }),
      list: withExtra({ kind: 'ordered' as const, depth: 1, itemStart: true, start: 3 }),
    }),
  ],
  insertions: 1,
  deletions: 1,
  moves: 0,
  formatChanges: 1,
});

describe('every presenter returns exactly the fields of its shared/api type', () => {
  test('people: oneself, a colleague, and a colleague as a coordinator sees them', () => {
    for (const [presented, expected] of [
      [presentMe(person, '0123abcd'), ME],
      [presentPerson(person), PERSON],
      [presentManagedPerson(person), MANAGED_PERSON],
    ] as const) {
      expect(keys(presented)).toEqual(expected);
      expectPlainJson(presented);
    }
    expect(presentManagedPerson({ ...person, lastActiveAt: null }).lastActiveAt).toBeNull();
  });

  test('invitations never show more than the address, role, group and expiry (and the link once)', () => {
    const invitation: InvitationRecord = withExtra({ email: 'new@example.kg', role: 'lead', group: 'KG', expiresAt: when });
    expect(keys(presentInvitation(invitation))).toEqual(INVITATION);
    expect(keys(presentCreatedInvitation(invitation, 'http://localhost/invite/x'))).toEqual(CREATED_INVITATION);
    expectPlainJson(presentCreatedInvitation(invitation, 'http://localhost/invite/x'));
  });

  test('audit entries carry their actor’s name, and the page the chain’s verdict', () => {
    const entry: AuditRecord = withExtra({ id: 1, at: when, actorId: 7, action: 'sign-in.succeeded', target: null, detail: {}, hash: 'h' });
    const page = presentAuditPage([entry, { ...entry, id: 2, actorId: null }], new Map([[7, 'Айгерім']]), true);
    expect(keys(page)).toEqual(['chainIntact', 'entries']);
    for (const presented of page.entries) expect(keys(presented)).toEqual(AUDIT_ENTRY);
    expect(page.entries.map((presented) => presented.actorName)).toEqual(['Айгерім', null]);
    expectPlainJson(page);
  });

  test('a section: the contract fields, open comments and the viewer’s permissions', () => {
    const section: SectionRecord = withExtra({
      id: 'national-kz',
      part: 2,
      position: 1,
      title: 'Kazakhstan',
      titles: withExtra({ en: 'Kazakhstan', ru: 'Казахстан' }),
      group: 'KZ',
      status: 'draft',
      round: 0,
      lastEditedAt: when,
      lastEditedBy: 7,
      suggestionsOnly: true,
      otherGroupsSuggest: false,
    });
    const presented = presentSection(section, person, 2);
    expect(keys(presented)).toEqual(SECTION);
    expect(keys(presented.permissions)).toEqual(['comment', 'decide', 'edit', 'submit']);
    expect(keys(presented.titles)).toEqual(['en', 'ru']);
    expectPlainJson(presented);
  });

  test('a thread and its comments, without what a lookup adds (the comment’s section)', () => {
    const presented = presentThread({ ...thread, comments: [{ ...comment, sectionId: 'national-kz' } as Comment] });
    expect(keys(presented)).toEqual(THREAD);
    expect(keys(presented.anchor)).toEqual(['end', 'start']);
    expect(keys(presented.comments[0])).toEqual(COMMENT);
    expect(keys(presentComment(comment))).toEqual(COMMENT);
    expect(keys(presentThread({ ...thread, resolved: withExtra({ at: iso, by: 7 }) }).resolved!)).toEqual(['at', 'by']);
    expectPlainJson(presented);
  });

  test('notifications and the unread count', () => {
    const notification: Notification = withExtra({
      id: 1,
      kind: 'mention',
      sectionId: 'regional-1',
      threadId: 5,
      actorId: 9,
      actorName: 'Anna Keller',
      sectionTitle: 'Basic concepts',
      excerpt: '@Айгерім could you check?',
      createdAt: iso,
      read: false,
    });
    const list = presentNotificationList(withExtra({ items: [notification], unread: 1 }));
    expect(keys(list)).toEqual(['items', 'unread']);
    expect(keys(list.items[0])).toEqual(NOTIFICATION);
    expect(presentUnreadCount(0)).toEqual({ unread: 0 });
    expectPlainJson(list);
  });

  test('the review workflow: approval state, history, approved text', () => {
    const state = presentApprovalState(approval);
    expect(keys(state)).toEqual(APPROVAL_STATE);
    expect(keys(state.organisations.IOM!)).toEqual(ORGANISATION_DECISION);
    expect(state.organisations.TSPC).toBeNull();

    const submitted: ReviewEvent = withExtra({
      type: 'submitted' as const,
      id: 4,
      actorId: 7,
      actorName: 'Ерлан',
      message: 'Ready',
      round: 1,
      createdAt: iso,
    });
    const history = presentReviewHistory(approval, [withExtra({ type: 'decision' as const, ...review }), submitted]);
    expect(keys(history)).toEqual(['history', 'state']);
    expect(keys(history.history[0])).toEqual(DECISION_EVENT);
    expect(keys(history.history[1])).toEqual(SUBMISSION_EVENT);

    // As the domain gives it: the Yjs state too, which stays on the server.
    const approvedText = { json: { type: 'doc', content: [] }, state: new Uint8Array([1]), hash: 'abc', reviews: [review] };
    const approved = presentApprovedText(approvedText);
    expect(keys(approved)).toEqual(['content', 'hash', 'reviews']);
    expect(keys(approved.reviews[0])).toEqual(REVIEW);
    expectPlainJson({ state, history, approved });
  });

  test('the dashboard and the settings', () => {
    const languages = withExtra({ source: 'ru' as const, targets: ['en' as const, 'kk' as const] });
    const nationalTemplate = [withExtra({ key: 'sources', title: withExtra({ en: 'Sources', ru: 'Источники' }) })];
    const overview = presentDashboard(withExtra({ deadline: '2026-09-15', requiredOrganisations: ['IOM' as const], otherGroupsSuggest: false, languages, nationalTemplate, today: '2026-06-03', daysLeft: 104, sections: [row] }));
    expect(keys(overview)).toEqual(DASHBOARD);
    expect(keys(overview.sections[0])).toEqual(DASHBOARD_ROW);
    expect(keys(overview.sections[0].lastEdit!)).toEqual(['at', 'by']);
    expect(keys(overview.sections[0].approval)).toEqual(APPROVAL_STATE);
    expect(keys(overview.languages)).toEqual(LANGUAGE_SETTINGS);
    expect(keys(overview.sections[0].template!)).toEqual(TEMPLATE_STATE);
    expect(keys(overview.sections[0].translations[0])).toEqual(['blocks', 'current', 'lang', 'missing', 'stale']);
    expect(overview.nationalTemplate).toEqual([{ key: 'sources', title: { en: 'Sources', ru: 'Источники' } }]);
    const settings = presentSettings(withExtra({ deadline: '2026-09-15', requiredOrganisations: ['IOM' as const], otherGroupsSuggest: true, languages, nationalTemplate }));
    expect(keys(settings)).toEqual(SETTINGS);
    // GET /api/settings carries the languages as the contract says: {source, targets: [...]}.
    expect(settings.languages).toEqual({ source: 'ru', targets: ['en', 'kk'] });
    expect(keys(settings.languages)).toEqual(LANGUAGE_SETTINGS);
    expectPlainJson(overview);
    expectPlainJson(settings);
  });

  test('versions, with and without their text; comparisons; attribution', () => {
    const withContent = { ...version, content: { type: 'doc', content: [] } };
    expect(keys(presentVersion(withContent))).toEqual(VERSION);
    expect(keys(presentVersionWithContent(withContent))).toEqual(VERSION_WITH_CONTENT);
    expect(keys(presentVersion(version).createdBy!)).toEqual(['id', 'name']);
    expect(keys(presentVersion(version).authors[0])).toEqual(['id', 'name']);

    const presentedDiff = presentDocumentDiff(diff);
    expect(keys(presentedDiff)).toEqual(DIFF);
    expect(keys(presentedDiff.blocks[0])).toEqual(['change', 'kind', 'level', 'segments']);
    expect(keys(presentedDiff.blocks[0].segments[0])).toEqual(['change', 'text']);
    expect(keys(presentedDiff.blocks[1])).toEqual(['cell', 'change', 'kind', 'level', 'list', 'segments']);
    expect(keys(presentedDiff.blocks[1].segments[0])).toEqual(['change', 'formerMarks', 'marks', 'text']);
    expect(keys(presentedDiff.blocks[1].segments[0].marks![0])).toEqual(['href', 'type']);
    expect(keys(presentedDiff.blocks[1].cell!)).toEqual(['column', 'header', 'row', 'table']);
    expect(keys(presentedDiff.blocks[1].list!)).toEqual(['depth', 'itemStart', 'kind', 'start']);

    const attribution = presentAttribution(
      withExtra({
        blocks: [withExtra({ kind: 'paragraph', level: null, runs: [withExtra({ text: 'Алия', personId: 7 })] })],
        people: [withExtra({ id: 7, name: 'Алия', colour: '#336699', characters: 4 })],
      }),
    );
    expect(keys(attribution)).toEqual(['blocks', 'people']);
    expect(keys(attribution.blocks[0])).toEqual(['kind', 'level', 'runs']);
    expect(keys(attribution.blocks[0].runs[0])).toEqual(['personId', 'text']);
    expect(keys(attribution.people[0])).toEqual(['characters', 'colour', 'id', 'name']);
    expectPlainJson({ version: presentVersionWithContent(withContent), presentedDiff, attribution });
  });

  test('suggestions: an open one, and what a decision decided', () => {
    const suggestion: OpenSuggestion = withExtra({ id: 's1', author: 7, authorName: 'Айгерім', kind: 'insert' as const, text: 'см. ст. 12', at: iso });
    expect(keys(presentSuggestion(suggestion))).toEqual(OPEN_SUGGESTION);
    expect(presentSuggestion({ ...suggestion, at: null }).at).toBeNull();
    const decision = presentSuggestionDecision(withExtra({ decision: 'accepted' as const, count: 1, ids: ['s1'] }));
    expect(keys(decision)).toEqual(SUGGESTION_DECISION);
    expectPlainJson({ suggestion: presentSuggestion(suggestion), decision });
  });

  test('an export job as its owner sees it', () => {
    const job = presentExportJob(withExtra({ id: 'j1', status: 'done' as const, progress: 1, fileName: 'syllabus.pdf', error: null, expiresAt: iso }));
    expect(keys(job)).toEqual(EXPORT_JOB);
    expectPlainJson(job);
  });

  test('a section’s translations: each language’s progress (against the approved text too) and what an XLIFF import did', () => {
    const counts = withExtra({ blocks: 4, stale: 1, missing: 0 });
    const progress = presentTranslationProgress(withExtra({ lang: 'en' as const, ...counts, current: 3, orphaned: 0, againstApproved: counts }));
    expect(keys(progress)).toEqual(TRANSLATION_PROGRESS);
    expect(keys(progress.againstApproved as object)).toEqual(TRANSLATION_COUNTS);
    expect(presentTranslationProgress({ ...progress, againstApproved: null }).againstApproved).toBeNull();
    expect(presentTranslationProgress({ ...progress, againstApproved: 'unknown' }).againstApproved).toBe('unknown');
    const imported = presentXliffImport(withExtra({ updated: 1, inserted: 0, unchanged: 3 }));
    expect(keys(imported)).toEqual(XLIFF_IMPORT);
    expectPlainJson({ progress, imported });
  });
});
