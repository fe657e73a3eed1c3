/**
 * The workspace's languages (#19) over HTTP: anyone signed in reads them with `GET /api/settings`,
 * coordinators set them with `PATCH /api/settings`, and the source language stays put once a
 * section has a translation.
 */
import type { AuditPage } from '../../shared/api/audit';
import type { DashboardOverview } from '../../shared/api/dashboard';
import type { WorkspaceSettings } from '../../shared/api/settings';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import * as Y from 'yjs';
import { type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let coordinator: string;
let kzLead: string;
let kzMember: string;
let reviewer: string;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const cookie = async (role: 'member' | 'lead' | 'coordinator' | 'reviewer', group: 'KZ' | 'IOM') => {
    const person = await addTestPerson(workspace, role, group);
    return signIn(workspace.url, person.email, person.password);
  };
  coordinator = await cookie('coordinator', 'IOM');
  kzLead = await cookie('lead', 'KZ');
  kzMember = await cookie('member', 'KZ');
  reviewer = await cookie('reviewer', 'IOM');
});
afterAll(() => workspace.stop());

const as = (cookie: string) => api(workspace.url, cookie);

test('anyone signed in reads the settings; the languages are Russian and no translation by default', async () => {
  for (const cookie of [kzMember, reviewer, coordinator]) {
    const { status, body } = await as(cookie)('GET', '/settings');
    expect(status).toBe(200);
    expect((body as WorkspaceSettings).languages).toEqual({ source: 'ru', targets: [] });
    expect(Object.keys(body as object).sort()).toEqual(['deadline', 'languages', 'nationalTemplate', 'otherGroupsSuggest', 'requiredOrganisations']);
  }
  expect((await api(workspace.url, null)('GET', '/settings')).status).toBe(401);
});

test('a coordinator sets the target languages: the answer, GET and the dashboard say so, and it is audited', async () => {
  let announced = 0;
  const count = () => announced++;
  workspace.server.services.events.on('settings-changed', count);
  try {
    const changed = await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en', 'kk'] } });
    expect(changed.status).toBe(200);
    expect((changed.body as WorkspaceSettings).languages).toEqual({ source: 'ru', targets: ['en', 'kk'] });
    expect(announced).toBe(1);
  } finally {
    workspace.server.services.events.off('settings-changed', count);
  }
  expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).languages).toEqual({ source: 'ru', targets: ['en', 'kk'] });
  expect(((await as(kzMember)('GET', '/dashboard')).body as DashboardOverview).languages).toEqual({ source: 'ru', targets: ['en', 'kk'] });
  const audit = (await as(coordinator)('GET', '/audit?action=settings')).body as AuditPage;
  expect(audit.entries.some((entry) => JSON.stringify(entry).includes('"kk"'))).toBe(true);
  // The other settings are left as they were.
  const other = await as(coordinator)('PATCH', '/settings', { otherGroupsSuggest: false });
  expect((other.body as WorkspaceSettings).languages).toEqual({ source: 'ru', targets: ['en', 'kk'] });
});

test('only coordinators change the languages', async () => {
  for (const cookie of [kzLead, kzMember, reviewer]) {
    const refused = await as(cookie)('PATCH', '/settings', { languages: { source: 'ru', targets: ['uz'] } });
    expect(refused.status).toBe(403);
  }
  expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).languages.targets).toEqual(['en', 'kk']);
});

test('languages the workspace does not know, a target twice, or the source as a target are refused with what is wrong', async () => {
  const refusals: [unknown, number, string | null][] = [
    [{ source: 'ru', targets: ['fr'] }, 422, 'unknown-language'],
    [{ source: 'de', targets: [] }, 422, 'unknown-language'],
    [{ source: 'ru', targets: ['en', 'en'] }, 422, 'duplicate-language'],
    [{ source: 'ru', targets: ['en', 'ru'] }, 422, 'target-is-source'],
    // Not the shape of a setting at all: a bad request.
    [{ source: 'ru', targets: 'en' }, 400, 'invalid-request'],
    [{ targets: ['en'] }, 400, 'invalid-request'],
  ];
  for (const [languages, status, code] of refusals) {
    const refused = await as(coordinator)('PATCH', '/settings', { languages });
    expect({ languages, status: refused.status }).toEqual({ languages, status });
    expect(refused.body).toMatchObject({ code });
    expect(typeof (refused.body as { error: string }).error).toBe('string');
  }
  expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).languages).toEqual({ source: 'ru', targets: ['en', 'kk'] });
});

test('the source language changes while no section has a translation, and not once one has', async () => {
  const toEnglish = await as(coordinator)('PATCH', '/settings', { languages: { source: 'en', targets: ['ru'] } });
  expect(toEnglish.status).toBe(200);
  const back = await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } });
  expect(back.status).toBe(200);

  // One English paragraph in one section.
  workspace.server.sections.change(documentKey('regional-2', 'en'), null, (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Global and regional cooperation')]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [paragraph]);
  });
  const refused = await as(coordinator)('PATCH', '/settings', { languages: { source: 'en', targets: ['ru'] } });
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ code: 'translations-exist' });
  expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).languages).toEqual({ source: 'ru', targets: ['en'] });

  // Targets still change freely; a removed target keeps its text, which returns with the language.
  expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['kk'] } })).status).toBe(200);
  expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['kk', 'en'] } })).status).toBe(200);
  const text = workspace.server.sections.read(documentKey('regional-2', 'en'), (doc) => doc.getXmlFragment(CONTENT_FRAGMENT).toString());
  expect(text).toContain('Global and regional cooperation');
});

test('languages and the national template change apart: each change leaves the other as it was', async () => {
  const template = [{ key: 'law', title: { en: 'Legal framework', ru: 'Правовая база' } }];
  const before = ((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).languages;
  expect((await as(coordinator)('PATCH', '/settings', { nationalTemplate: template })).status).toBe(200);
  expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).languages).toEqual(before);
  expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } })).status).toBe(200);
  expect(((await as(kzMember)('GET', '/settings')).body as WorkspaceSettings).nationalTemplate).toEqual(template);
  // A request that changes both and breaks the template's rules changes neither.
  const refused = await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['uz'] }, nationalTemplate: [] });
  expect(refused.status).toBe(400);
  const after = (await as(kzMember)('GET', '/settings')).body as WorkspaceSettings;
  expect([after.languages, after.nationalTemplate]).toEqual([{ source: 'ru', targets: ['en'] }, template]);
});
