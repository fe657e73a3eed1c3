/**
 * Titles in English and Russian on a real server: `GET /api/sections` answers each section's title
 * in the signed-in person's language and both titles beside it; coordinators rename sections, the
 * course and its parts (a member's attempt is refused and changes nothing); a Russian export reads
 * the Russian titles.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { AuditPage, Outline, Section } from '../../shared/api';
import { SYLLABUS_OUTLINE } from '../../shared/workspace';
import { exportedText } from '../support/exports';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let coordinator: TestPerson, member: TestPerson;
const cookies = new Map<TestPerson, string>();
const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

beforeAll(async () => {
  workspace = await startTestWorkspace();
  coordinator = await addTestPerson(workspace, 'coordinator', 'TSPC', 'Anna Keller');
  member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерим Нурланова');
  for (const person of [coordinator, member]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
});

afterAll(async () => {
  await workspace.stop();
});

async function sections(person: TestPerson): Promise<Section[]> {
  const { status, body } = await as(person)('GET', '/sections');
  expect(status).toBe(200);
  return body as Section[];
}

const exportFile = (person: TestPerson, format: 'md' | 'html', locale: 'en' | 'ru') =>
  exportedText(workspace.url, cookies.get(person)!, { scope: 'master', state: 'current', format, locale });

test('every section has its seeded English and Russian titles, and the title in the reader’s language', async () => {
  const english = await sections(member);
  expect(english.map((section) => section.titles)).toEqual(SYLLABUS_OUTLINE.map((outline) => ({ en: outline.title, ru: outline.titleRu })));
  expect(english.every((section) => section.title === section.titles.en)).toBe(true);
  expect(english.every((section) => /[а-яё]/i.test(section.titles.ru))).toBe(true);

  expect((await as(member)('PATCH', '/me', { locale: 'ru' })).status).toBe(200);
  const russian = await sections(member);
  expect(russian.map((section) => section.title)).toEqual(SYLLABUS_OUTLINE.map((outline) => outline.titleRu));
  expect(russian.find((section) => section.id === 'regional-1')?.title).toBe('Основные понятия и терминология миграции');
  const one = await as(member)('GET', '/sections/national-kz');
  expect((one.body as Section).title).toBe('Казахстан: национальные правовые нормы и опыт управления');
  await as(member)('PATCH', '/me', { locale: 'en' });
});

test('the course and both parts have titles in both languages', async () => {
  const { status, body } = await as(member)('GET', '/outline');
  expect(status).toBe(200);
  const outline = body as Outline;
  expect(outline.course.titles).toEqual({ en: 'International Migration Law and Return Migration', ru: 'Международное миграционное право и возвратная миграция' });
  expect(outline.parts.map((part) => [part.part, part.titles.ru])).toEqual([
    [1, 'Единая теоретическая основа'],
    [2, 'Национальные правовые нормы'],
  ]);
});

test('a member cannot rename a section or the course: 403, and nothing changes', async () => {
  const before = await sections(member);
  const section = await as(member)('PATCH', '/sections/regional-3', { titles: { ru: 'Чужое название' } });
  expect(section.status).toBe(403);
  const course = await as(member)('PATCH', '/outline', { course: { en: 'Someone else’s course' } });
  expect(course.status).toBe(403);
  expect(await sections(member)).toEqual(before);
  expect(((await as(member)('GET', '/outline')).body as Outline).course.titles.en).toBe('International Migration Law and Return Migration');
});

test('a coordinator renames a section in Russian: everyone reads it, and the audit log says who', async () => {
  const renamed = await as(coordinator)('PATCH', '/sections/regional-3', { titles: { ru: 'Возвратная миграция: добровольная и принудительная' } });
  expect(renamed.status).toBe(200);
  expect((renamed.body as Section).titles).toEqual({ en: 'Return migration (voluntary and forced)', ru: 'Возвратная миграция: добровольная и принудительная' });
  const seen = (await sections(member)).find((section) => section.id === 'regional-3');
  expect(seen?.titles.ru).toBe('Возвратная миграция: добровольная и принудительная');

  const audit = (await as(coordinator)('GET', '/audit?action=structure')).body as AuditPage;
  expect(audit.entries[0]).toMatchObject({ action: 'structure.renamed', target: 'section:regional-3', actorName: 'Anna Keller' });
});

test('titles are checked: empty, too long or unknown fields are refused', async () => {
  expect((await as(coordinator)('PATCH', '/sections/regional-1', { titles: { ru: '   ' } })).status).toBe(400);
  expect((await as(coordinator)('PATCH', '/sections/regional-1', { titles: { en: 'x'.repeat(301) } })).status).toBe(400);
  expect((await as(coordinator)('PATCH', '/sections/regional-1', { titles: {} })).status).toBe(400);
  expect((await as(coordinator)('PATCH', '/sections/nowhere', { titles: { en: 'Nowhere' } })).status).toBe(404);
  expect((await as(coordinator)('PATCH', '/outline', { part3: { en: 'Part three' } })).status).toBe(400);
});

test('a coordinator renames a part; the outline answers in the reader’s language', async () => {
  const changed = await as(coordinator)('PATCH', '/outline', { part2: { ru: 'Национальное законодательство' } });
  expect(changed.status).toBe(200);
  await as(member)('PATCH', '/me', { locale: 'ru' });
  const outline = (await as(member)('GET', '/outline')).body as Outline;
  expect(outline.parts[1]).toMatchObject({ part: 2, title: 'Национальное законодательство' });
  expect(outline.course.title).toBe('Международное миграционное право и возвратная миграция');
  await as(member)('PATCH', '/me', { locale: 'en' });
});

test('a Russian export carries the Russian titles; an English one the English titles', async () => {
  const russian = await exportFile(member, 'md', 'ru');
  expect(russian).toContain('Основные понятия и терминология миграции');
  expect(russian).toContain('Возвратная миграция: добровольная и принудительная');
  expect(russian).toContain('Международное миграционное право и возвратная миграция');
  expect(russian).not.toContain('Basic concepts and terminology of migration');

  const html = await exportFile(member, 'html', 'ru');
  expect(html).toContain('Казахстан: национальные правовые нормы и опыт управления');

  const english = await exportFile(member, 'md', 'en');
  expect(english).toContain('Basic concepts and terminology of migration');
  expect(english).not.toContain('Основные понятия и терминология миграции');
});

test('a workspace created before Russian titles gets them from the migration', () => {
  const root = path.resolve(__dirname, '../../migrations');
  // The migrations as they were before this one: the journal up to 0006.
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.mkdirSync(path.join(before, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(root, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
  const old = journal.entries.filter((entry) => entry.idx <= 6);
  for (const entry of old) fs.copyFileSync(path.join(root, `${entry.tag}.sql`), path.join(before, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: old }));

  const file = path.join(before, 'old.sqlite');
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: before });
  sqlite.prepare("INSERT INTO groups (code, name, kind) VALUES ('KZ', 'Kazakhstan', 'country')").run();
  sqlite.prepare("INSERT INTO sections (id, part, position, title, group_code, created_at) VALUES ('regional-1', 1, 1, 'Basic concepts and terminology of migration', NULL, 0), ('national-kz', 2, 1, 'Kazakhstan: national legal norms and management experience', 'KZ', 0)").run();
  migrate(drizzle(sqlite), { migrationsFolder: root });
  expect(sqlite.prepare('SELECT id, title_ru FROM sections ORDER BY part').all()).toEqual([
    { id: 'regional-1', title_ru: 'Основные понятия и терминология миграции' },
    { id: 'national-kz', title_ru: 'Казахстан: национальные правовые нормы и опыт управления' },
  ]);
  expect(sqlite.prepare("SELECT title_ru FROM outline_titles WHERE key = 'course'").get()).toEqual({ title_ru: 'Международное миграционное право и возвратная миграция' });
  sqlite.close();
  fs.rmSync(before, { recursive: true, force: true });
});
