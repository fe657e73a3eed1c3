/** Comment threads over HTTP, announced live over socket.io, with mentions and notifications. */
import type { ApiErrorBody, AuditPage, NotificationList, Section, Thread, UnreadCount } from '../../shared/api';
import { type LiveSocket, connectRealtime, connected, joinSection, nextEvent } from '../support/realtime-client';
import {
  type TestPerson,
  type TestWorkspace,
  addTestPerson,
  api,
  signIn,
  startTestWorkspace,
} from '../support/workspace';

let workspace: TestWorkspace;
let reviewer: TestPerson;
let member: TestPerson;
let otherMember: TestPerson;
let coordinator: TestPerson;
const cookies = new Map<TestPerson, string>();
const sockets: LiveSocket[] = [];
// A real relative position: item (client 1, clock 0), assoc 0.
const ANCHOR = { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 5, 0]).toString('base64') };

beforeAll(async () => {
  workspace = await startTestWorkspace();
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  otherMember = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova');
  coordinator = await addTestPerson(workspace, 'coordinator', 'TSPC', 'Coordinator');
  for (const person of [reviewer, member, otherMember, coordinator]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

async function listen(person: TestPerson, sectionId: string): Promise<LiveSocket> {
  const socket = connectRealtime(workspace.url, cookies.get(person)!);
  sockets.push(socket);
  expect(await connected(socket)).toBe(true);
  expect((await joinSection(socket, sectionId)).ok).toBe(true);
  return socket;
}

test('a reviewer comments on a country section; a member sees it live, replies; the reviewer resolves', async () => {
  const memberSocket = await listen(member, 'national-kz');
  const reviewerSocket = await listen(reviewer, 'national-kz');
  const seenByMember = nextEvent(memberSocket, 'thread:changed');
  const created = await as(reviewer)('POST', '/sections/national-kz/threads', {
    anchor: ANCHOR,
    quote: 'Көші-қон туралы заң',
    body: 'Please cite the 2011 law here.',
  });
  expect(created.status).toBe(201);
  const thread = created.body as Thread;
  expect((await seenByMember).id).toBe(thread.id);

  const seenByReviewer = nextEvent(reviewerSocket, 'thread:changed');
  const reply = await as(member)('POST', `/threads/${thread.id}/comments`, { body: 'Done — see paragraph 2.' });
  expect(reply.status).toBe(201);
  expect((await seenByReviewer).comments.map((c) => c.body)).toEqual(['Please cite the 2011 law here.', 'Done — see paragraph 2.']);

  const resolvedLive = nextEvent(memberSocket, 'thread:changed');
  expect((await as(reviewer)('POST', `/threads/${thread.id}/resolve`)).status).toBe(200);
  expect((await resolvedLive).resolved).not.toBeNull();
  expect((await as(member)('POST', `/threads/${thread.id}/reopen`)).status).toBe(200);
});

test('the workspace learns the open-comment count of a section live', async () => {
  const socket = connectRealtime(workspace.url, cookies.get(otherMember)!);
  sockets.push(socket);
  expect(await connected(socket)).toBe(true);
  const count = nextEvent(socket, 'section:open-comments');
  await as(otherMember)('POST', '/sections/regional-3/threads', { anchor: ANCHOR, quote: 'x', body: 'A question' });
  expect(await count).toEqual({ sectionId: 'regional-3', open: 1 });
  const sections = (await as(otherMember)('GET', '/sections')).body as Section[];
  expect(sections.find((s) => s.id === 'regional-3')!.openComments).toBe(1);
});

test('a mention notifies that person live and counts as unread until read', async () => {
  const socket = connectRealtime(workspace.url, cookies.get(member)!);
  sockets.push(socket);
  expect(await connected(socket)).toBe(true);
  const notified = nextEvent(socket, 'notification:new');
  await as(reviewer)('POST', '/sections/regional-1/threads', {
    anchor: ANCHOR,
    quote: 'термин',
    body: '@Айгерім Сапарова could you check the Kazakh term?',
    mentions: [member.id, otherMember.id],
  });
  expect(await notified).toMatchObject({ kind: 'mention', actorName: 'Anna Keller', sectionTitle: 'Basic concepts and terminology of migration' });
  const inbox = (await as(member)('GET', '/notifications')).body as NotificationList;
  expect(inbox.unread).toBeGreaterThanOrEqual(1);
  // Dilnoza was listed but not really mentioned in the text: no notification.
  expect(((await as(otherMember)('GET', '/notifications')).body as NotificationList).unread).toBe(0);
  expect(((await as(member)('POST', '/notifications/read', { ids: 'all' })).body as UnreadCount).unread).toBe(0);
});

test('only the author edits a comment; the author or a coordinator deletes it, audited', async () => {
  const { body } = await as(member)('POST', '/sections/national-kz/threads', { anchor: ANCHOR, quote: 'q', body: 'Original' });
  const comment = (body as Thread).comments[0];
  expect((await as(otherMember)('PATCH', `/comments/${comment.id}`, { body: 'Hijacked' })).status).toBe(403);
  expect((await as(coordinator)('PATCH', `/comments/${comment.id}`, { body: 'Hijacked' })).status).toBe(403);
  expect((await as(reviewer)('DELETE', `/comments/${comment.id}`)).status).toBe(403);
  const edited = await as(member)('PATCH', `/comments/${comment.id}`, { body: 'Edited' });
  expect((edited.body as Thread).comments[0].body).toBe('Edited');
  const deleted = await as(coordinator)('DELETE', `/comments/${comment.id}`);
  expect(deleted.status).toBe(200);
  expect((deleted.body as Thread).comments[0]).toMatchObject({ deleted: true, body: '' });
  const audit = (await as(coordinator)('GET', '/audit?action=comment')).body as AuditPage;
  expect(audit.entries[0].action).toBe('comment.deleted-by-coordinator');
});

test('a reviewer may resolve threads on a section they cannot edit', async () => {
  const { body } = await as(member)('POST', '/sections/national-kz/threads', { anchor: ANCHOR, quote: 'q', body: 'Is this final?' });
  expect((await as(reviewer)('POST', `/threads/${(body as Thread).id}/resolve`)).status).toBe(200);
});

test('bodies are kept as plain text, script payloads included', async () => {
  const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const { body } = await as(member)('POST', '/sections/national-kz/threads', { anchor: ANCHOR, quote: payload, body: payload });
  expect((body as Thread).comments[0].body).toBe(payload);
  expect((body as Thread).quote).toBe(payload);
});

test('empty, oversized and malformed comments get clear errors and store nothing', async () => {
  const before = ((await as(member)('GET', '/sections/national-tj/threads')).body as Thread[]).length;
  const empty = await as(member)('POST', '/sections/national-tj/threads', { anchor: ANCHOR, quote: 'q', body: '   ' });
  expect(empty.status).toBe(400);
  const long = await as(member)('POST', '/sections/national-tj/threads', { anchor: ANCHOR, quote: 'q', body: 'я'.repeat(5001) });
  expect(long.status).toBe(413);
  expect((long.body as ApiErrorBody).error).toMatch(/5000/);
  const badAnchor = await as(member)('POST', '/sections/national-tj/threads', { anchor: { start: '', end: 'AA==' }, quote: 'q', body: 'x' });
  expect(badAnchor.status).toBe(400);
  expect((await as(member)('POST', '/sections/nowhere/threads', { anchor: ANCHOR, quote: 'q', body: 'x' })).status).toBe(404);
  expect((await as(member)('POST', '/threads/999999/comments', { body: 'x' })).status).toBe(404);
  expect(((await as(member)('GET', '/sections/national-tj/threads')).body as Thread[]).length).toBe(before);
});
