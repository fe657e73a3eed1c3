/**
 * Suggestions over the real server: listed from the section's text, accepted and rejected as
 * ordinary changes that reach every editing client, refused for whom the policy refuses, and
 * decided while people type inside and beside them (everyone converges, nothing typed is lost);
 * the owning group hears of new suggestions, the suggester of decisions; the dashboard counts them.
 */
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import type { AuditPage, DashboardOverview, DocumentDiff, NotificationList, OpenSuggestion, SuggestionDecision } from '../../shared/api';
import { CLOSE_UPDATE_REFUSED, REASON_NOT_A_SUGGESTION } from '../../shared/collab-protocol';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { openRaw, syncUpdateMessage, updateFrom } from '../support/raw-socket';
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
const clients: CollabClient[] = [];
let kzMember: TestPerson, kzLead: TestPerson, kgMember: TestPerson, kgLead: TestPerson, iom: TestPerson, coordinator: TestPerson;
let uzMember: TestPerson, uzLead: TestPerson, uzColleague: TestPerson;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kzLead = await addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев');
  kgMember = await addTestPerson(workspace, 'member', 'KG', 'Алия Токтогулова');
  kgLead = await addTestPerson(workspace, 'lead', 'KG', 'Бакыт Осмонов');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  uzMember = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova');
  uzLead = await addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir Gʻulomov');
  uzColleague = await addTestPerson(workspace, 'member', 'UZ', 'Jasur Aliyev');
  for (const person of [kzMember, kzLead, kgMember, kgLead, iom, coordinator, uzMember, uzLead, uzColleague]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
});

afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const serverJson = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);
const jsonOf = (doc: Y.Doc) => JSON.stringify(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(CONTENT_FRAGMENT)));
const textAt = (doc: Y.Doc, index: number) => (doc.getXmlFragment(CONTENT_FRAGMENT).get(index) as Y.XmlElement).get(0) as Y.XmlText;
/** The words of a text, without its formatting. */
const wordsOf = (text: Y.XmlText) => (text.toDelta() as { insert: string }[]).map((run) => run.insert).join('');
const plain = (doc: Y.Doc) =>
  doc
    .getXmlFragment(CONTENT_FRAGMENT)
    .toArray()
    .map((block) => {
      const text = (block as Y.XmlElement).get(0) as Y.XmlText | undefined;
      return text ? wordsOf(text) : '';
    })
    .join('\n');
/** Where `words` start in a paragraph's text. */
const indexOf = (text: Y.XmlText, words: string) => wordsOf(text).indexOf(words);
const mark = (id: string, author: TestPerson) => ({ id, author: author.id, at: Date.now() });

async function open(person: TestPerson, sectionId: string): Promise<CollabClient> {
  const client = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  clients.push(client);
  await synced(client);
  return client;
}

/** A writer of the owning group puts paragraphs into the section and waits for the server to have them. */
async function write(client: CollabClient, sectionId: string, ...texts: string[]): Promise<void> {
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
    client.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await waitFor(() => serverJson(sectionId).includes(texts[texts.length - 1]), 'the text on the server');
}

async function suggestionsOf(sectionId: string, person = kzMember): Promise<OpenSuggestion[]> {
  const response = await as(person)('GET', `/sections/${sectionId}/suggestions`);
  expect(response.status).toBe(200);
  return response.body as OpenSuggestion[];
}

/** Waits until every client and the server hold the same document. */
async function converged(sectionId: string, ...docs: Y.Doc[]): Promise<void> {
  await waitFor(() => docs.every((doc) => jsonOf(doc) === serverJson(sectionId)), 'every copy to converge');
}

describe('listing and deciding', () => {
  let writer: CollabClient;

  beforeAll(async () => {
    writer = await open(kzMember, 'national-kz');
    await write(writer, 'national-kz', 'Закон применяется к мигрантам.', 'Статья 12 утратила силу.');
    // An insertion split by bold (two runs, one suggestion), a deletion, and an insertion over two paragraphs.
    const [first, second] = [textAt(writer.doc, 0), textAt(writer.doc, 1)];
    first.insert(indexOf(first, ' к мигрантам'), ' также', { insertion: mark('ins-1', kzMember) });
    first.insert(indexOf(first, ' к мигрантам'), ' трудовым', { insertion: mark('ins-1', kzMember), bold: {} });
    second.format(0, 'Статья 12 '.length, { deletion: mark('del-1', kzMember) });
    first.insert(0, 'Ныне ', { insertion: mark('ins-2', kzMember) });
    second.insert(second.length, ' См. закон 2011.', { insertion: mark('ins-2', kzMember), deletion: null });
    await waitFor(() => serverJson('national-kz').includes('См. закон'), 'the suggestions on the server');
    // A reviewer's suggestion, made on their behalf through the section store (as their suggesting connection would).
    workspace.server.sections.change('national-kz', iom.id, (doc) =>
      textAt(doc, 1).insert(0, '(IOM) ', { insertion: mark('iom-1', iom), deletion: null }),
    );
    await waitFor(() => serverJson('national-kz').includes('(IOM)') && jsonOf(writer.doc).includes('(IOM)'), 'every suggestion on the server');
  });

  test('lists open suggestions in document order, one per id, their runs joined', async () => {
    const listed = await suggestionsOf('national-kz', kgMember);
    expect(listed.map(({ id, kind, text, author }) => ({ id, kind, text, author }))).toEqual([
      // Two runs apart: joined with a space.
      { id: 'ins-2', kind: 'insert', text: 'Ныне ' + ' ' + ' См. закон 2011.', author: kzMember.id },
      { id: 'ins-1', kind: 'insert', text: ' также трудовым', author: kzMember.id },
      { id: 'iom-1', kind: 'insert', text: '(IOM) ', author: iom.id },
      { id: 'del-1', kind: 'delete', text: 'Статья 12 ', author: kzMember.id },
    ]);
    expect(listed[2].authorName).toBe('Anna Keller');
    expect(typeof listed[0].at).toBe('string');
  });

  test('accepting an insertion keeps its words unmarked, everywhere; deciding it again is a 409', async () => {
    const accepted = await as(kzLead)('POST', '/suggestions/ins-1/accept', { sectionId: 'national-kz' });
    expect(accepted.status).toBe(200);
    expect(accepted.body as SuggestionDecision).toEqual({ decision: 'accepted', count: 1, ids: ['ins-1'] });
    await converged('national-kz', writer.doc);
    expect(plain(writer.doc)).toContain('применяется также трудовым к мигрантам');
    expect(jsonOf(writer.doc)).not.toContain('"ins-1"');
    // Other formatting of the accepted words stays.
    expect(jsonOf(writer.doc)).toContain('"bold"');
    expect((await suggestionsOf('national-kz')).map((s) => s.id)).toEqual(['ins-2', 'iom-1', 'del-1']);

    const again = await as(kzLead)('POST', '/suggestions/ins-1/reject', { sectionId: 'national-kz' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already-decided', error: 'this suggestion was accepted already' });
  });

  test('accepting a deletion removes its words; rejecting an insertion removes its words', async () => {
    expect((await as(kzMember)('POST', '/suggestions/del-1/accept', { sectionId: 'national-kz' })).status).toBe(200);
    expect((await as(kzMember)('POST', '/suggestions/ins-2/reject', { sectionId: 'national-kz' })).status).toBe(200);
    await converged('national-kz', writer.doc);
    expect(plain(writer.doc)).toBe('Закон применяется также трудовым к мигрантам.\n(IOM) утратила силу.');
  });

  test('who may decide: the owning group accepts; another group, and a reviewer accepting, are refused; a reviewer may reject their own', async () => {
    const kg = await as(kgMember)('POST', '/suggestions/iom-1/reject', { sectionId: 'national-kz' });
    expect(kg.status).toBe(403);
    expect(kg.body).toMatchObject({ code: 'forbidden' });
    expect((await as(iom)('POST', '/suggestions/iom-1/accept', { sectionId: 'national-kz' })).status).toBe(403);
    expect(plain(writer.doc)).toContain('(IOM)');

    const own = await as(iom)('POST', '/suggestions/iom-1/reject', { sectionId: 'national-kz' });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ decision: 'rejected', count: 1, ids: ['iom-1'] });
    await converged('national-kz', writer.doc);
    expect(plain(writer.doc)).toBe('Закон применяется также трудовым к мигрантам.\nутратила силу.');
    expect(await suggestionsOf('national-kz')).toEqual([]);
  });

  test('a reviewer may not reject someone else’s suggestion; a coordinator may accept anywhere, naming only the suggestion', async () => {
    textAt(writer.doc, 1).insert(0, 'Ранее ', { insertion: mark('kz-late', kzMember) });
    await waitFor(() => serverJson('national-kz').includes('kz-late'), 'the suggestion on the server');
    expect((await as(iom)('POST', '/suggestions/kz-late/reject', {})).status).toBe(403);
    expect((await as(coordinator)('POST', '/suggestions/kz-late/accept', {})).status).toBe(200);
    // Decided once: found again by its id, and refused as decided.
    expect((await as(coordinator)('POST', '/suggestions/kz-late/accept', {})).status).toBe(409);
  });

  test('unknown suggestions, sections and bad bodies are JSON refusals', async () => {
    const unknown = await as(kzLead)('POST', '/suggestions/no-such-id/accept', { sectionId: 'national-kz' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not-found' });
    expect((await as(kzLead)('POST', '/suggestions/x/accept', { sectionId: 'national-xx' })).status).toBe(404);
    expect((await as(kzLead)('GET', '/sections/national-xx/suggestions')).status).toBe(404);
    // Without a section the server looks for the suggestion itself: an unknown id is a 404.
    const noSection = await as(kzLead)('POST', '/suggestions/x/accept', {});
    expect(noSection.status).toBe(404);
    expect(noSection.body).toMatchObject({ code: 'not-found' });
    expect((await as(kzLead)('POST', '/suggestions/x/accept', { sectionId: 7 })).status).toBe(400);
    expect((await as(kzLead)('POST', '/sections/national-kz/suggestions/accept-all', { author: 'me' })).status).toBe(400);
    expect((await api(workspace.url, null)('GET', '/sections/national-kz/suggestions')).status).toBe(401);
  });

  test('every decision and refusal is in the audit log', async () => {
    const page = (await as(coordinator)('GET', '/audit?action=suggestion.')).body as AuditPage;
    const decided = page.entries.map((entry) => [entry.action, entry.target, (entry.detail as { suggestions: string[] }).suggestions]);
    expect(decided).toEqual(
      expect.arrayContaining([
        ['suggestion.accepted', 'section:national-kz', ['ins-1']],
        ['suggestion.accepted', 'section:national-kz', ['del-1']],
        ['suggestion.rejected', 'section:national-kz', ['ins-2']],
        ['suggestion.rejected', 'section:national-kz', ['iom-1']],
        ['suggestion.accepted', 'section:national-kz', ['kz-late']],
      ]),
    );
    const denied = ((await as(coordinator)('GET', '/audit?action=denied')).body as AuditPage).entries;
    expect(denied.some((entry) => entry.actorId === kgMember.id && (entry.detail as { action?: string }).action === 'reject-suggestion')).toBe(true);
  });
});

describe('deciding while people type', () => {
  test('accepting while the suggester types more inside and a member types beside it: all converge, nothing typed is lost', async () => {
    const lead = await open(kgLead, 'national-kg');
    const member = await open(kgMember, 'national-kg');
    await write(lead, 'national-kg', 'Мигранты имеют право на защиту.');
    await waitFor(() => plain(member.doc) === plain(lead.doc), 'the text at the suggester');
    textAt(member.doc, 0).insert(8, ' и их семьи', { insertion: mark('kg-1', kgMember) });
    await waitFor(() => serverJson('national-kg').includes('kg-1') && jsonOf(lead.doc).includes('kg-1'), 'the suggestion everywhere');

    // The suggester is offline for a moment and keeps typing inside their suggestion (the mark
    // carries on, as the editor types inside a mark); the lead types right after it, online.
    member.provider.disconnect();
    textAt(member.doc, 0).insert(13, ' все');
    const accepted = as(kgLead)('POST', '/suggestions/kg-1/accept', { sectionId: 'national-kg' });
    expect((await accepted).status).toBe(200);
    textAt(lead.doc, 0).insert(19, ' (ст. 5)', { insertion: null } as never);
    member.provider.connect();
    await synced(member);
    await converged('national-kg', lead.doc, member.doc);

    expect(plain(lead.doc)).toBe('Мигранты и их все семьи (ст. 5) имеют право на защиту.');
    // What the suggester typed concurrently was inside the accepted words: it is accepted with them.
    expect(jsonOf(lead.doc)).not.toContain('insertion');
  });

  test('rejecting while the suggester is offline and types more inside: the rejected words go, the new ones stay, as plain text', async () => {
    const lead = await open(kgLead, 'regional-2');
    const member = await open(kgMember, 'regional-2');
    await write(lead, 'regional-2', 'Реинтеграция начинается до возвращения.');
    await waitFor(() => plain(member.doc) === plain(lead.doc), 'the text at the suggester');
    textAt(member.doc, 0).insert(12, ' трудовых мигрантов', { insertion: mark('r2-1', kgMember) });
    await waitFor(() => serverJson('regional-2').includes('r2-1') && jsonOf(lead.doc).includes('r2-1'), 'the suggestion everywhere');

    member.provider.disconnect();
    textAt(member.doc, 0).insert(21, ' и их семей');
    expect((await as(kgLead)('POST', '/suggestions/r2-1/reject', { sectionId: 'regional-2' })).status).toBe(200);
    expect(plain(lead.doc)).toBe('Реинтеграция начинается до возвращения.');
    member.provider.connect();
    await synced(member);
    await converged('regional-2', lead.doc, member.doc);

    expect(plain(member.doc)).toBe('Реинтеграция и их семей начинается до возвращения.');
    // The mark that covered them went with the rejected words (Yjs formats by boundaries, not per
    // character); a decided id never comes back, so nothing is left to decide.
    await waitFor(() => !serverJson('regional-2').includes('r2-1'), 'the decided id gone');
    await converged('regional-2', lead.doc, member.doc);
    expect(await suggestionsOf('regional-2')).toEqual([]);
    expect(plain(lead.doc)).toBe('Реинтеграция и их семей начинается до возвращения.');
  });

  test('accepting while someone types plain words inside the suggestion: all converge, every word typed is there', async () => {
    const lead = await open(kgLead, 'regional-3');
    const member = await open(kgMember, 'regional-3');
    await write(lead, 'regional-3', 'Государство обеспечивает защиту.');
    await waitFor(() => plain(member.doc) === plain(lead.doc), 'the text at the suggester');
    textAt(member.doc, 0).insert(11, ' всегда', { insertion: mark('r3-1', kgMember) });
    await waitFor(() => jsonOf(lead.doc).includes('r3-1'), 'the suggestion everywhere');

    member.provider.disconnect();
    textAt(member.doc, 0).insert(15, 'XY', { insertion: null } as never);
    expect((await as(kgLead)('POST', '/suggestions/r3-1/accept', { sectionId: 'regional-3' })).status).toBe(200);
    member.provider.connect();
    await synced(member);
    await converged('regional-3', lead.doc, member.doc);
    expect(plain(lead.doc)).toBe('Государство всеXYгда обеспечивает защиту.');
    // Yjs can leave the decided mark on what follows the typed words (their closing boundary
    // restores it, the suggestion's own end was dropped as redundant); the server takes it off.
    await waitFor(() => !serverJson('regional-3').includes('r3-1'), 'the decided id gone');
    await converged('regional-3', lead.doc, member.doc);
    expect(plain(member.doc)).toBe('Государство всеXYгда обеспечивает защиту.');
    expect(jsonOf(member.doc)).not.toContain('insertion');
    expect(await suggestionsOf('regional-3')).toEqual([]);
  });
});

describe('all at once, notifications and the dashboard', () => {
  test('the owning group hears of new suggestions once per suggester in ten minutes; the suggester hears of decisions', async () => {
    const writer = await open(uzLead, 'national-uz');
    await write(writer, 'national-uz', 'Oʻzbekiston Respublikasi qonuni.', 'Ikkinchi band.');
    const suggester = await open(uzMember, 'national-uz');
    textAt(suggester.doc, 0).insert(0, 'Amaldagi ', { insertion: mark('uz-1', uzMember) });
    const inbox = async (person: TestPerson) => ((await as(person)('GET', '/notifications')).body as NotificationList).items;
    const start = Date.now();
    while (!(await inbox(uzLead)).some((item) => item.kind === 'suggested')) {
      if (Date.now() - start > 8000) throw new Error('the lead heard of no suggestion');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await inbox(uzLead)).filter((item) => item.kind === 'suggested')).toEqual([
      expect.objectContaining({ sectionId: 'national-uz', actorId: uzMember.id, actorName: 'Dilnoza Karimova', excerpt: 'Amaldagi ' }),
    ]);
    expect((await inbox(uzColleague)).filter((item) => item.kind === 'suggested')).toHaveLength(1);
    // The suggester, another group and reviewers hear nothing of it.
    expect((await inbox(uzMember)).filter((item) => item.kind === 'suggested')).toEqual([]);
    expect((await inbox(kzLead)).filter((item) => item.kind === 'suggested')).toEqual([]);
    expect((await inbox(iom)).filter((item) => item.kind === 'suggested')).toEqual([]);

    // More suggestions by the same person within ten minutes: no second notification.
    textAt(suggester.doc, 1).insert(0, 'Yangi ', { insertion: mark('uz-2', uzMember) });
    textAt(suggester.doc, 1).format(indexOf(textAt(suggester.doc, 1), 'band'), 'band'.length, { deletion: mark('uz-3', uzMember) });
    await waitFor(() => serverJson('national-uz').includes('uz-3'), 'the suggestions on the server');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await inbox(uzLead)).filter((item) => item.kind === 'suggested')).toHaveLength(1);

    // The dashboard counts them.
    const dashboard = (await as(iom)('GET', '/dashboard')).body as DashboardOverview;
    expect(dashboard.sections.find((row) => row.id === 'national-uz')?.openSuggestions).toBe(3);
    expect(dashboard.sections.find((row) => row.id === 'national-tm')?.openSuggestions).toBe(0);

    // Accept all of hers, then nothing is left; she hears of it once, with the words.
    const all = await as(uzLead)('POST', '/sections/national-uz/suggestions/accept-all', { author: uzMember.id });
    expect(all.body).toEqual({ decision: 'accepted', count: 3, ids: ['uz-1', 'uz-2', 'uz-3'] });
    await converged('national-uz', writer.doc, suggester.doc);
    expect(plain(writer.doc)).toBe('Amaldagi Oʻzbekiston Respublikasi qonuni.\nYangi Ikkinchi .');
    const told = (await inbox(uzMember)).filter((item) => item.kind === 'suggestion-accepted');
    expect(told).toEqual([expect.objectContaining({ actorId: uzLead.id, excerpt: 'Amaldagi  · Yangi  · band' })]);
    const after = (await as(iom)('GET', '/dashboard')).body as DashboardOverview;
    expect(after.sections.find((row) => row.id === 'national-uz')?.openSuggestions).toBe(0);
  });

  test('reject all: the group rejects everyone’s; a suggester only their own; others are refused', async () => {
    const writer = await open(uzLead, 'regional-4');
    await write(writer, 'regional-4', 'Bir. Ikki. Uch.');
    textAt(writer.doc, 0).insert(0, 'A ', { insertion: mark('r4-a', uzMember) });
    workspace.server.sections.change('regional-4', iom.id, (doc) => {
      const text = textAt(doc, 0);
      text.insert(text.length, ' IOM', { insertion: mark('r4-iom', iom) });
    });
    await waitFor(() => jsonOf(writer.doc).includes('r4-iom') && serverJson('regional-4').includes('r4-a'), 'the suggestions everywhere');

    expect((await as(iom)('POST', '/sections/regional-4/suggestions/reject-all', {})).status).toBe(403);
    expect((await as(iom)('POST', '/sections/regional-4/suggestions/reject-all', { author: uzMember.id })).status).toBe(403);
    expect((await as(iom)('POST', '/sections/regional-4/suggestions/accept-all', { author: iom.id })).status).toBe(403);
    const own = await as(iom)('POST', '/sections/regional-4/suggestions/reject-all', { author: iom.id });
    expect(own.body).toEqual({ decision: 'rejected', count: 1, ids: ['r4-iom'] });
    const rest = await as(kgMember)('POST', '/sections/regional-4/suggestions/reject-all', {});
    expect(rest.body).toEqual({ decision: 'rejected', count: 1, ids: ['r4-a'] });
    await converged('regional-4', writer.doc);
    expect(plain(writer.doc)).toBe('Bir. Ikki. Uch.');
    // Nothing left: a zero count, not an error.
    expect((await as(kgMember)('POST', '/sections/regional-4/suggestions/accept-all', {})).body).toEqual({ decision: 'accepted', count: 0, ids: [] });
    expect(((await as(uzMember)('GET', '/notifications')).body as NotificationList).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'suggestion-rejected', sectionId: 'regional-4', actorId: kgMember.id, excerpt: 'A ' })]),
    );
  });
});

describe('suggestions inside footnotes (#18)', () => {
  const SECTION = 'regional-5';
  /** The Y.XmlText of the first footnote of the first paragraph. */
  const noteText = (doc: Y.Doc) => (((doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText);
  const noteWords = (json: unknown) => {
    const paragraph = (json as { content: { content: { type: string; content?: { text: string }[] }[] }[] }).content[0];
    return paragraph.content.filter((node) => node.type === 'footnote').map((note) => (note.content ?? []).map((run) => run.text).join(''));
  };
  let writer: CollabClient;

  beforeAll(async () => {
    writer = await open(kzMember, SECTION);
    prosemirrorJSONToYXmlFragment(
      schema,
      {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Государства сотрудничают по реадмиссии' },
              { type: 'footnote', content: [{ type: 'text', text: 'Соглашение 2013 года, ст. 4.' }] },
              { type: 'text', text: '.' },
            ],
          },
        ],
      },
      writer.doc.getXmlFragment(CONTENT_FRAGMENT),
    );
    await waitFor(() => serverJson(SECTION).includes('ст. 4.'), 'the text with its footnote on the server');
    const saved = await as(coordinator)('POST', `/sections/${SECTION}/versions`, { label: 'before the suggestions' });
    expect(saved.status).toBe(201);
    savedVersion = (saved.body as { id: number }).id;
  });
  let savedVersion: number;

  test('a reviewer types inside a footnote as a suggestion: taken, listed, left out of the settled text, accepted by the group', async () => {
    const reviewer = await openRaw(workspace.url, SECTION, cookies.get(iom)!);
    try {
      expect(reviewer.access()).toBe('suggest');
      const settledBefore = workspace.server.content.snapshot(SECTION).settled.hash;
      reviewer.send(
        syncUpdateMessage(updateFrom(reviewer.mirror, (doc) => noteText(doc).insert('Соглашение 2013 года'.length, ' о реадмиссии', { insertion: mark('fn-ins', iom) }))),
      );
      await reviewer.barrier();
      expect(reviewer.isClosed()).toBe(false);
      await waitFor(() => serverJson(SECTION).includes('о реадмиссии'), 'the suggestion on the server');
      expect((await suggestionsOf(SECTION)).map(({ id, kind, text, author }) => ({ id, kind, text, author }))).toEqual([
        { id: 'fn-ins', kind: 'insert', text: ' о реадмиссии', author: iom.id },
      ]);
      // Not the section's text yet: the approval's hash and the settled text are as before.
      expect(workspace.server.content.snapshot(SECTION).settled.hash).toBe(settledBefore);
      expect(noteWords(workspace.server.content.snapshot(SECTION).settled.json)).toEqual(['Соглашение 2013 года, ст. 4.']);

      // A proposed deletion of the note's last words, rejected by the group: the words stay.
      reviewer.send(syncUpdateMessage(updateFrom(reviewer.mirror, (doc) => noteText(doc).format(noteText(doc).length - 'ст. 4.'.length, 'ст. 4.'.length, { deletion: mark('fn-del', iom) }))));
      await reviewer.barrier();
      expect(reviewer.isClosed()).toBe(false);
      await waitFor(() => serverJson(SECTION).includes('fn-del'), 'the proposed deletion on the server');
      expect((await as(kzLead)('POST', '/suggestions/fn-del/reject', { sectionId: SECTION })).status).toBe(200);
      expect((await as(kzLead)('POST', '/suggestions/fn-ins/accept', { sectionId: SECTION })).status).toBe(200);
      await converged(SECTION, writer.doc);
      expect(noteWords(yXmlFragmentToProsemirrorJSON(writer.doc.getXmlFragment(CONTENT_FRAGMENT)))).toEqual(['Соглашение 2013 года о реадмиссии, ст. 4.']);
      expect(jsonOf(writer.doc)).not.toMatch(/insertion|deletion/);
      expect(workspace.server.content.snapshot(SECTION).settled.hash).not.toBe(settledBefore);
    } finally {
      reviewer.close();
    }
  });

  test('a new footnote from a suggesting connection is structure, refused like a new paragraph', async () => {
    const reviewer = await openRaw(workspace.url, SECTION, cookies.get(iom)!);
    const before = serverJson(SECTION);
    reviewer.send(
      syncUpdateMessage(
        updateFrom(reviewer.mirror, (doc) => {
          const note = new Y.XmlElement('footnote');
          const text = new Y.XmlText();
          note.insert(0, [text]);
          text.insert(0, 'Новая сноска.', { insertion: mark('fn-new', iom) });
          (doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).insert(1, [note]);
        }),
      ),
    );
    expect(await reviewer.closed).toEqual({ code: CLOSE_UPDATE_REFUSED, reason: REASON_NOT_A_SUGGESTION });
    expect(serverJson(SECTION)).toBe(before);
  });

  test('comparing versions shows the accepted words inside the note; who wrote them is told with the note', async () => {
    const compared = await as(coordinator)('GET', `/sections/${SECTION}/compare?from=${savedVersion}&to=current`);
    expect(compared.status).toBe(200);
    const changed = (compared.body as DocumentDiff).blocks.flatMap((block) => block.segments).filter((part) => part.change !== 'equal');
    expect(changed).toEqual([{ text: 'о реадмиссии', change: 'insert', marks: [{ type: 'footnote' }] }]);

    const attribution = (await as(coordinator)('GET', `/sections/${SECTION}/attribution`)).body as { blocks: { kind: string; runs: { text: string; personId: number | null }[] }[] };
    expect(attribution.blocks.map((block) => block.kind)).toEqual(['paragraph', 'footnote']);
    expect(attribution.blocks[0].runs.map((run) => run.text).join('')).toBe('Государства сотрудничают по реадмиссии.');
    expect(attribution.blocks[1].runs).toEqual([
      { text: 'Соглашение 2013 года', personId: kzMember.id },
      { text: ' о реадмиссии', personId: iom.id },
      { text: ', ст. 4.', personId: kzMember.id },
    ]);
  });
});
