/** Cross-site defences, sessions, throttling, live revocation, and the audit chain. */
import WebSocket from 'ws';
import type { ApiErrorBody, AuditPage } from '../../shared/api';
import { connectCollab, synced } from '../support/collab-client';
import { connectRealtime, connected } from '../support/realtime-client';
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
let coordinator: TestPerson;
let coordinatorCookie: string;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM');
  coordinatorCookie = await signIn(workspace.url, coordinator.email, coordinator.password);
});
afterAll(() => workspace.stop());

function upgradeResponse(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

describe('cross-site defence', () => {
  test('a collab upgrade from another origin is refused even with a valid session', async () => {
    const url = `${workspace.url.replace('http', 'ws')}/collab/regional-1`;
    expect(await upgradeResponse(url, { Cookie: coordinatorCookie, Origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeResponse(url, { Cookie: coordinatorCookie })).toBe(403);
    expect(await upgradeResponse(url, { Cookie: coordinatorCookie, Origin: new URL(workspace.url).origin })).toBe(101);
  });

  test('a socket.io handshake from another origin is refused', async () => {
    const evil = connectRealtime(workspace.url, coordinatorCookie, 'https://evil.example');
    expect(await connected(evil)).toBe(false);
    evil.close();
    const own = connectRealtime(workspace.url, coordinatorCookie);
    expect(await connected(own)).toBe(true);
    own.close();
  });

  test('a state change without our Origin, or not as JSON, is refused and changes nothing', async () => {
    const target = await addTestPerson(workspace, 'member', 'TJ', 'Unchanged name');
    const patch = (headers: Record<string, string>, body: string) =>
      fetch(`${workspace.url}/api/people/${target.id}`, { method: 'PATCH', headers: { Cookie: coordinatorCookie, ...headers }, body });
    const json = JSON.stringify({ name: 'Changed by a forged request' });
    expect((await patch({ 'Content-Type': 'application/json' }, json)).status).toBe(403);
    expect((await patch({ 'Content-Type': 'application/json', Origin: 'https://evil.example' }, json)).status).toBe(403);
    expect((await patch({ 'Content-Type': 'text/plain', Origin: new URL(workspace.url).origin }, json)).status).toBe(415);
    expect(
      (await patch({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(workspace.url).origin }, 'name=x'))
        .status,
    ).toBe(415);
    expect(workspace.server.services.people.find(target.id)!.name).toBe('Unchanged name');
    const allowed = await patch({ 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin }, json);
    expect(allowed.status).toBe(200);
  });

  test('pages carry a Content-Security-Policy without inline scripts, and frames are refused', async () => {
    const response = await fetch(`${workspace.url}/api/health`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('sessions', () => {
  test('the session cookie is httpOnly and SameSite=Lax, and signing in rotates it', async () => {
    const person = await addTestPerson(workspace, 'member', 'KG');
    const first = await signIn(workspace.url, person.email, person.password);
    const response = await fetch(`${workspace.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin, Cookie: first },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const second = setCookie.split(';')[0];
    expect(second).not.toBe(first);
    // The old session ended when the new one began.
    expect((await api(workspace.url, first)('GET', '/me')).status).toBe(401);
    expect((await api(workspace.url, second)('GET', '/me')).status).toBe(200);
  });

  test('signing out ends the session on the server, and closes that session’s open sockets', async () => {
    const person = await addTestPerson(workspace, 'member', 'KG');
    const cookie = await signIn(workspace.url, person.email, person.password);
    const otherBrowser = await signIn(workspace.url, person.email, person.password);
    const client = connectCollab(workspace.url, 'national-kg', cookie);
    const stays = connectCollab(workspace.url, 'national-kg', otherBrowser);
    await Promise.all([synced(client), synced(stays)]);
    client.provider.shouldConnect = false;
    const closed = new Promise<number>((resolve) =>
      client.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    const socket = connectRealtime(workspace.url, cookie);
    expect(await connected(socket)).toBe(true);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await api(workspace.url, cookie)('DELETE', '/session')).status).toBe(204);
    expect(await closed).toBe(4401);
    await dropped;
    expect((await api(workspace.url, cookie)('GET', '/me')).status).toBe(401);
    // The same person's other browser keeps working.
    expect(stays.provider.wsconnected).toBe(true);
    client.destroy();
    stays.destroy();
    socket.close();
  });

  test('passwords are stored as argon2id with at least 19 MiB, 2 iterations and 1 lane', async () => {
    const person = await addTestPerson(workspace, 'member', 'TM');
    const row = workspace.server.db.$client.prepare('SELECT password_hash FROM users WHERE id = ?').get(person.id) as {
      password_hash: string;
    };
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.password_hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    expect(Number(match![3])).toBe(1);
  });

  test('repeated wrong passwords are slowed down, with a Retry-After and a JSON message', async () => {
    const person = await addTestPerson(workspace, 'member', 'TM');
    const attempt = () =>
      fetch(`${workspace.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin },
        body: JSON.stringify({ email: person.email, password: 'wrong password' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const throttled = await attempt();
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await throttled.json()) as ApiErrorBody).error).toMatch(/try again/);
    // Even the right password waits its turn.
    const right = await fetch(`${workspace.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin },
      body: JSON.stringify({ email: person.email, password: person.password }),
    });
    expect(right.status).toBe(429);
  });

  test('malformed sign-in bodies get 400 with a readable message', async () => {
    const call = api(workspace.url, null);
    const missing = await call('POST', '/session', { email: 'a@b.c' });
    expect(missing.status).toBe(400);
    expect((missing.body as ApiErrorBody).error).toMatch(/password/);
    const broken = await fetch(`${workspace.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin },
      body: '{"email": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ApiErrorBody).error).toMatch(/JSON/);
  });
});

describe('a change of rights reaches open connections at once', () => {
  test('deactivating a signed-in person closes their collab socket within a second', async () => {
    const person = await addTestPerson(workspace, 'member', 'KZ');
    const client = connectCollab(workspace.url, 'national-kz', await signIn(workspace.url, person.email, person.password));
    await synced(client);
    const closed = new Promise<number>((resolve) =>
      client.provider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    client.provider.shouldConnect = false;
    const started = Date.now();
    expect((await api(workspace.url, coordinatorCookie)('PATCH', `/people/${person.id}`, { active: false })).status).toBe(200);
    expect(await closed).toBe(4401);
    expect(Date.now() - started).toBeLessThan(1000);
    client.destroy();
  });

  test('moving a member to another country makes their open connection read-only, and back', async () => {
    const person = await addTestPerson(workspace, 'member', 'KZ');
    const client = connectCollab(workspace.url, 'national-kz', await signIn(workspace.url, person.email, person.password));
    await synced(client);
    expect(client.access()).toBe('edit');
    const admin = api(workspace.url, coordinatorCookie);
    await admin('PATCH', `/people/${person.id}`, { group: 'UZ' });
    await waitFor(() => client.access() === 'read-only', 'read-only notice', 1000);
    client.doc.getText('t').insert(0, 'written after the move');
    const connection = () => workspace.server.collab.connectionsOf('national-kz').find((c) => c.person.id === person.id)!;
    await waitFor(() => connection().droppedUpdates > 0, 'the update to be dropped');
    await admin('PATCH', `/people/${person.id}`, { group: 'KZ' });
    await waitFor(() => client.access() === 'edit', 'edit access back', 1000);
    client.destroy();
  });

  test('making a member a reviewer takes their edit rights on the regional modules', async () => {
    const person = await addTestPerson(workspace, 'member', 'TJ');
    const client = connectCollab(workspace.url, 'regional-2', await signIn(workspace.url, person.email, person.password));
    await synced(client);
    await api(workspace.url, coordinatorCookie)('PATCH', `/people/${person.id}`, { role: 'reviewer', group: 'TSPC' });
    // A reviewer proposes wording and no longer writes it: the connection becomes suggest-only.
    await waitFor(() => client.access() === 'suggest', 'suggest-only notice', 1000);
    client.destroy();
  });

  test('an impossible membership is refused with 422', async () => {
    const person = await addTestPerson(workspace, 'member', 'TJ');
    const response = await api(workspace.url, coordinatorCookie)('PATCH', `/people/${person.id}`, { group: 'IOM' });
    expect(response.status).toBe(422);
  });

  test('a coordinator cannot deactivate themselves', async () => {
    const response = await api(workspace.url, coordinatorCookie)('PATCH', `/people/${coordinator.id}`, { active: false });
    expect(response.status).toBe(409);
  });
});

describe('the audit log', () => {
  test('records sign-ins, failures, denials and people changes, never a password', async () => {
    const person = await addTestPerson(workspace, 'member', 'UZ');
    const cookie = await signIn(workspace.url, person.email, person.password);
    await api(workspace.url, null)('POST', '/session', { email: person.email, password: 'not-the-password-123' });
    await api(workspace.url, cookie)('GET', '/audit');
    const { status, body } = await api(workspace.url, coordinatorCookie)('GET', '/audit?limit=500');
    expect(status).toBe(200);
    const { entries, chainIntact } = body as AuditPage;
    const actions = entries.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['sign-in.succeeded', 'sign-in.failed', 'denied', 'person.added', 'person.changed']));
    expect(chainIntact).toBe(true);
    const dump = JSON.stringify(workspace.server.db.$client.prepare('SELECT * FROM audit_events').all());
    expect(dump).not.toContain(person.password);
    expect(dump).not.toContain('not-the-password-123');
    expect(dump).not.toContain(cookie.split('=')[1]);
  });

  test('filters by action prefix', async () => {
    const { body } = await api(workspace.url, coordinatorCookie)('GET', '/audit?action=sign-in');
    const { entries } = body as AuditPage;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.action.startsWith('sign-in'))).toBe(true);
  });

  test('editing a past entry breaks the chain, and the log says so', async () => {
    const audit = workspace.server.services.audit;
    expect(audit.verify()).toBeNull();
    const row = workspace.server.db.$client.prepare('SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 2').get() as { id: number };
    workspace.server.db.$client.prepare("UPDATE audit_events SET detail = '{\"forged\":true}' WHERE id = ?").run(row.id);
    expect(audit.verify()).toBe(row.id);
    const { body } = await api(workspace.url, coordinatorCookie)('GET', '/audit');
    expect((body as AuditPage).chainIntact).toBe(false);
  });
});

describe('refusals anyone can cause cannot grow the database', () => {
  test('500 cross-origin requests and upgrades from one address write a couple of audit rows, with their count', async () => {
    const sqlite = workspace.server.db.$client;
    const lastId = () => (sqlite.prepare('SELECT max(id) AS id FROM audit_events').get() as { id: number }).id;
    const deniedSince = (id: number) =>
      sqlite.prepare("SELECT detail FROM audit_events WHERE action = 'denied' AND id > ?").all(id) as { detail: string }[];
    const start = lastId();
    for (let i = 0; i < 250; i++) {
      const response = await fetch(`${workspace.url}/api/people/${i}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
        body: '{}',
      });
      expect(response.status).toBe(403);
    }
    for (let i = 0; i < 250; i++) {
      expect(await upgradeResponse(`${workspace.url.replace('http', 'ws')}/collab/regional-1`, { Origin: 'https://evil.example' })).toBe(403);
    }
    expect(deniedSince(start).length).toBeLessThanOrEqual(2);
    // Nothing is lost: on shutdown (or after the minute) the counts are written.
    workspace.server.services.audit.flushRepeats();
    const accounted = deniedSince(start)
      .map((row) => JSON.parse(row.detail) as { repeated?: number })
      .reduce((sum, detail) => sum + (detail.repeated ?? 1), 0);
    expect(accounted).toBeGreaterThanOrEqual(500);
  });
});
