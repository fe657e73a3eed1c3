/**
 * The glossary's contract for tools, end to end (#20): an entry proposed over the API in six
 * scripts is listed by `GET /api/glossary`, and a master export with `includeGlossary: true`
 * holds every one of its terms, in DOCX (read from `word/document.xml`) and in PDF (read back by
 * poppler's pdftotext, an independent reader).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { ExportJob, GlossaryEntry } from '../../shared/api';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let member: TestPerson;
let coordinator: TestPerson;
const cookies = new Map<TestPerson, string>();
const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

const TERMS = {
  ru: 'Реадмиссия',
  en: 'Readmission',
  kk: 'Кері қабылдау әділ өңір ұлттық үкімет',
  tg: 'Қабули бозгашт ҳуҷҷат ӣ ӯ',
  tk: 'Yzyna kabul etmek çäžňöşüý',
  uz: 'Qayta qabul qilish oʻzbek gʻoya',
};

beforeAll(async () => {
  workspace = await startTestWorkspace();
  member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  for (const person of [member, coordinator]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
  // Every script needs a workspace language to be kept: the targets are the five national languages and English.
  const languages = await as(coordinator)('PATCH', '/settings', { languages: { source: 'ru', targets: ['en', 'kk', 'ky', 'tg', 'tk', 'uz'] } });
  expect(languages.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await workspace.stop();
});

async function exported(format: 'docx' | 'pdf'): Promise<Buffer> {
  const started = await as(coordinator)('POST', '/exports', { scope: 'master', state: 'current', format, includeComments: false, includeApprovalRecord: false, includeGlossary: true });
  expect(started.status).toBe(202);
  const id = (started.body as ExportJob).id;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = ((await as(coordinator)('GET', `/exports/${id}`)).body as ExportJob).status;
    if (status === 'done') break;
    if (status === 'failed' || Date.now() > deadline) throw new Error(`export ${id} ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const file = await fetch(`${workspace.url}/api/exports/${id}/file`, { headers: { Cookie: cookies.get(coordinator)! } });
  expect(file.status).toBe(200);
  return Buffer.from(await file.arrayBuffer());
}

test('an entry proposed in six scripts is listed, and a master export with the glossary holds all its terms in DOCX and PDF', async () => {
  const proposed = await as(member)('POST', '/glossary', { terms: TERMS, definition: 'The acceptance by a State of the return of its own nationals.', source: 'IOM Glossary on Migration, 2019' });
  expect(proposed.status).toBe(201);
  const listed = (await as(member)('GET', '/glossary')).body as GlossaryEntry[];
  const entry = listed.find((candidate) => candidate.terms.en === 'Readmission')!;
  expect(entry).toMatchObject({ terms: TERMS, definition: 'The acceptance by a State of the return of its own nationals.', source: 'IOM Glossary on Migration, 2019', status: 'proposed' });
  expect(typeof entry.id).toBe('string');

  const xml = strFromU8(unzipSync(new Uint8Array(await exported('docx')))['word/document.xml']);
  const words = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
  for (const term of Object.values(TERMS)) expect(words).toContain(term);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glossary-export-'));
  try {
    const file = path.join(dir, 'master.pdf');
    fs.writeFileSync(file, await exported('pdf'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const term of Object.values(TERMS)) expect(text).toContain(term);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
