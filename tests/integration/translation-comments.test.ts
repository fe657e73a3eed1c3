/**
 * Comments and suggestions on a translation (#19) over the real server: a translation's threads are
 * its own (never listed with the source's, nor the other way round), with replies, resolving and
 * notifications as on the source; a language the workspace does not translate into is refused and
 * nothing is stored; suggestions in the translation's text are listed and decided there, by whom
 * the policy lets decide, leaving the source untouched.
 */
import * as Y from 'yjs';
import type { NotificationList, OpenSuggestion, SuggestionDecision, Thread } from '../../shared/api';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let kzMember: TestPerson, kzLead: TestPerson, uzMember: TestPerson, iom: TestPerson, coordinator: TestPerson;

const SECTION = 'national-kz';
const EN = documentKey(SECTION, 'en');
// A real relative position: item (client 1, clock 0), assoc 0.
const ANCHOR = { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 5, 0]).toString('base64') };

const as = (person: TestPerson | null) => api(workspace.url, person ? cookies.get(person)! : null);
const serverJson = (key: string) => {
  workspace.server.content.invalidate(key);
  return JSON.stringify(workspace.server.content.snapshot(key).json);
};
const threadCount = () => (workspace.server.db.$client.prepare('SELECT count(*) AS n FROM comment_threads').get() as { n: number }).n;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kzLead = await addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев');
  uzMember = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  for (const person of [kzMember, kzLead, uzMember, iom, coordinator]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  const set = await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } });
  expect(set.status).toBe(200);
});

afterAll(async () => {
  await workspace.stop();
});

describe('comment threads on a translation', () => {
  let sourceThread: Thread;
  let translationThread: Thread;

  beforeAll(async () => {
    const source = await as(kzMember)('POST', `/sections/${SECTION}/threads`, { anchor: ANCHOR, quote: 'Закон', body: 'О русском тексте' });
    expect(source.status).toBe(201);
    sourceThread = source.body as Thread;
    const translation = await as(iom)('POST', `/sections/${SECTION}/threads`, { anchor: ANCHOR, quote: 'The law', body: 'Is “law” the right term here?', lang: 'en' });
    expect(translation.status).toBe(201);
    translationThread = translation.body as Thread;
  });

  test('a thread says which version it is on', () => {
    expect(sourceThread.lang).toBe('');
    expect(translationThread.lang).toBe('en');
    expect(translationThread.sectionId).toBe(SECTION);
  });

  test("the translation's threads and the source's are listed apart", async () => {
    const source = await as(uzMember)('GET', `/sections/${SECTION}/threads`);
    expect(source.status).toBe(200);
    expect((source.body as Thread[]).map((thread) => thread.id)).toEqual([sourceThread.id]);
    const english = await as(uzMember)('GET', `/sections/${SECTION}/threads?lang=en`);
    expect(english.status).toBe(200);
    expect((english.body as Thread[]).map((thread) => thread.id)).toEqual([translationThread.id]);
    expect((english.body as Thread[])[0].comments[0].body).toBe('Is “law” the right term here?');
  });

  test('replies, resolving and notifications work as on the source', async () => {
    const reply = await as(kzMember)('POST', `/threads/${translationThread.id}/comments`, { body: 'Yes: “law” as in the Kazakh original.' });
    expect(reply.status).toBe(201);
    expect((reply.body as Thread).lang).toBe('en');
    expect((reply.body as Thread).comments).toHaveLength(2);
    // The reviewer who started the thread hears of the reply.
    const inbox = await as(iom)('GET', '/notifications');
    const heard = (inbox.body as NotificationList).items.find((item) => item.threadId === translationThread.id);
    expect(heard?.kind).toBe('reply');
    const resolved = await as(iom)('POST', `/threads/${translationThread.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect((resolved.body as Thread).resolved).not.toBeNull();
    // Editing somebody else's comment stays refused on a translation too.
    const edited = await as(kzMember)('PATCH', `/comments/${translationThread.comments[0].id}`, { body: 'changed' });
    expect(edited.status).toBe(403);
  });

  test('a language that is not a translation is refused, and nothing is stored', async () => {
    const before = threadCount();
    for (const lang of ['kk', 'ru']) {
      const started = await as(kzMember)('POST', `/sections/${SECTION}/threads`, { anchor: ANCHOR, quote: 'x', body: 'Nowhere', lang });
      expect(started.status).toBe(404);
      expect((started.body as { code?: string; error?: string }).code ?? '').toBe('no-such-language');
      const listed = await as(kzMember)('GET', `/sections/${SECTION}/threads?lang=${lang}`);
      expect(listed.status).toBe(404);
    }
    const malformed = await as(kzMember)('POST', `/sections/${SECTION}/threads`, { anchor: ANCHOR, quote: 'x', body: 'Bad', lang: 'EN; DROP' });
    expect(malformed.status).toBe(400);
    expect(threadCount()).toBe(before);
  });

  test('signed out, neither version is listed', async () => {
    const listed = await as(null)('GET', `/sections/${SECTION}/threads?lang=en`);
    expect(listed.status).toBe(401);
  });
});

describe('suggestions in a translation', () => {
  const mark = (id: string, author: TestPerson) => ({ id, author: author.id, at: Date.now() });

  beforeAll(async () => {
    // The source and the translation have a paragraph each; the reviewer's suggestions are in the
    // translation, made on their behalf through the store (as their suggesting connection would).
    for (const [key, text] of [
      [SECTION, 'Закон применяется к мигрантам.'],
      [EN, 'The law applies to migrants.'],
    ] as const) {
      workspace.server.sections.change(key, kzMember.id, (doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [paragraph]);
      });
    }
    workspace.server.sections.change(EN, iom.id, (doc) => {
      const text = (doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert('The law applies'.length, ' equally', { insertion: mark('en-ins', iom) });
      text.insert('The law applies equally to '.length, 'labour ', { insertion: mark('en-ins-2', iom) });
    });
    await waitFor(() => serverJson(EN).includes('labour'), 'the suggestions in the translation');
  });

  test("are listed with the translation, not with the source", async () => {
    const english = await as(kzMember)('GET', `/sections/${SECTION}/suggestions?lang=en`);
    expect(english.status).toBe(200);
    expect((english.body as OpenSuggestion[]).map((suggestion) => suggestion.id)).toEqual(['en-ins', 'en-ins-2']);
    const source = await as(kzMember)('GET', `/sections/${SECTION}/suggestions`);
    expect((source.body as OpenSuggestion[]).map((suggestion) => suggestion.id)).toEqual([]);
    const elsewhere = await as(kzMember)('GET', `/sections/${SECTION}/suggestions?lang=kk`);
    expect(elsewhere.status).toBe(404);
  });

  test('only those who may accept on the section accept in its translation', async () => {
    for (const person of [uzMember, iom]) {
      const refused = await as(person)('POST', '/suggestions/en-ins/accept', { sectionId: SECTION, lang: 'en' });
      expect(refused.status).toBe(403);
    }
    // Named without its section, a translation's suggestion is not looked for.
    const unnamed = await as(kzMember)('POST', '/suggestions/en-ins/accept', { lang: 'en' });
    expect(unnamed.status).toBe(400);
    // Looked for in the source, it is not there.
    const inSource = await as(kzMember)('POST', '/suggestions/en-ins/accept', { sectionId: SECTION });
    expect(inSource.status).toBe(404);
    expect(serverJson(EN)).toContain('"en-ins"');
  });

  test('a member of the owning group accepts one, then the rest; the source is untouched', async () => {
    const sourceBefore = serverJson(SECTION);
    const accepted = await as(kzMember)('POST', '/suggestions/en-ins/accept', { sectionId: SECTION, lang: 'en' });
    expect(accepted.status).toBe(200);
    expect(accepted.body as SuggestionDecision).toEqual({ decision: 'accepted', count: 1, ids: ['en-ins'] });
    await waitFor(() => !serverJson(EN).includes('"en-ins"'), 'the accepted suggestion unmarked');
    expect(serverJson(EN)).toContain('The law applies equally');
    const again = await as(kzLead)('POST', '/suggestions/en-ins/accept', { sectionId: SECTION, lang: 'en' });
    expect(again.status).toBe(409);
    // The author withdraws nothing here: the lead rejects all that is left.
    const rejected = await as(kzLead)('POST', `/sections/${SECTION}/suggestions/reject-all`, { lang: 'en' });
    expect(rejected.status).toBe(200);
    expect((rejected.body as SuggestionDecision).ids).toEqual(['en-ins-2']);
    await waitFor(() => !serverJson(EN).includes('labour'), 'the rejected insertion gone');
    expect(serverJson(SECTION)).toBe(sourceBefore);
  });
});
