/**
 * The permission table, cell by cell, over every transport that can reach the cell: HTTP routes,
 * the collab endpoint and socket.io room joins. Each cell is tried whether it is allowed or not.
 */
import type { Socket } from 'socket.io-client';
import { CLOSE_UPDATE_REFUSED } from '../../shared/collab-protocol';
import { type CollabClient, connectCollab } from '../support/collab-client';
import {
  PERSONAS,
  RIGHTS,
  type Persona,
  TABLE_SECTIONS,
  type TableSection,
  sectionCells,
  workspaceCells,
} from '../support/permission-table';
import { connectRealtime, connected, joinSection } from '../support/realtime-client';
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
const people = new Map<Persona, TestPerson>();
const cookies = new Map<Persona, string>();
let target: TestPerson;
const clients: CollabClient[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace();
  for (const [persona, { role, group }] of Object.entries(PERSONAS) as [Persona, (typeof PERSONAS)[Persona]][]) {
    const person = await addTestPerson(workspace, role, group, persona);
    people.set(persona, person);
    cookies.set(persona, await signIn(workspace.url, person.email, person.password));
  }
  target = await addTestPerson(workspace, 'member', 'KG', 'Target of people changes');
});

afterAll(async () => {
  clients.forEach((client) => client.destroy());
  sockets.forEach((socket) => socket.close());
  await workspace.stop();
});

/** Resolves with the HTTP status of a collab upgrade: 101 when it opened. */
async function upgradeStatus(persona: Persona, sectionId: string): Promise<number> {
  const client = connectCollab(workspace.url, sectionId, cookies.get(persona)!, { connect: false });
  clients.push(client);
  client.provider.connect();
  return new Promise((resolve) => {
    client.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') resolve(101);
    });
    client.provider.on('connection-close', () => resolve(403));
    client.provider.on('connection-error', () => resolve(403));
  });
}

describe('HTTP', () => {
  test.each(sectionCells(['read']))('a $persona reading $section over HTTP: $allowed', async ({ persona, section, allowed }) => {
    const { status } = await api(workspace.url, cookies.get(persona)!)('GET', `/sections/${TABLE_SECTIONS[section].id}`);
    expect(status).toBe(allowed ? 200 : 403);
  });

  test.each(sectionCells(['comment']))('a $persona commenting on $section over HTTP: $allowed', async ({ persona, section, allowed }) => {
    const anchor = { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 3, 0]).toString('base64') };
    const { status } = await api(workspace.url, cookies.get(persona)!)('POST', `/sections/${TABLE_SECTIONS[section].id}/threads`, {
      anchor,
      quote: 'quoted',
      body: `${persona} comments`,
    });
    expect(status).toBe(allowed ? 201 : 403);
  });

  test.each(sectionCells(['submit']))('a $persona submitting $section for review over HTTP: $allowed', async ({ persona, section, allowed }) => {
    const call = api(workspace.url, cookies.get(persona)!);
    const id = TABLE_SECTIONS[section].id;
    const { status } = await call('POST', `/sections/${id}/submit`, { message: `${persona} submits` });
    expect(status).toBe(allowed ? 200 : 403);
    // Put it back, so that the next cell finds a draft again.
    if (allowed) expect((await call('POST', `/sections/${id}/withdraw`)).status).toBe(200);
  });

  test.each(sectionCells(['decide']))('a $persona deciding on $section over HTTP: $allowed', async ({ persona, section, allowed }) => {
    const id = TABLE_SECTIONS[section].id;
    const coordinator = api(workspace.url, cookies.get('coordinator')!);
    expect((await coordinator('POST', `/sections/${id}/submit`, { message: 'for the matrix' })).status).toBe(200);
    const { status } = await api(workspace.url, cookies.get(persona)!)('POST', `/sections/${id}/decision`, {
      decision: 'changes_requested',
      message: `${persona} asks for changes`,
    });
    expect(status).toBe(allowed ? 200 : 403);
    if (!allowed) expect((await coordinator('POST', `/sections/${id}/withdraw`)).status).toBe(200);
  });

  test.each(workspaceCells(['list-people', 'manage-people', 'read-audit', 'manage-structure']))(
    'a $persona doing $right over HTTP: $allowed',
    async ({ persona, right, allowed }) => {
      const call = api(workspace.url, cookies.get(persona)!);
      const { status } =
        right === 'list-people'
          ? await call('GET', '/people')
          : right === 'manage-people'
            ? await call('PATCH', `/people/${target.id}`, { name: `Renamed by ${persona}` })
            : right === 'manage-structure'
              ? await call('PATCH', '/sections/regional-1', { titles: { ru: 'Основные понятия и терминология миграции' } })
              : await call('GET', '/audit');
      expect(status).toBe(allowed ? 200 : 403);
    },
  );

  test('a signed-out visitor gets 401 from every route that needs a person', async () => {
    const call = api(workspace.url, null);
    for (const [method, route] of [
      ['GET', '/sections'],
      ['GET', '/sections/national-kz'],
      ['PATCH', '/sections/national-kz'],
      ['GET', '/outline'],
      ['PATCH', '/outline'],
      ['GET', '/people'],
      ['PATCH', `/people/${target.id}`],
      ['GET', '/audit'],
      ['GET', '/me'],
    ]) {
      expect([method, route, (await call(method, route, method === 'GET' ? undefined : { name: 'x' })).status]).toEqual([
        method,
        route,
        401,
      ]);
    }
  });
});

describe('collab', () => {
  test.each(sectionCells(['read']))('a $persona opening $section over collab: $allowed', async ({ persona, section, allowed }) => {
    expect(await upgradeStatus(persona, TABLE_SECTIONS[section].id)).toBe(allowed ? 101 : 403);
  });

  test.each(sectionCells(['edit']))(
    'a $persona writing to $section over collab: $allowed',
    async ({ persona, section, allowed }) => {
      const sectionId = TABLE_SECTIONS[section].id;
      const client = connectCollab(workspace.url, sectionId, cookies.get(persona)!);
      clients.push(client);
      await waitFor(() => client.provider.synced, 'sync');
      let closedWith: number | null = null;
      client.provider.on('connection-close', (event) => (closedWith = event?.code ?? null));
      const marker = `${persona} was here in ${section}`;
      client.doc.getText('matrix').insert(0, `${marker}\n`);
      const serverText = () =>
        workspace.server.sections.read(sectionId, (doc) => doc.getText('matrix').toString());
      if (allowed) {
        await waitFor(() => serverText().includes(marker), 'the edit to arrive');
        expect(client.access()).toBe('edit');
      } else if (RIGHTS[persona].suggest.includes(section)) {
        // Who may suggest there gets a suggest-only connection: a plain edit is refused and closes it.
        expect(client.access()).toBe('suggest');
        await waitFor(() => closedWith === CLOSE_UPDATE_REFUSED, 'the edit to be refused');
        expect(serverText()).not.toContain(marker);
      } else {
        await waitFor(
          () => workspace.server.collab.connectionsOf(sectionId).some((c) => c.person.name === persona && c.droppedUpdates > 0),
          'the edit to be dropped',
        );
        expect(client.access()).toBe('read-only');
        expect(serverText()).not.toContain(marker);
      }
    },
  );
});

describe('socket.io', () => {
  test.each(sectionCells(['read']))(
    'a $persona joining the room of $section: $allowed',
    async ({ persona, section, allowed }) => {
      const socket = connectRealtime(workspace.url, cookies.get(persona)!);
      sockets.push(socket);
      expect(await connected(socket)).toBe(true);
      expect((await joinSection(socket, TABLE_SECTIONS[section].id)).ok).toBe(allowed);
    },
  );

  test('a signed-out visitor cannot open a socket', async () => {
    const socket = connectRealtime(workspace.url, null);
    sockets.push(socket);
    expect(await connected(socket)).toBe(false);
  });
});

describe('a deactivated person, on every transport', () => {
  let cookie: string;
  let person: TestPerson;
  beforeAll(async () => {
    person = await addTestPerson(workspace, 'coordinator', 'TSPC', 'Soon deactivated');
    cookie = await signIn(workspace.url, person.email, person.password);
    const admin = api(workspace.url, cookies.get('coordinator')!);
    expect((await admin('PATCH', `/people/${person.id}`, { active: false })).status).toBe(200);
  });

  test('can no longer sign in (and is told why, having given the right password)', async () => {
    await expect(signIn(workspace.url, person.email, person.password)).rejects.toThrow(/403 .*"deactivated"/);
  });

  test.each(Object.keys(TABLE_SECTIONS) as TableSection[])('is refused %s over HTTP, collab and socket.io', async (section) => {
    const sectionId = TABLE_SECTIONS[section].id;
    expect((await api(workspace.url, cookie)('GET', `/sections/${sectionId}`)).status).toBe(401);
    const client = connectCollab(workspace.url, sectionId, cookie, { connect: false });
    clients.push(client);
    client.provider.connect();
    await new Promise((resolve) => client.provider.once('connection-close', resolve));
    expect(client.provider.wsconnected).toBe(false);
    const socket = connectRealtime(workspace.url, cookie);
    sockets.push(socket);
    expect(await connected(socket)).toBe(false);
  });
});
