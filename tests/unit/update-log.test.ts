/**
 * The update log checks what it loads: every row carries the checksum it was written with, so a
 * section whose stored bytes changed on disk is refused before any of them reach a client.
 */
import fs from 'node:fs';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { type Db, openDatabase } from '../../server/db/client';
import { docUpdates } from '../../server/db/schema';
import { DamagedUpdateError, UpdateLog } from '../../server/documents/update-log';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { People } from '../../server/domain/people';
import { AuditLog } from '../../server/domain/audit';
import { WorkspaceEventBus } from '../../server/events';
import { tempDataDir } from '../support/workspace';

let dataDir: string;
let db: Db;
let log: UpdateLog;
const SECTION = 'national-kz';

beforeEach(async () => {
  dataDir = tempDataDir('update-log');
  db = openDatabase(dataDir);
  await ensureWorkspace(db, new People(db, new AuditLog(db), new WorkspaceEventBus()));
  log = new UpdateLog(db);
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

test('rows written by the log load as checked, merged into one update', () => {
  const first = typed('Return migration ');
  const second = typed('and reintegration');
  log.append(SECTION, first);
  log.append(SECTION, second);
  const stored = log.load(SECTION);
  expect(stored).toMatchObject({ rows: 2, checked: true });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.update!);
  expect(doc.getText('notes').toString()).toHaveLength('Return migration and reintegration'.length);
});

test('a row whose bytes changed after they were written is refused, with the row named', () => {
  const seq = log.append(SECTION, typed('Қазақстан — Кыргызстан'));
  const row = db.select().from(docUpdates).where(eq(docUpdates.seq, seq)).get()!;
  const flipped = Buffer.from(row.update);
  flipped[flipped.length - 3] ^= 0x01;
  db.update(docUpdates).set({ update: flipped }).where(eq(docUpdates.seq, seq)).run();
  expect(() => log.load(SECTION)).toThrow(DamagedUpdateError);
  expect(() => log.load(SECTION)).toThrow(`update ${seq} of ${SECTION}`);
});

test('rows from before checksums load, but are reported unchecked (the caller decodes them)', () => {
  db.insert(docUpdates).values({ sectionId: SECTION, update: Buffer.from(typed('legacy')) }).run();
  expect(log.load(SECTION)).toMatchObject({ rows: 1, checked: false });
});

test('compaction writes a checked row', () => {
  log.append(SECTION, typed('one'));
  const stored = log.load(SECTION);
  log.compact(SECTION, stored.update!, stored.lastSeq);
  expect(log.load(SECTION)).toMatchObject({ rows: 1, checked: true });
});

test('appends alone keep the write-ahead log checkpointed (it does not grow with every row)', () => {
  const walFile = `${dataDir}/workspace.sqlite-wal`;
  const update = typed('x'.repeat(200));
  for (let i = 0; i < 6000; i++) log.append(SECTION, update);
  // SQLite checkpoints every 1,000 pages (4 KiB) by default, on commit: the log stays near 4 MiB.
  // (Appends with RETURNING skipped that hook and left it growing, ~40 MiB here.)
  expect(fs.statSync(walFile).size).toBeLessThan(6 * 1024 * 1024);
});

describe('language versions (#19): one log per document key', () => {
  const EN = `${SECTION}/en`;
  const textOf = (key: string) => {
    const stored = log.load(key);
    const doc = new Y.Doc();
    if (stored.update) Y.applyUpdate(doc, stored.update);
    return doc.getText('notes').toString();
  };
  const rowsOf = (lang: string) =>
    db.select({ seq: docUpdates.seq }).from(docUpdates).where(and(eq(docUpdates.sectionId, SECTION), eq(docUpdates.lang, lang))).all().length;

  test('a translation is stored under its section, with its language; the source rows keep lang empty', () => {
    log.append(SECTION, typed('Возвратная миграция'));
    log.append(EN, typed('Return migration'));
    expect(rowsOf('')).toBe(1);
    expect(rowsOf('en')).toBe(1);
    expect(textOf(SECTION)).toBe('Возвратная миграция');
    expect(textOf(EN)).toBe('Return migration');
    expect(log.load(`${SECTION}/kk`)).toMatchObject({ update: null, rows: 0 });
  });

  test('compacting the source and the English document, interleaved, loses neither', () => {
    // Seqs are shared by every document, so each document's rows interleave with the other's:
    // a compaction that filtered on the section alone would delete the other language's rows.
    const source = new Y.Doc();
    const english = new Y.Doc();
    const write = (doc: Y.Doc, key: string, words: string) => {
      const before = Y.encodeStateVector(doc);
      doc.getText('notes').insert(doc.getText('notes').length, words);
      log.append(key, Y.encodeStateAsUpdate(doc, before));
    };
    for (let i = 0; i < 5; i++) {
      write(source, SECTION, `слово${i} `);
      write(english, EN, `word${i} `);
    }
    const sourceStored = log.load(SECTION);
    log.compact(SECTION, sourceStored.update!, sourceStored.lastSeq);
    write(english, EN, 'more ');
    write(source, SECTION, 'ещё ');
    const englishStored = log.load(EN);
    log.compact(EN, englishStored.update!, englishStored.lastSeq);
    write(source, SECTION, 'конец');
    const again = log.load(SECTION);
    log.compact(SECTION, again.update!, again.lastSeq);

    expect(textOf(SECTION)).toBe(source.getText('notes').toString());
    expect(textOf(EN)).toBe(english.getText('notes').toString());
    expect(textOf(EN)).toBe('word0 word1 word2 word3 word4 more ');
    expect(rowsOf('')).toBe(1);
    expect(rowsOf('en')).toBe(1);
    expect(log.load(EN)).toMatchObject({ rows: 1, checked: true });
  });

  test('a damaged translation row names the document it belongs to', () => {
    const seq = log.append(EN, typed('Return'));
    const row = db.select().from(docUpdates).where(eq(docUpdates.seq, seq)).get()!;
    const flipped = Buffer.from(row.update);
    flipped[flipped.length - 3] ^= 0x01;
    db.update(docUpdates).set({ update: flipped }).where(eq(docUpdates.seq, seq)).run();
    expect(() => log.load(EN)).toThrow(`update ${seq} of ${EN}`);
    // The source does not read the translation's rows, damaged or not.
    expect(log.load(SECTION)).toMatchObject({ rows: 0 });
  });
});
