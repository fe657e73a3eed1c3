/**
 * "Suggestions only" on a section and the coordinators' setting for other groups (#17), over the
 * real transports: a change of either reaches the open connections at once, as a new access level.
 */
import * as Y from 'yjs';
import { CLOSE_UPDATE_REFUSED, REASON_NOT_A_SUGGESTION } from '../../shared/collab-protocol';
import type { Section } from '../../shared/api/sections';
import type { WorkspaceSettings } from '../../shared/api/settings';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import { type RawClient, openRaw, syncUpdateMessage, updateFrom } from '../support/raw-socket';
import { type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let kzMember: string;
let kzLead: string;
let uzMember: string;
let uzLead: string;
let coordinator: string;
const open: RawClient[] = [];

const SECTION = 'national-kz';

beforeAll(async () => {
  workspace = await startTestWorkspace();
  const cookie = async (role: 'member' | 'lead' | 'coordinator', group: 'KZ' | 'UZ' | 'IOM') => {
    const person = await addTestPerson(workspace, role, group);
    return signIn(workspace.url, person.email, person.password);
  };
  kzMember = await cookie('member', 'KZ');
  kzLead = await cookie('lead', 'KZ');
  uzMember = await cookie('member', 'UZ');
  uzLead = await cookie('lead', 'UZ');
  coordinator = await cookie('coordinator', 'IOM');
});
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  // Each test starts from the defaults.
  await api(workspace.url, coordinator)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: false });
  await api(workspace.url, coordinator)('PATCH', '/settings', { otherGroupsSuggest: false });
});
afterAll(() => workspace.stop());

async function raw(cookie: string): Promise<RawClient> {
  const client = await openRaw(workspace.url, SECTION, cookie);
  open.push(client);
  return client;
}

/** A plain insertion of `words` at the start of the section (no suggestion mark). */
function plainInsertion(base: Y.Doc, words: string): Uint8Array {
  return updateFrom(base, (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(words)]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [paragraph]);
  });
}

describe('suggestions only on a section', () => {
  test('a KZ member’s open connection goes from edit to suggest when the KZ lead turns it on, and back', async () => {
    const member = await raw(kzMember);
    expect(member.access()).toBe('edit');

    const on = await api(workspace.url, kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true });
    expect(on.status).toBe(200);
    expect((on.body as Section).suggestionsOnly).toBe(true);
    expect((on.body as Section).permissions.edit).toBe(false);
    await waitFor(() => member.access() === 'suggest', 'the member is told suggest');
    const read = await api(workspace.url, kzMember)('GET', `/sections/${SECTION}`);
    expect((read.body as Section).suggestionsOnly).toBe(true);

    const off = await api(workspace.url, kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: false });
    expect(off.status).toBe(200);
    expect((off.body as Section).suggestionsOnly).toBe(false);
    await waitFor(() => member.access() === 'edit', 'the member is told edit again');
    member.send(syncUpdateMessage(plainInsertion(member.mirror, 'Editing again.')));
    await member.barrier();
    expect(member.isClosed()).toBe(false);
  });

  test('while it is on, a plain edit is refused with 4422 and never applied', async () => {
    const member = await raw(kzMember);
    const watcher = await raw(kzLead);
    await api(workspace.url, kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true });
    await waitFor(() => member.access() === 'suggest', 'the member is told suggest');
    const before = watcher.mirror.getXmlFragment(CONTENT_FRAGMENT).toString();
    member.send(syncUpdateMessage(plainInsertion(member.mirror, 'A direct edit.')));
    expect(await member.closed).toEqual({ code: CLOSE_UPDATE_REFUSED, reason: REASON_NOT_A_SUGGESTION });
    await watcher.barrier();
    expect(watcher.mirror.getXmlFragment(CONTENT_FRAGMENT).toString()).toBe(before);
  });

  test('a connection opened while it is on works at suggest; a new one after it is off at edit', async () => {
    await api(workspace.url, kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true });
    expect((await raw(kzMember)).access()).toBe('suggest');
    expect((await raw(coordinator)).access()).toBe('suggest');
    await api(workspace.url, kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: false });
    expect((await raw(kzMember)).access()).toBe('edit');
  });

  test('a member of another group, its lead or a KZ member cannot turn it on; a coordinator can', async () => {
    for (const cookie of [uzMember, uzLead, kzMember]) {
      const refused = await api(workspace.url, cookie)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true });
      expect(refused.status).toBe(403);
    }
    const read = await api(workspace.url, kzMember)('GET', `/sections/${SECTION}`);
    expect((read.body as Section).suggestionsOnly).toBe(false);
    const byCoordinator = await api(workspace.url, coordinator)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true });
    expect(byCoordinator.status).toBe(200);
    const audit = await api(workspace.url, coordinator)('GET', '/audit?action=section.suggestions-only');
    const entries = (audit.body as { entries: { target: string | null; detail: unknown }[] }).entries;
    expect(entries[0]).toMatchObject({ target: `section:${SECTION}`, detail: { suggestionsOnly: true } });
  });

  test('a body that is not a yes or no is refused with 400', async () => {
    const refused = await api(workspace.url, kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: 'yes' });
    expect(refused.status).toBe(400);
  });
});

describe('the coordinators’ setting: other groups suggest on a country’s section', () => {
  test('a UZ member’s connection on the Kazakh section is read-only by default and suggest with the setting on, and back', async () => {
    const dashboard = await api(workspace.url, uzMember)('GET', '/dashboard');
    expect((dashboard.body as WorkspaceSettings).otherGroupsSuggest).toBe(false);
    const uz = await raw(uzMember);
    expect(uz.access()).toBe('read-only');

    const on = await api(workspace.url, coordinator)('PATCH', '/settings', { otherGroupsSuggest: true });
    expect(on.status).toBe(200);
    expect((on.body as WorkspaceSettings).otherGroupsSuggest).toBe(true);
    await waitFor(() => uz.access() === 'suggest', 'the UZ member is told suggest');
    expect((await raw(uzMember)).access()).toBe('suggest');

    await api(workspace.url, coordinator)('PATCH', '/settings', { otherGroupsSuggest: false });
    await waitFor(() => uz.access() === 'read-only', 'the UZ member is told read-only again');
  });

  test('only a coordinator changes it', async () => {
    for (const cookie of [kzLead, uzMember]) {
      expect((await api(workspace.url, cookie)('PATCH', '/settings', { otherGroupsSuggest: true })).status).toBe(403);
    }
  });
});
