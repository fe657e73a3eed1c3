/**
 * The search index: every block of every section's text and every comment, in an SQLite FTS5
 * table, kept current as they change, and asked with a query a person typed.
 *
 * - Section text is indexed block by block (the top-level nodes of the document), so a hit can
 *   say where it is. A section is indexed again from its current content `REINDEX_AFTER_MS` after
 *   the first stored edit of a burst: a typing burst costs one re-index every two seconds at most,
 *   not one per keystroke.
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
  block: number | null;
  thread_id: number | null;
  comment_id: number | null;
  text: string;
}

interface NewEntry {
  kind: SearchHitKind;
  sectionId: string;
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
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly sections: Sections,
    private readonly content: SectionContent,
    private readonly comments: Comments,
    events: WorkspaceEventBus,
  ) {
    const sqlite = db.$client;
    this.statements = {
      insertEntry: sqlite.prepare(
        'INSERT INTO search_entries (section_id, kind, block, thread_id, comment_id, text) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertText: sqlite.prepare('INSERT INTO search_text (rowid, body) VALUES (?, ?)'),
      sectionEntries: sqlite.prepare("SELECT id, block, text FROM search_entries WHERE section_id = ? AND kind = 'text'"),
      forgetText: sqlite.prepare('DELETE FROM search_text WHERE rowid = ?'),
      forgetEntry: sqlite.prepare('DELETE FROM search_entries WHERE id = ?'),
      moveEntry: sqlite.prepare('UPDATE search_entries SET block = ? WHERE id = ?'),
      forgetThreadText: sqlite.prepare(
        "DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_entries WHERE thread_id = ? AND kind = 'comment')",
      ),
      forgetThreadEntries: sqlite.prepare("DELETE FROM search_entries WHERE thread_id = ? AND kind = 'comment'"),
      forgetAllCommentText: sqlite.prepare("DELETE FROM search_text WHERE rowid IN (SELECT id FROM search_entries WHERE kind = 'comment')"),
      forgetAllCommentEntries: sqlite.prepare("DELETE FROM search_entries WHERE kind = 'comment'"),
      indexedHash: sqlite.prepare('SELECT content_hash AS hash FROM search_sources WHERE section_id = ?').pluck(),
      recordSource: sqlite.prepare(
        'INSERT INTO search_sources (section_id, content_hash, indexed_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (section_id) DO UPDATE SET content_hash = excluded.content_hash, indexed_at = excluded.indexed_at',
      ),
      find: sqlite.prepare(
        'SELECT e.kind, e.section_id, e.block, e.thread_id, e.comment_id, e.text FROM search_text ' +
          'JOIN search_entries e ON e.id = search_text.rowid ' +
          'WHERE search_text MATCH ? AND e.section_id IN (SELECT value FROM json_each(?)) ' +
          'ORDER BY bm25(search_text), e.section_id, e.block, e.comment_id LIMIT ?',
      ),
    };
    events.on('section-edited', (sectionId) => this.edited(sectionId));
    events.on('thread-changed', (_sectionId, threadId) => this.guard(`thread ${threadId}`, () => this.indexThread(threadId)));
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
      blockIndex: row.kind === 'text' ? row.block : null,
      threadId: row.thread_id,
      commentId: row.comment_id,
      snippet: bestSentence(row.text, query.terms),
    }));
  }

  /** A section's text was stored: index it again once the burst has had its two seconds. */
  edited(sectionId: string): void {
    if (this.stopped || this.pending.has(sectionId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(sectionId);
      this.guard(`section ${sectionId}`, () => this.indexSection(sectionId));
    }, REINDEX_AFTER_MS);
    timer.unref();
    this.pending.set(sectionId, timer);
  }

  /**
   * Indexes a section's current text, unless it is indexed as it stands already. Only blocks whose
   * text changed are indexed again; a block that only moved (a paragraph inserted above it) keeps
   * its entry with its new place: typing in a long section rewrites a row or two, not all of them.
   */
  indexSection(sectionId: string): void {
    if (!this.sections.find(sectionId)) return;
    // The settled text: open suggestions are not what the section says yet (#17). Its hash is the
    // whole document's when there are none, so sections indexed before suggestions existed stand.
    const { settled } = this.content.snapshot(sectionId);
    const hash = `${INDEX_FORMAT}:${settled.hash}`;
    if (this.statements.indexedHash.get(sectionId) === hash) return;
    const indexed = new Map<string, { id: number; block: number }[]>();
    for (const entry of this.statements.sectionEntries.all(sectionId) as { id: number; block: number; text: string }[]) {
      indexed.set(entry.text, [...(indexed.get(entry.text) ?? []), entry]);
    }
    const fresh: NewEntry[] = [];
    const moved: { id: number; block: number }[] = [];
    for (const { index, text } of blocksOf(settled.json)) {
      const same = indexed.get(text);
      const kept = same?.find((entry) => entry.block === index) ?? same?.[0];
      if (!kept) fresh.push({ kind: 'text', sectionId, block: index, threadId: null, commentId: null, text });
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
        this.statements.recordSource.run(sectionId, hash, Date.now());
      })
      .immediate();
  }

  /** Indexes the comments of a thread as they are now (a deleted comment leaves the index). */
  indexThread(threadId: number): void {
    const thread = this.comments.thread(threadId);
    this.db.$client
      .transaction(() => {
        this.statements.forgetThreadText.run(threadId);
        this.statements.forgetThreadEntries.run(threadId);
        if (thread) this.insert(commentEntries(thread.sectionId, thread.id, thread.comments));
      })
      .immediate();
  }

  /** Stops the pending re-indexes (at shutdown); the next start catches up on them. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Comments all at once (they are rows already), then one stale section per turn. */
  private catchUp(): void {
    if (this.stopped) return;
    const sections = this.sections.list();
    this.guard('comments', () => {
      const entries = sections.flatMap((section) =>
        this.comments.threadsOf(section.id).flatMap((thread) => commentEntries(section.id, thread.id, thread.comments)),
      );
      this.db.$client
        .transaction(() => {
          this.statements.forgetAllCommentText.run();
          this.statements.forgetAllCommentEntries.run();
          this.insert(entries);
        })
        .immediate();
    });
    const next = (index: number): void => {
      if (this.stopped || index >= sections.length) return;
      this.guard(`section ${sections[index].id}`, () => this.indexSection(sections[index].id));
      setImmediate(() => next(index + 1));
    };
    next(0);
  }

  private insert(entries: NewEntry[]): void {
    for (const entry of entries) {
      const { lastInsertRowid } = this.statements.insertEntry.run(
        entry.sectionId,
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

function commentEntries(sectionId: string, threadId: number, comments: { id: number; body: string; deleted: boolean }[]): NewEntry[] {
  return comments
    .filter((comment) => !comment.deleted && comment.body.trim())
    .map((comment) => ({ kind: 'comment', sectionId, block: null, threadId, commentId: comment.id, text: comment.body }));
}
