/** The review workflow end to end: submit, decide, approve by both organisations, staleness. */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { DashboardOverview, DashboardRow, DocumentDiff, NotificationList } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type LiveSocket, connectRealtime, connected } from '../support/realtime-client';
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
const cookies = new Map<TestPerson, string>();
let kzLead: TestPerson, kzMember: TestPerson, uzLead: TestPerson, iom: TestPerson, tspc: TestPerson, coordinator: TestPerson;
let writer: CollabClient;
const sockets: LiveSocket[] = [];

const TEXT = 'Закон Республики Казахстан «О миграции населения».';

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzLead = await addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев');
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім');
  uzLead = await addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  tspc = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  for (const person of [kzLead, kzMember, uzLead, iom, tspc, coordinator]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
  writer = connectCollab(workspace.url, 'national-kz', cookies.get(kzMember)!);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => workspace.server.content.snapshot('national-kz').words > 0, 'the text on the server');
});

afterAll(async () => {
  writer.destroy();
  sockets.forEach((socket) => socket.close());
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const status = async () =>
  ((await as(kzMember)('GET', '/dashboard')).body as DashboardOverview).sections.find((s) => s.id === 'national-kz')!.approval;

test('who may submit, withdraw and decide, tried both ways', async () => {
  expect((await as(kzMember)('POST', '/sections/national-kz/submit', { message: 'x' })).status).toBe(403);
  expect((await as(uzLead)('POST', '/sections/national-kz/submit', { message: 'x' })).status).toBe(403);
  expect((await as(iom)('POST', '/sections/national-kz/submit', { message: 'x' })).status).toBe(403);
  // Nothing to decide before a submission.
  expect((await as(iom)('POST', '/sections/national-kz/decision', { decision: 'approved' })).status).toBe(409);
  expect((await as(kzLead)('POST', '/sections/national-kz/submit', { message: 'Ready for review' })).status).toBe(200);
  expect((await as(kzLead)('POST', '/sections/national-kz/submit', { message: 'again' })).status).toBe(409);
  expect((await as(kzMember)('POST', '/sections/national-kz/withdraw')).status).toBe(403);
  expect((await as(kzLead)('POST', '/sections/national-kz/withdraw')).status).toBe(200);
  expect((await status()).status).toBe('draft');
  expect((await as(coordinator)('POST', '/sections/national-kz/submit', { message: 'On behalf of KZ' })).status).toBe(200);
  for (const person of [kzLead, kzMember, uzLead, coordinator]) {
    expect((await as(person)('POST', '/sections/national-kz/decision', { decision: 'approved' })).status).toBe(403);
  }
  expect((await as(tspc)('POST', '/sections/national-kz/decision', { decision: 'changes_requested' })).status).toBe(400);
  expect((await as(tspc)('POST', '/sections/national-kz/decision', { decision: 'maybe' })).status).toBe(400);
  const requested = await as(tspc)('POST', '/sections/national-kz/decision', { decision: 'changes_requested', message: 'Cite article 12.' });
  expect(requested.status).toBe(200);
  expect((await status()).status).toBe('changes_requested');
  const inbox = (await as(kzLead)('GET', '/notifications')).body as NotificationList;
  expect(inbox.items.map((n) => n.kind)).toContain('changes-requested');
  const reviewerInbox = (await as(iom)('GET', '/notifications')).body as NotificationList;
  expect(reviewerInbox.items.map((n) => n.kind)).toContain('submitted');
});

test('approved by both, one character edited: changed since approval, with the diff; re-approval clears it', async () => {
  expect((await as(kzLead)('POST', '/sections/national-kz/submit', { message: 'Article 12 cited' })).status).toBe(200);
  expect((await as(iom)('POST', '/sections/national-kz/decision', { decision: 'approved' })).body).toMatchObject({ status: 'in_review' });
  expect((await as(tspc)('POST', '/sections/national-kz/decision', { decision: 'approved' })).body).toMatchObject({
    status: 'approved',
    stale: false,
  });
  const approved = await as(kzMember)('GET', '/sections/national-kz/approved');
  expect(JSON.stringify(approved.body)).toContain(TEXT);

  const observer = connectRealtime(workspace.url, cookies.get(uzLead)!);
  sockets.push(observer);
  expect(await connected(observer)).toBe(true);
  const staleLive = new Promise<DashboardRow>((resolve) =>
    observer.on('section:updated', (row) => {
      if (row.id === 'national-kz' && row.approval.stale) resolve(row);
    }),
  );
  // One character: «миграции» becomes «миграциы».
  const text = (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const at = text.toString().indexOf('миграции') + 'миграци'.length;
  text.delete(at, 1);
  text.insert(at, 'ы');
  expect((await staleLive).approval.stale).toBe(true);
  expect(await status()).toMatchObject({ status: 'approved', stale: true });

  const diff = (await as(kzMember)('GET', '/sections/national-kz/changes-since-approval')).body as DocumentDiff;
  expect(diff).toMatchObject({ insertions: 1, deletions: 1 });
  const segments = diff.blocks.flatMap((b) => b.segments);
  expect(segments.find((s) => s.change === 'delete')!.text).toBe('миграции');
  expect(segments.find((s) => s.change === 'insert')!.text).toBe('миграциы');
  // The approved text is still the one approved.
  expect(JSON.stringify((await as(kzMember)('GET', '/sections/national-kz/approved')).body)).toContain(TEXT);

  expect((await as(kzLead)('POST', '/sections/national-kz/submit', { message: 'Typo' })).status).toBe(200);
  await as(iom)('POST', '/sections/national-kz/decision', { decision: 'approved' });
  await as(tspc)('POST', '/sections/national-kz/decision', { decision: 'approved' });
  expect(await status()).toMatchObject({ status: 'approved', stale: false });
});

test('reverting the text to what was approved makes the approval current again', async () => {
  const text = (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(0, 'X');
  await waitFor(() => workspace.server.content.snapshot('national-kz').json !== null && JSON.stringify(workspace.server.content.snapshot('national-kz').json).includes('XЗакон'), 'edit');
  expect((await status()).stale).toBe(true);
  text.delete(0, 1);
  await waitFor(() => !JSON.stringify(workspace.server.content.snapshot('national-kz').json).includes('XЗакон'), 'revert');
  expect((await status()).stale).toBe(false);
});

test('coordinators set the deadline and the required organisations; others may not', async () => {
  expect((await as(kzLead)('PATCH', '/settings', { deadline: '2027-09-15' })).status).toBe(403);
  expect((await as(coordinator)('PATCH', '/settings', { deadline: '2027-02-30' })).status).toBe(400);
  expect((await as(coordinator)('PATCH', '/settings', { requiredOrganisations: [] })).status).toBe(400);
  const changed = await as(coordinator)('PATCH', '/settings', { deadline: '2027-09-15', requiredOrganisations: ['IOM'] });
  expect(changed.body).toMatchObject({ deadline: '2027-09-15', requiredOrganisations: ['IOM'] });
  const dashboard = (await as(kzMember)('GET', '/dashboard')).body as DashboardOverview;
  expect(dashboard.deadline).toBe('2027-09-15');
  expect(dashboard.daysLeft).toBeGreaterThan(0);
  // With IOM alone required, one IOM approval approves a section.
  await as(kzLead)('POST', '/sections/regional-4/submit', { message: 'Module 4' });
  expect((await as(iom)('POST', '/sections/regional-4/decision', { decision: 'approved' })).body).toMatchObject({ status: 'approved' });
  // A TSPC reviewer is not asked now.
  await as(kzLead)('POST', '/sections/regional-5/submit', { message: 'Module 5' });
  expect((await as(tspc)('POST', '/sections/regional-5/decision', { decision: 'approved' })).status).toBe(403);
  await as(coordinator)('PATCH', '/settings', { requiredOrganisations: ['IOM', 'TSPC'] });
});
