/**
 * `npm run admin` against the data directory of a running server: it does the same commands as
 * the web app, so what it changes is what the People page would have changed, and the running
 * server refuses a person the shell deactivated at their next request.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLOSE_UNAUTHENTICATED } from '../../shared/collab-protocol';
import { connectCollab, synced } from '../support/collab-client';
import { ROOT, type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const run = promisify(execFile);

let workspace: TestWorkspace;
let coordinatorCookie: string;

/** Runs `npm run admin -- <args>` as its own process, on the test server's DATA_DIR. */
async function admin(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: workspace.dataDir, PUBLIC_URL: workspace.url },
  });
  return stdout;
}

const sessionsOf = (person: TestPerson) =>
  (workspace.server.db.$client.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(person.id) as { n: number }).n;
const lastChangeOf = (person: TestPerson) =>
  workspace.server.services.audit.list({ action: 'person.changed' }).find((entry) => entry.target === `person:${person.id}`);

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const coordinator = await addTestPerson(workspace, 'coordinator', 'IOM');
  coordinatorCookie = await signIn(workspace.url, coordinator.email, coordinator.password);
});

afterAll(() => workspace.stop());

test('set-user --active false ends that person’s sessions as the People page does, and the running server refuses them', async () => {
  const byPage = await addTestPerson(workspace, 'member', 'KZ');
  const byShell = await addTestPerson(workspace, 'member', 'KZ');
  const pageCookies = [await signIn(workspace.url, byPage.email, byPage.password), await signIn(workspace.url, byPage.email, byPage.password)];
  const shellCookies = [await signIn(workspace.url, byShell.email, byShell.password), await signIn(workspace.url, byShell.email, byShell.password)];
  for (const cookie of [...pageCookies, ...shellCookies]) expect((await api(workspace.url, cookie)('GET', '/me')).status).toBe(200);

  expect((await api(workspace.url, coordinatorCookie)('PATCH', `/people/${byPage.id}`, { active: false })).status).toBe(200);
  expect(await admin('set-user', '--email', byShell.email, '--active', 'false')).toContain(`${byShell.email}: member of KZ, inactive`);

  for (const person of [byPage, byShell]) {
    expect(sessionsOf(person)).toBe(0);
    expect(lastChangeOf(person)).toMatchObject({ detail: { active: false } });
  }
  expect(lastChangeOf(byShell)?.actorId).toBeNull();
  for (const cookie of [...pageCookies, ...shellCookies]) expect((await api(workspace.url, cookie)('GET', '/me')).status).toBe(401);
  await expect(signIn(workspace.url, byShell.email, byShell.password)).rejects.toThrow('sign-in failed: 403');
  expect(workspace.server.services.audit.verify()).toBeNull();
});

test('set-user with another change leaves the person’s sessions alone', async () => {
  const person = await addTestPerson(workspace, 'member', 'KZ');
  const cookie = await signIn(workspace.url, person.email, person.password);
  await admin('set-user', '--email', person.email, '--group', 'UZ');
  expect((await api(workspace.url, cookie)('GET', '/me')).body).toMatchObject({ id: person.id, group: 'UZ' });
});

test('set-password and invite work on the running server’s data', async () => {
  const person = await addTestPerson(workspace, 'lead', 'TJ');
  await admin('set-password', '--email', person.email, '--password', 'a brand new password');
  await expect(signIn(workspace.url, person.email, person.password)).rejects.toThrow('sign-in failed: 401');
  expect(await signIn(workspace.url, person.email, 'a brand new password')).toMatch(/^sid=/);

  const printed = await admin('invite', '--email', 'shell.invite@example.test', '--role', 'member', '--group', 'TM');
  const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(printed)?.[1];
  expect(printed).toContain(`${workspace.url}/invite/`);
  expect((await api(workspace.url, null)('GET', `/invitations/${token}`)).body).toMatchObject({ email: 'shell.invite@example.test', role: 'member', group: 'TM' });
});

test('a deactivation from the shell closes that person’s open editing connection within seconds', async () => {
  const person = await addTestPerson(workspace, 'member', 'KZ');
  const cookie = await signIn(workspace.url, person.email, person.password);
  const client = connectCollab(workspace.url, 'national-kz', cookie);
  try {
    await synced(client);
    let closedWith: number | null = null;
    client.provider.on('closed', ({ code }: { code: number }) => {
      closedWith = code;
    });
    await admin('set-user', '--email', person.email, '--active', 'false');
    await waitFor(() => closedWith !== null, 'the connection to close', 8_000);
    expect(closedWith).toBe(CLOSE_UNAUTHENTICATED);
    // A write attempted now goes nowhere: the provider has stopped.
    client.doc.getText('notes').insert(0, 'after deactivation');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(workspace.server.sections.read('national-kz', (doc) => doc.getText('notes').toString())).not.toContain('after deactivation');
  } finally {
    client.destroy();
  }
});
