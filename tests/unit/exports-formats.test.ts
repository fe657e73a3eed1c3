/**
 * What every format must get right alike: the approved texts and not the drafts, drafts marked
 * as drafts, the approval record, Russian labels, and hostile strings kept as harmless text.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { renderExport } from '../../server/exports/formats';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import { EXPORT_FORMATS, type ExportFormat, type MasterDocument, type RenderOptions } from '../../server/exports/model';

const OPTIONS: RenderOptions = { state: 'approved', includeComments: true, includeApprovalRecord: true, locale: 'en' };

const doc = (...paragraphs: string[]) => ({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

/** All the text a reader gets from the file (for DOCX: the parts' XML, entities decoded). */
function readable(format: ExportFormat, file: Buffer): string {
  if (format === 'docx') {
    const parts = unzipSync(new Uint8Array(file));
    return Object.entries(parts)
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, data]) => strFromU8(data).replace(/<[^>]+>/g, ' '))
      .join(' ')
      .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
  }
  if (format === 'pdf') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-formats-'));
    try {
      fs.writeFileSync(path.join(dir, 'file.pdf'), file);
      return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'file.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return file.toString('utf8').replace(/\s+/g, ' ');
}

const APPROVAL = { organisation: 'IOM', reviewer: 'Dana Reviewer', decidedAt: '2026-09-12T07:45:00Z', versionHash: 'feedface0123456789abcdef' };

function twoTexts(): MasterDocument {
  return MemoryMasterSource.forOutline((outline) => ({
    current: doc(`Current draft text of ${outline.id}`),
    status: outline.id === 'regional-1' ? 'approved' : 'in_review',
    approved: outline.id === 'regional-1' ? { content: doc('Approved wording of the first module'), approvals: [APPROVAL, { ...APPROVAL, organisation: 'TSPC', reviewer: 'Timur' }] } : null,
  })).load('approved');
}

describe.each(EXPORT_FORMATS)('the %s export', (format) => {
  let text: string;

  beforeAll(async () => {
    text = readable(format, await renderExport(twoTexts(), format, OPTIONS));
  });

  it('holds the approved text of an approved section, not its current draft', () => {
    expect(text).toContain('Approved wording of the first module');
    expect(text).not.toContain('Current draft text of regional-1');
  });

  it('marks sections without an approved text as drafts', () => {
    expect(text).toContain('Current draft text of national-uz');
    expect(text.match(/Draft — not yet approved/g)).toHaveLength(9);
  });

  it('records who approved which version when', () => {
    expect(text).toContain('Approval record');
    expect(text).toContain('Dana Reviewer');
    expect(text).toContain('Timur');
    expect(text).toContain('2026-09-12 07:45 UTC');
    expect(text).toContain('feedface0123');
    expect(text).not.toContain('feedface01234');
  });

  it('writes its fixed labels in Russian when asked', async () => {
    const document = twoTexts();
    const russian = readable(format, await renderExport({ ...document, sections: document.sections.slice(0, 2) }, format, { ...OPTIONS, locale: 'ru' }));
    expect(russian).toContain('Утверждённые тексты');
    expect(russian).toContain('Черновик — ещё не утверждён');
    expect(russian).toContain('Лист утверждения');
    expect(russian).toContain('На рассмотрении');
  });
});

describe.each(EXPORT_FORMATS)('the %s export of approved texts without drafts', (format) => {
  let text: string;

  beforeAll(async () => {
    text = readable(format, await renderExport(twoTexts(), format, { ...OPTIONS, includeUnapproved: false }));
  });

  it('holds the approved sections and leaves the sections without an approved text out entirely', () => {
    expect(text).toContain('Approved wording of the first module');
    expect(text).not.toContain('Current draft text of');
    expect(text).not.toContain('Draft — not yet approved');
  });

  it('still lists every section on the title page, saying which are not included and why', () => {
    expect(text.match(/not included: no approved text yet/g)).toHaveLength(9);
    expect(text).toContain('2.5 Uzbekistan: national legal norms and management experience');
    expect(text).toContain('Part 2 — National legal norms');
  });
});

describe.each(EXPORT_FORMATS)('the %s export titles', (format) => {
  it('name the parts as the document names them, in its language', async () => {
    const document = { ...twoTexts(), partTitles: { 1: 'Общая теоретическая часть', 2: 'Национальные нормы права' } as Record<1 | 2, string> };
    const text = readable(format, await renderExport(document, format, { ...OPTIONS, locale: 'ru' }));
    expect(text).toContain('Часть 1 — Общая теоретическая часть');
    expect(text).toContain('Часть 2 — Национальные нормы права');
    expect(text).not.toContain('Единая теоретическая основа');
  });
});

describe('hostile strings', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror=alert(1)>';

  function hostile(): MasterDocument {
    return MemoryMasterSource.forOutline(
      (outline) => ({
        title: `${outline.id} ${IMG}`,
        current: {
          type: 'doc',
          content: [
            { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: SCRIPT }] },
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'bad link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)', title: IMG } }] },
                { type: 'text', text: ` ${IMG} control\u0001char` },
              ],
            },
          ],
        },
        openComments: [{ quote: SCRIPT, body: `${IMG} ${SCRIPT}`, author: `<b>${IMG}</b>`, createdAt: '2026-09-01T00:00:00Z', replies: [{ body: SCRIPT, author: IMG, createdAt: 'nonsense' }] }],
      }),
      { courseTitle: `Course ${SCRIPT}` },
    ).load('current');
  }

  it('come out of the HTML export as text, and unsafe links as plain text', async () => {
    const html = (await renderExport(hostile(), 'html', { ...OPTIONS, state: 'current' })).toString('utf8');
    expect(html).not.toMatch(/<script|<img|<b>|javascript:|onerror="/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Course &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toMatch(/<p>bad link &quot;&gt;&lt;img/);
  });

  it('come out of the DOCX export as escaped text, without the unsafe link or control characters', async () => {
    const parts = unzipSync(new Uint8Array(await renderExport(hostile(), 'docx', { ...OPTIONS, state: 'current' })));
    const xml = Object.fromEntries(Object.entries(parts).map(([name, data]) => [name, strFromU8(data)]));
    const all = Object.values(xml).join('\n');
    expect(all).not.toMatch(/<script|<img|javascript:/i);
    expect(all).not.toContain('\u0001');
    expect(xml['word/document.xml']).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml['word/document.xml']).toContain('controlchar');
    expect(xml['word/comments.xml']).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml['docProps/core.xml']).toContain('Course &lt;script&gt;');
    expect(xml['word/document.xml']).toMatch(/<w:t xml:space="preserve">bad link<\/w:t>/);
    expect(xml['word/document.xml']).not.toMatch(/<w:hyperlink[^>]*>(?:(?!<\/w:hyperlink>).)*bad link/s);
  });

  it('cannot become HTML in the Markdown export', async () => {
    const markdown = (await renderExport(hostile(), 'md', { ...OPTIONS, state: 'current' })).toString('utf8');
    expect(markdown).not.toMatch(/(?<!\\)<(script|img|b)|javascript:/i);
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
  });
});

describe('awkward content', () => {
  const p = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
  const cell = (type: string, text: string, attrs: Record<string, unknown> = {}) => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, ...attrs }, content: [p(text)] });
  const longTable = {
    type: 'table',
    content: [
      { type: 'table_row', content: [cell('table_header', 'Тема'), cell('table_header', 'Часы'), cell('table_header', 'Форма')] },
      { type: 'table_row', content: [cell('table_cell', 'spans two rows', { rowspan: 2 }), cell('table_cell', 'spans two columns', { colspan: 2 })] },
      { type: 'table_row', content: [cell('table_cell', 'b'), cell('table_cell', 'c')] },
      ...Array.from({ length: 70 }, (_, i) => ({ type: 'table_row', content: [cell('table_cell', `Row ${i + 1}`), cell('table_cell', String(i)), cell('table_cell', 'lecture')] })),
    ],
  };
  const awkward = {
    type: 'doc',
    content: [
      p(''),
      { type: 'paragraph', content: [{ type: 'hard_break' }, { type: 'text', text: 'https://example.org/'.padEnd(400, 'x') }] },
      { type: 'ordered_list', attrs: { order: 5 }, content: [{ type: 'list_item', content: [p('fifth'), { type: 'blockquote', content: [{ type: 'bullet_list', content: [{ type: 'list_item', content: [p('quoted item'), longTable] }] }] }] }] },
    ],
  };
  const master = () =>
    MemoryMasterSource.forOutline((outline) => ({
      current: outline.id === 'regional-2' ? { type: 'doc', content: [{ type: 'footnote', text: 'x' }, { type: 'paragraph', content: [{ type: 'text', text: 'kept from an unknown node' }] }] } : awkward,
    })).load('current', ['regional-1', 'regional-2']);

  const rendered = new Map<ExportFormat, Promise<string>>();
  const textOf = (format: ExportFormat) => {
    if (!rendered.has(format)) rendered.set(format, renderExport(master(), format, { ...OPTIONS, state: 'current' }).then((file) => readable(format, file)));
    return rendered.get(format)!;
  };

  it.each(EXPORT_FORMATS)('render in %s without losing text', async (format) => {
    const text = await textOf(format);
    expect(text).toContain('kept from an unknown node');
    expect(text).toContain('quoted item');
    expect(text).toContain('Row 70');
  });

  it('repeat the table header on each PDF page the table runs over', async () => {
    const text = await textOf('pdf');
    expect(text.match(/Тема Часы Форма/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe.each(EXPORT_FORMATS)('the %s export of text with control characters and content the schema refuses', (format) => {
  it('drops NUL and other control characters, keeps the words, and still renders', async () => {
    const master = MemoryMasterSource.forOutline((outline) => ({
      current:
        outline.id === 'regional-2'
          ? {
              type: 'doc',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'Before\u0000NUL\u0007bell\u001bescape after' }] },
                { type: 'heading', attrs: { level: 'two' }, content: [{ type: 'text', text: 'Poisoned heading' }] },
                { type: 'script', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept from an unknown node' }] }] },
              ],
            }
          : doc(`Text of ${outline.id}`),
      status: 'draft',
      approved: null,
    })).load('current');
    const file = await renderExport(master, format, { ...OPTIONS, state: 'current' });
    // eslint-disable-next-line no-control-regex -- the characters this test is about
    const control = /[\u0000\u0007\u001b]/;
    if (format === 'html' || format === 'md') expect(file.toString('utf8')).not.toMatch(control);
    const text = readable(format, file);
    expect(text).not.toMatch(control);
    expect(text).toContain('BeforeNULbellescape after');
    expect(text).toContain('Poisoned heading');
    expect(text).toContain('kept from an unknown node');
  });
});
