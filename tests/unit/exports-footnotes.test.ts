/**
 * Footnotes (#18) in every export: numbered in document order and continuously through the file
 * (1 and 2 in the first regional module, 3 in the Kazakh section), the same number for the same
 * note in DOCX, PDF, HTML and Markdown. Word gets real footnotes (and LibreOffice, converting the
 * file, shows them); the PDF lists each section's notes at its end, linked both ways; HTML links
 * each number to its note and back; Markdown writes `[^n]` and its definitions.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { renderDocx } from '../../server/exports/docx/docx';
import { renderHtml } from '../../server/exports/html/html';
import { renderMarkdown } from '../../server/exports/markdown/markdown';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { MasterDocument, RenderOptions } from '../../server/exports/model';
import { renderPdf } from '../../server/exports/pdf/pdf';
import { hasSoffice } from '../support/libreoffice';

const text = (value: string, marks?: unknown[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const footnote = (...content: unknown[]) => ({ type: 'footnote', content });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const insertion = { type: 'insertion', attrs: { id: 's1', author: 7, at: Date.UTC(2026, 8, 2) } };

const KAZAKH_NOTE = 'Қазақстан Республикасының «Халықтың көші-қоны туралы» Заңы, 2011';

/** Two notes in the first regional module (one with bold words, one with a suggested addition), one in the Kazakh section. */
function sections(outline: { id: string }) {
  if (outline.id === 'regional-1') {
    return {
      current: doc(
        paragraph(
          text('Migrant worker'),
          footnote(text('Law No. 1 '), text('On migration', [{ type: 'bold' }]), text(' of 2016')),
          text(' and returnee'),
          footnote(text('Convention of 1990'), text(', article 5', [insertion])),
          text('.'),
        ),
      ),
    };
  }
  if (outline.id === 'national-kz') return { current: doc(paragraph(text('Kazakh law'), footnote(text(KAZAKH_NOTE)), text('.'))) };
  return { current: doc(paragraph(text('No notes here.'))) };
}

function master(): MasterDocument {
  return MemoryMasterSource.forOutline(sections).load('current');
}

const OPTIONS: RenderOptions = { state: 'current', includeComments: false, includeApprovalRecord: false, locale: 'en' };
const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

describe('footnotes in the DOCX export', () => {
  let body: string;
  let notes: string;

  beforeAll(async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(master(), OPTIONS)));
    body = strFromU8(files['word/document.xml']);
    notes = strFromU8(files['word/footnotes.xml']);
  });

  it('writes a Word footnote reference for each note, in document order through the file', () => {
    const references = [...body.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(references).toEqual([1, 2, 3]);
    // The first stands right after the words it annotates.
    expect(body).toMatch(/Migrant worker<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/>/);
  });

  it('holds each note’s text, with its marks, in word/footnotes.xml under the same id', () => {
    const note = (id: number) => squash(/<w:footnote w:id="(\d+)">(.*?)<\/w:footnote>/gs.exec(notes.slice(notes.indexOf(`<w:footnote w:id="${id}">`)))?.[2] ?? '');
    expect(note(1)).toContain('Law No. 1 ');
    expect(note(1)).toMatch(/<w:b\/>(<w:bCs\/>)?<\/w:rPr><w:t xml:space="preserve">On migration<\/w:t>/);
    expect(note(2)).toContain('Convention of 1990');
    expect(note(3)).toContain(KAZAKH_NOTE);
    // Each note opens with its own number mark, as Word writes notes.
    expect(note(1)).toContain('<w:footnoteRef/>');
  });

  it('marks a suggested addition inside a note as a tracked change, as in the text', () => {
    expect(notes).toMatch(/<w:ins w:id="\d+" w:author="Participant 7"[^>]*><w:r><w:t xml:space="preserve">, article 5<\/w:t><\/w:r><\/w:ins>/);
  });

  it('writes a footnote someone suggested adding as a tracked insertion of its reference', async () => {
    const suggested = doc(paragraph(text('Returnee'), { ...footnote(text('Suggested note')), marks: [insertion] }, text('.')));
    const document = MemoryMasterSource.forOutline(() => ({ current: suggested })).load('current', ['regional-1']);
    const files = unzipSync(new Uint8Array(await renderDocx(document, OPTIONS)));
    expect(strFromU8(files['word/document.xml'])).toMatch(
      /<w:ins w:id="\d+" w:author="Participant 7"[^>]*><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/><\/w:r><\/w:ins>/,
    );
    expect(strFromU8(files['word/footnotes.xml'])).toContain('Suggested note');
  });

  it('leaves the suggestion out of the note when the request leaves suggestions out', async () => {
    const files = unzipSync(new Uint8Array(await renderDocx(master(), { ...OPTIONS, suggestions: 'omit' })));
    const plain = strFromU8(files['word/footnotes.xml']);
    expect(plain).toContain('Convention of 1990');
    expect(plain).not.toContain('article 5');
  });
});

describe('footnotes in the PDF export', () => {
  let dir: string;
  let pdf: Buffer;
  let pages: string[];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-footnotes-'));
    pdf = await renderPdf(master(), OPTIONS);
    const file = path.join(dir, 'notes.pdf');
    fs.writeFileSync(file, pdf);
    pages = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f');
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists each section’s notes at its end, under Notes, numbered through the file', () => {
    const regional = squash(pages.find((page) => page.includes('Migrant worker')) ?? '');
    expect(regional).toMatch(/Migrant worker1 and returnee2\. Notes 1\. Law No\. 1 On migration of 2016 2\. Convention of 1990 Page/);
    const kazakh = squash(pages.find((page) => page.includes('Kazakh law')) ?? '');
    expect(kazakh).toContain(`Notes 3. ${KAZAKH_NOTE}`);
  });

  it('links each number in the text to its note and each note back to the text', () => {
    const raw = pdf.toString('latin1');
    for (const n of [1, 2, 3]) {
      // Named destinations at both ends, and a GoTo link to each.
      expect(raw).toContain(`(fn-${n})`);
      expect(raw).toContain(`(fnref-${n})`);
      expect(raw).toMatch(new RegExp(`/S /GoTo\\s*/D \\(fn-${n}\\)`));
      expect(raw).toMatch(new RegExp(`/S /GoTo\\s*/D \\(fnref-${n}\\)`));
    }
  });

  it('numbers a note in a repeated table header once', async () => {
    const headerNote = doc({
      type: 'table',
      content: [
        { type: 'table_row', content: [{ type: 'table_header', content: [paragraph(text('Hours'), footnote(text('Academic hours of 45 minutes')))] }] },
        ...Array.from({ length: 80 }, (_, i) => ({ type: 'table_row', content: [{ type: 'table_cell', content: [paragraph(text(`Row ${i + 1}`))] }] })),
      ],
    });
    const document = MemoryMasterSource.forOutline(() => ({ current: headerNote })).load('current', ['regional-2']);
    const file = path.join(dir, 'table.pdf');
    fs.writeFileSync(file, await renderPdf(document, OPTIONS));
    const all = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
    expect(all).toContain('Notes 1. Academic hours of 45 minutes');
    expect(all.match(/Academic hours of 45 minutes/g)).toHaveLength(1);
  });
});

describe('footnotes in the HTML export', () => {
  let html: string;

  beforeAll(async () => {
    html = await renderHtml(master(), OPTIONS);
  });

  it('links each number to its note and each note back, every link landing on an id of the file', () => {
    expect(html).toContain('Migrant worker<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" aria-label="Note 1">1</a></sup> and returnee');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    for (const name of ['fn-1', 'fn-2', 'fn-3', 'fnref-1', 'fnref-2', 'fnref-3']) expect(targets).toContain(name);
    for (const target of targets) expect(ids).toContain(target);
    // Ids are unique across the master.
    const all = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
  });

  it('lists the notes at the end of their section, with their marks', () => {
    const regional = html.slice(html.indexOf('id="section-regional-1"'), html.indexOf('id="section-regional-2"'));
    expect(regional).toMatch(/<section class="footnotes" aria-labelledby="section-regional-1-notes"><h3 id="section-regional-1-notes">Notes<\/h3><ol>/);
    expect(regional).toContain('<li id="fn-1" value="1">Law No. 1 <strong>On migration</strong> of 2016 <a class="footnote-back" href="#fnref-1"');
    expect(regional).toContain('<li id="fn-2" value="2">Convention of 1990 <a');
    const kazakh = html.slice(html.indexOf('id="section-national-kz"'));
    expect(kazakh).toContain(`<li id="fn-3" value="3">${KAZAKH_NOTE} <a`);
  });

  it('marks a suggestion inside a note when suggestions are marked', async () => {
    const marked = await renderHtml(master(), { ...OPTIONS, suggestions: 'mark' });
    expect(marked).toMatch(/<li id="fn-2" value="2">Convention of 1990<ins class="suggestion"[^>]*>, article 5<\/ins>/);
    expect(html).not.toContain('article 5');
  });
});

describe('footnotes in the Markdown export', () => {
  let markdown: string;

  beforeAll(async () => {
    markdown = await renderMarkdown(master(), OPTIONS);
  });

  it('writes [^n] in the text and the definitions at the end of each section', () => {
    expect(markdown).toContain('Migrant worker[^1] and returnee[^2].');
    const regional = markdown.slice(markdown.indexOf('## 1.1 '), markdown.indexOf('## 1.2 '));
    expect(regional.trimEnd()).toMatch(/\[\^1\]: Law No\. 1 \*\*On migration\*\* of 2016\n\[\^2\]: Convention of 1990$/);
    const kazakh = markdown.slice(markdown.indexOf('## 2.1 '), markdown.indexOf('## 2.2 '));
    expect(kazakh).toContain('Kazakh law[^3].');
    expect(kazakh.trimEnd().endsWith(`[^3]: ${KAZAKH_NOTE}`)).toBe(true);
  });

  it('marks a suggestion inside a note in CriticMarkup when suggestions are marked', async () => {
    const marked = await renderMarkdown(master(), { ...OPTIONS, suggestions: 'mark' });
    expect(marked).toContain('[^2]: Convention of 1990{++, article 5++}');
  });
});


(hasSoffice ? describe : describe.skip)('footnotes in the DOCX export, converted by LibreOffice', () => {
  let dir: string;
  let pdfText: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'footnotes-lo-'));
    const docx = path.join(dir, 'notes.docx');
    fs.writeFileSync(docx, await renderDocx(master(), { ...OPTIONS, suggestions: 'omit' }));
    // A profile of its own, so parallel runs (and a desktop LibreOffice) do not clash.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 50_000 },
    );
    pdfText = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'notes.pdf'), '-'], { encoding: 'utf8' }));
  }, 60_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the notes as footnotes with their text', () => {
    expect(pdfText).toContain('Law No. 1 On migration of 2016');
    expect(pdfText).toContain('Convention of 1990');
    expect(pdfText).toContain(KAZAKH_NOTE);
    // The numbers LibreOffice gives are ours: 1 and 2 on the regional page, 3 on the Kazakh one.
    expect(pdfText).toMatch(/Migrant worker1 and returnee2\. 1 2 Law No\. 1 On migration of 2016 Convention of 1990 Page 3 of/);
    expect(pdfText).toContain(`Kazakh law3. 3 ${KAZAKH_NOTE} Page`);
  });
});
