/**
 * Search across the syllabus on a real server: text written by real y-websocket clients in every
 * script of the working groups, found whatever the case and the diacritics; comments; the index
 * kept current after edits and deletions; translations (#19) found as such; hostile queries
 * answered, never with a 500.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { ApiErrorBody, SearchHit, Thread } from '../../shared/api';
import { documentKey } from '../../shared/languages';
import * as policy from '../../shared/policy';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let coordinator: TestPerson;
let reviewer: TestPerson;
const cookies = new Map<TestPerson, string>();
const writers: CollabClient[] = [];
// A real relative position: item (client 1, clock 0), assoc 0.
const ANCHOR = { start: Buffer.from([1, 1, 0, 0]).toString('base64'), end: Buffer.from([1, 1, 5, 0]).toString('base64') };

beforeAll(async () => {
  workspace = await startTestWorkspace();
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Айгерім Сапарова');
  reviewer = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Anna Keller');
  for (const person of [coordinator, reviewer]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
});

afterAll(async () => {
  writers.forEach((writer) => writer.destroy());
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** Opens a section with a real collab client and replaces its text with these paragraphs. */
async function write(sectionId: string, ...paragraphs: string[]): Promise<CollabClient> {
  let writer = writers.find((client) => client.provider.roomname === sectionId);
  if (!writer) {
    writer = connectCollab(workspace.url, sectionId, cookies.get(coordinator)!);
    writers.push(writer);
    await synced(writer);
  }
  const fragment = writer.doc.getXmlFragment(CONTENT_FRAGMENT);
  writer.doc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs.map(paragraph) }, fragment);
  });
  return writer;
}

async function search(query: string, person = reviewer): Promise<SearchHit[]> {
  const { status, body } = await as(person)('GET', `/search?q=${encodeURIComponent(query)}`);
  expect(status).toBe(200);
  return body as SearchHit[];
}

/** Polls the search until `check` holds of its hits (the index follows edits within ~2 s). */
async function searchUntil(query: string, check: (hits: SearchHit[]) => boolean, timeoutMs = 8000): Promise<SearchHit[]> {
  const start = Date.now();
  for (;;) {
    const hits = await search(query);
    if (check(hits)) return hits;
    if (Date.now() - start > timeoutMs) throw new Error(`search for "${query}" never matched: ${JSON.stringify(hits)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const highlighted = (hit: SearchHit) => hit.highlights.map((range) => hit.snippet.slice(range.start, range.end));

describe('every script of the working groups', () => {
  beforeAll(async () => {
    await write('national-kz', 'Кіріспе.', 'Қазақстан Республикасының көші-қон құқығы. Әділдік пен ғылым — негізгі ұстанымдар. Ұлттық заңнама.');
    await write('national-kg', 'Кыргызстандагы миграция укугу. Өкмөттүн ыйгарым укуктары кеңири.');
    await write('national-tj', 'Ҳуқуқи муҳоҷират дар Тоҷикистон. Қонуни Ҷумҳурии Тоҷикистон дар бораи муҳоҷират.');
    await write('national-tm', 'Türkmenistanyň migrasiýa hukugy. Döwlet gullugy we raýatlar.');
    await write('national-uz', 'Oʻzbekiston Respublikasining migratsiya qonuni. Gʻoya va maqsad.', 'Ўзбекистон Республикаси ҳуқуқи.');
    await write('regional-3', 'Возвратная миграция: добровольная и принудительная. Реинтеграция мигрантов — тема модуля 4.');
    // Indexed within ~2 s of the last edit.
    await searchUntil('ҳуқуқи', (hits) => hits.some((hit) => hit.sectionId === 'national-uz'));
  });

  test.each([
    ['Kazakh, in capitals', 'ҚАЗАҚСТАН', 'national-kz', 'Қазақстан Республикасының көші-қон құқығы.', 1],
    ['Kazakh ә ғ', 'әділдік ғылым', 'national-kz', 'Әділдік пен ғылым — негізгі ұстанымдар.', 1],
    ['Kazakh ұ і, beginning of a word', 'ұлтт', 'national-kz', 'Ұлттық заңнама.', 1],
    ['Kyrgyz ө ү ң', 'өкмөттүн', 'national-kg', 'Өкмөттүн ыйгарым укуктары кеңири.', 0],
    ['Tajik ҳ ҷ', 'муҳоҷират', 'national-tj', 'Ҳуқуқи муҳоҷират дар Тоҷикистон.', 0],
    ['Tajik ҷ in capitals', 'ҶУМҲУРИИ', 'national-tj', 'Қонуни Ҷумҳурии Тоҷикистон дар бораи муҳоҷират.', 0],
    ['Turkmen without diacritics', 'turkmenistany migrasiya', 'national-tm', 'Türkmenistanyň migrasiýa hukugy.', 0],
    ['Turkmen with them', 'Döwlet raýatlar', 'national-tm', 'Döwlet gullugy we raýatlar.', 0],
    ['Uzbek oʻ with U+02BB', 'oʻzbekiston', 'national-uz', 'Oʻzbekiston Respublikasining migratsiya qonuni.', 0],
    ['Uzbek gʻ typed with an ASCII apostrophe', "g'oya", 'national-uz', 'Gʻoya va maqsad.', 0],
    ['Uzbek Cyrillic ў ҳ', 'ўзбекистон ҳуқуқи', 'national-uz', 'Ўзбекистон Республикаси ҳуқуқи.', 1],
    ['Russian, any case', 'РЕИНТЕГРАЦИЯ', 'regional-3', 'Реинтеграция мигрантов — тема модуля 4.', 0],
    ['Russian, beginning of words', 'возвр мигр', 'regional-3', 'Возвратная миграция: добровольная и принудительная.', 0],
  ])('%s: "%s" finds the sentence', async (_what, query, sectionId, sentence, blockIndex) => {
    const hits = await search(query);
    const hit = hits.find((candidate) => candidate.sectionId === sectionId);
    expect(hit).toMatchObject({ kind: 'text', sectionId, snippet: sentence, blockIndex, threadId: null });
    expect(highlighted(hit!).length).toBeGreaterThan(0);
    expect(hit!.sectionTitle).toEqual(expect.any(String));
  });

  test('Tajik ҳ is not х: a different letter is a different word', async () => {
    expect((await search('хуқуқи')).filter((hit) => hit.sectionId === 'national-tj')).toEqual([]);
  });

  test('the words found are marked in the snippet', async () => {
    const [hit] = (await search('ҚАЗАҚСТАН құқығы')).filter((candidate) => candidate.sectionId === 'national-kz');
    expect(highlighted(hit)).toEqual(['Қазақстан', 'құқығы']);
  });

  test('a word in two sections finds both', async () => {
    const sections = new Set((await search('ҳуқуқи')).map((hit) => hit.sectionId));
    expect(sections).toEqual(new Set(['national-tj', 'national-uz']));
  });

  test('hits come only from the sections the policy lets the person read', async () => {
    // Today everyone signed in reads everything: a rule that hides a section shows the route asks.
    const spy = jest.spyOn(policy, 'maySection').mockImplementation((actor, action, section) => !(action === 'read' && section.id === 'national-tj'));
    try {
      expect((await search('ҳуқуқи')).map((hit) => hit.sectionId)).toEqual(['national-uz']);
    } finally {
      spy.mockRestore();
    }
    expect(await search('ҳуқуқи')).toHaveLength(2);
  });

  test('the section title is in the viewer’s language', async () => {
    await as(reviewer)('PATCH', '/me', { locale: 'ru' });
    const [ru] = await search('реинтеграция');
    await as(reviewer)('PATCH', '/me', { locale: 'en' });
    const [en] = await search('реинтеграция');
    expect(en.sectionTitle).not.toBe('');
    expect(ru.sectionTitle).toMatch(/[а-я]/);
  });
});

describe('kept current', () => {
  test('an edit is found within seconds, and the old words are gone', async () => {
    await write('regional-1', 'Базовые понятия миграции. Терминология курса.');
    await searchUntil('терминология', (hits) => hits.some((hit) => hit.sectionId === 'regional-1'));
    await write('regional-1', 'Базовые понятия миграции. Глоссарий курса.');
    await searchUntil('глоссарий', (hits) => hits.some((hit) => hit.sectionId === 'regional-1'));
    expect(await search('терминология')).toEqual([]);
  });

  test('text deleted is no longer found', async () => {
    await write('regional-2', 'Сотрудничество государств Центральной Азии.', 'Алматинский процесс.');
    await searchUntil('алматинский', (hits) => hits.length === 1);
    await write('regional-2', 'Сотрудничество государств Центральной Азии.');
    await searchUntil('алматинский', (hits) => hits.length === 0);
    expect((await search('сотрудничество')).map((hit) => hit.sectionId)).toEqual(['regional-2']);
  });

  test('a typing burst is indexed once it pauses, with the last text', async () => {
    for (let i = 1; i <= 20; i++) {
      await write('regional-5', `Полномочия государства, редакция ${'и'.repeat(i)}.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const [hit] = await searchUntil('полномочия', (hits) => hits[0]?.snippet.includes('и'.repeat(20)));
    expect(hit.snippet).toBe(`Полномочия государства, редакция ${'и'.repeat(20)}.`);
  });
});

describe('comments', () => {
  test('are found at once, follow edits, and leave the index when deleted', async () => {
    const created = await as(reviewer)('POST', '/sections/national-kg/threads', {
      anchor: ANCHOR,
      quote: 'укугу',
      body: 'Please cite the Law on External Migration here. Also check article 12.',
      mentions: [],
    });
    expect(created.status).toBe(201);
    const thread = created.body as Thread;
    const [hit] = await search('external MIGRATION');
    expect(hit).toMatchObject({
      kind: 'comment',
      sectionId: 'national-kg',
      threadId: thread.id,
      blockIndex: null,
      snippet: 'Please cite the Law on External Migration here.',
    });
    expect(highlighted(hit)).toEqual(['External', 'Migration']);

    const reply = await as(coordinator)('POST', `/threads/${thread.id}/comments`, { body: 'Дополнила: ст. 12 Закона о внешней миграции.', mentions: [] });
    expect(reply.status).toBe(201);
    expect((await search('внешней')).map((found) => found.threadId)).toEqual([thread.id]);

    const commentId = thread.comments[0].id;
    expect((await as(reviewer)('PATCH', `/comments/${commentId}`, { body: 'Cite the Law on Labour Migration.', mentions: [] })).status).toBe(200);
    expect(await search('external')).toEqual([]);
    expect((await search('labour')).map((found) => found.snippet)).toEqual(['Cite the Law on Labour Migration.']);

    expect((await as(reviewer)('DELETE', `/comments/${commentId}`)).status).toBe(200);
    expect(await search('labour')).toEqual([]);
    expect((await search('внешней')).length).toBe(1);
  });
});

describe('queries that are not plain words', () => {
  test.each([
    '"', '"unbalanced', '*', 'word*', '(', 'a) OR (b', 'NEAR(a b, 2)', 'NEAR', 'AND', 'OR NOT', '-x', 'col:x', '^миграция',
    '{a b}', "'; DROP TABLE search_entries; --", '%', '\\', '\u0301', '😀', 'a"b"c', '""""',
  ])('%j answers 200 with a list', async (query) => {
    const { status, body } = await as(reviewer)('GET', `/search?q=${encodeURIComponent(query)}`);
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
  });

  test('FTS words are searched for as words', async () => {
    await write('regional-4', 'Near the border, migrants and officials meet.');
    await searchUntil('NEAR', (hits) => hits.some((hit) => hit.sectionId === 'regional-4'));
    expect((await search('AND officials')).map((hit) => hit.sectionId)).toEqual(['regional-4']);
  });

  test.each([
    ['an empty query', '/search?q='],
    ['spaces only', '/search?q=%20%20%20'],
    ['a query that is too long', `/search?q=${'я'.repeat(201)}`],
    ['no query', '/search'],
    ['two queries', '/search?q=a&q=b'],
  ])('%s is a 400 with a message', async (_what, route) => {
    const { status, body } = await as(reviewer)('GET', route);
    expect(status).toBe(400);
    expect(body).toEqual({ error: expect.any(String), code: expect.any(String) } satisfies ApiErrorBody);
  });

  test('a malformed %-escape is a 400, not a 500', async () => {
    expect((await as(reviewer)('GET', '/search?q=%E0%A4%A')).status).toBeLessThan(500);
  });

  test('without a session the search is refused', async () => {
    expect((await api(workspace.url, null)('GET', '/search?q=migration')).status).toBe(401);
  });
});

describe('language versions', () => {
  /** Replaces a translation's text through the store, as an import or an XLIFF file would. */
  function translate(sectionId: string, lang: string, ...paragraphs: string[]): void {
    const key = documentKey(sectionId, lang);
    workspace.server.sections.change(key, null, (doc) => {
      const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
      fragment.delete(0, fragment.length);
      prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: paragraphs.map(paragraph) }, fragment);
    });
    workspace.server.content.invalidate(key);
  }

  const inTranslation = (hits: SearchHit[]) => hits.some((hit) => hit.sectionId === 'regional-3' && hit.lang === 'en');

  beforeAll(async () => {
    expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } })).status).toBe(200);
    translate('regional-3', 'en', 'Return migration: voluntary and forced. Reintegration of returnees is the subject of module 4.');
    await searchUntil('returnees', inTranslation);
  });

  test('a word only in the English translation is found, as a hit of the translation', async () => {
    const hits = await search('REINTEGRATION returnees');
    expect(hits).toEqual([
      expect.objectContaining({
        kind: 'text',
        sectionId: 'regional-3',
        lang: 'en',
        snippet: 'Reintegration of returnees is the subject of module 4.',
        blockIndex: 0,
        threadId: null,
      }),
    ]);
    expect(highlighted(hits[0])).toEqual(['Reintegration', 'returnees']);
  });

  test('a hit of the source text has no language', async () => {
    const hits = (await search('реинтеграция')).filter((hit) => hit.sectionId === 'regional-3');
    expect(hits).toEqual([expect.objectContaining({ kind: 'text', lang: '', snippet: 'Реинтеграция мигрантов — тема модуля 4.' })]);
  });

  test('an edit of the translation is found within seconds, and its old words are gone', async () => {
    translate('regional-3', 'en', 'Return migration: voluntary and forced. Reintegration of deportees is the subject of module 4.');
    await searchUntil('deportees', inTranslation);
    expect(await search('returnees')).toEqual([]);
  });

  test('a comment on the translation is a hit of the translation', async () => {
    const created = await as(reviewer)('POST', '/sections/regional-3/threads', {
      lang: 'en',
      anchor: ANCHOR,
      quote: 'deportees',
      body: 'Is “deportees” the term IOM glossaries use?',
      mentions: [],
    });
    expect(created.status).toBe(201);
    expect(await search('glossaries')).toEqual([
      expect.objectContaining({ kind: 'comment', sectionId: 'regional-3', lang: 'en', threadId: (created.body as Thread).id }),
    ]);
  });

  test('a person who may not read the section gets no hit from its translation', async () => {
    const spy = jest.spyOn(policy, 'maySection').mockImplementation((actor, action, section) => !(action === 'read' && section.id === 'regional-3'));
    try {
      expect(await search('deportees')).toEqual([]);
      expect(await search('glossaries')).toEqual([]);
    } finally {
      spy.mockRestore();
    }
    expect(inTranslation(await search('deportees'))).toBe(true);
  });

  test('a language that is no longer a target leaves the search, and comes back with it', async () => {
    expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: [] } })).status).toBe(200);
    await searchUntil('deportees', (hits) => hits.length === 0);
    expect(await search('glossaries')).toEqual([]);
    expect((await search('реинтеграция')).map((hit) => hit.lang)).toEqual(['']);

    expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } })).status).toBe(200);
    await searchUntil('deportees', inTranslation);
    expect((await search('glossaries')).map((hit) => hit.lang)).toEqual(['en']);
  });
});

describe('after a restart', () => {
  test('the index is there, and an index that was lost is rebuilt at start', async () => {
    const dataDir = workspace.dataDir;
    writers.splice(0).forEach((writer) => writer.destroy());
    await workspace.stop();
    workspace = await startTestWorkspace({ dataDir });
    expect((await searchUntil('алматинский', () => true))).toEqual([]);
    expect((await search('сотрудничество')).map((hit) => hit.sectionId)).toEqual(['regional-2']);

    workspace.server.db.$client.exec('DELETE FROM search_text; DELETE FROM search_entries; DELETE FROM search_sources;');
    await workspace.stop();
    workspace = await startTestWorkspace({ dataDir });
    await searchUntil('сотрудничество', (hits) => hits.length === 1);
    expect((await search('внешней')).map((hit) => hit.kind)).toEqual(['comment']);
  });
});
