/**
 * Suggestions and approvals (#17, item 4), on a real server: an approval judges the text with open
 * suggestions left out, so a reviewer suggesting on an approved section leaves it approved and not
 * stale, rejecting a suggestion changes nothing, and accepting one makes the approval stale (with
 * the accepted words as the change since approval). Versions keep the suggestions as they were.
 *
 * Suggestions are made, accepted and rejected here through the section store, on each person's
 * behalf, as the suggestion commands will: adding or removing the marks in one Yjs transaction.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { DashboardOverview, NotificationList } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const SECTION = 'national-tj';
const TEXT = 'Қонуни Ҷумҳурии Тоҷикистон «Дар бораи муҳоҷират».';
const INSERTED = ' ва реадмиссия';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let lead: TestPerson, member: TestPerson, iom: TestPerson, tspc: TestPerson;
let writer: CollabClient;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  lead = await addTestPerson(workspace, 'lead', 'TJ', 'Фарида Раҳимова');
  member = await addTestPerson(workspace, 'member', 'TJ', 'Ҷамшед');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  tspc = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков');
  for (const person of [lead, member, iom, tspc]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  writer = connectCollab(workspace.url, SECTION, cookies.get(member)!);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: TEXT }] }] },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => workspace.server.content.snapshot(SECTION).words > 0, 'the text on the server');
});

afterAll(async () => {
  writer.destroy();
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const row = async () => ((await as(member)('GET', '/dashboard')).body as DashboardOverview).sections.find((s) => s.id === SECTION)!;
const stored = () => JSON.stringify(workspace.server.content.snapshot(SECTION).json);

/** Changes the section's one paragraph on `person`'s behalf, as one stored transaction. */
function change(person: TestPerson, apply: (text: Y.XmlText) => void): void {
  workspace.server.sections.change(SECTION, person.id, (doc) => {
    const paragraph = doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement;
    apply(paragraph.get(0) as Y.XmlText);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What the TSPC reviewer, who approved, was told of the approval going stale. */
const staleTold = async () => ((await as(tspc)('GET', '/notifications')).body as NotificationList).items.filter((n) => n.kind === 'approval-stale');
const suggestion = (person: TestPerson, id: string) => ({ id, author: person.id, at: Date.now() });
/** Where the closing «» quote ends the title: the reviewer's insertion goes after it. */
const afterTitle = () => TEXT.indexOf('».') + 1;
const word = 'Тоҷикистон';

test('a reviewer suggesting on an approved section leaves it approved and current; accepting the suggestion makes it stale', async () => {
  expect((await as(lead)('POST', `/sections/${SECTION}/submit`, { message: 'Ready' })).status).toBe(200);
  await as(iom)('POST', `/sections/${SECTION}/decision`, { decision: 'approved' });
  expect((await as(tspc)('POST', `/sections/${SECTION}/decision`, { decision: 'approved' })).body).toMatchObject({ status: 'approved', stale: false });
  const words = (await row()).words;

  // The reviewer proposes words after the title and the deletion of one word.
  change(iom, (text) => {
    text.insert(afterTitle(), INSERTED, { insertion: suggestion(iom, 'ins-1') });
    text.format(TEXT.indexOf(word), word.length, { deletion: suggestion(iom, 'del-1') });
  });
  await waitFor(() => stored().includes('"insertion"') && stored().includes('"deletion"'), 'the suggestions stored');
  expect((await row()).approval).toMatchObject({ status: 'approved', stale: false });
  expect((await row()).words).toBe(words);
  expect(workspace.server.reviews.changesSinceApproval(SECTION)).toMatchObject({ insertions: 0, deletions: 0, formatChanges: 0 });
  // The approved text is the one judged: no suggestion in it.
  expect(JSON.stringify((await as(member)('GET', `/sections/${SECTION}/approved`)).body)).not.toContain('реадмиссия');

  // A version saved now keeps the suggestions as they are.
  const version = workspace.server.versions.save(SECTION, 'named', { label: 'with suggestions', personId: lead.id })!;
  expect(JSON.stringify(workspace.server.versions.find(version.id)!.content)).toContain('"insertion"');

  // Rejecting the deletion: the mark goes, the text stays — still the approved text.
  change(lead, (text) => text.format(TEXT.indexOf(word), word.length, { deletion: null }));
  await waitFor(() => !stored().includes('"deletion"'), 'the deletion rejected');
  expect((await row()).approval.stale).toBe(false);
  // Edits are announced at most once a second: past that, nobody was told the approval went stale.
  await pause(1500);
  expect(await staleTold()).toEqual([]);

  // Accepting the insertion: the words are the section's now, and no longer the approved text.
  change(lead, (text) => text.format(afterTitle(), INSERTED.length, { insertion: null }));
  await waitFor(() => !stored().includes('"insertion"'), 'the insertion accepted');
  expect((await row()).approval).toMatchObject({ status: 'approved', stale: true });
  expect((await row()).words).toBe(words + 2);
  const diff = workspace.server.reviews.changesSinceApproval(SECTION)!;
  expect(diff.insertions).toBe(1);
  expect(diff.blocks.flatMap((block) => block.segments).filter((segment) => segment.change === 'insert').map((segment) => segment.text.trim())).toEqual([
    'ва реадмиссия',
  ]);
  // The reviewers who approved hear that the approved text changed: once, by the acceptance.
  for (let i = 0; i < 50 && (await staleTold()).length === 0; i++) await pause(100);
  expect(await staleTold()).toHaveLength(1);

  // Restoring the version brings the suggestions back as they were: open, so the approval is current again.
  const person = workspace.server.services.people.find(lead.id)!;
  workspace.server.versions.restore(version.id, person);
  await waitFor(() => stored().includes('"insertion"') && stored().includes('"deletion"'), 'the suggestions restored');
  expect((await row()).approval).toMatchObject({ status: 'approved', stale: false });
});
