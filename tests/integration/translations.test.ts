/**
 * A section's translations over HTTP (#19): which units are stale in which language after a
 * source change, confirming them per language, ids given to old text without touching its
 * approval, and who may confirm.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import type { ApprovalState, ReviewHistory, TranslationProgress } from '../../shared/api';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type JsonNode, sourceUnits, textHash, translationStatus, unitText } from '../../shared/translations';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { onServer } from '../support/collab-state';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
let kzMember: TestPerson, kzLead: TestPerson, uzLead: TestPerson, iom: TestPerson, tspc: TestPerson, coordinator: TestPerson;
const cookies = new Map<TestPerson, string>();
const clients: CollabClient[] = [];

const SECTION = 'national-kz';
const SOURCE_TEXTS = ['Закон о миграции населения.', 'Трудовая миграция в регионе.', 'Возвратная миграция.', 'Защита прав мигрантов.'];
const ENGLISH = ['The law on migration.', 'Labour migration in the region.', 'Return migration.', 'Protecting the rights of migrants.'];
const KAZAKH = ['Көші-қон туралы заң.', 'Өңірдегі еңбек көші-қоны.', 'Қайтару көші-қоны.', 'Мигранттардың құқықтарын қорғау.'];
const SOURCE_IDS = ['p1', 'p2', 'p3', 'p4'];

/** Rows of one document (the source: lang '') in the update log. */
function rowsIn(sectionId: string, lang: string): number {
  const row = workspace.server.db.$client.prepare('SELECT count(*) AS n FROM doc_updates WHERE section_id = ? AND lang = ?').get(sectionId, lang) as { n: number };
  return row.n;
}

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const paragraph = (text: string, attrs: Record<string, unknown> = {}): JsonNode => ({ type: 'paragraph', attrs, content: [{ type: 'text', text }] });

/** Writes a whole document into an empty one, through the store (as a restore or an import would). */
function write(key: string, content: JsonNode[]): void {
  workspace.server.sections.change(key, null, (doc) => {
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(CONTENT_FRAGMENT));
  });
  workspace.server.content.invalidate(key);
}

/** A translation whose every block is linked to its source paragraph and current against it. */
function translationOf(texts: string[], lang: string): JsonNode[] {
  return texts.map((text, index) => {
    const sourceText = unitText(paragraph(SOURCE_TEXTS[index]));
    return paragraph(text, { id: `${lang}${index + 1}`, source: SOURCE_IDS[index], sourceHash: textHash(sourceText), sourceText });
  });
}

/** Each source unit's status in a language, in source order, as the server's texts stand. */
function unitStatuses(sectionId: string, lang: string): string[] {
  const source = workspace.server.content.snapshot(sectionId).settled.json;
  const translation = workspace.server.content.snapshot(documentKey(sectionId, lang)).settled.json;
  return translationStatus(source, translation).aligned.map((unit) => unit.status);
}

/** A source unit as the page shows it: its id and the hash of its text now (what a confirm sends). */
function seen(id: string, sectionId = SECTION): { id: string; hash: string } {
  const unit = sourceUnits(workspace.server.content.snapshot(sectionId).settled.json).find((candidate) => candidate.id === id);
  return { id, hash: unit?.hash ?? textHash('not a unit') };
}

async function progress(sectionId: string, person = kzMember): Promise<Record<string, TranslationProgress>> {
  const response = await as(person)('GET', `/sections/${sectionId}/translations`);
  expect(response.status).toBe(200);
  const list = response.body as TranslationProgress[];
  return Object.fromEntries(list.map((entry) => [entry.lang, entry]));
}

beforeAll(async () => {
  workspace = await startTestWorkspace();
  [kzMember, kzLead, uzLead, iom, tspc, coordinator] = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Aigerim'),
    addTestPerson(workspace, 'lead', 'KZ', 'Daniyar'),
    addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir'),
    addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller'),
    addTestPerson(workspace, 'reviewer', 'TSPC', 'Azamat'),
    addTestPerson(workspace, 'coordinator', 'IOM', 'Cora'),
  ]);
  for (const person of [kzMember, kzLead, uzLead, iom, tspc, coordinator]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  const targets = await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en', 'kk'] } });
  expect(targets.status).toBe(200);
  write(
    SECTION,
    SOURCE_TEXTS.map((text, index) => paragraph(text, { id: SOURCE_IDS[index] })),
  );
  write(documentKey(SECTION, 'en'), translationOf(ENGLISH, 'en'));
  write(documentKey(SECTION, 'kk'), translationOf(KAZAKH, 'kk'));
});

afterEach(() => clients.splice(0).forEach((client) => client.destroy()));
afterAll(() => workspace.stop());

test('both translations start current, in the order the coordinators listed the languages', async () => {
  const response = await as(kzMember)('GET', `/sections/${SECTION}/translations`);
  expect(response.status).toBe(200);
  expect(response.body).toEqual([
    { lang: 'en', blocks: 4, current: 4, stale: 0, missing: 0, orphaned: 0, againstApproved: null },
    { lang: 'kk', blocks: 4, current: 4, stale: 0, missing: 0, orphaned: 0, againstApproved: null },
  ]);
  // Another country's member reads the section, so reads how far its translations are.
  expect((await as(uzLead)('GET', `/sections/${SECTION}/translations`)).status).toBe(200);
});

test('a source paragraph changed in the editor makes exactly its unit stale, in English and in Kazakh; confirming English clears English only', async () => {
  const client = connectCollab(workspace.url, SECTION, cookies.get(kzMember)!);
  clients.push(client);
  await synced(client);
  const second = client.doc.getXmlFragment(CONTENT_FRAGMENT).get(1) as Y.XmlElement;
  expect(second.getAttribute('id')).toBe('p2');
  (second.get(0) as Y.XmlText).insert(0, 'Сезонная и ');
  await waitFor(() => unitText(workspace.server.content.snapshot(SECTION).settled.json as unknown as JsonNode).includes('Сезонная'), 'the edit on the server');

  expect(unitStatuses(SECTION, 'en')).toEqual(['current', 'stale', 'current', 'current']);
  expect(unitStatuses(SECTION, 'kk')).toEqual(['current', 'stale', 'current', 'current']);
  const before = await progress(SECTION);
  expect(before.en).toMatchObject({ blocks: 4, current: 3, stale: 1, missing: 0 });
  expect(before.kk).toMatchObject({ blocks: 4, current: 3, stale: 1, missing: 0 });

  const confirmed = await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { blocks: [seen('p2')] });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ lang: 'en', blocks: 4, current: 4, stale: 0, missing: 0 });
  expect(unitStatuses(SECTION, 'en')).toEqual(['current', 'current', 'current', 'current']);
  expect(unitStatuses(SECTION, 'kk')).toEqual(['current', 'stale', 'current', 'current']);
  // The confirmed block now remembers the source text it was confirmed against (for the next diff).
  const english = onServer(workspace, documentKey(SECTION, 'en'), (doc) => (doc.getXmlFragment(CONTENT_FRAGMENT).get(1) as Y.XmlElement).getAttribute('sourceText'));
  expect(english).toBe('Сезонная и Трудовая миграция в регионе.');
  const after = await progress(SECTION);
  expect(after.kk).toMatchObject({ current: 3, stale: 1 });

  // Confirming again writes nothing: every block is confirmed already.
  const rows = { source: rowsIn(SECTION, ''), en: rowsIn(SECTION, 'en') };
  expect((await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { all: true })).status).toBe(200);
  expect({ source: rowsIn(SECTION, ''), en: rowsIn(SECTION, 'en') }).toEqual(rows);

  // "All" confirms Kazakh's one stale unit, and the audit says who confirmed how many.
  const all = await as(kzLead)('POST', `/sections/${SECTION}/translations/kk/confirm`, { all: true });
  expect(all.body).toMatchObject({ lang: 'kk', current: 4, stale: 0 });
  const audited = workspace.server.db.$client
    .prepare("SELECT actor_id AS actor, detail FROM audit_events WHERE action = 'translation.confirmed' ORDER BY id DESC LIMIT 1")
    .get() as { actor: number; detail: string };
  expect(audited.actor).toBe(kzLead.id);
  expect(JSON.parse(audited.detail)).toMatchObject({ lang: 'kk', blocks: 4 });
});

test('confirming names source units with a translation, or is refused', async () => {
  const unknown = await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { blocks: [seen('p1'), seen('nowhere')] });
  expect(unknown.status).toBe(422);
  expect(unknown.body).toMatchObject({ code: 'unknown-blocks' });
  expect((unknown.body as { error: string }).error).toContain('nowhere');
  expect((await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { blocks: [] })).status).toBe(400);
  expect((await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { all: false })).status).toBe(400);
  expect((await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, {})).status).toBe(400);

  // A new source paragraph nobody has translated yet has nothing to confirm.
  workspace.server.sections.change(SECTION, kzMember.id, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const added = new Y.XmlElement('paragraph');
    added.setAttribute('id', 'p5');
    added.insert(0, [new Y.XmlText('Новый абзац.')]);
    fragment.insert(fragment.length, [added]);
  });
  workspace.server.content.invalidate(SECTION);
  const missing = await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { blocks: [seen('p5')] });
  expect(missing.status).toBe(409);
  expect(missing.body).toMatchObject({ code: 'not-translated' });
  expect((await progress(SECTION)).en).toMatchObject({ blocks: 5, missing: 1 });
});

test('a confirm names the source text the person saw: a source changed since is refused with source-changed, writing nothing', async () => {
  const key = documentKey(SECTION, 'en');
  // The page showed p3 as it is now; then someone changed it.
  const shown = seen('p3');
  workspace.server.sections.change(SECTION, kzLead.id, (doc) => {
    const third = doc.getXmlFragment(CONTENT_FRAGMENT).get(2) as Y.XmlElement;
    (third.get(0) as Y.XmlText).insert(0, 'Добровольная ');
  });
  workspace.server.content.invalidate(SECTION);
  expect((await progress(SECTION)).en).toMatchObject({ stale: 1 });
  const rows = rowsIn(SECTION, 'en');
  const refused = await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { blocks: [seen('p1'), shown] });
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ code: 'source-changed' });
  expect((refused.body as { error: string }).error).toContain('p3');
  expect((refused.body as { error: string }).error).not.toContain('p1');
  expect(rowsIn(SECTION, 'en')).toBe(rows);
  expect(unitStatuses(SECTION, 'en')[2]).toBe('stale');
  // Confirmed against the text as it now stands, it is taken.
  const taken = await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, { blocks: [seen('p3')] });
  expect(taken.status).toBe(200);
  expect(unitStatuses(SECTION, 'en')[2]).toBe('current');
  expect(onServer(workspace, key, (doc) => (doc.getXmlFragment(CONTENT_FRAGMENT).get(2) as Y.XmlElement).getAttribute('sourceText'))).toBe('Добровольная Возвратная миграция.');
});

test('bare ids, the shape before hashes, are a 400: a confirm must say what source it vouches for', async () => {
  for (const body of [{ blocks: ['p1'] }, { blocks: [{ id: 'p1' }] }, { blocks: [{ ...seen('p1'), extra: 1 }] }]) {
    expect((await as(kzMember)('POST', `/sections/${SECTION}/translations/en/confirm`, body)).status).toBe(400);
  }
});

test('unknown sections and languages the workspace does not translate into are 404', async () => {
  for (const lang of ['fr', 'ky', 'ru', 'EN']) {
    const response = await as(kzMember)('POST', `/sections/${SECTION}/translations/${lang}/confirm`, { all: true });
    expect(response.status).toBe(404);
  }
  expect((await as(kzMember)('GET', '/sections/no-such-section/translations')).status).toBe(404);
  expect((await as(kzMember)('POST', '/sections/no-such-section/translations/en/confirm', { all: true })).status).toBe(404);
});

test('who may confirm: whoever edits the text directly; not a reviewer, not another country, not in "suggestions only"', async () => {
  const reviewer = await as(iom)('POST', `/sections/${SECTION}/translations/en/confirm`, { all: true });
  expect(reviewer.status).toBe(403);
  expect((await as(uzLead)('POST', `/sections/${SECTION}/translations/en/confirm`, { all: true })).status).toBe(403);

  expect((await as(kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: true })).status).toBe(200);
  try {
    for (const person of [kzMember, kzLead, coordinator]) {
      expect((await as(person)('POST', `/sections/${SECTION}/translations/en/confirm`, { all: true })).status).toBe(403);
    }
    // Reading how far the translations are is still everyone's.
    expect((await as(iom)('GET', `/sections/${SECTION}/translations`)).status).toBe(200);
  } finally {
    await as(kzLead)('PATCH', `/sections/${SECTION}/suggestions-only`, { suggestionsOnly: false });
  }
  expect((await as(coordinator)('POST', `/sections/${SECTION}/translations/en/confirm`, { all: true })).status).toBe(200);
});

describe('old text without ids', () => {
  const OLD = 'national-uz';
  const blockIds = () =>
    onServer(workspace, OLD, (doc) => {
      const ids: { name: string; id: unknown }[] = [];
      const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
        for (const child of parent.toArray()) {
          if (!(child instanceof Y.XmlElement)) continue;
          ids.push({ name: child.nodeName, id: child.getAttribute('id') });
          walk(child);
        }
      };
      walk(doc.getXmlFragment(CONTENT_FRAGMENT));
      return ids;
    });

  beforeAll(async () => {
    // As stored before blocks had ids: none, except one copied paragraph that repeats its original's.
    write(OLD, [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Трудовая миграция' }] },
      { type: 'paragraph', attrs: { id: 'kept' }, content: [{ type: 'text', text: 'Первый абзац' }, { type: 'footnote', content: [{ type: 'text', text: 'Сноска.' }] }] },
      { type: 'paragraph', attrs: { id: 'kept' }, content: [{ type: 'text', text: 'Копия абзаца' }] },
      { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Пункт списка' }] }] }] },
    ]);
    // Approved through the review flow, before any id is given.
    expect((await as(uzLead)('POST', `/sections/${OLD}/submit`, { message: 'Ready' })).status).toBe(200);
    expect((await as(iom)('POST', `/sections/${OLD}/decision`, { decision: 'approved' })).status).toBe(200);
    const approved = await as(tspc)('POST', `/sections/${OLD}/decision`, { decision: 'approved' });
    expect(approved.status).toBe(200);
    expect((approved.body as ApprovalState).status).toBe('approved');
  });

  test('gets an id on every block from the translations API, the first holder of a repeated id keeps it, and the approval stays current', async () => {
    const before = blockIds();
    expect(before.filter((block) => block.id === undefined || block.id === null).length).toBeGreaterThan(0);

    const list = await progress(OLD, uzLead);
    const after = blockIds();
    expect(after.map((block) => block.name)).toEqual(['heading', 'paragraph', 'footnote', 'paragraph', 'bullet_list', 'list_item', 'paragraph']);
    const blocks = after.filter((block) => block.name !== 'footnote');
    for (const block of blocks) expect(block.id).toMatch(/^t[a-z0-9]{9}$|^kept$/);
    expect(new Set(blocks.map((block) => block.id)).size).toBe(blocks.length);
    expect(after[1].id).toBe('kept');
    // A footnote is inline: no id, and nothing inside a paragraph is walked into.
    expect(after[2].id ?? null).toBeNull();

    // The approval judged the words, and the words did not change.
    expect(workspace.server.reviews.approvedText(OLD)!.hash).toBe(workspace.server.content.settledHash(OLD));
    const reviews = (await as(uzLead)('GET', `/sections/${OLD}/reviews`)).body as ReviewHistory;
    expect(reviews.state).toMatchObject({ status: 'approved', stale: false });
    // Against the approved text, which is the text as it stands: every unit missing in each language.
    expect(list.en).toMatchObject({ blocks: 4, missing: 4, againstApproved: { blocks: 4, stale: 0, missing: 4 } });

    // Idempotent: once every block has its id, nothing more is written.
    const rows = rowsIn(OLD, '');
    expect(workspace.server.translations.ensureSourceIds(OLD)).toBe(0);
    await progress(OLD, uzLead);
    expect(rowsIn(OLD, '')).toBe(rows);
    expect(blockIds()).toEqual(after);
  });

  test('once the source changes after an approval given before ids, the counts against it are “unknown”, never complete', async () => {
    workspace.server.sections.change(OLD, uzLead.id, (doc) => {
      const heading = doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement;
      (heading.get(0) as Y.XmlText).insert(0, 'Новая ');
    });
    workspace.server.content.invalidate(OLD);
    expect(workspace.server.reviews.approvedText(OLD)!.hash).not.toBe(workspace.server.content.settledHash(OLD));
    const list = await progress(OLD, uzLead);
    expect(list.en).toMatchObject({ blocks: 4, missing: 4, againstApproved: 'unknown' });
    expect(list.kk.againstApproved).toBe('unknown');
  });
});

test('opening a translation in the editor first gives the source blocks their ids, so there is something to link to', async () => {
  const SOURCE_ONLY = 'national-kg';
  write(SOURCE_ONLY, [paragraph('Без идентификатора.'), paragraph('Тоже без него.')]);
  const ids = () => onServer(workspace, SOURCE_ONLY, (doc) => doc.getXmlFragment(CONTENT_FRAGMENT).toArray().map((block) => (block as Y.XmlElement).getAttribute('id') ?? null));
  expect(ids()).toEqual([null, null]);
  const kgLead = await addTestPerson(workspace, 'lead', 'KG', 'Aibek');
  const client = connectCollab(workspace.url, documentKey(SOURCE_ONLY, 'en'), await signIn(workspace.url, kgLead.email, kgLead.password));
  clients.push(client);
  await synced(client);
  const given = ids();
  expect(given.every((id) => typeof id === 'string' && /^t[a-z0-9]{9}$/.test(id))).toBe(true);
  expect(new Set(given).size).toBe(2);
});
