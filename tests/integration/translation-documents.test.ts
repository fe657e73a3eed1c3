/**
 * A section's translations (#19) are documents of their own at /collab/<sectionId>/<lang>: served
 * with the section's access, stored apart from the source (same log, `lang` set), refused for
 * languages the workspace does not translate into, and closed when their language is removed.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CLOSE_FORBIDDEN, REASON_LANGUAGE_REMOVED, REASON_NO_SUCH_LANGUAGE } from '../../shared/collab-protocol';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { closeAll, content, onServer, version, waitForConvergence } from '../support/collab-state';
import { type RawClient, browserHeaders, openRaw, wsUrl } from '../support/raw-socket';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let kzMember: TestPerson;
let kzLead: TestPerson;
let reviewer: TestPerson;
let uzMember: TestPerson;
let coordinator: TestPerson;
const cookies = new Map<TestPerson, string>();
const clients: CollabClient[] = [];
const raws: RawClient[] = [];

const SECTION = 'national-kz';
const EN = documentKey(SECTION, 'en');

beforeAll(async () => {
  // Documents unload soon after their last connection closes, so a test can see one reloaded.
  workspace = await startTestWorkspace({ sectionIdleMs: 300, compactAfterRows: 4 });
  [kzMember, kzLead, reviewer, uzMember, coordinator] = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Aigerim Kazakh member'),
    addTestPerson(workspace, 'lead', 'KZ', 'Daniyar Kazakh lead'),
    addTestPerson(workspace, 'reviewer', 'IOM', 'Rita IOM reviewer'),
    addTestPerson(workspace, 'member', 'UZ', 'Umid Uzbek member'),
    addTestPerson(workspace, 'coordinator', 'IOM', 'Cora coordinator'),
  ]);
  for (const person of [kzMember, kzLead, reviewer, uzMember, coordinator]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
});
beforeEach(async () => setTargets(['en', 'kk']));
afterEach(() => closeAll([...clients.splice(0), ...raws.splice(0)]));
afterAll(() => workspace.stop());

async function setTargets(targets: string[]): Promise<void> {
  const { status } = await api(workspace.url, cookies.get(coordinator)!)('PATCH', '/settings', { languages: { source: 'ru', targets } });
  expect(status).toBe(200);
}

async function connect(key: string, person: TestPerson): Promise<CollabClient> {
  const client = connectCollab(workspace.url, key, cookies.get(person)!);
  clients.push(client);
  await synced(client);
  return client;
}

async function raw(key: string, person: TestPerson): Promise<RawClient> {
  const client = await openRaw(workspace.url, key, cookies.get(person)!);
  raws.push(client);
  return client;
}

/** Appends a paragraph holding `words` to the document's ProseMirror content. */
function writeParagraph(doc: Y.Doc, words: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(words)]);
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  fragment.insert(fragment.length, [paragraph]);
}

const textOf = (doc: Y.Doc) => doc.getXmlFragment(CONTENT_FRAGMENT).toString();

/** Rows of one document of a section in the update log. */
function rowsIn(sectionId: string, lang: string): number {
  const row = workspace.server.db.$client
    .prepare('SELECT count(*) AS n FROM doc_updates WHERE section_id = ? AND lang = ?')
    .get(sectionId, lang) as { n: number };
  return row.n;
}

/** The status and body of a refused upgrade. */
function refusal(key: string, person: TestPerson): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(workspace.url, key), { headers: browserHeaders(workspace.url, cookies.get(person)!) });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', reject);
  });
}

test('two people edit the English version together and converge; the Russian source is untouched', async () => {
  const sourceBefore = onServer(workspace, SECTION, (doc) => ({ version: version(doc), content: content(doc) }));
  const sourceRows = rowsIn(SECTION, '');
  const edited: string[] = [];
  const translated: string[] = [];
  const onEdited = (sectionId: string) => edited.push(sectionId);
  const onTranslated = (sectionId: string, lang: string) => translated.push(`${sectionId}/${lang}`);
  workspace.server.services.events.on('section-edited', onEdited);
  workspace.server.services.events.on('translation-edited', onTranslated);
  try {
    const a = await connect(EN, kzMember);
    const b = await connect(EN, kzLead);
    expect(a.access()).toBe('edit');
    writeParagraph(a.doc, 'Return migration');
    writeParagraph(b.doc, 'Assisted voluntary return');
    await waitForConvergence(workspace, EN, [a, b]);
    expect(textOf(a.doc)).toContain('Return migration');
    expect(textOf(a.doc)).toContain('Assisted voluntary return');
  } finally {
    workspace.server.services.events.off('section-edited', onEdited);
    workspace.server.services.events.off('translation-edited', onTranslated);
  }
  expect(onServer(workspace, SECTION, (doc) => ({ version: version(doc), content: content(doc) }))).toEqual(sourceBefore);
  expect(rowsIn(SECTION, '')).toBe(sourceRows);
  expect(rowsIn(SECTION, 'en')).toBeGreaterThan(0);
  // Translation edits are announced as such, never as edits of the section's source text.
  expect(edited).toEqual([]);
  expect(new Set(translated)).toEqual(new Set([EN]));
  // Who wrote what is claimed in the English document, not in the source.
  const claims = workspace.server.db.$client
    .prepare('SELECT lang, person_id AS personId FROM doc_authors WHERE section_id = ? AND person_id IN (?, ?)')
    .all(SECTION, kzMember.id, kzLead.id) as { lang: string; personId: number }[];
  expect(claims.length).toBeGreaterThanOrEqual(2);
  expect(claims.every((claim) => claim.lang === 'en')).toBe(true);
});

test('a translation has the section’s access: a reviewer suggests, another country’s member reads', async () => {
  expect((await raw(EN, kzMember)).access()).toBe('edit');
  expect((await raw(EN, reviewer)).access()).toBe('suggest');
  expect((await raw(EN, uzMember)).access()).toBe('read-only');
});

test('"suggestions only" on the section applies to its open translations at once', async () => {
  const member = await raw(EN, kzMember);
  expect(member.access()).toBe('edit');
  const as = api(workspace.url, cookies.get(kzLead)!);
  try {
    expect((await as('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true })).status).toBe(200);
    await waitFor(() => member.access() === 'suggest', 'the translation connection to suggest');
  } finally {
    await as('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: false });
  }
  await waitFor(() => member.access() === 'edit', 'the translation connection to edit again');
  expect(member.isClosed()).toBe(false);
});

test('a language that is not a target, and the source language, are refused with 404 and why', async () => {
  const french = await refusal(`${SECTION}/fr`, kzMember);
  expect(french.status).toBe(404);
  expect(JSON.parse(french.body)).toEqual({ error: REASON_NO_SUCH_LANGUAGE });
  const russian = await refusal(`${SECTION}/ru`, kzMember);
  expect(russian.status).toBe(404);
  expect(JSON.parse(russian.body).error).toBe(`${REASON_NO_SUCH_LANGUAGE}: ru is the source language, at /collab/${SECTION}`);
  expect((await refusal(`${SECTION}/EN`, kzMember)).status).toBe(404);
  expect((await refusal(`${SECTION}/en/extra`, kzMember)).status).toBe(404);
  expect((await refusal('no-such-section/en', kzMember)).status).toBe(404);
  expect((await refusal(`${SECTION}/kk`, kzMember)).status).toBe(101);
});

test('removing English from the targets closes the open English connections, and nothing else', async () => {
  const writer = await connect(EN, kzLead);
  writeParagraph(writer.doc, 'Kept while English is away');
  await waitForConvergence(workspace, EN, [writer]);
  const english = await raw(EN, kzMember);
  const kazakh = await raw(documentKey(SECTION, 'kk'), kzMember);
  const source = await raw(SECTION, kzMember);
  await setTargets(['kk']);
  expect(await english.closed).toEqual({ code: CLOSE_FORBIDDEN, reason: REASON_LANGUAGE_REMOVED });
  await kazakh.barrier();
  await source.barrier();
  expect(kazakh.isClosed()).toBe(false);
  expect(source.isClosed()).toBe(false);
  expect((await refusal(EN, kzMember)).status).toBe(404);
  // Its text is kept, and back with the language.
  await setTargets(['kk', 'en']);
  const again = await connect(EN, kzMember);
  expect(textOf(again.doc)).toContain('Kept while English is away');
});

test('a translation unloaded and loaded again keeps its text; its log is compacted on its own', async () => {
  const writer = await connect(EN, kzMember);
  for (let i = 0; i < 8; i++) writeParagraph(writer.doc, `Paragraph ${i} of the English version`);
  await waitForConvergence(workspace, EN, [writer]);
  const written = textOf(writer.doc);
  const sourceRows = rowsIn(SECTION, '');
  closeAll(clients.splice(0));
  await waitFor(() => !workspace.server.sections.isLoaded(EN), 'the English document to unload', 10_000);
  // Unloading compacted the English rows into one, and left the source's rows alone.
  expect(rowsIn(SECTION, 'en')).toBe(1);
  expect(rowsIn(SECTION, '')).toBe(sourceRows);
  const reader = await connect(EN, kzLead);
  expect(textOf(reader.doc)).toBe(written);
});

test('a change through the section store to a translation is stored and reaches its editors', async () => {
  const editor = await connect(EN, kzMember);
  const rows = rowsIn(SECTION, 'en');
  workspace.server.sections.change(EN, coordinator.id, (doc) => writeParagraph(doc, 'Written by the server for the coordinator'));
  expect(rowsIn(SECTION, 'en')).toBe(rows + 1);
  await waitFor(() => textOf(editor.doc).includes('Written by the server for the coordinator'), 'the change to reach the editor');
  expect(onServer(workspace, SECTION, textOf)).not.toContain('Written by the server');
});

