/**
 * Saved texts damaged on disk (a bad page inside a blob passes SQLite's integrity check): a
 * version or an approved text whose bytes no longer match their checksum is refused with a clear
 * error — never shown, compared, exported or restored into the live section.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { Version } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let cookie: string;
const clients: CollabClient[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const member = await addTestPerson(workspace, 'member', 'TJ', 'Фарход');
  cookie = await signIn(workspace.url, member.email, member.password);
});
afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await workspace.stop();
});

/** Flips one byte in the middle of a stored blob, as a damaged disk page would. */
function damage(table: 'versions' | 'reviews', column: 'state' | 'content_state', id: number): void {
  const sqlite = workspace.server.db.$client;
  const row = sqlite.prepare(`SELECT ${column} AS bytes FROM ${table} WHERE id = ?`).get(id) as { bytes: Buffer };
  const bytes = Buffer.from(row.bytes);
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(bytes, id);
}

test('a damaged version is refused on view, compare and restore, and the live text stays as it was', async () => {
  const client = connectCollab(workspace.url, 'national-tj', cookie);
  clients.push(client);
  await synced(client);
  const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Қонуни Ҷумҳурии Тоҷикистон' }] }] };
  prosemirrorJSONToYXmlFragment(schema, json, client.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => JSON.stringify(workspace.server.content.snapshot('national-tj').json).includes('Тоҷикистон'), 'the text on the server');
  const saved = await api(workspace.url, cookie)('POST', '/sections/national-tj/versions', { label: 'before damage' });
  expect(saved.status).toBe(201);
  const version = saved.body as Version;
  expect((await api(workspace.url, cookie)('GET', `/versions/${version.id}`)).status).toBe(200);

  damage('versions', 'state', version.id);
  const shown = await api(workspace.url, cookie)('GET', `/versions/${version.id}`);
  expect(shown.status).toBe(410);
  expect(shown.body).toEqual({ error: expect.stringMatching(/damaged/), code: 'damaged' });
  expect((await api(workspace.url, cookie)('GET', `/sections/national-tj/compare?from=${version.id}&to=current`)).status).toBe(410);
  const before = JSON.stringify(workspace.server.content.snapshot('national-tj').json);
  const restored = await api(workspace.url, cookie)('POST', `/versions/${version.id}/restore`, {});
  expect(restored.status).toBe(410);
  expect(JSON.stringify(workspace.server.content.snapshot('national-tj').json)).toBe(before);
  // The list still opens, and a new version after the damaged one can still be saved.
  expect((await api(workspace.url, cookie)('GET', '/sections/national-tj/versions')).status).toBe(200);
  expect((await api(workspace.url, cookie)('POST', '/sections/national-tj/versions', { label: 'after' })).status).toBe(201);
});

test('a damaged approved text is refused, never exported or compared', async () => {
  const reviews = workspace.server.reviews;
  const sections = workspace.server.services.sections;
  const lead = await addTestPerson(workspace, 'lead', 'KZ');
  const iom = await addTestPerson(workspace, 'reviewer', 'IOM');
  const tspc = await addTestPerson(workspace, 'reviewer', 'TSPC');
  const leadCookie = await signIn(workspace.url, lead.email, lead.password);
  expect((await api(workspace.url, leadCookie)('POST', '/sections/national-kz/submit', { message: '' })).status).toBeLessThan(300);
  for (const reviewer of [iom, tspc]) {
    const reviewerCookie = await signIn(workspace.url, reviewer.email, reviewer.password);
    const decided = await api(workspace.url, reviewerCookie)('POST', '/sections/national-kz/decision', { decision: 'approved', message: '' });
    expect(decided.status).toBeLessThan(300);
  }
  expect(reviews.approvedText('national-kz')).not.toBeNull();
  const rows = workspace.server.db.$client.prepare("SELECT id FROM reviews WHERE section_id = 'national-kz'").all() as { id: number }[];
  for (const { id } of rows) damage('reviews', 'content_state', id);
  expect(() => reviews.approvedText('national-kz')).toThrow(/damaged/);
  expect(sections.find('national-kz')?.status).toBe('approved');
  const diff = await api(workspace.url, cookie)('GET', '/sections/national-kz/changes-since-approval');
  expect([404, 410]).toContain(diff.status);
});
