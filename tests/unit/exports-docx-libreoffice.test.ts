/**
 * The Word file as a reader without Word sees it: LibreOffice converts it to PDF, and the PDF must
 * show the contents with page numbers (LibreOffice never updates fields, so they must be written
 * in, and be right) and every script in one typeface. Runs where `soffice` is installed (CI installs
 * it: libreoffice-writer-nogui).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDocx } from '../../server/exports/docx/docx';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';
import { hasSoffice } from '../support/libreoffice';


const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** Every section the rich sample; the second regional module long enough to run over five pages. */
function master() {
  const samples = Object.values(SCRIPT_SAMPLES);
  const long = Array.from({ length: 70 }, (_, i) => paragraph(`${i + 1}. ${samples[i % samples.length]} — ${samples[(i + 3) % samples.length]}.`));
  return MemoryMasterSource.forOutline((outline) => {
    const rich = richSectionJSON() as { type: string; content: unknown[] };
    return { current: outline.id === 'regional-2' ? { ...rich, content: [...rich.content, ...long] } : rich };
  }).load('current');
}

(hasSoffice ? describe : describe.skip)('the DOCX export, converted by LibreOffice', () => {
  let dir: string;
  let pages: string[];
  let fonts: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docx-lo-'));
    const docx = path.join(dir, 'master.docx');
    fs.writeFileSync(docx, await renderDocx(master(), { state: 'current', includeComments: true, includeApprovalRecord: true, locale: 'en' }));
    // A profile of its own, so parallel runs (and a desktop LibreOffice) do not clash.
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx],
      { stdio: 'ignore', timeout: 50_000 },
    );
    const pdf = path.join(dir, 'master.pdf');
    pages = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
    fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  }, 60_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the contents with the page each section really starts on', () => {
    const contents = pages.findIndex((page) => /^\s*Table of contents/m.test(page));
    expect(contents).toBeGreaterThan(0);
    const entries = [...pages[contents].matchAll(/^\s*(\d\.\d) .*?\.{3,}\s*(\d+)\s*$/gm)].map((m) => ({ number: m[1], page: Number(m[2]) }));
    expect(entries.map((entry) => entry.number)).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5']);
    for (const entry of entries) {
      // The page's first line is the section's heading (page numbers count from 1).
      expect(pages[entry.page - 1].trimStart().startsWith(`${entry.number} `)).toBe(true);
    }
    expect(entries[2].page - entries[1].page).toBeGreaterThan(3);
    expect(pages[contents]).toMatch(/Approval record\.{3,}\s*\d+/);
  });

  it('draws every script in one typeface: Arial, or its twin Liberation Sans', () => {
    const faces = fonts
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) expect(face).toMatch(/^(LiberationSans|Arial)(MT)?(-(Bold|Italic|BoldItalic))?$/);
    const text = pages.join('\n').replace(/\s+/g, ' ');
    for (const sample of Object.values(SCRIPT_SAMPLES)) expect(text).toContain(sample);
  });
});
