/** A section loads from SQLite on first connection, is unloaded when idle, and its log is compacted. */
import { connectCollab, synced } from '../support/collab-client';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let cookie: string;

beforeAll(async () => {
  workspace = await startTestWorkspace({ sectionIdleMs: 100, compactAfterRows: 20 });
  const member = await addTestPerson(workspace, 'member', 'TJ');
  cookie = await signIn(workspace.url, member.email, member.password);
});
afterAll(() => workspace.stop());

const rows = (sectionId: string) =>
  (workspace.server.db.$client.prepare('SELECT count(*) AS n FROM doc_updates WHERE section_id = ?').get(sectionId) as { n: number }).n;

test('an idle section leaves memory with its log merged into one row, and comes back whole', async () => {
  expect(workspace.server.sections.loaded).toBe(0);
  const writer = connectCollab(workspace.url, 'national-tj', cookie);
  await synced(writer);
  expect(workspace.server.sections.loaded).toBe(1);
  const text = writer.doc.getText('t');
  for (let i = 0; i < 50; i++) text.insert(text.length, `${i} Тоҷикистон; `);
  await waitFor(() => workspace.server.sections.read('national-tj', (doc) => doc.getText('t').length) === text.length, 'all edits');
  // Past the threshold the log is merged while people keep writing.
  await waitFor(() => rows('national-tj') < 50, 'compaction while loaded');
  writer.destroy();
  await waitFor(() => workspace.server.sections.loaded === 0, 'the idle section to unload', 2000);
  expect(rows('national-tj')).toBe(1);

  const reader = connectCollab(workspace.url, 'national-tj', cookie);
  await synced(reader);
  expect(reader.doc.getText('t').toString()).toBe(text.toString());
  reader.destroy();
});
