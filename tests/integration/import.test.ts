/**
 * Importing a Word file into a section (#18) over the real server: a .docx made here with the
 * `docx` package (headings, nested lists, a table with merged cells, two footnotes, a comment, a
 * tracked insertion and deletion, Cyrillic and Latin) arrives with each element in its place; the
 * comment becomes a thread on the same words under its Word author's name, the tracked changes
 * suggestions; a dry run writes nothing; bad files, oversize bodies and people who may not edit
 * are refused with a JSON message and the section unchanged. Last, the imported section exported
 * to Word again and read by LibreOffice still has its footnotes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as docx from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { resolveAnchor, readSection } from '../../shared/anchors';
import type { ApiErrorBody, AuditPage, ExportJob, OpenSuggestion, Thread } from '../../shared/api';
import { DOCX_MEDIA_TYPE, type ImportPreview } from '../../shared/api/imports';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

const {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} = docx;

let workspace: TestWorkspace;
let kzMember: TestPerson, kzLead: TestPerson, uzMember: TestPerson, reviewer: TestPerson, coordinator: TestPerson;
const cookies = new Map<TestPerson, string>();

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kzLead = await addTestPerson(workspace, 'lead', 'KZ', 'Ерлан Жұмабаев');
  uzMember = await addTestPerson(workspace, 'member', 'UZ', 'Dilnoza Karimova');
  reviewer = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  coordinator = await addTestPerson(workspace, 'coordinator', 'TSPC', 'Coordinator');
  for (const person of [kzMember, kzLead, uzMember, reviewer, coordinator]) cookies.set(person, await signIn(workspace.url, person.email, person.password));
});

afterAll(async () => {
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

/** Posts a file to the import route as the client does. */
async function upload(person: TestPerson, sectionId: string, body: Uint8Array, query = '', contentType = DOCX_MEDIA_TYPE) {
  const response = await fetch(`${workspace.url}/api/sections/${sectionId}/import${query}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Origin: new URL(workspace.url).origin, Cookie: cookies.get(person)! },
    body: new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** The section's text as stored (ProseMirror JSON), to compare before and after. */
const stored = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);
const threadsOf = async (sectionId: string) => (await as(kzMember)('GET', `/sections/${sectionId}/threads`)).body as Thread[];

/** Gives a section some text of its own, as an editor would have typed it. */
function seed(sectionId: string, text: string): void {
  workspace.server.sections.change(sectionId, kzMember.id, (doc) => {
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, doc.getXmlFragment(CONTENT_FRAGMENT));
  });
  workspace.server.content.invalidate(sectionId);
}

// A 1×1 PNG.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** The Word draft of the tests: every element the issue lists, in both scripts. */
async function wordDraft(options: { image?: boolean } = {}): Promise<Buffer> {
  const document = new Document({
    comments: {
      children: [
        {
          id: 0,
          author: 'Гульнара Ахметова',
          initials: 'ГА',
          date: new Date('2026-11-01T10:00:00Z'),
          children: [new Paragraph({ children: [new TextRun('Cite the 2011 law here.')] })],
        },
      ],
    },
    footnotes: {
      1: { children: [new Paragraph('Закон Республики Казахстан «О миграции населения», ст. 5.')] },
      2: { children: [new Paragraph('Convention on Migrant Workers, art. 22.')] },
    },
    numbering: {
      config: [
        {
          reference: 'steps',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 3 },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)' },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Возвратная миграция', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'Return and reintegration', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Sources in detail', heading: HeadingLevel.HEADING_5 }),
          new Paragraph({
            children: [
              new TextRun({ text: 'Bold', bold: true }),
              new TextRun(' and '),
              new TextRun({ text: 'курсив', italics: true }),
              new TextRun(' and '),
              new TextRun({ text: 'underlined', underline: {} }),
              new TextRun(', H'),
              new TextRun({ text: '2', subScript: true }),
              new TextRun('O, m'),
              new TextRun({ text: '2', superScript: true }),
              new TextRun(', see '),
              new ExternalHyperlink({ link: 'https://www.iom.int/', children: [new TextRun({ text: 'IOM', style: 'Hyperlink' })] }),
              new TextRun('.'),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('Статья 5'),
              new FootnoteReferenceRun(1),
              new TextRun(' and Article 22'),
              new FootnoteReferenceRun(2),
              new TextRun(' apply.'),
            ],
          }),
          new Paragraph({
            children: [
              new TextRun('Read '),
              new CommentRangeStart(0),
              new TextRun('the readmission agreements'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
              new TextRun(' first.'),
            ],
          }),
          new Paragraph({ text: 'Voluntary return', bullet: { level: 0 } }),
          new Paragraph({ text: 'Реинтеграция', bullet: { level: 1 } }),
          new Paragraph({ text: 'Third step', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({ text: 'Sub-step', numbering: { reference: 'steps', level: 1 } }),
          new Paragraph({ text: 'Fourth step', numbering: { reference: 'steps', level: 0 } }),
          new Paragraph({
            children: [
              new TextRun('Migrants '),
              new InsertedTextRun({ text: 'and their families', id: 1, author: 'Boris Petrov', date: '2026-11-02T10:00:00Z' }),
              new TextRun(' return '),
              new DeletedTextRun({ text: 'voluntarily', id: 2, author: 'Boris Petrov', date: '2026-11-02T10:00:00Z' }),
              new TextRun('.'),
            ],
          }),
          ...(options.image ? [new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } })] })] : []),
          new Table({
            rows: [
              new TableRow({
                children: [new TableCell({ children: [new Paragraph('Тема')], columnSpan: 2 }), new TableCell({ children: [new Paragraph('Hours')] })],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [new Paragraph('Module 3')], rowSpan: 2 }),
                  new TableCell({ children: [new Paragraph('Lecture')] }),
                  new TableCell({ children: [new Paragraph('4')] }),
                ],
              }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('Seminar')] }), new TableCell({ children: [new Paragraph('2')] })] }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}
const textOf = (node: JsonNode): string => (node.text ?? '') + (node.content ?? []).map(textOf).join('');
const find = (nodes: JsonNode[], predicate: (node: JsonNode) => boolean): JsonNode[] =>
  nodes.flatMap((node) => [...(predicate(node) ? [node] : []), ...find(node.content ?? [], predicate)]);

describe('a Word draft imported into a section', () => {
  let draft: Buffer;
  beforeAll(async () => {
    draft = await wordDraft();
  });

  test('a dry run answers the preview and writes nothing', async () => {
    seed('national-kz', 'Existing Kazakh text.');
    const before = stored('national-kz');
    const { status, body } = await upload(kzMember, 'national-kz', draft, '?dryRun=1');
    expect(status).toBe(200);
    const preview = body as ImportPreview;
    const blocks = preview.blocks as JsonNode[];
    expect(blocks.filter((block) => block.type === 'heading').map(textOf)).toEqual(['Возвратная миграция', 'Return and reintegration', 'Sources in detail']);
    expect(preview.comments).toEqual([expect.objectContaining({ author: 'Гульнара Ахметова', quote: 'the readmission agreements', text: 'Cite the 2011 law here.' })]);
    expect(preview.suggestions).toBe(2);
    expect(preview.lost).toEqual([expect.objectContaining({ kind: 'tracked-changes', count: 2, message: expect.stringContaining('Boris Petrov') })]);
    expect(stored('national-kz')).toBe(before);
    expect(await threadsOf('national-kz')).toEqual([]);
    expect((await as(kzMember)('GET', '/sections/national-kz/suggestions')).body).toEqual([]);
  });

  test('the import appends every element in its place, the comment as a thread, the tracked changes as suggestions', async () => {
    const { status, body } = await upload(kzMember, 'national-kz', draft);
    expect(status).toBe(200);
    expect((body as ImportPreview).threads).toHaveLength(1);
    const doc = workspace.server.content.snapshot('national-kz').json as unknown as JsonNode;
    const blocks = doc.content!;
    // The section's own text stays first; the file follows it.
    expect(textOf(blocks[0])).toBe('Existing Kazakh text.');
    expect(blocks.slice(1, 4).map((block) => [block.type, block.attrs?.level, textOf(block)])).toEqual([
      ['heading', 1, 'Возвратная миграция'],
      ['heading', 2, 'Return and reintegration'],
      ['heading', 3, 'Sources in detail'],
    ]);
    const ids = find(blocks, (node) => node.type === 'heading' || node.type === 'table').map((node) => node.attrs?.id);
    expect(ids).toHaveLength(4);
    ids.forEach((id) => expect(id).toMatch(/^t[a-z0-9]{9}$/));
    expect(new Set(ids).size).toBe(4);

    const formatted = blocks[4];
    const marked = (mark: string) => (formatted.content ?? []).filter((run) => run.marks?.some((m) => m.type === mark)).map((run) => run.text);
    expect(marked('bold')).toEqual(['Bold']);
    expect(marked('italic')).toEqual(['курсив']);
    expect(marked('underline')).toEqual(['underlined']);
    expect(marked('subscript')).toEqual(['2']);
    expect(marked('superscript')).toEqual(['2']);
    expect(formatted.content!.find((run) => run.text === 'IOM')!.marks).toEqual([{ type: 'link', attrs: { href: 'https://www.iom.int/', title: null } }]);

    // The footnotes sit where their references were, holding their notes' words.
    expect(blocks[5].content!.map((node) => (node.type === 'footnote' ? `[${textOf(node)}]` : node.text)).join('')).toBe(
      'Статья 5[Закон Республики Казахстан «О миграции населения», ст. 5.] and Article 22[Convention on Migrant Workers, art. 22.] apply.',
    );
    expect(textOf(blocks[6])).toBe('Read the readmission agreements first.');

    // Nested lists, the ordered one starting where Word's does.
    const bullets = blocks[7];
    expect(bullets.type).toBe('bullet_list');
    expect(bullets.content![0].content!.map((node) => [node.type, textOf(node)])).toEqual([
      ['paragraph', 'Voluntary return'],
      ['bullet_list', 'Реинтеграция'],
    ]);
    const steps = blocks[8];
    expect([steps.type, steps.attrs?.order]).toEqual(['ordered_list', 3]);
    expect(steps.content!.map((item) => textOf(item.content![0]))).toEqual(['Third step', 'Fourth step']);
    expect(steps.content![0].content![1]).toMatchObject({ type: 'ordered_list', attrs: { order: 1 } });

    // The tracked changes: still open, as suggestions of the person who imported.
    expect(textOf(blocks[9])).toBe('Migrants and their families return voluntarily.');
    const suggestions = (await as(kzMember)('GET', '/sections/national-kz/suggestions')).body as OpenSuggestion[];
    expect(suggestions.map((s) => [s.kind, s.text, s.author])).toEqual([
      ['insert', 'and their families', kzMember.id],
      ['delete', 'voluntarily', kzMember.id],
    ]);

    // The table keeps its merged cells.
    const table = blocks[10];
    expect(table.type).toBe('table');
    expect(table.content!.map((row) => row.content!.map((cell) => [textOf(cell), cell.attrs?.colspan, cell.attrs?.rowspan]))).toEqual([
      [['Тема', 2, 1], ['Hours', 1, 1]],
      [['Module 3', 1, 2], ['Lecture', 1, 1], ['4', 1, 1]],
      [['Seminar', 1, 1], ['2', 1, 1]],
    ]);

    // The comment: a thread on the same words, headed by its Word author.
    const [thread] = await threadsOf('national-kz');
    expect(thread.quote).toBe('the readmission agreements');
    expect(thread.createdBy).toBe(kzMember.id);
    expect(thread.comments.map((comment) => comment.body)).toEqual(['Word comment by Гульнара Ахметова:\nCite the 2011 law here.']);
    const anchored = workspace.server.sections.read('national-kz', (ydoc) => {
      const { node, fragment, mapping } = readSection(ydoc);
      const range = resolveAnchor(ydoc, fragment, mapping, thread.anchor);
      return range.detached ? null : node.textBetween(range.from, range.to);
    });
    expect(anchored).toBe('the readmission agreements');

    const audit = (await as(coordinator)('GET', '/audit?action=section.imported')).body as AuditPage;
    expect(audit.entries[0]).toMatchObject({ action: 'section.imported', actorId: kzMember.id, target: 'section:national-kz' });
    expect(audit.entries[0].detail).toMatchObject({ mode: 'append', comments: 1, suggestions: 2 });
  });

  test('replacing is for an empty section only; an empty one takes the file as its whole text', async () => {
    const before = stored('national-kz');
    const refused = await upload(kzMember, 'national-kz', draft, '?mode=replace');
    expect(refused.status).toBe(409);
    expect((refused.body as ApiErrorBody).error).toMatch(/already has text/);
    expect(stored('national-kz')).toBe(before);

    const { status } = await upload(kzLead, 'regional-5', draft, '?mode=replace');
    expect(status).toBe(200);
    const blocks = (workspace.server.content.snapshot('regional-5').json as unknown as JsonNode).content!;
    expect([blocks[0].type, textOf(blocks[0])]).toEqual(['heading', 'Возвратная миграция']);
  });

  test('appending at the cursor puts the file between the blocks around it', async () => {
    workspace.server.sections.change('regional-3', kzLead.id, (doc) => {
      prosemirrorJSONToYXmlFragment(
        schema,
        { type: 'doc', content: ['Первый абзац.', 'Второй абзац.'].map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) },
        doc.getXmlFragment(CONTENT_FRAGMENT),
      );
    });
    workspace.server.content.invalidate('regional-3');
    const { status } = await upload(kzLead, 'regional-3', draft, '?at=1');
    expect(status).toBe(200);
    const blocks = (workspace.server.content.snapshot('regional-3').json as unknown as JsonNode).content!;
    expect(textOf(blocks[0])).toBe('Первый абзац.');
    expect([blocks[1].type, textOf(blocks[1])]).toEqual(['heading', 'Возвратная миграция']);
    expect(textOf(blocks[blocks.length - 1])).toBe('Второй абзац.');
    // A place past the end is the end; a place that is not a number is refused.
    expect((await upload(kzLead, 'regional-3', draft, '?at=x')).status).toBe(400);
  });

  test('images are refused in the preview with a count, and the rest imports', async () => {
    const { status, body } = await upload(kzMember, 'national-kz', await wordDraft({ image: true }), '?dryRun=1');
    expect(status).toBe(200);
    const preview = body as ImportPreview;
    expect(preview.lost).toContainEqual({ kind: 'image', count: 1, message: expect.stringMatching(/1 image was left out/) });
    expect((preview.blocks as JsonNode[]).some((block) => textOf(block).includes('Возвратная миграция'))).toBe(true);
  });
});

describe('files and people the import refuses, with the section unchanged', () => {
  let draft: Buffer;
  beforeAll(async () => {
    draft = await wordDraft();
    seed('national-kg', 'Кыргыз тексти.');
  });

  /** Uploads as a KZ member to the regional module 2 and checks the refusal changed nothing. */
  async function refused(body: Uint8Array, status: number, message: RegExp, person: TestPerson = kzMember, query = '') {
    const sectionId = person === uzMember || person === reviewer ? 'national-kz' : 'regional-2';
    const before = stored(sectionId);
    const threads = (await threadsOf(sectionId)).length;
    const answer = await upload(person, sectionId, body, query);
    expect(answer.status).toBe(status);
    expect((answer.body as ApiErrorBody).error).toMatch(message);
    expect(stored(sectionId)).toBe(before);
    expect(await threadsOf(sectionId)).toHaveLength(threads);
  }

  test('a file that is not a zip', async () => {
    await refused(Buffer.from('Migration law, chapter 1. Plain text, not Word.'), 415, /not a Word/);
  });

  test('a zip cut short', async () => {
    await refused(draft.subarray(0, Math.floor(draft.length / 2)), 422, /damaged/);
  });

  test('a zip bomb: highly compressible data declared as word/document.xml', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(60 * 1024 * 1024), '[Content_Types].xml': strToU8('<Types/>') }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(bomb, 422, /zip bomb/);
  });

  test('a zip bomb that declares a small size and unpacks to much more', async () => {
    const payload = new Uint8Array(8 * 1024 * 1024).fill(32);
    const zip = Buffer.from(zipSync({ 'word/document.xml': payload }, { level: 9 }));
    // Declare 1,000 bytes in the central directory: only inflating finds the lie.
    const directory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(1000, directory + 24);
    await refused(zip, 422, /zip bomb/);
  });

  test('a zip whose text is not readable XML (a document cut short inside the zip)', async () => {
    const parts = unzipSync(new Uint8Array(draft));
    const xml = parts['word/document.xml'];
    parts['word/document.xml'] = xml.subarray(0, Math.floor(xml.length / 2));
    await refused(Buffer.from(zipSync(parts)), 422, /damaged/);
  });

  test('a body over the size limit', async () => {
    await refused(Buffer.alloc(21 * 1024 * 1024, 7), 413, /larger than 20 MB/);
  });

  test('a password-protected file and an old .doc', async () => {
    const ole = (streams: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(streams, 'utf16le'), Buffer.alloc(512)]);
    await refused(ole('EncryptionInfo\0EncryptedPackage\0'), 415, /password-protected/);
    await refused(ole('WordDocument\0'), 415, /old \.doc format/);
  });

  test('a body that is not a Word file by its type', async () => {
    const answer = await fetch(`${workspace.url}/api/sections/regional-2/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(workspace.url).origin, Cookie: cookies.get(kzMember)! },
      body: JSON.stringify({ file: 'x' }),
    });
    expect(answer.status).toBe(415);
    expect(((await answer.json()) as ApiErrorBody).code).toBe('docx-required');
  });

  test('a reviewer, and a member of another group, may not import into the Kazakh section', async () => {
    await refused(draft, 403, /may not import/, reviewer);
    await refused(draft, 403, /may not import/, uzMember);
  });

  test('another site cannot send a file', async () => {
    const answer = await fetch(`${workspace.url}/api/sections/regional-2/import`, {
      method: 'POST',
      headers: { 'Content-Type': DOCX_MEDIA_TYPE, Origin: 'https://evil.example', Cookie: cookies.get(kzMember)! },
      body: new Uint8Array(draft),
    });
    expect(answer.status).toBe(403);
    expect(stored('regional-2')).toBe(JSON.stringify({ type: 'doc', content: [{ type: 'paragraph' }] }));
  });
});

const hasSoffice = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v soffice && command -v pdftotext'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

(hasSoffice ? test : test.skip)(
  'the imported section, exported to Word again and read by LibreOffice, keeps its footnotes',
  async () => {
    expect((await upload(kzLead, 'regional-4', await wordDraft(), '?mode=replace')).status).toBe(200);
    const started = await as(kzLead)('POST', '/exports', { scope: 'regional-4', state: 'current', format: 'docx' });
    expect(started.status).toBe(202);
    const { id } = started.body as ExportJob;
    for (let attempt = 0; ; attempt++) {
      const job = (await as(kzLead)('GET', `/exports/${id}`)).body as ExportJob;
      if (job.status === 'done') break;
      if (job.status === 'failed' || attempt > 1500) throw new Error(job.error ?? 'the export did not finish');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const file = await fetch(`${workspace.url}/api/exports/${id}/file`, { headers: { Cookie: cookies.get(kzLead)! } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-lo-'));
    try {
      const docxPath = path.join(dir, 'section.docx');
      fs.writeFileSync(docxPath, Buffer.from(await file.arrayBuffer()));
      execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docxPath], {
        stdio: 'ignore',
        timeout: 90_000,
      });
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'section.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const note1 = 'Закон Республики Казахстан «О миграции населения», ст. 5.';
      const note2 = 'Convention on Migrant Workers, art. 22.';
      expect(text).toContain('Возвратная миграция');
      // Real footnotes: the sentence reads on with only the note numbers in it, and the notes'
      // words stand below it (at the foot of the page), not inside it.
      expect(text).toMatch(/Статья 5\s*1\s*and Article 22\s*2\s*apply\./);
      expect(text.indexOf(note1)).toBeGreaterThan(text.indexOf('apply.'));
      expect(text.indexOf(note2)).toBeGreaterThan(text.indexOf(note1));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  150_000,
);
