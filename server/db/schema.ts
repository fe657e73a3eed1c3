/**
 * The relational schema. drizzle-kit generates the SQL migrations in `migrations/` from this file
 * (`npm run db:generate`); the server applies them at start. Times are UTC milliseconds.
 */
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date());

/** Country working groups and the reviewing organisations. */
export const groups = sqliteTable('groups', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['country', 'organisation'] }).notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['member', 'lead', 'reviewer', 'coordinator'] }).notNull(),
    groupCode: text('group_code')
      .notNull()
      .references(() => groups.code),
    /** argon2id PHC string; null until an invited person sets a password. */
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    locale: text('locale').notNull().default('en'),
    createdAt: createdAt(),
    lastActiveAt: integer('last_active_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);

/** Server-side sessions; only a SHA-256 of the cookie value is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const sections = sqliteTable('sections', {
  id: text('id').primaryKey(),
  part: integer('part').notNull(),
  position: integer('position').notNull(),
  /** The English title; `titleRu` is the Russian one (empty until someone gives it). */
  title: text('title').notNull(),
  titleRu: text('title_ru').notNull().default(''),
  groupCode: text('group_code').references(() => groups.code),
  status: text('status', { enum: ['draft', 'in_review', 'changes_requested', 'approved'] })
    .notNull()
    .default('draft'),
  /** Review rounds so far: each submission opens a new one. */
  round: integer('round').notNull().default(0),
  lastEditedAt: integer('last_edited_at', { mode: 'timestamp_ms' }),
  lastEditedBy: integer('last_edited_by').references(() => users.id),
  /** "Suggestions only" (#17): everyone who may edit the section suggests instead. */
  suggestionsOnly: integer('suggestions_only', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

/**
 * The titles of the course and of its two parts, in English and Russian, edited by coordinators.
 * Keys: 'course', 'part-1', 'part-2'. (Section titles live on their section.)
 */
export const outlineTitles = sqliteTable('outline_titles', {
  key: text('key').primaryKey(),
  titleEn: text('title_en').notNull(),
  titleRu: text('title_ru').notNull(),
});

/**
 * The durable update log of each section's Y.Doc: every accepted update is one row, appended before
 * it is broadcast; compaction replaces a section's rows by one merged row.
 */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    // A plain row id, not AUTOINCREMENT: that keeps a second table of counters, one more page
    // written by every append (~20 µs of each commit). Row ids only grow while rows are appended;
    // a compaction deletes a section's rows and appends its merged row after every other row, so
    // order within a section holds.
    seq: integer('seq').primaryKey(),
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    /** The document's language (#19): '' for the source language's, else a translation's code. */
    lang: text('lang').notNull().default(''),
    update: blob('update', { mode: 'buffer' }).notNull(),
    /** SHA-256 of `update`, hex: lets a section load check its stored state without decoding it. */
    checksum: text('checksum'),
    createdAt: createdAt(),
  },
  (t) => [index('doc_updates_section_seq').on(t.sectionId, t.lang, t.seq)],
);

/** Workspace settings as JSON values (deadline, required organisations). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Single-use invitations; only a SHA-256 of the token is stored. */
export const invitations = sqliteTable('invitations', {
  tokenHash: text('token_hash').primaryKey(),
  email: text('email').notNull(),
  role: text('role', { enum: ['member', 'lead', 'reviewer', 'coordinator'] }).notNull(),
  groupCode: text('group_code')
    .notNull()
    .references(() => groups.code),
  invitedBy: integer('invited_by').references(() => users.id),
  createdAt: createdAt(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
});

/** Append-only audit trail; each row's hash covers the previous row's hash, so tampering shows. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    target: text('target'),
    detail: text('detail').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_action').on(t.action)],
);

/**
 * A discussion anchored on a range of a section's text. The anchors are Yjs relative positions
 * (Y.encodeRelativePosition), so they follow their text through everybody's edits; the quote keeps
 * the original words for when the text is deleted.
 */
export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    anchorStart: blob('anchor_start', { mode: 'buffer' }).notNull(),
    anchorEnd: blob('anchor_end', { mode: 'buffer' }).notNull(),
    quote: text('quote').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: integer('resolved_by').references(() => users.id),
    /** The language version the thread is on: '' for the source, else a target language (#19, migration 0013). */
    lang: text('lang').notNull().default(''),
  },
  (t) => [index('comment_threads_section').on(t.sectionId)],
);

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => commentThreads.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** JSON array of the person ids this comment mentions. */
    mentions: text('mentions').notNull().default('[]'),
    createdAt: createdAt(),
    editedAt: integer('edited_at', { mode: 'timestamp_ms' }),
    /** Deleted comments keep their row (the thread's order stays readable) but lose their body. */
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('comments_thread').on(t.threadId)],
);

/** In-app notifications: mentions, and later review decisions and submissions. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    sectionId: text('section_id').references(() => sections.id),
    threadId: integer('thread_id'),
    actorId: integer('actor_id').references(() => users.id),
    excerpt: text('excerpt').notNull().default(''),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('notifications_person').on(t.personId, t.readAt)],
);

/** A reviewer's decision, with the exact content it judged: its hash and the encoded Yjs state. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    organisation: text('organisation').notNull(),
    decision: text('decision', { enum: ['approved', 'changes_requested'] }).notNull(),
    message: text('message').notNull().default(''),
    round: integer('round').notNull(),
    contentHash: text('content_hash').notNull(),
    contentState: blob('content_state', { mode: 'buffer' }).notNull(),
    /** SHA-256 of `content_state` as written, checked on every read (null: written before checksums). */
    stateChecksum: text('state_checksum'),
    createdAt: createdAt(),
  },
  (t) => [index('reviews_section').on(t.sectionId, t.id)],
);

/** Submissions for review and their withdrawals, with the lead's message. */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['submitted', 'withdrawn'] }).notNull(),
    message: text('message').notNull().default(''),
    round: integer('round').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('submissions_section').on(t.sectionId, t.id)],
);

/**
 * Saved states of a section: by hand with a name, on submission and approval, after a burst of
 * editing goes quiet, and on restore. Each holds the whole encoded Yjs state, so that any version
 * can be shown or compared without replaying history (retention rule in the README).
 */
export const versions = sqliteTable(
  'versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    kind: text('kind', { enum: ['named', 'submission', 'approval', 'auto', 'restore'] }).notNull(),
    label: text('label').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    /** JSON array of the person ids who edited since the previous version. */
    authors: text('authors').notNull().default('[]'),
    state: blob('state', { mode: 'buffer' }).notNull(),
    /** SHA-256 of `state` as written, checked on every read (null: written before checksums). */
    stateChecksum: text('state_checksum'),
    contentHash: text('content_hash').notNull(),
    words: integer('words').notNull(),
    insertions: integer('insertions').notNull().default(0),
    deletions: integer('deletions').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('versions_section').on(t.sectionId, t.id)],
);

/** Which person wrote with which Yjs client id in a section: the key to "who wrote what". */
export const docAuthors = sqliteTable(
  'doc_authors',
  {
    sectionId: text('section_id')
      .notNull()
      .references(() => sections.id),
    /** Claims are per document (#19): '' for the source language's, else a translation's code. */
    lang: text('lang').notNull().default(''),
    clientId: integer('client_id').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex('doc_authors_client').on(t.sectionId, t.lang, t.clientId)],
);

/** The shared glossary (#20): a term in each language, its definition and source, who proposed it. */
export const glossaryEntries = sqliteTable('glossary_entries', {
  /** A short id: the `entry` attr of the `glossary_term` mark points at it. */
  id: text('id').primaryKey(),
  /** JSON object of language code → term; read and written whole. */
  terms: text('terms').notNull(),
  definition: text('definition').notNull(),
  source: text('source').notNull().default(''),
  proposedBy: integer('proposed_by')
    .notNull()
    .references(() => users.id),
  /** Hash of the wording (terms + definition + source): what an approval is bound to. */
  contentHash: text('content_hash').notNull(),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date()),
});

/** A reviewer's approval of a glossary entry's wording, for their organisation; kept after edits as history. */
export const glossaryApprovals = sqliteTable(
  'glossary_approvals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entryId: text('entry_id')
      .notNull()
      .references(() => glossaryEntries.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    organisation: text('organisation').notNull(),
    contentHash: text('content_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('glossary_approvals_entry').on(t.entryId, t.id)],
);
