/**
 * Cross-references (#18) in every export: a reference shows its target's current number and title
 * (in the export's language), links to it when the file holds it (Word bookmarks and internal
 * hyperlinks, PDF named destinations, HTML anchors), stays plain text when the target's section is
 * not in the file, and says so when its target was deleted.
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

const text = (value: string) => ({ type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const reference = (section: string, target: string, label = '') => ({ type: 'cross_reference', attrs: { section, target, label } });
const cell = (type: 'table_header' | 'table_cell', value: string) => ({ type, content: [paragraph(text(value))] });

/** The first regional module has a heading and a table with ids; the Kazakh section points at them. */
function sections(outline: { id: string }) {
  if (outline.id === 'regional-1') {
    return {
      current: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 1, id: 'tterms0001' }, content: [text('Key terms')] },
          paragraph(text('Migrant, returnee.')),
          {
            type: 'table',
            attrs: { id: 'thours0001' },
            content: [
              { type: 'table_row', content: [cell('table_header', 'Hours'), cell('table_header', 'Topic')] },
              { type: 'table_row', content: [cell('table_cell', '4'), cell('table_cell', 'Terms')] },
            ],
          },
        ],
      },
    };
  }
  if (outline.id === 'national-kz') {
    return {
      current: {
        type: 'doc',
        content: [
          paragraph(
            text('See '),
            reference('regional-1', 'tterms0001', 'stale words'),
            text('; '),
            reference('regional-1', 'thours0001'),
            text('; '),
            reference('regional-1', 'section'),
            text('; '),
            reference('regional-3', 'tgone00001', 'Deleted heading'),
            text('.'),
          ),
        ],
      },
    };
  }
  return { current: { type: 'doc', content: [paragraph(text('Nothing to point at.'))] } };
}

const source = MemoryMasterSource.forOutline(sections);
const master = (sectionIds?: string[]): MasterDocument => source.load('current', sectionIds);
const OPTIONS: RenderOptions = { state: 'current', includeComments: false, includeApprovalRecord: false, locale: 'en' };
const HEADING = '1.1 Key terms';
const TABLE = '1.1, table 1: Hours';
const SECTION = '1.1 Basic concepts and terminology of migration';
const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

async function docxBody(document: MasterDocument, options = OPTIONS): Promise<string> {
  return strFromU8(unzipSync(new Uint8Array(await renderDocx(document, options)))['word/document.xml']);
}

/** The text of the Kazakh section's paragraph of references, from a document.xml. */
const wordText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('cross-references in the DOCX export', () => {
  let body: string;

  beforeAll(async () => {
    body = await docxBody(master());
  });

  it('puts bookmarks around the heading, the table’s first cell and the section title', () => {
    expect(body).toMatch(/<w:bookmarkStart w:name="ref_regional_1_tterms0001" w:id="(\d+)"\/><w:r><w:t xml:space="preserve">Key terms<\/w:t><\/w:r><w:bookmarkEnd w:id="\1"\/>/);
    expect(body).toMatch(/<w:bookmarkStart w:name="ref_regional_1_thours0001" w:id="(\d+)"\/><w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Hours<\/w:t><\/w:r><w:bookmarkEnd w:id="\1"\/>/);
    expect(body).toMatch(new RegExp(`<w:bookmarkStart w:name="ref_regional_1_section" w:id="(\\d+)"/><w:r><w:t xml:space="preserve">${SECTION}</w:t></w:r><w:bookmarkEnd w:id="\\1"/>`));
  });

  it('links each reference to its target’s bookmark, showing the target’s current number and title', () => {
    const link = (anchor: string, label: string) =>
      `<w:hyperlink w:history="1" w:anchor="${anchor}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">${label}</w:t></w:r></w:hyperlink>`;
    expect(body).toContain(link('ref_regional_1_tterms0001', HEADING));
    expect(body).toContain(link('ref_regional_1_thours0001', TABLE));
    expect(body).toContain(link('ref_regional_1_section', SECTION));
    expect(body).not.toContain('stale words');
    // Every link lands on a bookmark of the file.
    const names = new Set([...body.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]));
    for (const [, anchor] of body.matchAll(/<w:hyperlink [^>]*w:anchor="([^"]+)"/g)) expect(names).toContain(anchor);
  });

  it('marks a reference whose target was deleted, after the label it stored', () => {
    expect(wordText(body)).toContain('Deleted heading [reference target deleted].');
    expect(body).not.toContain('w:anchor="ref_regional_3');
  });

  it('names bookmarks as Word wants them, unique, even for long and odd ids', async () => {
    const long = 'a-very-long-section-identifier-made-by-someone';
    const odd = (target: string) => ({
      id: long,
      part: 2 as const,
      position: 9,
      title: 'Long',
      group: null,
      status: 'draft',
      openComments: [],
      current: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 1, id: `${target}-one` }, content: [text('One')] },
          { type: 'heading', attrs: { level: 1, id: `${target}_one` }, content: [text('Two')] },
          paragraph(reference(long, `${target}-one`), text(' '), reference(long, `${target}_one`)),
        ],
      },
    });
    const xml = await docxBody(new MemoryMasterSource([odd('target')]).load('current'));
    const names = [...xml.matchAll(/<w:bookmarkStart w:name="([^"]+)"/g)].map((m) => m[1]).filter((name) => !name.startsWith('_Toc'));
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
    const anchors = [...xml.matchAll(/w:anchor="([^"]+)"/g)].map((m) => m[1]).filter((name) => !name.startsWith('_Toc'));
    expect(anchors).toHaveLength(2);
    expect(new Set(anchors).size).toBe(2);
    for (const anchor of anchors) expect(names).toContain(anchor);
  });

  it('keeps the label as plain text when the target’s section is not in the file', async () => {
    const alone = await docxBody(master(['national-kz']));
    expect(wordText(alone)).toContain(`See ${HEADING}; ${TABLE}; ${SECTION}; Deleted heading [reference target deleted].`);
    expect(alone).not.toMatch(/w:anchor="ref_/);
  });

  it('writes the labels in Russian in a Russian export', async () => {
    const russian = wordText(await docxBody(master(['national-kz']), { ...OPTIONS, locale: 'ru' }));
    expect(russian).toContain('1.1, таблица 1: Hours');
    expect(russian).toContain('Deleted heading [объект ссылки удалён]');
  });
});

describe('cross-references in the PDF export', () => {
  let dir: string;
  const pdfText = (pdf: Buffer) => {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(file, pdf);
    return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  };

  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-references-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows current labels, links them to named destinations at the targets, and marks a broken one', async () => {
    const pdf = await renderPdf(master(), OPTIONS);
    expect(pdfText(pdf)).toContain(`See ${HEADING}; ${TABLE}; ${SECTION}; Deleted heading [reference target deleted].`);
    const raw = pdf.toString('latin1');
    for (const name of ['ref-regional-1-tterms0001', 'ref-regional-1-thours0001', 'section-regional-1']) {
      expect(raw).toMatch(new RegExp(`/S /GoTo\\s*/D \\(${name}\\)`));
      // The destination itself, in the document's name tree.
      expect(raw.split(`(${name})`).length).toBeGreaterThan(2);
    }
    expect(raw).not.toContain('tgone00001');
  });

  it('keeps the label plain when the target’s section is not in the file, in Russian too', async () => {
    const pdf = await renderPdf(master(['national-kz']), { ...OPTIONS, locale: 'ru' });
    expect(pdfText(pdf)).toContain(`See ${HEADING}; 1.1, таблица 1: Hours; ${SECTION}; Deleted heading [объект ссылки удалён].`);
    expect(pdf.toString('latin1')).not.toMatch(/\/S \/GoTo\s*\/D \(ref-/);
  });
});

describe('cross-references in the HTML export', () => {
  it('links each reference to an id on its target, every link landing in the file', async () => {
    const html = await renderHtml(master(), OPTIONS);
    expect(html).toContain('<h3 id="ref-regional-1-tterms0001">Key terms</h3>');
    expect(html).toContain('<table id="ref-regional-1-thours0001">');
    expect(html).toContain(`<a class="cross-reference" href="#ref-regional-1-tterms0001">${HEADING}</a>`);
    expect(html).toContain(`<a class="cross-reference" href="#ref-regional-1-thours0001">${TABLE}</a>`);
    expect(html).toContain(`<a class="cross-reference" href="#section-regional-1">${SECTION}</a>`);
    expect(html).toContain('<span class="cross-reference broken">Deleted heading <strong>[reference target deleted]</strong></span>');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
  });

  it('keeps the label plain when the target’s section is not in the file', async () => {
    const html = await renderHtml(master(['national-kz']), { ...OPTIONS, locale: 'ru' });
    expect(html).toContain('<span class="cross-reference">1.1, таблица 1: Hours</span>');
    expect(html).not.toContain('href="#ref-');
    expect(html).toContain('[объект ссылки удалён]');
  });
});

describe('cross-references in the Markdown export', () => {
  it('writes the current label as text, and marks a broken one', async () => {
    const markdown = await renderMarkdown(master(), OPTIONS);
    expect(markdown).toContain(`See ${HEADING}; ${TABLE}; ${SECTION}; Deleted heading \\[reference target deleted\\].`);
  });
});

describe('a source that cannot look references up', () => {
  it('shows the stored labels, unmarked', async () => {
    const document = MemoryMasterSource.forOutline(sections, { targets: false }).load('current', ['national-kz']);
    const html = await renderHtml(document, OPTIONS);
    expect(html).toContain('See <span class="cross-reference">stale words</span>');
    expect(html).toContain('<span class="cross-reference">Deleted heading</span>');
    expect(html).not.toContain('[reference target deleted]');
  });
});
