/** Versions: saved by hand, by review and after quiet; compared; restored while others type. */
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { Attribution, DocumentDiff, Version, VersionWithContent } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import {
  type TestPerson,
  type TestWorkspace,
  addTestPerson,
  api,
  signIn,
  startTestWorkspace,
  waitFor,
} from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let alice: TestPerson, bakyt: TestPerson, reviewer: TestPerson, uzMember: TestPerson;
const clients: CollabClient[] = [];

const paragraphs = (...texts: string[]) => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});
const textOf = (doc: Y.Doc) =>
  JSON.stringify(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FRAGMENT)));
const serverText = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);
const paragraphText = (doc: Y.Doc, index: number) =>
  ((doc.getXmlFragment(CONTENT_FRAGMENT).get(index) as Y.XmlElement).get(0) as Y.XmlText);

beforeAll(async () => {
  workspace = await startTestWorkspace({ autoVersionQuietMs: 300 });
  alice = await addTestPerson(workspace, 'member', 'KG', 'Алия');
  bakyt = await addTestPerson(workspace, 'member', 'KG', 'Бакыт');
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Reviewer');
  uzMember = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza');
  for (const person of [alice, bakyt, reviewer, uzMember]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
});
afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
async function open(person: TestPerson, sectionId: string) {
  const client = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  clients.push(client);
  await synced(client);
  return client;
}

test('save a named version, edit, compare, restore while another member keeps typing: nothing typed is lost', async () => {
  const a = await open(alice, 'national-kg');
  const b = await open(bakyt, 'national-kg');
  prosemirrorJSONToYXmlFragment(schema, paragraphs('Первый абзац.', 'Второй абзац.', 'Третий абзац.'), a.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => serverText('national-kg').includes('Третий'), 'content on the server');
  const saved = await as(alice)('POST', '/sections/national-kg/versions', { label: 'sent to ministry' });
  expect(saved.status).toBe(201);
  const version = saved.body as Version;
  expect(version.label).toBe('sent to ministry');

  // Edit: change the first paragraph, delete the third.
  paragraphText(a.doc, 0).insert(0, 'Изменённый ');
  a.doc.getXmlFragment(CONTENT_FRAGMENT).delete(2, 1);
  await waitFor(() => !serverText('national-kg').includes('Третий'), 'the edit on the server');
  const diff = (await as(bakyt)('GET', `/sections/national-kg/compare?from=${version.id}&to=current`)).body as DocumentDiff;
  expect(diff.blocks.map((block) => block.change)).toEqual(['changed', 'equal', 'deleted']);

  // Bakyt is offline and keeps typing; meanwhile Alice restores; Bakyt comes back.
  b.provider.disconnect();
  for (const word of [' раз', ' два']) {
    const text = paragraphText(b.doc, 1);
    text.insert(text.length, word);
  }
  const restored = await as(alice)('POST', `/versions/${version.id}/restore`);
  expect(restored.status).toBe(201);
  expect((restored.body as Version).kind).toBe('restore');
  // Alice keeps typing right after the restore, concurrently with Bakyt's return.
  paragraphText(a.doc, 0).insert(0, '» ');
  b.provider.connect();
  await waitFor(() => textOf(a.doc) === textOf(b.doc) && textOf(a.doc) === serverText('national-kg'), 'convergence');
  const final = textOf(a.doc);
  expect(final).toContain('» Первый абзац.');
  expect(final).not.toContain('Изменённый');
  expect(final).toContain('Третий абзац.');
  expect(final).toContain('Второй абзац. раз два');

  // The restore is itself a version, and the text it replaced was saved just before it.
  const list = (await as(alice)('GET', '/sections/national-kg/versions')).body as Version[];
  expect(list[0].kind).toBe('restore');
  expect(list[0].label).toBe('sent to ministry');
  expect(list[1].kind).toBe('auto');
  const before = (await as(alice)('GET', `/versions/${list[1].id}`)).body as VersionWithContent;
  expect(JSON.stringify(before.content)).toContain('Изменённый');
});

test('a burst of editing that goes quiet becomes an automatic version, with its authors', async () => {
  const a = await open(alice, 'regional-3');
  prosemirrorJSONToYXmlFragment(schema, paragraphs('Автоматическая версия.'), a.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => workspace.server.versions.list('regional-3').some((v) => v.kind === 'auto'), 'an automatic version', 5000);
  const auto = workspace.server.versions.list('regional-3').find((v) => v.kind === 'auto')!;
  expect(auto.authors.map((author) => author.name)).toEqual(['Алия']);
  expect(auto.words).toBe(2);
});

test('attribution shows who wrote which passage', async () => {
  const readOnly = await open(alice, 'national-tm');
  prosemirrorJSONToYXmlFragment(schema, paragraphs('Алия написала это.'), readOnly.doc.getXmlFragment(CONTENT_FRAGMENT));
  const regionalA = await open(alice, 'regional-2');
  const regionalB = await open(bakyt, 'regional-2');
  prosemirrorJSONToYXmlFragment(schema, paragraphs('Алия написала это.'), regionalA.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => regionalB.doc.getXmlFragment(CONTENT_FRAGMENT).length === 1, 'sync');
  const text = paragraphText(regionalB.doc, 0);
  text.insert(text.length, ' Бакыт добавил.');
  await waitFor(() => serverText('regional-2').includes('Бакыт добавил'), 'the addition');
  const attribution = (await as(reviewer)('GET', '/sections/regional-2/attribution')).body as Attribution;
  expect(attribution.blocks[0].runs).toEqual([
    { text: 'Алия написала это.', personId: alice.id },
    { text: ' Бакыт добавил.', personId: bakyt.id },
  ]);
  expect(attribution.people.map((p) => p.name).sort()).toEqual(['Алия', 'Бакыт']);
  // Nothing Alice typed into the Turkmen section was accepted.
  expect(serverText('national-tm')).not.toContain('Алия');
});

test('who may save and restore versions, tried both ways', async () => {
  const list = (await as(alice)('GET', '/sections/national-kg/versions')).body as Version[];
  expect((await as(reviewer)('POST', '/sections/national-kg/versions', { label: 'x' })).status).toBe(403);
  expect((await as(uzMember)('POST', '/sections/national-kg/versions', { label: 'x' })).status).toBe(403);
  expect((await as(reviewer)('POST', `/versions/${list[0].id}/restore`)).status).toBe(403);
  expect((await as(uzMember)('POST', `/versions/${list[0].id}/restore`)).status).toBe(403);
  expect((await as(reviewer)('GET', `/versions/${list[0].id}`)).status).toBe(200);
  expect((await as(alice)('POST', '/sections/national-kg/versions', { label: '' })).status).toBe(400);
  expect((await as(alice)('GET', '/sections/national-kg/compare?from=999999')).status).toBe(404);
  expect((await as(alice)('GET', '/sections/national-kg/compare?from=abc')).status).toBe(400);
});
