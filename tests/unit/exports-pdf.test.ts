/**
 * The PDF export, read back with poppler's pdftotext, pdffonts and pdfinfo: every script's text
 * survives, DejaVu is embedded, and the pages have their numbers, bookmarks and links.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { RenderOptions } from '../../server/exports/model';
import { renderPdf } from '../../server/exports/pdf/pdf';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';

const OPTIONS: RenderOptions = { state: 'current', includeComments: true, includeApprovalRecord: true, locale: 'en' };
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-pdf-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function poppler(tool: string, pdf: Buffer, ...args: string[]): string {
  const file = path.join(dir, `${tool}-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

describe('the PDF export', () => {
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    const source = MemoryMasterSource.forOutline((outline) => ({
      current: richSectionJSON(),
      status: outline.part === 1 ? 'in_review' : 'draft',
      openComments: outline.id === 'regional-1' ? [{ quote: 'Тоҷикӣ', body: 'Тоҷикӣ or Тоҷики?', author: 'Фарида', createdAt: '2026-09-01T09:00:00Z', replies: [] }] : [],
    }));
    pdf = await renderPdf(source.load('current'), OPTIONS);
    text = poppler('pdftotext', pdf, '-enc', 'UTF-8');
  });

  it('holds the text of every script unchanged', () => {
    const flat = normalise(text);
    for (const sample of Object.values(SCRIPT_SAMPLES)) expect(flat).toContain(normalise(sample));
    expect(flat).toContain('Қазақ тілі');
    expect(flat).toContain('Oʻzbek tili');
  });

  it('embeds the DejaVu Sans faces it uses', () => {
    const fonts = poppler('pdffonts', pdf);
    for (const face of ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique', 'DejaVuSans-BoldOblique']) {
      expect(fonts).toMatch(new RegExp(`\\+${face}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
    }
    expect(fonts).not.toMatch(/Helvetica|Times/);
  });

  it('says what it is in its metadata', () => {
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/Title:\s+International Migration Law and Return Migration/);
    expect(info).toMatch(/Author:\s+IOM, TSPC/);
    expect(info).toMatch(/Page size:\s+595.28 x 841.89/);
  });

  it('numbers pages "Page X of Y" after the title page', () => {
    const pages = Number(poppler('pdfinfo', pdf).match(/Pages:\s+(\d+)/)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(13);
    const pageTexts = text.split('\f');
    expect(pageTexts[0]).not.toMatch(/Page \d+ of/);
    expect(pageTexts[1]).toContain(`Page 2 of ${pages}`);
    expect(pageTexts[pages - 1]).toContain(`Page ${pages} of ${pages}`);
  });

  it('has a title page with each section status and a contents page with page numbers', () => {
    const [title, contents] = text.split('\f').map(normalise);
    expect(title).toContain('International Migration Law and Return Migration');
    expect(title).toContain('Current drafts');
    expect(title).toMatch(/1\.1 Basic concepts and terminology of migration In review/);
    expect(title).toMatch(/2\.5 Uzbekistan: national legal norms and management experience Draft/);
    expect(contents).toMatch(/^Table of contents 1\.1 Basic concepts and terminology of migration 3 /);
    expect(contents).toMatch(/Approval record 13 Page 2 of 13$/);
  });

  it('starts each section on its own page, with a bookmark and a contents link', () => {
    const pages = text.split('\f');
    expect(pages[2]).toMatch(/^1\.1 Basic concepts/);
    expect(pages[11]).toMatch(/^2\.5 Uzbekistan/);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Outlines/);
    expect(raw.match(/\/Dest \[/g)?.length ?? 0).toBeGreaterThanOrEqual(11);
    expect(raw).toMatch(/\/S \/GoTo/);
  });

  it('makes links clickable', () => {
    expect(pdf.toString('latin1')).toMatch(/\/URI \(https:\/\/www\.iom\.int\/\)/);
  });

  it('draws the table header, the cells, the blockquote and the open comments as text in order', () => {
    const section = normalise(text.split('\f')[2]);
    expect(section).toMatch(/Тема\s+Часы/);
    expect(section.indexOf(SCRIPT_SAMPLES.english)).toBeLessThan(section.indexOf('Тема'));
    expect(section).toContain('Open comments');
    expect(section).toContain('Тоҷикӣ or Тоҷики?');
  });
});
