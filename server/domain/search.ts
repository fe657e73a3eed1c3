/**
 * The search index: every block of every section's text and every comment, in an SQLite FTS5
 * table, kept current as they change, and asked with a query a person typed.
 *
 * - Section text is indexed block by block (the top-level nodes of the document), so a hit can
 *   say where it is. A section is indexed again from its current content `REINDEX_AFTER_MS` after
 *   the first stored edit of a burst: a typing burst costs one re-index every two seconds at most,
 *   not one per keystroke.
 * - Every language version is indexed (#19): the source text (`lang` '') and the translation into
 *   each of the workspace's target languages, each its own document with its own re-index; a
 *   comment is in the language version its thread is on. A language that stops being a target
 *   leaves the index (its translations keep their text, and come back if it is a target again).
 * - Comments are indexed when their thread changes (a reply, an edit, a deletion), at once: one
 *   thread is a few rows.
 * - At start, comments are indexed again, and every section whose content (or the way it is
 *   indexed, `INDEX_FORMAT`) changed since it was last indexed, one section per turn of the event
 *   loop, so a start never waits for it. A crash between an edit and its re-index is repaired so.
 *
 * What is matched is `foldForSearch` of the text (case, diacritics, Uzbek apostrophes); what is
 * shown is the text as written, cut to the sentence that holds the hit. The text indexed is the
 * settled text, open suggestions left out (suggested words are found once they are accepted).
 * How a block reads as lines (footnotes, cross-references) is `searchLinesOf`, shared with the browser.
 */
import { documentKey } from '../../shared/languages';
import { bestSentence, foldForSearch, searchLinesOf, type Snippet, type TextJson } from '../../shared/search-text';
import type { Db } from '../db/client';
import { isStorageFull, reportStorageFull } from '../db/storage-errors';
import type { WorkspaceEventBus } from '../events';
import type { Comments } from './comments';
import type { SearchQuery } from './search-query';
import type { SectionContent } from './section-content';
import type { Section, Sections } from './sections';

/**
 * Changes whenever what is indexed or how changes, so that every section is indexed again at start
 * (search-2: footnotes' words and cross-references' labels, #18).
 */
const INDEX_FORMAT = 'search-2';
export const REINDEX_AFTER_MS = 2_000;
export const MAX_HITS = 50;

export type SearchHitKind = 'text' | 'comment';

export interface SearchHitRecord {
  kind: SearchHitKind;
  section: Section;
  /** The language version the hit is in: '' for the source text, else a target language's code. */
  lang: string;
  /** The top-level block of the section's text the hit is in (text hits). */
  blockIndex: number | null;
  /** The comment thread and comment (comment hits). */
  threadId: number | null;
  commentId: number | null;
  snippet: Snippet;
}

interface EntryRow {
  kind: SearchHitKind;
  section_id: string;
  lang: string;
  block: number | null;
  thread_id: number | null;
  comment_id: number | null;
  text: string;
}

interface NewEntry {
  kind: SearchHitKind;
  sectionId: string;
  lang: string;
  block: number | null;
  threadId: number | null;
  commentId: number | null;
  text: string;
}

/** The top-level blocks of a section's text (ProseMirror JSON) with something to find in them. */
export function blocksOf(json: Record<string, unknown>): { index: number; text: string }[] {
  const blocks: { index: number; text: string }[] = [];
  ((json as TextJson).content ?? []).forEach((node, index) => {
    const text = searchLinesOf(node).join('\n');
    if (text.trim()) blocks.push({ index, text });
  });
  return blocks;
}

export class SearchIndex {
  /** Pending re-indexes, by document key (`documentKey(sectionId, lang)`). */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** Counts the catch-ups begun: a catch-up stops once a newer one has begun (the languages changed). */
  private catchUps = 0;
  /** The target languages the last catch-up indexed, as JSON: other settings changing need none. */
  private caughtUpTargets = '';
  private readonly statements;

  /**
   * `targets`: the workspace's target languages now (the settings'); without it, only the source
   * text and its comments are indexed.
   */
  constructor(
    private readonly db: Db,
    private readonly sections: Sections,
    private readonly content: SectionContent,
    private readonly comments: Comments,
    events: WorkspaceEventBus,
    private readonly targets: () => readonly string[] = () => [],
  ) {
    const sqlite = db.$client;
    this.statements = {
      insertEntry: sqlite.prepare(
        'INSERT INTO search_entries (section_id, lang, kind, block, thread_id, comment_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      insertText: sqlite.prepare('INSERT INTO search_text (rowid, body) VALUES (?, ?)'),
      sectionEntries: sqlite.prepare("SELECT id, block, text FROM search_entries WHERE section_id = ? AND lang = ? AND kind = 'text'"),
      forgetText: sqlite.prepare('DELETE FROM search_text WHERE rowid = ?'),
      forgetEntry: sqlite.prepare('DELETE FROM search_entries WHERE id = ?'),
      moveEntry: sqlite.prepare('UPDATE search_entries SET block = ? WHERE id = ?'),
      forgetThreadText: sqlite.prepare(
        "DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_entries WHERE thread_id = ? AND kind = 'comment')",
      ),
      forgetThreadEntries: sqlite.prepare("DELETE FROM search_entries WHERE thread_id = ? AND kind = 'comment'"),
      forgetAllCommentText: sqlite.prepare("DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_entries WHERE kind = 'comment')"),
      forgetAllCommentEntries: sqlite.prepare("DELETE FROM search_entries WHERE kind = 'comment'"),
      // Languages that are not targets any more: every entry in them, and the record of their documents.
      forgetOtherLanguagesText: sqlite.prepare(
        "DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_entries WHERE lang <> '' AND lang NOT IN (SELECT value FROM json_each(?)))",
      ),
      forgetOtherLanguagesEntries: sqlite.prepare("DELETE FROM search_entries WHERE lang <> '' AND lang NOT IN (SELECT value FROM json_each(?))"),
      forgetOtherLanguagesSources: sqlite.prepare("DELETE FROM search_sources WHERE lang <> '' AND lang NOT IN (SELECT value FROM json_each(?))"),
      indexedHash: sqlite.prepare('SELECT content_hash AS hash FROM search_sources WHERE section_id = ? AND lang = ?').pluck(),
      recordSource: sqlite.prepare(
        'INSERT INTO search_sources (section_id, lang, content_hash, indexed_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (section_id, lang) DO UPDATE SET content_hash = excluded.content_hash, indexed_at = excluded.indexed_at',
      ),
      find: sqlite.prepare(
        'SELECT e.kind, e.section_id, e.lang, e.block, e.thread_id, e.comment_id, e.text FROM search_text ' +
          'JOIN search_entries e ON e.id = search_text.rowid ' +
          'WHERE search_text MATCH ? AND e.section_id IN (SELECT value FROM json_each(?)) ' +
          'ORDER BY bm25(search_text), e.section_id, e.block, e.comment_id LIMIT ?',
      ),
    };
    events.on('section-edited', (sectionId) => this.edited(sectionId));
    events.on('translation-edited', (sectionId, lang) => this.edited(sectionId, lang));
    events.on('thread-changed', (_sectionId, threadId) => this.guard(`thread ${threadId}`, () => this.indexThread(threadId)));
    // A language added is indexed, a language removed leaves the index: the same as a start.
    events.on('settings-changed', () => JSON.stringify(this.targets()) !== this.caughtUpTargets && this.catchUp());
    setImmediate(() => this.catchUp());
  }

  /**
   * The best hits for `query` in `readable` sections (those the person may read: the caller asks
   * the policy), best first, at most `MAX_HITS`.
   */
  find(query: SearchQuery, readable: readonly Section[]): SearchHitRecord[] {
    if (!query.match || readable.length === 0) return [];
    const byId = new Map(readable.map((section) => [section.id, section]));
    const rows = this.statements.find.all(query.match, JSON.stringify([...byId.keys()]), MAX_HITS) as EntryRow[];
    return rows.map((row) => ({
      kind: row.kind,
      section: byId.get(row.section_id)!,
      lang: row.lang,
      blockIndex: row.kind === 'text' ? row.block : null,
      threadId: row.thread_id,
      commentId: row.comment_id,
      snippet: bestSentence(row.text, query.terms),
    }));
  }

  /**
   * A language version of a section was stored (`lang` '' for the source text): index it again
   * once the burst has had its two seconds.
   */
  edited(sectionId: string, lang = ''): void {
    const key = documentKey(sectionId, lang);
    if (this.stopped || this.pending.has(key)) return;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.guard(`section ${key}`, () => this.indexSection(sectionId, lang));
    }, REINDEX_AFTER_MS);
    timer.unref();
    this.pending.set(key, timer);
  }

  /**
   * Indexes a language version's current text (`lang` '' for the source text), unless it is indexed
   * as it stands already or its language is not a target. Only blocks whose text changed are
   * indexed again; a block that only moved (a paragraph inserted above it) keeps its entry with its
   * new place: typing in a long section rewrites a row or two, not all of them.
   */
  indexSection(sectionId: string, lang = ''): void {
    if (!this.sections.find(sectionId) || (lang !== '' && !this.targets().includes(lang))) return;
    // The settled text: open suggestions are not what the section says yet (#17). Its hash is the
    // whole document's when there are none, so sections indexed before suggestions existed stand.
    const { settled } = this.content.snapshot(documentKey(sectionId, lang));
    const hash = `${INDEX_FORMAT}:${settled.hash}`;
    if (this.statements.indexedHash.get(sectionId, lang) === hash) return;
    const indexed = new Map<string, { id: number; block: number }[]>();
    for (const entry of this.statements.sectionEntries.all(sectionId, lang) as { id: number; block: number; text: string }[]) {
      indexed.set(entry.text, [...(indexed.get(entry.text) ?? []), entry]);
    }
    const fresh: NewEntry[] = [];
    const moved: { id: number; block: number }[] = [];
    for (const { index, text } of blocksOf(settled.json)) {
      const same = indexed.get(text);
      const kept = same?.find((entry) => entry.block === index) ?? same?.[0];
      if (!kept) fresh.push({ kind: 'text', sectionId, lang, block: index, threadId: null, commentId: null, text });
      else {
        same!.splice(same!.indexOf(kept), 1);
        if (kept.block !== index) moved.push({ id: kept.id, block: index });
      }
    }
    this.db.$client
      .transaction(() => {
        for (const gone of [...indexed.values()].flat()) {
          this.statements.forgetText.run(gone.id);
          this.statements.forgetEntry.run(gone.id);
        }
        for (const { id, block } of moved) this.statements.moveEntry.run(block, id);
        this.insert(fresh);
        this.statements.recordSource.run(sectionId, lang, hash, Date.now());
      })
      .immediate();
  }

  /**
   * Indexes the comments of a thread as they are now (a deleted comment leaves the index, and so
   * does a thread on a language that is not a target).
   */
  indexThread(threadId: number): void {
    const thread = this.comments.thread(threadId);
    const indexed = thread !== null && (thread.lang === '' || this.targets().includes(thread.lang));
    this.db.$client
      .transaction(() => {
        this.statements.forgetThreadText.run(threadId);
        this.statements.forgetThreadEntries.run(threadId);
        if (thread && indexed) this.insert(commentEntries(thread.sectionId, thread.lang, thread.id, thread.comments));
      })
      .immediate();
  }

  /** Stops the pending re-indexes (at shutdown); the next start catches up on them. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /**
   * Languages no longer targets out, comments all at once (they are rows already), then one stale
   * language version of a section per turn: each section's source text, then its translations.
   */
  private catchUp(): void {
    if (this.stopped) return;
    const run = ++this.catchUps;
    const targets = [...this.targets()];
    const langs = ['', ...targets];
    this.caughtUpTargets = JSON.stringify(targets);
    const sections = this.sections.list();
    this.guard('languages', () => {
      const kept = JSON.stringify(targets);
      this.db.$client
        .transaction(() => {
          this.statements.forgetOtherLanguagesText.run(kept);
          this.statements.forgetOtherLanguagesEntries.run(kept);
          this.statements.forgetOtherLanguagesSources.run(kept);
        })
        .immediate();
    });
    this.guard('comments', () => {
      const entries = sections.flatMap((section) =>
        langs.flatMap((lang) =>
          this.comments.threadsOf(section.id, lang).flatMap((thread) => commentEntries(section.id, lang, thread.id, thread.comments)),
        ),
      );
      this.db.$client
        .transaction(() => {
          this.statements.forgetAllCommentText.run();
          this.statements.forgetAllCommentEntries.run();
          this.insert(entries);
        })
        .immediate();
    });
    const documents = sections.flatMap((section) => langs.map((lang) => ({ sectionId: section.id, lang })));
    const next = (index: number): void => {
      if (this.stopped || run !== this.catchUps || index >= documents.length) return;
      const { sectionId, lang } = documents[index];
      this.guard(`section ${documentKey(sectionId, lang)}`, () => this.indexSection(sectionId, lang));
      setImmediate(() => next(index + 1));
    };
    next(0);
  }

  private insert(entries: NewEntry[]): void {
    for (const entry of entries) {
      const { lastInsertRowid } = this.statements.insertEntry.run(
        entry.sectionId,
        entry.lang,
        entry.kind,
        entry.block,
        entry.threadId,
        entry.commentId,
        entry.text,
      );
      this.statements.insertText.run(lastInsertRowid, foldForSearch(entry.text));
    }
  }

  /** An index that failed to update is stale until the next change or start, never a crash. */
  private guard(what: string, work: () => void): void {
    if (this.stopped) return;
    try {
      work();
    } catch (error) {
      if (isStorageFull(error)) reportStorageFull(`search index (${what})`, error);
      else console.error(`[search] indexing ${what} failed`, error);
    }
  }
}

function commentEntries(
  sectionId: string,
  lang: string,
  threadId: number,
  comments: { id: number; body: string; deleted: boolean }[],
): NewEntry[] {
  return comments
    .filter((comment) => !comment.deleted && comment.body.trim())
    .map((comment) => ({ kind: 'comment', sectionId, lang, block: null, threadId, commentId: comment.id, text: comment.body }));
}
