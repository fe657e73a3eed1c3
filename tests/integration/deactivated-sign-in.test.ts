/**
 * A deactivated account is told so at sign-in, but only once its right password is given: a wrong
 * password gets the same 401 as any other, so the answer tells a guesser nothing about the account.
 */
import { type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;

beforeAll(async () => {
  workspace = await startTestWorkspace();
});

afterAll(async () => {
  await workspace?.stop();
});

test('a deactivated account gets 403 "deactivated" for its right password and the ordinary 401 for a wrong one', async () => {
  const coordinator = await addTestPerson(workspace, 'coordinator', 'IOM');
  const person = await addTestPerson(workspace, 'member', 'KG', 'Айбек Токтогулов');
  const asCoordinator = api(workspace.url, await signIn(workspace.url, coordinator.email, coordinator.password));
  expect((await asCoordinator('PATCH', `/people/${person.id}`, { active: false })).status).toBe(200);
  const anonymous = api(workspace.url, null);

  const wrong = await anonymous('POST', '/session', { email: person.email, password: 'not the password at all' });
  const unknown = await anonymous('POST', '/session', { email: 'nobody@example.test', password: 'not the password at all' });
  expect(wrong).toEqual(unknown);
  expect(wrong).toEqual({ status: 401, body: { error: 'the e-mail or password is not correct', code: 'bad-credentials' } });

  const right = await anonymous('POST', '/session', { email: person.email, password: person.password });
  expect(right).toMatchObject({ status: 403, body: { code: 'deactivated' } });
  const sessions = workspace.server.db.$client.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(person.id) as { n: number };
  expect(sessions.n).toBe(0);
  expect(workspace.server.services.audit.list({ action: 'sign-in.failed' })[0]).toMatchObject({ detail: { reason: 'deactivated' } });

  expect((await asCoordinator('PATCH', `/people/${person.id}`, { active: true })).status).toBe(200);
  expect(await signIn(workspace.url, person.email, person.password)).toMatch(/^sid=/);
});
