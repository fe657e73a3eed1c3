/** "Approved texts" exports hold the approved version, not the edits made after approval. */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { ExportJob } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { exportedText } from '../support/exports';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let member: TestPerson, lead: TestPerson, iom: TestPerson, tspc: TestPerson;
let writer: CollabClient;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  member = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza');
  lead = await addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna');
  tspc = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат');
  for (const person of [member, lead, iom, tspc]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  writer = connectCollab(workspace.url, 'national-uz', cookies.get(member)!);
  await synced(writer);
});
afterAll(async () => {
  writer.destroy();
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

async function exportMarkdown(state: 'current' | 'approved'): Promise<string> {
  const started = await as(member)('POST', '/exports', { scope: 'master', state, format: 'md' });
  expect(started.status).toBe(202);
  const id = (started.body as ExportJob).id;
  for (let i = 0; i < 500; i++) {
    const job = (await as(member)('GET', `/exports/${id}`)).body as ExportJob;
    if (job.status === 'done') break;
    if (job.status === 'failed') throw new Error(job.error ?? 'export failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const file = await fetch(`${workspace.url}/api/exports/${id}/file`, { headers: { Cookie: cookies.get(member)! } });
  expect(file.status).toBe(200);
  return file.text();
}

test('the approved export keeps the approved words; the current export has the later edit', async () => {
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Oʻzbekiston Respublikasining migratsiya qonuni.' }] }] },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => workspace.server.content.snapshot('national-uz').words > 0, 'the text on the server');
  await as(lead)('POST', '/sections/national-uz/submit', { message: 'Ready' });
  await as(iom)('POST', '/sections/national-uz/decision', { decision: 'approved' });
  expect((await as(tspc)('POST', '/sections/national-uz/decision', { decision: 'approved' })).body).toMatchObject({ status: 'approved' });

  const text = (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(text.length, ' Keyingi tahrir.');
  await waitFor(() => JSON.stringify(workspace.server.content.snapshot('national-uz').json).includes('Keyingi tahrir'), 'the later edit');

  const approved = await exportMarkdown('approved');
  expect(approved).toContain('Oʻzbekiston Respublikasining migratsiya qonuni.');
  expect(approved).not.toContain('Keyingi tahrir');
  const current = await exportMarkdown('current');
  expect(current).toContain('Oʻzbekiston Respublikasining migratsiya qonuni. Keyingi tahrir.');
});

test('an approved-texts export without drafts leaves out every section that has no approved text', async () => {
  // After the test above, only the Uzbek section has an approved text.
  const text = await exportedText(workspace.url, cookies.get(member)!, { scope: 'master', state: 'approved', format: 'md', includeUnapproved: false, locale: 'ru' });
  expect(text).toContain('Oʻzbekiston Respublikasining migratsiya qonuni.');
  expect(text).not.toContain('Черновик — ещё не утверждён');
  expect(text.match(/не включён: утверждённого текста ещё нет/g)).toHaveLength(9);
  expect(text).toContain('Часть 1 — Единая теоретическая основа');
  expect(text).toMatch(/^## 2\.5 /m);
  expect(text).not.toMatch(/^## 1\.1 /m);

  const withDrafts = await exportedText(workspace.url, cookies.get(member)!, { scope: 'master', state: 'approved', format: 'md' });
  expect(withDrafts).toMatch(/^## 1\.1 /m);
  expect(withDrafts).toContain('Draft — not yet approved');
});
