import { connectCollab, synced } from '../support/collab-client';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
beforeAll(async () => {
  workspace = await startTestWorkspace();
});
afterAll(() => workspace.stop());

test('two Kazakh members editing the Kazakh section see each other', async () => {
  const a = await addTestPerson(workspace, 'member', 'KZ');
  const b = await addTestPerson(workspace, 'member', 'KZ');
  const one = connectCollab(workspace.url, 'national-kz', await signIn(workspace.url, a.email, a.password));
  const two = connectCollab(workspace.url, 'national-kz', await signIn(workspace.url, b.email, b.password));
  await Promise.all([synced(one), synced(two)]);
  one.doc.getText('t').insert(0, 'Қазақстан');
  await waitFor(() => two.doc.getText('t').toString() === 'Қазақстан', 'text at second client');
  expect(one.access()).toBe('edit');
  one.destroy();
  two.destroy();
});
