/** Who is turned away at the collab upgrade, with which HTTP status, before any document is served. */
import { SESSION_COOKIE } from '../../server/domain/sessions';
import { browserHeaders, upgradeStatus, wsUrl } from '../support/raw-socket';
import { type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let cookie: string;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const member = await addTestPerson(workspace, 'member', 'KZ');
  cookie = await signIn(workspace.url, member.email, member.password);
});
afterAll(() => workspace.stop());

const connections = () => workspace.server.collab.connectionCount;

test('an upgrade without a session is refused with 401 and loads no section', async () => {
  const url = wsUrl(workspace.url, 'national-kz');
  expect(await upgradeStatus(url, browserHeaders(workspace.url, null))).toBe(401);
  expect(await upgradeStatus(url, browserHeaders(workspace.url, `${SESSION_COOKIE}=forged-token`))).toBe(401);
  // Whether a section exists is not told to someone who is not signed in.
  expect(await upgradeStatus(wsUrl(workspace.url, 'national-xx'), browserHeaders(workspace.url, null))).toBe(401);
  expect(workspace.server.sections.loaded).toBe(0);
  expect(connections()).toBe(0);
});

test('an upgrade to a section that does not exist is refused with 404', async () => {
  const headers = browserHeaders(workspace.url, cookie);
  expect(await upgradeStatus(wsUrl(workspace.url, 'national-xx'), headers)).toBe(404);
  expect(await upgradeStatus(wsUrl(workspace.url, 'regional-999'), headers)).toBe(404);
  expect(await upgradeStatus(wsUrl(workspace.url, '..%2F..%2Fetc%2Fpasswd'), headers)).toBe(404);
  expect(await upgradeStatus(`${workspace.url.replace('http', 'ws')}/collab/`, headers)).toBe(404);
  expect(workspace.server.sections.loaded).toBe(0);
});

test('an upgrade from another origin is refused with 403 even with a valid session', async () => {
  const url = wsUrl(workspace.url, 'national-kz');
  expect(await upgradeStatus(url, { Cookie: cookie, Origin: 'https://evil.example' })).toBe(403);
  expect(await upgradeStatus(url, { Cookie: cookie, Origin: 'null' })).toBe(403);
  // Same host, another scheme or port: not our origin either.
  const own = new URL(workspace.url);
  expect(await upgradeStatus(url, { Cookie: cookie, Origin: `https://${own.host}` })).toBe(403);
  expect(await upgradeStatus(url, { Cookie: cookie, Origin: `http://${own.hostname}:1` })).toBe(403);
  expect(await upgradeStatus(url, { Cookie: cookie })).toBe(403);
  expect(connections()).toBe(0);
  // The same request from our own origin opens.
  expect(await upgradeStatus(url, browserHeaders(workspace.url, cookie))).toBe(101);
});

test('a session that signed out can no longer open a section', async () => {
  const person = await addTestPerson(workspace, 'lead', 'KZ');
  const session = await signIn(workspace.url, person.email, person.password);
  const url = wsUrl(workspace.url, 'national-kz');
  expect(await upgradeStatus(url, browserHeaders(workspace.url, session))).toBe(101);
  expect((await api(workspace.url, session)('DELETE', '/session')).status).toBe(204);
  expect(await upgradeStatus(url, browserHeaders(workspace.url, session))).toBe(401);
  // Only that session ended: the person signs in again and opens it.
  const again = await signIn(workspace.url, person.email, person.password);
  expect(await upgradeStatus(url, browserHeaders(workspace.url, again))).toBe(101);
});
