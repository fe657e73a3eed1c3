/**
 * Names: the workspace starts with a coordinator called "Project coordinator", a placeholder. A
 * coordinator changes names on the People page (their own included); nobody else changes anyone's
 * name, their own included (the refusal changes nothing). Role and group changes can be undone
 * through the same route.
 */
import type { ManagedPerson, Me, Person } from '../../shared/api';
import { FIRST_COORDINATOR_EMAIL } from '../../server/domain/workspace-seed';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let coordinatorCookie: string;
let coordinatorId: number;
let member: TestPerson, memberCookie: string;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const first = workspace.server.firstCoordinator!;
  coordinatorCookie = await signIn(workspace.url, first.email, first.password);
  coordinatorId = ((await api(workspace.url, coordinatorCookie)('GET', '/me')).body as Me).id;
  member = await addTestPerson(workspace, 'member', 'UZ', 'Aigerim Sadykova');
  memberCookie = await signIn(workspace.url, member.email, member.password);
});

afterAll(async () => {
  await workspace.stop();
});

const asCoordinator = () => api(workspace.url, coordinatorCookie);
const asMember = () => api(workspace.url, memberCookie);

async function nameOf(id: number): Promise<string | undefined> {
  const people = (await asMember()('GET', '/people')).body as Person[];
  return people.find((person) => person.id === id)?.name;
}

test('the first coordinator starts with a placeholder name and gives themselves their real one', async () => {
  expect((await asCoordinator()('GET', '/me')).body).toMatchObject({ email: FIRST_COORDINATOR_EMAIL, name: 'Project coordinator' });
  const renamed = await asCoordinator()('PATCH', `/people/${coordinatorId}`, { name: '  Anna Keller ' });
  expect(renamed.status).toBe(200);
  expect((renamed.body as ManagedPerson).name).toBe('Anna Keller');
  expect((await asCoordinator()('GET', '/me')).body).toMatchObject({ name: 'Anna Keller' });
  expect(await nameOf(coordinatorId)).toBe('Anna Keller');
});

test('a coordinator corrects a member’s name', async () => {
  const renamed = await asCoordinator()('PATCH', `/people/${member.id}`, { name: 'Aigerim Sadykova-Nur' });
  expect(renamed.status).toBe(200);
  expect(await nameOf(member.id)).toBe('Aigerim Sadykova-Nur');
});

test('a member cannot change anyone’s name, their own included: 403, and the names stay', async () => {
  expect((await asMember()('PATCH', `/people/${coordinatorId}`, { name: 'Someone else' })).status).toBe(403);
  expect((await asMember()('PATCH', `/people/${member.id}`, { name: 'Self-named' })).status).toBe(403);
  expect((await asMember()('PATCH', '/me', { name: 'Self-named' })).status).toBe(400);
  expect(await nameOf(coordinatorId)).toBe('Anna Keller');
  expect(await nameOf(member.id)).toBe('Aigerim Sadykova-Nur');
});

test('an empty name is refused', async () => {
  expect((await asCoordinator()('PATCH', `/people/${member.id}`, { name: '   ' })).status).toBe(400);
  expect(await nameOf(member.id)).toBe('Aigerim Sadykova-Nur');
});

test('a group change is undone by sending the previous group back', async () => {
  const changed = await asCoordinator()('PATCH', `/people/${member.id}`, { group: 'KZ' });
  expect((changed.body as ManagedPerson).group).toBe('KZ');
  const undone = await asCoordinator()('PATCH', `/people/${member.id}`, { role: 'member', group: 'UZ' });
  expect(undone.status).toBe(200);
  expect(undone.body).toMatchObject({ role: 'member', group: 'UZ' });
});
