/**
 * The syllabus read as data over the real server (#20): the outcomes matrix flags an outcome that
 * no assessment checks until a colleague adds an assessment row pointing at it (a real collab
 * update from a y-websocket client); module hours add up to the course's; the five national
 * sections are compared under one template heading, their text as escaped HTML. Only people
 * with a session may read any of it.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { Comparison, CourseHours, MatrixRow, OutcomesMatrix } from '../../shared/api/curriculum';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
const clients: CollabClient[] = [];
let kzMember: TestPerson, kgMember: TestPerson, reviewer: TestPerson;
let module2: CollabClient;

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const serverJson = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);

interface PMJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
  text?: string;
}

const text = (value: string): PMJson => ({ type: 'text', text: value });
const paragraph = (...content: PMJson[]): PMJson => ({ type: 'paragraph', content });
const outcome = (id: string, words: string): PMJson => ({ type: 'learning_outcome', attrs: { id }, content: [text(words)] });
const reference = (section: string, target: string, label: string): PMJson => ({ type: 'cross_reference', attrs: { section, target, label } });
const heading = (level: number, words: string, template: string | null = null): PMJson => ({ type: 'heading', attrs: { level, template }, content: [text(words)] });
const cell = (...content: PMJson[]): PMJson => ({ type: 'table_cell', content: [paragraph(...content)] });
const header = (words: string): PMJson => ({ type: 'table_header', content: [paragraph(text(words))] });
const table = (kind: 'hours' | 'assessment', head: string[], rows: PMJson[][][]): PMJson => ({
  type: 'table',
  attrs: { kind },
  content: [
    { type: 'table_row', content: head.map(header) },
    ...rows.map((cells) => ({ type: 'table_row', content: cells.map((content) => cell(...content)) })),
  ],
});

async function open(person: TestPerson, sectionId: string): Promise<CollabClient> {
  const client = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  clients.push(client);
  await synced(client);
  return client;
}

/** Writes the whole text through the collab connection and waits until the server stored it. */
async function write(client: CollabClient, sectionId: string, content: PMJson[], until: string): Promise<void> {
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, client.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => serverJson(sectionId).includes(until), 'the text on the server');
}

/** Module 2's assessment: the exam checks LO 1.1; `more` rows are added by the test. */
const assessment = (...more: PMJson[][][]) =>
  table('assessment', ['Item', 'Weight, %', 'Outcomes'], [[[text('Written exam')], [text('60')], [reference('regional-1', 'lo-define', 'LO 1.1')]], ...more]);

const module2Hours = table('hours', ['Topic', 'Lecture', 'Seminar', 'Practice', 'Self-study'], [[[text('Cooperation')], [text('3')], [], [text('2')], []]]);

async function matrix(person: TestPerson): Promise<OutcomesMatrix> {
  const response = await as(person)('GET', '/curriculum/matrix');
  expect(response.status).toBe(200);
  return response.body as OutcomesMatrix;
}

const rowOf = (found: OutcomesMatrix, target: string): MatrixRow | undefined => found.rows.find((row) => row.outcome.target === target);

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kgMember = await addTestPerson(workspace, 'member', 'KG', 'Алия Токтогулова');
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Dana Reviewer');
  for (const person of [kzMember, kgMember, reviewer]) cookies.set(person, await signIn(workspace.url, person.email, person.password));

  // Module 1 defines two outcomes and its hours.
  const module1 = await open(kzMember, 'regional-1');
  await write(
    module1,
    'regional-1',
    [
      outcome('lo-define', 'Define a migrant worker under the 1990 Convention.'),
      outcome('lo-compare', 'Compare readmission agreements of the region.'),
      table('hours', ['Topic', 'Lecture', 'Seminar', 'Practice', 'Self-study'], [
        [[text('Basic concepts')], [text('2')], [text('1,5')], [], [text('4')]],
        [[text('Terminology')], [text('1.5')], [text('two')], [text('1')], []],
      ]),
    ],
    'Terminology',
  );
  // Module 2 assesses LO 1.1 only, and has hours of its own.
  module2 = await open(kgMember, 'regional-2');
  await write(module2, 'regional-2', [assessment(), module2Hours], 'Written exam');
  // Kazakhstan: an outcome of its own, that no module teaches, under a template heading.
  const kz = await open(kzMember, 'national-kz');
  await write(
    kz,
    'national-kz',
    [
      heading(2, 'Нормативная база', 'legal-framework'),
      paragraph(text('Закон «О миграции населения» <script>alert(1)</script>')),
      heading(3, 'Подзаконные акты'),
      paragraph(text('Постановления правительства.')),
      outcome('lo-kz', 'Apply the Kazakh law on population migration.'),
      heading(2, 'Statistics', 'statistics'),
    ],
    'Подзаконные',
  );
  // Kyrgyzstan: the heading by its Russian title only (no key), with nothing under it yet.
  const kg = await open(kgMember, 'national-kg');
  await write(kg, 'national-kg', [heading(2, '  правовая   БАЗА '), heading(2, 'Статистика'), paragraph(text('Данные за 2025 год.'))], 'Статистика');
});

afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await workspace.stop();
});

test('the matrix lists every outcome, numbered, with the modules that teach it and the items that check it', async () => {
  const found = await matrix(reviewer);
  expect(found.modules.map((module) => module.id)).toEqual(['regional-1', 'regional-2', 'regional-3', 'regional-4', 'regional-5']);
  expect(found.modules[0]).toMatchObject({ number: '1.1', title: 'Basic concepts and terminology of migration' });
  expect(rowOf(found, 'lo-define')).toEqual({
    outcome: { section: 'regional-1', target: 'lo-define', number: 'LO 1.1', text: 'Define a migrant worker under the 1990 Convention.' },
    taughtBy: ['regional-1'],
    assessedBy: [{ section: 'regional-2', item: 'Written exam' }],
    flags: [],
  });
  expect(rowOf(found, 'lo-kz')).toMatchObject({ outcome: { section: 'national-kz', number: 'LO 2.1.1' }, taughtBy: [], flags: ['not-taught', 'not-assessed'] });
});

test('an outcome no assessment checks is flagged, and a colleague’s new assessment row clears the flag', async () => {
  expect(rowOf(await matrix(kzMember), 'lo-compare')).toMatchObject({ outcome: { number: 'LO 1.2' }, taughtBy: ['regional-1'], assessedBy: [], flags: ['not-assessed'] });

  // A KG member adds a row to module 2's assessment table over the live connection.
  await write(module2, 'regional-2', [assessment([[text('Case study')], [text('40')], [reference('regional-1', 'lo-compare', 'LO 1.2')]]), module2Hours], 'Case study');

  const after = await matrix(kzMember);
  expect(rowOf(after, 'lo-compare')).toMatchObject({ assessedBy: [{ section: 'regional-2', item: 'Case study' }], flags: [] });
  // The outcome that was assessed before still is.
  expect(rowOf(after, 'lo-define')?.flags).toEqual([]);
});

test('a module that points at an outcome outside an assessment table teaches it', async () => {
  const module3 = await open(kgMember, 'regional-3');
  await write(module3, 'regional-3', [paragraph(text('See '), reference('national-kz', 'lo-kz', 'LO 2.1.1'), text(' for practice.'))], 'for practice');
  expect(rowOf(await matrix(reviewer), 'lo-kz')).toMatchObject({ taughtBy: ['regional-3'], flags: ['not-assessed'] });
});

test('hours: each section sums its tables (decimal commas read), and the course sums the sections', async () => {
  const response = await as(reviewer)('GET', '/curriculum/hours');
  expect(response.status).toBe(200);
  const hours = response.body as CourseHours;
  const module1 = hours.sections.find((section) => section.section === 'regional-1');
  // "two" is not a number: it counts as 0 and is reported.
  expect(module1).toMatchObject({ number: '1.1', tables: 1, errors: 1, totals: { lecture: 3.5, seminar: 1.5, practice: 1, selfStudy: 4, total: 10 } });
  expect(hours.sections.find((section) => section.section === 'national-kz')).toMatchObject({ tables: 0, totals: { total: 0 } });
  expect(hours.course).toEqual({ lecture: 6.5, seminar: 1.5, practice: 3, selfStudy: 4, total: 15 });
  expect(hours.sections).toHaveLength(10);
});

test('compare: the five national sections under one heading, their text escaped, gaps marked', async () => {
  const response = await as(kgMember)('GET', '/curriculum/compare?heading=legal-framework');
  expect(response.status).toBe(200);
  const comparison = response.body as Comparison;
  expect(comparison.heading).toEqual({ key: 'legal-framework', title: { en: 'Legal framework', ru: 'Правовая база' } });
  expect(comparison.template.map((entry) => entry.key)).toContain('statistics');
  expect(comparison.countries.map((country) => country.group)).toEqual(['KZ', 'KG', 'TJ', 'TM', 'UZ']);
  const [kz, kg, tj] = comparison.countries;
  expect(kz).toMatchObject({ section: 'national-kz', state: 'filled', heading: 'Нормативная база' });
  // The blocks up to the next heading of the same level: the subheading and its text, not the outcome's sibling "Statistics".
  expect(kz.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(kz.html).not.toContain('<script>');
  expect(kz.html).toContain('<h6>Подзаконные акты</h6>');
  expect(kz.html).toContain('Apply the Kazakh law');
  expect(kz.html).not.toContain('Statistics');
  // KG's heading is found by its Russian title (case and spaces do not count) and is empty.
  expect(kg).toMatchObject({ state: 'empty', html: '', target: null });
  expect(tj).toMatchObject({ section: 'national-tj', state: 'missing', heading: null, html: '' });

  const statistics = (await as(kgMember)('GET', '/curriculum/compare?heading=statistics')).body as Comparison;
  expect(statistics.countries[1]).toMatchObject({ state: 'filled', html: '<p>Данные за 2025 год.</p>' });
  expect(statistics.countries[0]).toMatchObject({ state: 'empty' });
});

test('compare: a heading the template does not have is a 404, a malformed one a 400, and neither changes anything', async () => {
  const before = serverJson('national-kz');
  const unknown = await as(kgMember)('GET', '/curriculum/compare?heading=no-such-heading');
  expect(unknown).toEqual({ status: 404, body: expect.objectContaining({ code: 'unknown-heading' }) });
  for (const query of ['?heading=', '?heading=Legal%20Framework', '?heading=../x', `?heading=${'a'.repeat(40)}`, '?heading=a&heading=b']) {
    const bad = await as(kgMember)('GET', `/curriculum/compare${query}`);
    expect(bad).toEqual({ status: 400, body: expect.objectContaining({ code: 'bad-heading' }) });
  }
  expect(serverJson('national-kz')).toBe(before);
});

test('titles are in the language asked for, else the person’s; another language is a 400', async () => {
  const russian = (await as(reviewer)('GET', '/curriculum/matrix?locale=ru')).body as OutcomesMatrix;
  expect(russian.modules[0].title).toBe('Основные понятия и терминология миграции');
  expect(((await as(reviewer)('GET', '/curriculum/matrix')).body as OutcomesMatrix).modules[0].title).toBe('Basic concepts and terminology of migration');
  const hours = (await as(reviewer)('GET', '/curriculum/hours?locale=ru')).body as CourseHours;
  expect(hours.sections[5].title).toMatch(/^Казахстан/);
  for (const route of ['/curriculum/matrix?locale=kk', '/curriculum/hours?locale=', '/curriculum/compare?locale=EN']) {
    expect(await as(reviewer)('GET', route)).toEqual({ status: 400, body: expect.objectContaining({ code: 'bad-locale' }) });
  }
});

test('compare without a heading opens on the template’s first one', async () => {
  const response = await as(reviewer)('GET', '/curriculum/compare');
  expect(response.status).toBe(200);
  expect((response.body as Comparison).heading.key).toBe('legal-framework');
});

test('without a session every curriculum route answers 401', async () => {
  for (const route of ['/curriculum/matrix', '/curriculum/hours', '/curriculum/compare?heading=legal-framework']) {
    const response = await api(workspace.url, null)('GET', route);
    expect(response.status).toBe(401);
    const signedOut = await api(workspace.url, 'sid=forged')('GET', route);
    expect(signedOut.status).toBe(401);
  }
});

test('a deactivated person may read none of it', async () => {
  const leaver = await addTestPerson(workspace, 'member', 'TJ', 'Leaver');
  const cookie = await signIn(workspace.url, leaver.email, leaver.password);
  workspace.server.services.people.update(leaver.id, { active: false }, null);
  const response = await api(workspace.url, cookie)('GET', '/curriculum/matrix');
  expect([401, 403]).toContain(response.status);
});
