/**
 * The common national template (#20) over HTTP: coordinators set the headings every national
 * section must have (`PATCH /api/settings {nationalTemplate}`), `GET /api/sections` and the
 * dashboard say how each national section follows it, and a national section starts from it
 * (`POST /api/sections/:id/template`) — only a national one, and only by whoever may edit it.
 */
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import type { DashboardOverview, DashboardRow } from '../../shared/api/dashboard';
import type { Section, TemplateStarted } from '../../shared/api/sections';
import type { TemplateHeading, WorkspaceSettings } from '../../shared/api/settings';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let coordinator: string;
let kzMember: string;
let kgMember: string;
let kzLead: string;
let reviewer: string;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const cookie = async (role: 'member' | 'lead' | 'coordinator' | 'reviewer', group: 'KZ' | 'KG' | 'IOM') => {
    const person = await addTestPerson(workspace, role, group);
    return signIn(workspace.url, person.email, person.password);
  };
  coordinator = await cookie('coordinator', 'IOM');
  kzMember = await cookie('member', 'KZ');
  kgMember = await cookie('member', 'KG');
  kzLead = await cookie('lead', 'KZ');
  reviewer = await cookie('reviewer', 'IOM');
});
afterAll(() => workspace.stop());

const as = (cookie: string) => api(workspace.url, cookie);

type Json = Record<string, unknown>;
const text = (value: string) => ({ type: 'text', text: value });
const heading = (words: string, template: string | null = null, level = 2): Json => ({ type: 'heading', attrs: { level, template }, content: [text(words)] });
const paragraph = (words?: string): Json => ({ type: 'paragraph', content: words ? [text(words)] : [] });

/** Writes a section's whole text through the section store, as an import or a restore would. */
function writeText(sectionId: string, blocks: Json[]): void {
  workspace.server.sections.change(sectionId, null, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const { meta } = initProseMirrorDoc(fragment, schema);
    updateYFragment(doc, fragment, schema.nodeFromJSON({ type: 'doc', content: blocks }), meta);
  });
  workspace.server.content.invalidate(sectionId);
}

/** The section's top-level blocks as stored. */
const blocksOf = (sectionId: string) => (workspace.server.content.snapshot(sectionId).json.content ?? []) as Json[];

const sections = async (cookie = kzMember) => (await as(cookie)('GET', '/sections')).body as Section[];
const dashboardRow = async (id: string) => ((await as(kzMember)('GET', '/dashboard')).body as DashboardOverview).sections.find((row) => row.id === id) as DashboardRow;

const THREE: TemplateHeading[] = [
  { key: 'law', title: { en: 'Legal framework', ru: 'Правовая база' } },
  { key: 'bodies', title: { en: 'Institutions and their powers', ru: 'Государственные органы и их полномочия' } },
  { key: 'numbers', title: { en: 'Statistics', ru: 'Статистика' } },
];

describe('the template setting', () => {
  test('a workspace starts with the five headings of the syllabus, in English and Russian, which anyone signed in reads', async () => {
    const { status, body } = await as(reviewer)('GET', '/settings');
    expect(status).toBe(200);
    const template = (body as WorkspaceSettings).nationalTemplate;
    expect(template.map((entry) => entry.key)).toEqual(['legal-framework', 'institutions', 'return-reintegration', 'statistics', 'sources']);
    expect(template[0].title).toEqual({ en: 'Legal framework', ru: 'Правовая база' });
    for (const entry of template) expect(entry.title.ru).toMatch(/[а-я]/);
    expect(((await as(kzMember)('GET', '/dashboard')).body as DashboardOverview).nationalTemplate).toEqual(template);
  });

  test('only coordinators change it; everyone else is refused and nothing changes', async () => {
    for (const cookie of [kzMember, kzLead, reviewer]) {
      expect((await as(cookie)('PATCH', '/settings', { nationalTemplate: THREE })).status).toBe(403);
    }
    expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).nationalTemplate).toHaveLength(5);
  });

  test('a template that breaks a rule is refused with a 400 naming the heading, and the stored one stays', async () => {
    const long = 'x'.repeat(121);
    const bad: [unknown, RegExp][] = [
      [[], /at least one heading/],
      [Array.from({ length: 21 }, (_, i) => ({ key: `h${i}`, title: { en: 'A', ru: 'А' } })), /at most 20/],
      [[{ key: 'Law!', title: { en: 'Law', ru: 'Право' } }], /heading 1: the key/],
      [[THREE[0], { ...THREE[1], key: 'law' }], /heading 2: the key "law" is used twice/],
      [[THREE[0], { key: 'x', title: { en: '  ', ru: 'Х' } }], /heading 2: the English title is empty/],
      [[{ key: 'x', title: { en: 'X', ru: long } }], /Russian title is longer than 120/],
      [[{ key: 'x', title: { en: 'X' } }], /Russian title is empty/],
      [[{ key: 'x' }], /give a title/],
      ['legal framework', /a list of headings/],
    ];
    for (const [nationalTemplate, message] of bad) {
      const refused = await as(coordinator)('PATCH', '/settings', { nationalTemplate });
      expect(refused.status).toBe(400);
      expect(refused.body).toEqual({ error: expect.stringMatching(message) as unknown, code: 'bad-template' });
    }
    expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).nationalTemplate).toHaveLength(5);
  });

  test('a coordinator replaces it whole; titles are trimmed, the other settings stay, and it is audited', async () => {
    const before = (await as(coordinator)('GET', '/settings')).body as WorkspaceSettings;
    const changed = await as(coordinator)('PATCH', '/settings', { nationalTemplate: [...THREE.slice(0, 2), { ...THREE[2], title: { en: ' Statistics ', ru: 'Статистика' } }] });
    expect(changed.status).toBe(200);
    const after = changed.body as WorkspaceSettings;
    expect(after.nationalTemplate).toEqual(THREE);
    expect({ ...after, nationalTemplate: before.nationalTemplate }).toEqual(before);
    const audit = (await as(coordinator)('GET', '/audit?action=settings')).body as { entries: unknown[] };
    expect(JSON.stringify(audit.entries)).toContain('Государственные органы');
  });
});

describe('conformance of the national sections', () => {
  test('GET /api/sections gives each national section required, present, filled and the missing keys; a regional module none', async () => {
    // "Статистика" has no key, but is worded as the template words it: it counts (a text written before keys).
    writeText('national-kz', [heading('Правовая база', 'law'), paragraph('Закон о миграции населения'), heading('Статистика'), paragraph()]);
    const list = await sections();
    expect(list.find((section) => section.id === 'national-kz')?.template).toEqual({ required: 3, present: 2, filled: 1, missing: ['bodies'] });
    expect(list.find((section) => section.id === 'national-kg')?.template).toEqual({ required: 3, present: 0, filled: 0, missing: ['law', 'bodies', 'numbers'] });
    for (const section of list) expect(section.template === null).toBe(section.part === 1);
    expect(((await as(kzMember)('GET', '/sections/national-kz')).body as Section).template?.present).toBe(2);
  });

  test('the dashboard row says the same, and a heading added to the text makes the section conform', async () => {
    expect((await dashboardRow('national-kz')).template).toEqual({ required: 3, present: 2, filled: 1, missing: ['bodies'] });
    writeText('national-kz', [
      heading('Правовая база', 'law'),
      paragraph('Закон о миграции населения'),
      // Tied to its key, the heading may be worded as the country words it.
      heading('Институты и их полномочия', 'bodies'),
      paragraph('Министерство труда'),
      heading('Статистика'),
      paragraph('12 000 человек'),
    ]);
    expect((await dashboardRow('national-kz')).template).toEqual({ required: 3, present: 3, filled: 3, missing: [] });
  });

  test('the dashboard counts each target language of each section: translated, needing an update, missing', async () => {
    expect((await dashboardRow('national-kz')).translations).toEqual([]);
    expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } })).status).toBe(200);
    try {
      const row = await dashboardRow('national-kz');
      // Three headings and three paragraphs with text, none translated yet.
      expect(row.translations).toEqual([{ lang: 'en', blocks: 6, current: 0, stale: 0, missing: 6 }]);
      const detail = (await as(kzMember)('GET', '/sections/national-kz/translations')).body as { lang: string; missing: number }[];
      expect(detail[0].missing).toBe(row.translations[0].missing);
    } finally {
      await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: [] } });
    }
  });
});

describe('starting a national section from the template', () => {
  test('an empty national section gets every heading, level 2, tied to its key, in the source language, each with a paragraph under it', async () => {
    const started = await as(kgMember)('POST', '/sections/national-kg/template', {});
    expect(started.status).toBe(200);
    expect(started.body as TemplateStarted).toEqual({ added: 3, template: { required: 3, present: 3, filled: 0, missing: [] } });
    const blocks = blocksOf('national-kg');
    expect(blocks.map((block) => [block.type, (block.attrs as Json | undefined)?.template ?? null])).toEqual([
      ['heading', 'law'],
      ['paragraph', null],
      ['heading', 'bodies'],
      ['paragraph', null],
      ['heading', 'numbers'],
      ['paragraph', null],
    ]);
    expect(blocks.filter((block) => block.type === 'heading').map((block) => [(block.attrs as Json).level, (block.content as Json[])[0].text])).toEqual([
      [2, 'Правовая база'],
      [2, 'Государственные органы и их полномочия'],
      [2, 'Статистика'],
    ]);
    const audit = (await as(coordinator)('GET', '/audit?action=section.template')).body as { entries: { action: string; target: string }[] };
    expect(audit.entries.some((entry) => entry.action === 'section.template-started')).toBe(true);
  });

  test('a section with text keeps it and gets only the missing headings at the end; a second start adds nothing', async () => {
    writeText('national-uz', [paragraph('Кириш матни'), heading('Статистика', 'numbers'), paragraph('Рақамлар')]);
    const uzMember = await addTestPerson(workspace, 'member', 'UZ');
    const uz = await signIn(workspace.url, uzMember.email, uzMember.password);
    const started = (await as(uz)('POST', '/sections/national-uz/template', {})).body as TemplateStarted;
    expect(started).toEqual({ added: 2, template: { required: 3, present: 3, filled: 1, missing: [] } });
    const blocks = blocksOf('national-uz');
    expect(blocks.slice(0, 3).map((block) => (block.content as Json[] | undefined)?.[0]?.text)).toEqual(['Кириш матни', 'Статистика', 'Рақамлар']);
    expect(blocks.slice(3).map((block) => (block.attrs as Json | undefined)?.template ?? null)).toEqual(['law', null, 'bodies', null]);
    const again = (await as(uz)('POST', '/sections/national-uz/template', {})).body as TemplateStarted;
    expect(again.added).toBe(0);
    expect(blocksOf('national-uz')).toHaveLength(7);
  });

  test('an English source language writes the English titles', async () => {
    expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'en', targets: [] } })).status).toBe(200);
    try {
      const started = await as(coordinator)('POST', '/sections/national-tm/template', {});
      expect(started.status).toBe(200);
      expect(blocksOf('national-tm').filter((block) => block.type === 'heading').map((block) => (block.content as Json[])[0].text)).toEqual([
        'Legal framework',
        'Institutions and their powers',
        'Statistics',
      ]);
    } finally {
      await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: [] } });
    }
  });

  test('another country’s member, a reviewer and anyone in “suggestions only” are refused with 403, and the text is untouched', async () => {
    writeText('national-kz', [paragraph('Только текст')]);
    for (const cookie of [kgMember, reviewer]) {
      const refused = await as(cookie)('POST', '/sections/national-kz/template', {});
      expect(refused.status).toBe(403);
    }
    expect((await as(kzLead)('PATCH', '/sections/national-kz/suggestions-only', { suggestionsOnly: true })).status).toBe(200);
    try {
      expect((await as(kzMember)('POST', '/sections/national-kz/template', {})).status).toBe(403);
    } finally {
      await as(kzLead)('PATCH', '/sections/national-kz/suggestions-only', { suggestionsOnly: false });
    }
    expect(blocksOf('national-kz')).toHaveLength(1);
    expect((await api(workspace.url, null)('POST', '/sections/national-kz/template', {})).status).toBe(401);
  });

  test('a regional module is refused with 400, an unknown section with 404, a body with fields with 400', async () => {
    const regional = await as(coordinator)('POST', '/sections/regional-1/template', {});
    expect(regional.status).toBe(400);
    expect((regional.body as { code: string }).code).toBe('not-national');
    expect((await as(coordinator)('POST', '/sections/no-such/template', {})).status).toBe(404);
    expect((await as(kzMember)('POST', '/sections/national-kz/template', { force: true })).status).toBe(400);
    expect(blocksOf('regional-1').some((block) => block.type === 'heading' && (block.attrs as Json).template)).toBe(false);
  });
});
