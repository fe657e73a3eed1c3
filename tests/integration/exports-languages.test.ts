/**
 * Exports in a workspace language (#19) on the real server: the master in English once every block
 * is translated is complete, in English labels and English text only; a translation that lags says
 * on its title page how many blocks need work, and marks the lagging sections; a language the
 * workspace does not have is refused with a 400 and nothing is queued. The two-column DOCX of a
 * section's translation is read back (its rows aligned by block) and LibreOffice opens it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type { ApiErrorBody, ExportJob } from '../../shared/api';
import { documentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type JsonNode, textHash, unitText } from '../../shared/translations';
import { DOCX_CONTENT_TYPE } from '../../server/exports/bilingual/section-bilingual';
import { hasSoffice } from '../support/libreoffice';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let coordinator: TestPerson, reviewer: TestPerson;

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const paragraph = (text: string, attrs: Record<string, unknown> = {}): JsonNode => ({ type: 'paragraph', attrs, content: [{ type: 'text', text }] });
const heading = (text: string, attrs: Record<string, unknown> = {}): JsonNode => ({ type: 'heading', attrs: { level: 2, ...attrs }, content: [{ type: 'text', text }] });

/** Each section's source: a heading and two paragraphs, with ids, in Russian. */
const russian = (id: string) => [`Правовая основа (${id})`, `Закон о миграции населения (${id}).`, `Возвратная миграция в регионе (${id}).`];
const english = (id: string) => [`Legal framework (${id})`, `The law on migration (${id}).`, `Return migration in the region (${id}).`];
const SOURCE_IDS = ['h1', 'p1', 'p2'];

function sourceBlocks(texts: string[]): JsonNode[] {
  return texts.map((text, index) => (index === 0 ? heading(text, { id: SOURCE_IDS[index] }) : paragraph(text, { id: SOURCE_IDS[index] })));
}

/** A translation linked block by block to `source`, current against it. */
function translationBlocks(texts: string[], source: string[]): JsonNode[] {
  return texts.map((text, index) => {
    const sourceText = unitText(paragraph(source[index]));
    const attrs = { id: `en-${SOURCE_IDS[index]}`, source: SOURCE_IDS[index], sourceHash: textHash(sourceText), sourceText };
    return index === 0 ? heading(text, attrs) : paragraph(text, attrs);
  });
}

/** Replaces a document's whole content through the store, as an import would. */
function write(key: string, content: JsonNode[]): void {
  workspace.server.sections.change(key, null, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
  });
  workspace.server.content.invalidate(key);
}

const sectionIds = () => workspace.server.services.sections.list().map((section) => section.id);

/** Starts an export as the coordinator, waits for it, and returns the file as text. */
async function exportText(request: Record<string, unknown>): Promise<string> {
  const started = await as(coordinator)('POST', '/exports', { scope: 'master', state: 'current', includeComments: false, includeApprovalRecord: false, ...request });
  expect(started.status).toBe(202);
  const job = started.body as ExportJob;
  const deadline = Date.now() + 60_000;
  let status = job.status;
  while (status !== 'done') {
    if (status === 'failed' || Date.now() > deadline) throw new Error(`export ${job.id} ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = ((await as(coordinator)('GET', `/exports/${job.id}`)).body as ExportJob).status;
  }
  const file = await fetch(`${workspace.url}/api/exports/${job.id}/file`, { headers: { Cookie: cookies.get(coordinator)! } });
  expect(file.status).toBe(200);
  return file.text();
}

beforeAll(async () => {
  workspace = await startTestWorkspace();
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  reviewer = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Reviewer');
  for (const person of [coordinator, reviewer]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  expect((await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en'] } })).status).toBe(200);
  for (const id of sectionIds()) {
    write(id, sourceBlocks(russian(id)));
    write(documentKey(id, 'en'), translationBlocks(english(id), russian(id)));
  }
}, 60_000);

afterAll(async () => {
  await workspace.stop();
});

describe('the language of an export', () => {
  test('a language the workspace does not have, or no language at all, is refused with a 400 and nothing is queued', async () => {
    for (const language of ['kk', 'fr', 7]) {
      const refused = await as(reviewer)('POST', '/exports', { scope: 'master', state: 'current', format: 'html', language });
      expect(refused.status).toBe(400);
      expect((refused.body as ApiErrorBody).code).toBe(language === 'kk' ? 'no-such-language' : 'invalid-request');
      expect((refused.body as ApiErrorBody).error).toMatch(/language/);
    }
    const audited = workspace.server.db.$client.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'export'").get() as { n: number };
    expect(audited.n).toBe(0);
  });

  test('the English export of the master, every block translated, is complete and in English', async () => {
    const html = await exportText({ format: 'html', language: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('English version');
    expect(html).toContain('Table of contents');
    expect(html).not.toMatch(/Incomplete translation|translation incomplete/);
    for (const id of sectionIds()) {
      for (const text of english(id)) expect(html).toContain(text);
      for (const text of russian(id)) expect(html).not.toContain(text);
    }
    // Titles in English too: the course's and the parts'.
    expect(html).toContain('International Migration Law and Return Migration');
    expect(html).not.toMatch(/[а-яё]{4}/i);
  }, 90_000);

  test('the source language asked for by name is the Russian text with Russian labels', async () => {
    const markdown = await exportText({ format: 'md', language: 'ru', locale: 'en' });
    expect(markdown).toContain('Версия на русском языке');
    expect(markdown).toContain(russian(sectionIds()[0])[1]);
    expect(markdown).not.toContain(english(sectionIds()[0])[1]);
    expect(markdown).not.toContain('Перевод неполный');
  }, 90_000);

  test('a translation that lags says on its title page how many blocks need work, and marks each lagging section', async () => {
    const [changed, untranslated] = sectionIds();
    // One source paragraph changes (its translation goes stale); one section loses its translation.
    const edited = russian(changed).map((text, index) => (index === 1 ? `${text} Дополнено.` : text));
    write(changed, sourceBlocks(edited));
    write(documentKey(untranslated, 'en'), [{ type: 'paragraph' }]);
    try {
      const markdown = await exportText({ format: 'md', language: 'en' });
      expect(markdown).toContain('Incomplete translation: 1 block needs updating, 3 not translated');
      const lagging = markdown.split('\n').filter((line) => line.includes('(translation incomplete)'));
      expect(lagging).toHaveLength(2);
      expect(lagging[0]).toContain('1.1');
      expect(lagging[1]).toContain('1.2');
      const html = await exportText({ format: 'html', language: 'en' });
      expect(html).toContain('Incomplete translation: 1 block needs updating, 3 not translated');
    } finally {
      write(changed, sourceBlocks(russian(changed)));
      write(documentKey(untranslated, 'en'), translationBlocks(english(untranslated), russian(untranslated)));
    }
  }, 120_000);
});

describe('appendices', () => {
  test('asked for, they follow the sections of a language version, in its language; not asked for, there are none', async () => {
    const markdown = await exportText({ format: 'md', language: 'en', includeGlossary: true, includeMatrix: true });
    const lastSection = markdown.lastIndexOf(english(sectionIds()[sectionIds().length - 1])[2]);
    const appendices = [...markdown.matchAll(/^## Appendix ([A-C])\. /gm)];
    expect(appendices.map((match) => match[1])).toEqual(['A', 'B', 'C']);
    expect(appendices[0].index).toBeGreaterThan(lastSection);
    expect(await exportText({ format: 'md', language: 'en' })).not.toMatch(/^## Appendix/m);
    const refused = await as(coordinator)('POST', '/exports', { scope: 'master', state: 'current', format: 'md', includeGlossary: 'yes' });
    expect(refused.status).toBe(400);
  }, 120_000);
});

describe('the two-column DOCX of a translation', () => {
  /** Each table row's cells as text, from the file's own XML. */
  function tableRows(docx: Buffer): string[][] {
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => [...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((text) => text[1]).join('')),
    );
  }

  /** The file as a person downloads it: `GET /api/sections/:id/translations/en.docx`. */
  async function bilingual(sectionId: string): Promise<Buffer> {
    const response = await fetch(`${workspace.url}/api/sections/${sectionId}/translations/en.docx`, { headers: { Cookie: cookies.get(reviewer)! } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX_CONTENT_TYPE);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${sectionId}.ru-en.docx"`);
    return Buffer.from(await response.arrayBuffer());
  }

  test('the file is for people signed in, and only for the workspace\'s target languages', async () => {
    const id = sectionIds()[0];
    expect((await fetch(`${workspace.url}/api/sections/${id}/translations/en.docx`)).status).toBe(401);
    const notTarget = await fetch(`${workspace.url}/api/sections/${id}/translations/kk.docx`, { headers: { Cookie: cookies.get(reviewer)! } });
    expect(notTarget.status).toBe(404);
    expect(((await notTarget.json()) as { error: string }).error).toBeTruthy();
    expect((await fetch(`${workspace.url}/api/sections/no-such-section/translations/en.docx`, { headers: { Cookie: cookies.get(reviewer)! } })).status).toBe(404);
  });

  test('one row per source block, its translation beside it; stale and missing rows are marked', async () => {
    const id = sectionIds()[2];
    const edited = [...russian(id).slice(0, 2), `${russian(id)[2]} Изменено.`, 'Новый абзац без перевода.'];
    write(id, [...sourceBlocks(edited.slice(0, 3)), paragraph(edited[3], { id: 'p3' })]);
    try {
      const rows = tableRows(await bilingual(id));
      expect(rows[0]).toEqual(['Source (Russian)', 'Translation (English)', 'Status']);
      expect(rows.slice(1)).toEqual([
        [edited[0], english(id)[0], ''],
        [edited[1], english(id)[1], ''],
        [edited[2], english(id)[2], 'Needs updating: the source changed'],
        [edited[3], '', 'Not translated'],
      ]);
    } finally {
      write(id, sourceBlocks(russian(id)));
    }
  });

  (hasSoffice ? test : test.skip)('LibreOffice converts it, with every row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bilingual-'));
    try {
      const input = path.join(dir, 'section.docx');
      fs.writeFileSync(input, await bilingual(sectionIds()[0]));
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, input], { timeout: 120_000, stdio: 'ignore' });
      const text = fs.readFileSync(path.join(dir, 'section.txt'), 'utf8');
      for (const line of [...russian(sectionIds()[0]), ...english(sectionIds()[0])]) expect(text).toContain(line);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
