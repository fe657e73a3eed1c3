/** Invitation links: created by coordinators, single use, expire in seven days. */
import type { CreatedInvitation } from '../../shared/api';
import {
  type TestWorkspace,
  addTestPerson,
  api,
  signIn,
  startTestWorkspace,
} from '../support/workspace';

let workspace: TestWorkspace;
let coordinatorCookie: string;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const coordinator = await addTestPerson(workspace, 'coordinator', 'TSPC');
  coordinatorCookie = await signIn(workspace.url, coordinator.email, coordinator.password);
});
afterAll(() => workspace.stop());

const tokenOf = (link: string) => link.split('/invite/')[1];

test('an invitee opens the link, sets name and password, and is signed in as the invited role', async () => {
  const admin = api(workspace.url, coordinatorCookie);
  const created = await admin('POST', '/invitations', { email: 'New.Member@Example.kz', role: 'member', group: 'KZ' });
  expect(created.status).toBe(201);
  const { link, expiresAt } = created.body as CreatedInvitation;
  expect(link.startsWith(`${workspace.url}/invite/`)).toBe(true);
  const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);

  const visitor = api(workspace.url, null);
  const opened = await visitor('GET', `/invitations/${tokenOf(link)}`);
  expect(opened.body).toMatchObject({ email: 'new.member@example.kz', role: 'member', group: 'KZ' });

  const weak = await visitor('POST', `/invitations/${tokenOf(link)}/accept`, { name: 'Асель', password: 'short' });
  expect(weak.status).toBe(400);
  // A refused password does not burn the link.
  const accepted = await fetch(`${workspace.url}/api/invitations/${tokenOf(link)}/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin },
    body: JSON.stringify({ name: 'Асель Нурланова', password: 'a long enough password' }),
  });
  expect(accepted.status).toBe(201);
  const cookie = accepted.headers.get('set-cookie')!.split(';')[0];
  const me = await api(workspace.url, cookie)('GET', '/me');
  expect(me.body).toMatchObject({ name: 'Асель Нурланова', role: 'member', group: 'KZ' });
  expect(await signIn(workspace.url, 'new.member@example.kz', 'a long enough password')).toMatch(/^sid=/);

  const again = await visitor('POST', `/invitations/${tokenOf(link)}/accept`, { name: 'Someone else', password: 'another long password' });
  expect(again.status).toBe(410);
});

test('an expired invitation is refused with 410', async () => {
  const admin = api(workspace.url, coordinatorCookie);
  const { body } = await admin('POST', '/invitations', { email: 'late@example.kg', role: 'lead', group: 'KG' });
  const token = tokenOf((body as CreatedInvitation).link);
  workspace.server.db.$client.prepare('UPDATE invitations SET expires_at = ?').run(Date.now() - 1000);
  const visitor = api(workspace.url, null);
  expect((await visitor('GET', `/invitations/${token}`)).status).toBe(410);
  expect((await visitor('POST', `/invitations/${token}/accept`, { name: 'Late', password: 'a long enough password' })).status).toBe(410);
});

test('unknown and malformed tokens are refused without a crash', async () => {
  const visitor = api(workspace.url, null);
  expect((await visitor('GET', '/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  expect((await visitor('GET', '/invitations/%00%27;drop')).status).toBe(400);
});

test('only coordinators invite, and only into valid memberships', async () => {
  const member = await addTestPerson(workspace, 'member', 'TM');
  const memberCall = api(workspace.url, await signIn(workspace.url, member.email, member.password));
  expect((await memberCall('POST', '/invitations', { email: 'x@example.tm', role: 'member', group: 'TM' })).status).toBe(403);
  const admin = api(workspace.url, coordinatorCookie);
  expect((await admin('POST', '/invitations', { email: 'x@example.tm', role: 'reviewer', group: 'TM' })).status).toBe(422);
  expect((await admin('POST', '/invitations', { email: member.email, role: 'member', group: 'TM' })).status).toBe(409);
  expect((await admin('POST', '/invitations', { email: 'not an email', role: 'member', group: 'TM' })).status).toBe(400);
  const pending = await admin('GET', '/invitations');
  expect(pending.status).toBe(200);
});
