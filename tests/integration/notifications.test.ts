/**
 * Who hears of what, over the real server: replies reach everyone in the thread, a change to an
 * approved section reaches its leads and approving reviewers once per approval (edited through a
 * real collab client), and submissions, withdrawals and decisions reach whom they concern.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { Notification, NotificationKind, NotificationList, Thread } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type LiveSocket, connectRealtime, connected, nextEvent } from '../support/realtime-client';
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
const writers: CollabClient[] = [];
const sockets: LiveSocket[] = [];
let kzLead: TestPerson, kzMember: TestPerson, kzColleague: TestPerson, uzLead: TestPerson, uzMember: TestPerson;
let tjLead: TestPerson, iom: TestPerson, tspc: TestPerson, coordinator: TestPerson;
// A real relative position: item (client 1, clock 0), assoc 0.
const ANCHOR = { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 5, 0]).toString('base64') };

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzLead = await addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев');
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kzColleague = await addTestPerson(workspace, 'member', 'KZ', 'Дәурен Ахметов');
  uzLead = await addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir Gʻulomov');
  uzMember = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova');
  tjLead = await addTestPerson(workspace, 'lead', 'TJ', 'Фарҳод Раҳимов');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  tspc = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  for (const person of [kzLead, kzMember, kzColleague, uzLead, uzMember, tjLead, iom, tspc, coordinator]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
});

afterAll(async () => {
  writers.forEach((writer) => writer.destroy());
  sockets.forEach((socket) => socket.close());
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

async function inbox(person: TestPerson): Promise<Notification[]> {
  return ((await as(person)('GET', '/notifications')).body as NotificationList).items;
}

/** The notifications of `kind` about `sectionId` that `person` has. */
async function received(person: TestPerson, kind: NotificationKind, sectionId: string): Promise<Notification[]> {
  return (await inbox(person)).filter((item) => item.kind === kind && item.sectionId === sectionId);
}

/** Waits until `person` has `count` notifications of `kind` about the section. */
async function waitForNotifications(person: TestPerson, kind: NotificationKind, sectionId: string, count = 1): Promise<void> {
  const start = Date.now();
  while ((await received(person, kind, sectionId)).length < count) {
    if (Date.now() - start > 5000) throw new Error(`${person.name} got no ${kind} about ${sectionId}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function writeAs(person: TestPerson, sectionId: string, text: string): Promise<Y.XmlText> {
  const writer = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  writers.push(writer);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => JSON.stringify(workspace.server.content.snapshot(sectionId).json).includes(text), 'the text on the server');
  return (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

async function approveByBoth(sectionId: string, submitter: TestPerson): Promise<void> {
  expect((await as(submitter)('POST', `/sections/${sectionId}/submit`, { message: 'Ready' })).status).toBe(200);
  expect((await as(iom)('POST', `/sections/${sectionId}/decision`, { decision: 'approved' })).status).toBe(200);
  expect((await as(tspc)('POST', `/sections/${sectionId}/decision`, { decision: 'approved' })).body).toMatchObject({ status: 'approved', stale: false });
}

/**
 * Resolves on the dashboard announcement of an edit made after this call: the server looks at an
 * approval on that announcement (at most once a second per section), so by then it has decided.
 */
async function announcedAfterEdit(sectionId: string, edit: () => void): Promise<void> {
  const socket = connectRealtime(workspace.url, cookies.get(coordinator)!);
  sockets.push(socket);
  expect(await connected(socket)).toBe(true);
  const announced = new Promise<void>((resolve) =>
    socket.on('section:updated', (row) => {
      if (row.id === sectionId) resolve();
    }),
  );
  edit();
  await announced;
  socket.close();
}

describe('a reply', () => {
  test('notifies whoever started the thread and replied before, never the replier, nobody outside the thread', async () => {
    const started = await as(iom)('POST', '/sections/national-kz/threads', { anchor: ANCHOR, quote: 'Көші-қон', body: 'Please cite the 2011 law.' });
    const thread = started.body as Thread;

    const live = connectRealtime(workspace.url, cookies.get(iom)!);
    sockets.push(live);
    expect(await connected(live)).toBe(true);
    const pushed = nextEvent(live, 'notification:new', 3000);
    expect((await as(kzMember)('POST', `/threads/${thread.id}/comments`, { body: 'Done — see paragraph 2.' })).status).toBe(201);
    expect(await pushed).toMatchObject({ kind: 'reply', threadId: thread.id, actorName: 'Айгерім Сапарова', excerpt: 'Done — see paragraph 2.' });
    expect(await received(kzMember, 'reply', 'national-kz')).toEqual([]);

    expect((await as(kzColleague)('POST', `/threads/${thread.id}/comments`, { body: 'And article 12.' })).status).toBe(201);
    expect((await received(iom, 'reply', 'national-kz')).map((n) => n.excerpt)).toEqual(['And article 12.', 'Done — see paragraph 2.']);
    expect((await received(kzMember, 'reply', 'national-kz')).map((n) => n.excerpt)).toEqual(['And article 12.']);
    expect(await received(kzColleague, 'reply', 'national-kz')).toEqual([]);
    // Someone outside the thread hears nothing of it, though they draft the section.
    expect(await received(kzLead, 'reply', 'national-kz')).toEqual([]);
    expect(await received(uzMember, 'reply', 'national-kz')).toEqual([]);
  });

  test('to someone it also mentions, notifies them once: of the mention', async () => {
    const started = await as(kzMember)('POST', '/sections/regional-1/threads', { anchor: ANCHOR, quote: 'термин', body: 'Which term do we use?' });
    const thread = started.body as Thread;
    await as(uzMember)('POST', `/threads/${thread.id}/comments`, { body: 'Migrant ishchi.' });
    const before = (await inbox(kzMember)).filter((n) => n.threadId === thread.id).length;
    await as(iom)('POST', `/threads/${thread.id}/comments`, {
      body: '@Айгерім Сапарова the Convention says "migrant worker".',
      mentions: [kzMember.id],
    });
    const about = (await inbox(kzMember)).filter((n) => n.threadId === thread.id);
    expect(about.length).toBe(before + 1);
    expect(about[0]).toMatchObject({ kind: 'mention', actorName: 'Anna Keller' });
    expect((await inbox(uzMember)).filter((n) => n.threadId === thread.id).map((n) => n.kind)).toEqual(['reply']);
    expect((await inbox(iom)).filter((n) => n.threadId === thread.id)).toEqual([]);
  });
});

describe('an edit to an approved section', () => {
  test('notifies the group lead and the reviewers who approved it, once per approval, not the editor', async () => {
    const text = await writeAs(kzMember, 'national-kz', 'Закон Республики Казахстан «О миграции населения».');
    await approveByBoth('national-kz', kzLead);
    for (const person of [kzLead, iom, tspc]) expect(await received(person, 'approval-stale', 'national-kz')).toEqual([]);

    await announcedAfterEdit('national-kz', () => text.insert(0, 'Новый '));
    for (const person of [kzLead, iom, tspc]) await waitForNotifications(person, 'approval-stale', 'national-kz');
    expect((await received(kzLead, 'approval-stale', 'national-kz'))[0]).toMatchObject({
      actorName: 'Айгерім Сапарова',
      sectionTitle: expect.any(String) as string,
      read: false,
    });
    // The editor, a colleague who is no lead, and other groups' leads are not told.
    for (const person of [kzMember, kzColleague, uzLead, coordinator]) expect(await received(person, 'approval-stale', 'national-kz')).toEqual([]);

    // The second edit after the approval (and the third, after a pause) tells nobody again.
    await announcedAfterEdit('national-kz', () => text.insert(0, 'Ещё '));
    await announcedAfterEdit('national-kz', () => text.delete(0, 4));
    for (const person of [kzLead, iom, tspc]) expect(await received(person, 'approval-stale', 'national-kz')).toHaveLength(1);

    // A new approval, and its first change is told again.
    await approveByBoth('national-kz', kzLead);
    await announcedAfterEdit('national-kz', () => text.insert(0, 'X'));
    for (const person of [kzLead, iom, tspc]) await waitForNotifications(person, 'approval-stale', 'national-kz', 2);
  });

  test('of a regional module notifies the leads of every country group, which all draft it', async () => {
    const text = await writeAs(uzMember, 'regional-2', 'Hamkorlik: Markaziy Osiyo davlatlari.');
    await approveByBoth('regional-2', kzLead);
    await announcedAfterEdit('regional-2', () => text.insert(0, 'Mintaqaviy '));
    for (const person of [kzLead, uzLead, tjLead, iom, tspc]) await waitForNotifications(person, 'approval-stale', 'regional-2');
    for (const person of [uzMember, kzMember, coordinator]) expect(await received(person, 'approval-stale', 'regional-2')).toEqual([]);
  });
});

describe('the review workflow', () => {
  test('a submission and its withdrawal notify the reviewers; the group is not told of its own lead’s step', async () => {
    expect((await as(uzLead)('POST', '/sections/national-uz/submit', { message: 'First draft' })).status).toBe(200);
    for (const person of [iom, tspc]) expect((await received(person, 'submitted', 'national-uz'))[0]).toMatchObject({ excerpt: 'First draft', actorName: 'Oʻtkir Gʻulomov' });
    expect((await as(uzLead)('POST', '/sections/national-uz/withdraw')).status).toBe(200);
    for (const person of [iom, tspc]) expect((await received(person, 'withdrawn', 'national-uz'))[0]).toMatchObject({ actorName: 'Oʻtkir Gʻulomov', read: false });
    for (const person of [uzLead, uzMember, kzLead, coordinator]) expect(await received(person, 'withdrawn', 'national-uz')).toEqual([]);
  });

  test('a decision notifies the drafting group and the coordinator who submitted, not other groups or the reviewer', async () => {
    expect((await as(coordinator)('POST', '/sections/national-uz/submit', { message: 'On behalf of UZ' })).status).toBe(200);
    expect((await as(iom)('POST', '/sections/national-uz/decision', { decision: 'changes_requested', message: 'Cite article 12.' })).status).toBe(200);
    for (const person of [uzLead, uzMember, coordinator]) {
      expect((await received(person, 'changes-requested', 'national-uz'))[0]).toMatchObject({ excerpt: 'Cite article 12.', actorName: 'Anna Keller' });
    }
    for (const person of [kzLead, iom, tspc]) expect(await received(person, 'changes-requested', 'national-uz')).toEqual([]);
  });
});

test('opening one marks only it read; mark all read clears the rest', async () => {
  const items = await inbox(iom);
  const unread = items.filter((n) => !n.read);
  expect(unread.length).toBeGreaterThan(1);
  const left = (await as(iom)('POST', '/notifications/read', { ids: [unread[0].id] })).body as { unread: number };
  expect(left.unread).toBe(unread.length - 1);
  expect((await inbox(iom)).find((n) => n.id === unread[0].id)!.read).toBe(true);
  // Someone else's notification is never marked by another person.
  const mine = (await inbox(kzLead)).find((n) => !n.read)!;
  await as(iom)('POST', '/notifications/read', { ids: [mine.id] });
  expect((await inbox(kzLead)).find((n) => n.id === mine.id)!.read).toBe(false);
  expect(((await as(iom)('POST', '/notifications/read', { ids: 'all' })).body as { unread: number }).unread).toBe(0);
});

test('after a restart, an approval already told as changed is not told again', async () => {
  const text = await writeAs(kzMember, 'regional-3', 'Qaytish migratsiyasi: ixtiyoriy va majburiy.');
  await approveByBoth('regional-3', kzLead);
  await announcedAfterEdit('regional-3', () => text.insert(0, 'Ҳ '));
  await waitForNotifications(iom, 'approval-stale', 'regional-3');
  writers.forEach((writer) => writer.destroy());
  writers.length = 0;
  const { dataDir } = workspace;
  await workspace.stop();
  workspace = await startTestWorkspace({ dataDir });

  const again = await writeAs(kzMember, 'regional-3', 'Қайтарылу.');
  await announcedAfterEdit('regional-3', () => again.insert(0, 'Y'));
  for (const person of [kzLead, uzLead, iom, tspc]) expect(await received(person, 'approval-stale', 'regional-3')).toHaveLength(1);
});
