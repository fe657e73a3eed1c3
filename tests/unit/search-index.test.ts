/**
 * The search index on a real database, with the section text and comments faked: a typing burst
 * is indexed once per two seconds, a stale or lost index is rebuilt at start, and hits come only
 * from the sections the caller says the person may read.
 */
import fs from 'node:fs';
import type { Thread } from '../../shared/api/comments';
import { type Db, openDatabase } from '../../server/db/client';
import { AuditLog } from '../../server/domain/audit';
import type { Comments } from '../../server/domain/comments';
import { People } from '../../server/domain/people';
import { REINDEX_AFTER_MS, SearchIndex } from '../../server/domain/search';
import { parseSearchQuery } from '../../server/domain/search-query';
import { type ContentSnapshot, type SectionContent, settledOf } from '../../server/domain/section-content';
import { Sections } from '../../server/domain/sections';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import { tempDataDir } from '../support/workspace';

const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

let dataDir: string;
let db: Db;
let texts: Map<string, Record<string, unknown>>;
let reads: string[];
let threads: Thread[];
let events: WorkspaceEventBus;
const indexes: SearchIndex[] = [];

const content = {
  snapshot: (sectionId: string) => {
    reads.push(sectionId);
    const json = texts.get(sectionId) ?? doc();
    return { json, hash: JSON.stringify(json), state: new Uint8Array(), ...settledOf(json) } satisfies ContentSnapshot;
  },
} as unknown as SectionContent;

const comments = {
  thread: (id: number) => threads.find((thread) => thread.id === id) ?? null,
  threadsOf: (sectionId: string) => threads.filter((thread) => thread.sectionId === sectionId),
} as unknown as Comments;

function start(): SearchIndex {
  const index = new SearchIndex(db, new Sections(db), content, comments, events);
  indexes.push(index);
  return index;
}

/** Lets the start-up catch-up run to its end (one section per turn). */
const caughtUp = () => jest.runAllTimersAsync();

beforeEach(async () => {
  dataDir = tempDataDir('search');
  db = openDatabase(dataDir);
  events = new WorkspaceEventBus();
  // The ten sections of the syllabus, as at a first start.
  await ensureWorkspace(db, new People(db, new AuditLog(db), events));
  jest.useFakeTimers();
  texts = new Map([
    ['national-tj', doc('Ҳуқуқи муҳоҷират дар Тоҷикистон.')],
    ['national-uz', doc('Ўзбекистон Республикаси ҳуқуқи.')],
  ]);
  reads = [];
  threads = [];
});

afterEach(() => {
  indexes.splice(0).forEach((index) => index.stop());
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  jest.useRealTimers();
});

const sectionsIn = (index: SearchIndex, query: string, readable = new Sections(db).list()) =>
  index.find(parseSearchQuery(query), readable).map((hit) => hit.section.id);

test('at start every section is indexed; a second start reads them again but writes nothing new', async () => {
  const index = start();
  await caughtUp();
  expect(sectionsIn(index, 'ҳуқуқи').sort()).toEqual(['national-tj', 'national-uz']);
  index.stop();
  const before = db.$client.prepare('SELECT max(rowid) AS last FROM search_entries').get();
  const again = start();
  await caughtUp();
  expect(db.$client.prepare('SELECT max(rowid) AS last FROM search_entries').get()).toEqual(before);
  expect(sectionsIn(again, 'ҳуқуқи')).toHaveLength(2);
});

test('a typing burst is indexed every two seconds at most, and once more with its last text', async () => {
  const index = start();
  await caughtUp();
  reads = [];
  for (let i = 0; i < 60; i++) {
    texts.set('national-tj', doc(`Правка ${i}.`));
    events.emit('section-edited', 'national-tj', 1);
    await jest.advanceTimersByTimeAsync(40);
  }
  // 2.4 s of typing: indexed once at 2 s, the rest waits for its own two seconds.
  expect(reads).toEqual(['national-tj']);
  await jest.advanceTimersByTimeAsync(REINDEX_AFTER_MS);
  expect(reads).toEqual(['national-tj', 'national-tj']);
  expect(index.find(parseSearchQuery('правка'), new Sections(db).list()).map((hit) => hit.snippet.text)).toEqual(['Правка 59.']);
  expect(sectionsIn(index, 'муҳоҷират')).toEqual([]);
});

test('hits come only from the sections the person may read', async () => {
  const index = start();
  await caughtUp();
  const sections = new Sections(db).list();
  expect(sectionsIn(index, 'ҳуқуқи', sections.filter((section) => section.id !== 'national-tj'))).toEqual(['national-uz']);
  expect(sectionsIn(index, 'ҳуқуқи', [])).toEqual([]);
});

test('comments: indexed when their thread changes; a deleted comment leaves the index', async () => {
  const index = start();
  await caughtUp();
  const thread = {
    id: 7,
    sectionId: 'national-kg',
    lang: '',
    comments: [{ id: 70, body: 'Cite the Law on External Migration.', deleted: false }],
  } as unknown as Thread;
  threads = [thread];
  events.emit('thread-changed', 'national-kg', 7);
  expect(index.find(parseSearchQuery('external'), new Sections(db).list())).toMatchObject([
    { kind: 'comment', threadId: 7, commentId: 70, blockIndex: null },
  ]);
  threads = [{ ...thread, comments: [{ ...thread.comments[0], body: '', deleted: true }] }];
  events.emit('thread-changed', 'national-kg', 7);
  expect(sectionsIn(index, 'external')).toEqual([]);
});

test('an index lost while the server was down is rebuilt at the next start', async () => {
  start().stop();
  db.$client.exec('DELETE FROM search_text; DELETE FROM search_entries; DELETE FROM search_sources;');
  const index = start();
  await caughtUp();
  expect(sectionsIn(index, 'ҳуқуқи')).toHaveLength(2);
});

test('a paragraph inserted above keeps the entries below, at their new places; only new text is indexed', async () => {
  texts.set('regional-1', doc('Первый абзац.', 'Второй абзац.'));
  const index = start();
  await caughtUp();
  const entries = () => db.$client.prepare("SELECT id, block, text FROM search_entries WHERE section_id = 'regional-1' ORDER BY block").all();
  const before = entries() as { id: number }[];
  texts.set('regional-1', doc('Вставка сверху.', 'Первый абзац.', 'Второй абзац, исправленный.'));
  index.indexSection('regional-1');
  expect(entries()).toEqual([
    { id: expect.any(Number), block: 0, text: 'Вставка сверху.' },
    { id: before[0].id, block: 1, text: 'Первый абзац.' },
    { id: expect.any(Number), block: 2, text: 'Второй абзац, исправленный.' },
  ]);
  expect(index.find(parseSearchQuery('первый'), new Sections(db).list()).map((hit) => hit.blockIndex)).toEqual([1]);
  expect(index.find(parseSearchQuery('исправленный'), new Sections(db).list()).map((hit) => hit.blockIndex)).toEqual([2]);
  expect(index.find(parseSearchQuery('второй'), new Sections(db).list())).toHaveLength(1);
});

test('open suggestions are not indexed: suggested words are found once accepted, words suggested for deletion until then', async () => {
  const suggestion = (type: 'insertion' | 'deletion') => [{ type, attrs: { id: `s-${type}`, author: 9, at: 1 } }];
  const text = (inserted: 'suggested' | 'accepted') => ({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Закон о миграции ' },
          { type: 'text', text: 'устаревший ', marks: suggestion('deletion') },
          { type: 'text', text: 'реадмиссия', ...(inserted === 'suggested' ? { marks: suggestion('insertion') } : {}) },
        ],
      },
    ],
  });
  texts.set('regional-3', text('suggested'));
  const index = start();
  await caughtUp();
  expect(sectionsIn(index, 'устаревший')).toEqual(['regional-3']);
  expect(sectionsIn(index, 'реадмиссия')).toEqual([]);
  texts.set('regional-3', text('accepted'));
  index.indexSection('regional-3');
  expect(sectionsIn(index, 'реадмиссия')).toEqual(['regional-3']);
});

test('a footnote’s words are found, in the block its number stands in; a cross-reference by its label (#18)', async () => {
  texts.set('national-kz', {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Кіріспе.' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Көші-қон туралы заң' },
          { type: 'footnote', content: [{ type: 'text', text: 'Қазақстан Республикасының 2011 жылғы Заңы, 12-бап.' }] },
          { type: 'text', text: ', қараңыз ' },
          { type: 'cross_reference', attrs: { section: 'regional-4', target: 'section', label: '1.4 Реинтеграция' } },
        ],
      },
    ],
  });
  const index = start();
  await caughtUp();
  const hits = index.find(parseSearchQuery('Республикасының'), new Sections(db).list());
  expect(hits.map((hit) => [hit.section.id, hit.blockIndex, hit.snippet.text])).toEqual([['national-kz', 1, 'Қазақстан Республикасының 2011 жылғы Заңы, 12-бап.']]);
  expect(sectionsIn(index, 'Реинтеграция')).toEqual(['national-kz']);
});
