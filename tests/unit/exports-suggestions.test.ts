/**
 * Open suggestions (#17) in every export: Word gets them as tracked changes with their authors'
 * names and dates (and LibreOffice, converting the file, still sees tracked changes); PDF, HTML
 * and Markdown show the text without them, or marked when asked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { renderDocx } from '../../server/exports/docx/docx';
import { renderHtml } from '../../server/exports/html/html';
import { renderMarkdown } from '../../server/exports/markdown/markdown';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { MasterDocument, RenderOptions } from '../../server/exports/model';
import { renderPdf } from '../../server/exports/pdf/pdf';
import { hasSoffice } from '../support/libreoffice';

const AT = Date.UTC(2026, 8, 2, 10, 30);
const mark = (type: 'insertion' | 'deletion', id: string, author: number, at = AT) => ({ type, attrs: { id, author, at } });

/** "Return [and readmission ]migration [obsolete ]law[, in full] of 2024." — one of each kind, and one stacked. */
const suggestedSection = () => ({
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Return ' },
        { type: 'text', text: 'and readmission ', marks: [mark('insertion', 's1', 7)] },
        { type: 'text', text: 'migration ' },
        { type: 'text', text: 'obsolete ', marks: [mark('deletion', 's2', 8)] },
        { type: 'text', text: 'law' },
        { type: 'text', text: ', in full', marks: [mark('insertion', 's3', 7), mark('deletion', 's4', 8)] },
        { type: 'text', text: ' of 2024.' },
      ],
    },
    { type: 'paragraph', content: [{ type: 'text', text: 'Anonymous proposal', marks: [mark('insertion', 's5', 12, 0)] }] },
  ],
});

function master(): MasterDocument {
  const document = MemoryMasterSource.forOutline((outline) => ({
    current: outline.id === 'national-kz' ? suggestedSection() : { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Plain.' }] }] },
  })).load('current', ['national-kz']);
  return { ...document, authorNames: { 7: 'Aigerim Bekova', 8: 'Olga Ivanova' } };
}

const OPTIONS: RenderOptions = { state: 'current', includeComments: false, includeApprovalRecord: false, locale: 'en' };
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the DOCX export', () => {
  let body: string;

  beforeAll(async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(master(), OPTIONS)));
    body = strFromU8(files['word/document.xml']);
  });

  it('writes a suggested insertion as a Word insertion with its author and date', () => {
    expect(body).toMatch(/<w:ins w:id="\d+" w:author="Aigerim Bekova" w:date="2026-09-02T10:30:00Z"><w:r><w:t xml:space="preserve">and readmission <\/w:t><\/w:r><\/w:ins>/);
  });

  it('writes a suggested deletion as a Word deletion, its text as deleted text', () => {
    expect(body).toMatch(/<w:del w:id="\d+" w:author="Olga Ivanova" w:date="2026-09-02T10:30:00Z"><w:r><w:delText xml:space="preserve">obsolete <\/w:delText><\/w:r><\/w:del>/);
  });

  it('writes a deletion proposed over a proposed insertion as a deletion inside the insertion', () => {
    expect(body).toMatch(/<w:ins w:id="\d+" w:author="Aigerim Bekova"[^>]*><w:del w:id="\d+" w:author="Olga Ivanova"[^>]*><w:r><w:delText xml:space="preserve">, in full<\/w:delText><\/w:r><\/w:del><\/w:ins>/);
  });

  it('names an author it was not told of by a label, and leaves out a date it does not know', () => {
    expect(body).toMatch(/<w:ins w:id="\d+" w:author="Participant 12"><w:r><w:t xml:space="preserve">Anonymous proposal<\/w:t>/);
  });

  it('gives every tracked change an id of its own', () => {
    const ids = [...body.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it('leaves them out, as plain text, when the request says so', async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(master(), { ...OPTIONS, suggestions: 'omit' })));
    const plain = strFromU8(files['word/document.xml']);
    expect(plain).not.toMatch(/<w:(ins|del) /);
    expect(plain).toContain('<w:t xml:space="preserve">Return migration obsolete law of 2024.</w:t>');
    expect(plain).not.toContain('Anonymous proposal');
  });
});

describe('the HTML export', () => {
  it('shows the text without open suggestions by default', async () => {
    const html = await renderHtml(master(), OPTIONS);
    expect(html).toContain('<p>Return migration obsolete law of 2024.</p>');
    expect(html).not.toContain('readmission');
    expect(html).not.toMatch(/<(ins|del)\b/);
  });

  it('marks them with <ins> and <del>, titled with who suggested them and when, when asked', async () => {
    const html = await renderHtml(master(), { ...OPTIONS, suggestions: 'mark' });
    expect(html).toContain('Return <ins class="suggestion" title="Suggested insertion: Aigerim Bekova, September 2, 2026">and readmission </ins>migration ');
    expect(html).toContain('<del class="suggestion" title="Suggested deletion: Olga Ivanova, September 2, 2026">obsolete </del>law');
    expect(html).toContain('<ins class="suggestion" title="Suggested insertion: Participant 12">Anonymous proposal</ins>');
    expect(html).toMatch(/ins\.suggestion \{[^}]*underline/);
  });

  it('names the kinds in Russian in a Russian export', async () => {
    const html = await renderHtml(master(), { ...OPTIONS, locale: 'ru', suggestions: 'mark' });
    expect(html).toContain('title="Предложено удалить: Olga Ivanova, 2 сентября 2026 г."');
  });
});

describe('the Markdown export', () => {
  it('shows the text without open suggestions by default', async () => {
    const markdown = await renderMarkdown(master(), OPTIONS);
    expect(markdown).toContain('Return migration obsolete law of 2024.');
    expect(markdown).not.toContain('readmission');
    expect(markdown).not.toMatch(/\{\+\+|\{--/);
  });

  it('marks them in CriticMarkup when asked', async () => {
    const markdown = await renderMarkdown(master(), { ...OPTIONS, suggestions: 'mark' });
    expect(markdown).toContain('Return {++and readmission ++}migration {--obsolete --}law{++{--, in full--}++} of 2024.');
  });
});

describe('the PDF export', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-suggestions-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const text = (pdf: Buffer) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(file, pdf);
    return normalise(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  };
  /** The page content streams, inflated: what is drawn, and in which colours. */
  const drawn = (pdf: Buffer) => {
    const raw = pdf.toString('latin1');
    return [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)]
      .map((m) => {
        try {
          return zlib.inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('\n');
  };
  const GREEN = /0\.10588\d* 0\.49803\d* 0\.23137\d* scn/;
  const RED = /0\.70196\d* 0\.14901\d* 0\.11764\d* scn/;

  it('shows the text without open suggestions by default', async () => {
    const pdf = await renderPdf(master(), OPTIONS);
    expect(text(pdf)).toContain('Return migration obsolete law of 2024.');
    expect(text(pdf)).not.toContain('readmission');
    expect(drawn(pdf)).not.toMatch(GREEN);
  });

  it('draws them when asked: insertions underlined in green, deletions struck in red', async () => {
    const pdf = await renderPdf(master(), { ...OPTIONS, suggestions: 'mark' });
    expect(text(pdf)).toContain('Return and readmission migration obsolete law, in full of 2024.');
    const streams = drawn(pdf);
    expect(streams).toMatch(GREEN);
    expect(streams).toMatch(RED);
  });
});


(hasSoffice ? describe : describe.skip)('the DOCX export, converted by LibreOffice', () => {
  let dir: string;
  let odt: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-suggestions-lo-'));
    const docx = path.join(dir, 'suggestions.docx');
    fs.writeFileSync(docx, await renderDocx(master(), OPTIONS));
    // Flat ODF: LibreOffice's own text format, where tracked changes are written out as such.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'fodt', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 50_000 },
    );
    odt = fs.readFileSync(path.join(dir, 'suggestions.fodt'), 'utf8');
  }, 60_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Each changed region: its kinds (insertion, deletion) and the authors and dates it names. */
  const regions = () =>
    [...odt.matchAll(/<text:changed-region[^>]*>([\s\S]*?)<\/text:changed-region>/g)].map((m) => ({
      kinds: [...m[1].matchAll(/<text:(insertion|deletion)>/g)].map((k) => k[1]).sort(),
      authors: [...m[1].matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((a) => a[1]).sort(),
      dates: [...m[1].matchAll(/<dc:date>([^<]*)<\/dc:date>/g)].map((d) => d[1]),
    }));

  it('reads the suggestions as tracked changes, with their authors and dates', () => {
    const found = regions();
    expect(found).toContainEqual({ kinds: ['insertion'], authors: ['Aigerim Bekova'], dates: ['2026-09-02T10:30:00'] });
    expect(found).toContainEqual({ kinds: ['deletion'], authors: ['Olga Ivanova'], dates: ['2026-09-02T10:30:00'] });
    // The deletion proposed over a proposed insertion: both changes, stacked on one region.
    expect(found).toContainEqual({ kinds: ['deletion', 'insertion'], authors: ['Aigerim Bekova', 'Olga Ivanova'], dates: expect.any(Array) });
    expect(found.filter((region) => region.authors.includes('Participant 12'))).toHaveLength(1);
  });

  it('keeps the suggested text in the document, marked where the changes start and end', () => {
    const text = odt.replace(/<text:change-(start|end)[^>]*\/>/g, (tag) => (tag.includes('start') ? '[' : ']')).replace(/<[^>]+>/g, '');
    expect(text).toContain('Return [and readmission ]migration [obsolete ]law[, in full] of 2024.');
  });
});
