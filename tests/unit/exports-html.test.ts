/** The HTML export: one standalone printable file, every string escaped, links only when safe. */
import { renderHtml } from '../../server/exports/html/html';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { RenderOptions } from '../../server/exports/model';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';

const OPTIONS: RenderOptions = { state: 'current', includeComments: true, includeApprovalRecord: true, locale: 'en' };

describe('the HTML export', () => {
  let html: string;

  beforeAll(async () => {
    const source = MemoryMasterSource.forOutline(() => ({
      current: richSectionJSON(),
      openComments: [{ quote: 'Тоҷикӣ', body: 'Check the spelling', author: 'Farida', createdAt: '2026-09-01T09:00:00Z', replies: [] }],
    }));
    html = await renderHtml(source.load('current'), OPTIONS);
  });

  it('is a standalone document in the export language with its own print styles', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[^]*@media print[^]*\.section, \.appendix \{ break-before: page; \}[^]*<\/style>/);
    expect(html).not.toMatch(/<link |<script|src=/);
  });

  it('holds every script sample and the rich content’s structure', () => {
    for (const sample of Object.values(SCRIPT_SAMPLES)) expect(html).toContain(sample);
    expect(html).toContain('<table><thead><tr><th><p>Тема</p></th><th><p>Часы</p></th></tr></thead><tbody>');
    expect(html).toMatch(/<ul><li><p>Қазақ тілі<\/p><ol><li><p>Türkmen dili<\/p><\/li>/);
    expect(html).toContain(`<h3>${SCRIPT_SAMPLES.russian}</h3>`);
    expect(html).toContain(`<h5>${SCRIPT_SAMPLES.kyrgyz}</h5>`);
    expect(html).toContain('H<sub>2</sub>O, m<sup>2</sup>');
    expect(html).toContain(`<u>${SCRIPT_SAMPLES.uzbekLatin}</u>`);
    expect(html).toContain(`<s>${SCRIPT_SAMPLES.uzbekCyrillic}</s>`);
    expect(html).toContain('<a href="https://www.iom.int/" rel="noopener noreferrer nofollow">IOM</a>');
    expect(html).toContain(`<blockquote><p><strong><em>${SCRIPT_SAMPLES.english}</em></strong></p></blockquote>`);
  });

  it('has a title page and a table of contents whose anchors all lead somewhere', () => {
    expect(html).toMatch(/<header class="title-page">\s*<h1>International Migration Law and Return Migration<\/h1>/);
    const links = [...html.matchAll(/<nav class="toc".*?<\/nav>/gs)][0][0].match(/href="#([^"]+)"/g) ?? [];
    expect(links).toHaveLength(11);
    for (const link of links) expect(html).toContain(`id="${link.slice(7, -1)}"`);
  });

  it('lists open comments after their section', () => {
    expect(html).toMatch(/<aside class="comments"><h3>Open comments<\/h3><ol><li><blockquote>Тоҷикӣ<\/blockquote><p>Check the spelling<\/p>/);
  });
});
