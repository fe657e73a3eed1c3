/**
 * A section's translation as an XLIFF 2.0 file and back (#19), read and rebuilt with the npm
 * `xliff` package as a translator's tool would: the unit ids are the source's block ids, an edited
 * target changes exactly its block, and a file that does not fit is refused with nothing written.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { XliffImportResult } from '../../shared/api';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type JsonNode, textHash, translationStatus, unitText } from '../../shared/translations';
import { type TestPerson, type TestWorkspace, addTestPerson, signIn, startTestWorkspace } from '../support/workspace';

// The package's CommonJS entry (`require`): its ESM one is not what ts-jest loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { xliff2js, js2xliff } = require('xliff') as {
  xliff2js(xml: string): Promise<XliffJs>;
  js2xliff(js: XliffJs): Promise<string>;
};

interface XliffJs {
  sourceLanguage: string;
  targetLanguage: string;
  resources: Record<string, Record<string, { source: unknown; target?: unknown; additionalAttributes?: Record<string, string> }>>;
}

let workspace: TestWorkspace;
let kzMember: TestPerson, uzMember: TestPerson, iom: TestPerson, coordinator: TestPerson;
const cookies = new Map<TestPerson, string>();

const SECTION = 'national-kz';
const EN = documentKey(SECTION, 'en');
const SOURCE = ['Закон о миграции населения.', 'Трудовая миграция в регионе.', 'Возвратная миграция.', 'Защита прав мигрантов.'];
const ENGLISH = ['The law on migration.', 'Labour migration in the region.', 'Return migration.'];
const IDS = ['p1', 'p2', 'p3', 'p4'];

const paragraph = (text: string, attrs: Record<string, unknown>): JsonNode => ({ type: 'paragraph', attrs, content: [{ type: 'text', text }] });

function write(key: string, content: JsonNode[]): void {
  workspace.server.sections.change(key, null, (doc) => {
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(CONTENT_FRAGMENT));
  });
  workspace.server.content.invalidate(key);
}

function rowsIn(sectionId: string, lang: string): number {
  const row = workspace.server.db.$client.prepare('SELECT count(*) AS n FROM doc_updates WHERE section_id = ? AND lang = ?').get(sectionId, lang) as { n: number };
  return row.n;
}

/** The English translation's blocks as stored. */
const englishBlocks = () => (workspace.server.content.snapshot(EN).json.content as JsonNode[]).map((block) => structuredClone(block));

const address = (lang = 'en') => `${workspace.url}/api/sections/${SECTION}/translations/${lang}.xliff`;

async function download(person: TestPerson, lang = 'en'): Promise<Response> {
  return fetch(address(lang), { headers: { Cookie: cookies.get(person)! } });
}

async function upload(person: TestPerson, xml: string, options: { lang?: string; type?: string } = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(address(options.lang), {
    method: 'PUT',
    headers: { 'Content-Type': options.type ?? 'application/xliff+xml', Origin: new URL(workspace.url).origin, Cookie: cookies.get(person)! },
    body: xml,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function exported(): Promise<XliffJs> {
  const response = await download(kzMember);
  expect(response.status).toBe(200);
  return xliff2js(await response.text());
}

beforeAll(async () => {
  workspace = await startTestWorkspace();
  [kzMember, uzMember, iom, coordinator] = await Promise.all([
    addTestPerson(workspace, 'member', 'KZ', 'Aigerim'),
    addTestPerson(workspace, 'member', 'UZ', 'Umid'),
    addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller'),
    addTestPerson(workspace, 'coordinator', 'IOM', 'Cora'),
  ]);
  for (const person of [kzMember, uzMember, iom, coordinator]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  const response = await fetch(`${workspace.url}/api/settings`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin, Cookie: cookies.get(coordinator)! },
    body: JSON.stringify({ languages: { source: 'ru', targets: ['en', 'kk'] } }),
  });
  expect(response.status).toBe(200);
  write(
    SECTION,
    SOURCE.map((text, index) => paragraph(text, { id: IDS[index] })),
  );
  // The first three paragraphs translated and current; the fourth not translated.
  write(
    EN,
    ENGLISH.map((text, index) => paragraph(text, { id: `e${index + 1}`, source: IDS[index], sourceHash: textHash(SOURCE[index]), sourceText: SOURCE[index] })),
  );
});

afterAll(() => workspace.stop());

test('the export is an XLIFF 2.0 file whose units are the source blocks, with the source text and the translation', async () => {
  const response = await download(kzMember);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/xliff\+xml/);
  expect(response.headers.get('content-disposition')).toBe('attachment; filename="national-kz.en.xliff"');
  const js = await xliff2js(await response.text());
  expect(js.sourceLanguage).toBe('ru');
  expect(js.targetLanguage).toBe('en');
  const units = js.resources[SECTION];
  expect(Object.keys(units)).toEqual(IDS);
  expect(IDS.map((id) => units[id].source)).toEqual(SOURCE);
  expect(IDS.slice(0, 3).map((id) => units[id].target)).toEqual(ENGLISH);
  expect(units.p4.target).toBeUndefined();
  // Anyone who reads the section may take the file; no such language or file name is a 404.
  expect((await download(uzMember)).status).toBe(200);
  expect((await download(kzMember, 'fr')).status).toBe(404);
  expect((await fetch(`${workspace.url}/api/sections/${SECTION}/translations/en.xlf`, { headers: { Cookie: cookies.get(kzMember)! } })).status).toBe(404);
});

test('the file sent back untouched changes nothing', async () => {
  const xml = await (await download(kzMember)).text();
  const rows = rowsIn(SECTION, 'en');
  const result = await upload(kzMember, xml);
  expect(result.status).toBe(200);
  expect(result.body).toEqual({ updated: 0, inserted: 0, unchanged: 4 } satisfies XliffImportResult);
  expect(rowsIn(SECTION, 'en')).toBe(rows);
});

test('one target edited in a translation tool changes exactly its block, and the rest count as unchanged', async () => {
  const js = await exported();
  js.resources[SECTION].p2.target = 'Labour migration across Central Asia.';
  const xml = await js2xliff(js);
  const before = englishBlocks();
  const result = await upload(kzMember, xml);
  expect(result.status).toBe(200);
  expect(result.body).toEqual({ updated: 1, inserted: 0, unchanged: 3 });

  const after = englishBlocks();
  expect(after).toHaveLength(before.length);
  expect(after[0]).toEqual(before[0]);
  expect(after[2]).toEqual(before[2]);
  expect(unitText(after[1])).toBe('Labour migration across Central Asia.');
  expect(after[1].attrs).toMatchObject({ id: 'e2', source: 'p2', sourceHash: textHash(SOURCE[1]) });
  // Translated from the source as it is, so current.
  const status = translationStatus(workspace.server.content.snapshot(SECTION).settled.json, workspace.server.content.snapshot(EN).settled.json);
  expect(status.aligned.map((unit) => unit.status)).toEqual(['current', 'current', 'current', 'missing']);
  const audited = workspace.server.db.$client.prepare("SELECT actor_id AS actor, detail FROM audit_events WHERE action = 'translation.imported' ORDER BY id DESC LIMIT 1").get() as {
    actor: number;
    detail: string;
  };
  expect(audited.actor).toBe(kzMember.id);
  expect(JSON.parse(audited.detail)).toMatchObject({ lang: 'en', updated: 1, inserted: 0, unchanged: 3 });
});

test('a target for an untranslated unit is inserted after the translation of the unit before it (sent as application/xml)', async () => {
  const js = await exported();
  js.resources[SECTION].p4.target = 'Protecting the rights of migrants.';
  const result = await upload(kzMember, await js2xliff(js), { type: 'application/xml' });
  expect(result.status).toBe(200);
  expect(result.body).toEqual({ updated: 0, inserted: 1, unchanged: 3 });
  const blocks = englishBlocks();
  expect(blocks.map((block) => block.attrs?.source)).toEqual(IDS);
  expect(unitText(blocks[3])).toBe('Protecting the rights of migrants.');
});

describe('refused files write nothing', () => {
  let rows: number;
  let before: JsonNode[];
  beforeEach(() => {
    rows = rowsIn(SECTION, 'en');
    before = englishBlocks();
  });
  afterEach(() => {
    expect(rowsIn(SECTION, 'en')).toBe(rows);
    expect(englishBlocks()).toEqual(before);
  });

  test('a unit the source does not have is 409 ids-mismatch, naming it', async () => {
    const js = await exported();
    js.resources[SECTION].p1.target = 'Changed, but the file is refused as a whole.';
    js.resources[SECTION].gone = { source: 'Удалённый абзац', target: 'A deleted paragraph' };
    const result = await upload(kzMember, await js2xliff(js));
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ code: 'ids-mismatch' });
    expect((result.body as { error: string }).error).toContain('gone');
  });

  test('a file for another language is 422 language-mismatch', async () => {
    const js = await exported();
    js.targetLanguage = 'kk';
    const result = await upload(kzMember, await js2xliff(js));
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ code: 'language-mismatch' });
  });

  test('a DOCTYPE (entities) is 422 not-xliff', async () => {
    const xml = (await (await download(kzMember)).text()).replace(
      '<xliff ',
      '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<xliff ',
    );
    const result = await upload(kzMember, xml);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ code: 'not-xliff' });
  });

  test('a unit translated only in part (one of its segments without a target) is 422 partial-unit, naming the unit', async () => {
    const xml = (await (await download(kzMember)).text()).replace(
      /<segment state="translated"><source>Закон о миграции населения\.<\/source><target>[^<]*<\/target><\/segment>/,
      '<segment><source>Закон о миграции</source><target>The law on migration,</target></segment><segment><source> населения.</source></segment>',
    );
    expect(xml).toContain('<source> населения.</source></segment>');
    const result = await upload(kzMember, xml);
    expect(result.status).toBe(422);
    expect(result.body).toMatchObject({ code: 'partial-unit' });
    expect((result.body as { error: string }).error).toContain('p1');
  });

  test('hostile XML is 422 not-xliff, never a 500: "&constructor;", subType="constructor", a lone surrogate, 20,000 nested codes', async () => {
    const xml = await (await download(kzMember)).text();
    const withTarget = (target: string) => xml.replace(/(<unit id="p1"[^]*?<target>)[^<]*(<\/target>)/, `$1${target}$2`);
    for (const target of ['&constructor;', '<pc id="1" type="fmt" subType="constructor">x</pc>', 'a&#xD800;b', '<cp hex="0007"/>', `${'<pc id="1" type="fmt" subType="xlf:b">'.repeat(20_000)}x${'</pc>'.repeat(20_000)}`]) {
      const result = await upload(kzMember, withTarget(target));
      expect([target.slice(0, 40), result.status]).toEqual([target.slice(0, 40), 422]);
      expect(result.body).toMatchObject({ code: 'not-xliff' });
    }
  });

  test('another media type is 415, JSON included', async () => {
    const xml = await (await download(kzMember)).text();
    expect((await upload(kzMember, xml, { type: 'text/plain' })).status).toBe(415);
    expect((await upload(kzMember, xml, { type: 'text/xml' })).status).toBe(415);
    const json = await upload(kzMember, JSON.stringify({ xml }), { type: 'application/json' });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ code: 'xliff-required' });
  });

  test('a file over 10 MB is 413', async () => {
    const result = await upload(kzMember, `<xliff>${'a'.repeat(10 * 1024 * 1024 + 1)}</xliff>`);
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ code: 'file-too-large' });
  });

  test('a reader of another group, or a reviewer, may not import: 403', async () => {
    const xml = await (await download(kzMember)).text();
    for (const person of [uzMember, iom]) {
      const result = await upload(person, xml);
      expect(result.status).toBe(403);
    }
  });

  test('a request from another site is refused before its body is read', async () => {
    const xml = await (await download(kzMember)).text();
    const response = await fetch(address(), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/xliff+xml', Origin: 'https://elsewhere.example', Cookie: cookies.get(kzMember)! },
      body: xml,
    });
    expect(response.status).toBe(403);
  });
});
