/** The Word export: real styles, numbering, tables, links and comments, read back from its XML. */
import { strFromU8, unzipSync } from 'fflate';
import { renderDocx } from '../../server/exports/docx/docx';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { RenderOptions } from '../../server/exports/model';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';

const OPTIONS: RenderOptions = { state: 'current', includeComments: true, includeApprovalRecord: true, locale: 'en' };

function unzip(buffer: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(buffer));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** The text of each paragraph of the body, in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

const richMaster = () =>
  MemoryMasterSource.forOutline((outline) => ({
    current: richSectionJSON(),
    openComments:
      outline.id === 'national-kz'
        ? [
            { quote: 'Türkmen dili', body: 'Is this the right name?', author: 'Aigerim Bekova', createdAt: '2026-09-02T10:00:00Z', replies: [{ body: 'Yes, it is.', author: 'Merdan Ataýew', createdAt: '2026-09-02T11:00:00Z' }] },
            { quote: 'a sentence deleted since', body: 'Where did it go?', author: 'Olga Ivanova', createdAt: '2026-09-03T10:00:00Z', replies: [] },
          ]
        : [],
  })).load('current');

describe('the DOCX export', () => {
  let files: Record<string, string>;
  let body: string;

  beforeAll(async () => {
    files = unzip(await renderDocx(richMaster(), OPTIONS));
    body = files['word/document.xml'];
  });

  it('holds the text of every script unchanged', () => {
    const text = paragraphs(body).join('\n');
    for (const sample of Object.values(SCRIPT_SAMPLES)) expect(text).toContain(sample);
  });

  it('gives section titles Heading 1 and content headings the levels below', () => {
    const styled = (style: string) => paragraphs(body.split(`<w:pStyle w:val="${style}"/>`).slice(1).map((rest) => `<w:p>${rest}`).join(''))[0];
    expect(body).toContain('<w:pStyle w:val="Heading1"/>');
    expect(styled('Heading1')).toBe('1.1 Basic concepts and terminology of migration');
    expect(styled('Heading2')).toBe(SCRIPT_SAMPLES.russian);
    expect(styled('Heading3')).toBe(SCRIPT_SAMPLES.kazakh);
    expect(styled('Heading4')).toBe(SCRIPT_SAMPLES.kyrgyz);
    expect(files['word/styles.xml']).toContain('w:styleId="Heading1"');
  });

  it('writes tables as real Word tables with a repeating, bold, shaded header row', () => {
    const table = body.match(/<w:tbl>(?:(?!<\/w:tbl>).)*Тема.*?<\/w:tbl>/s)?.[0] ?? '';
    expect(table).toContain('<w:tblBorders>');
    const [header, ...rows] = [...table.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((row) => row[0]);
    expect(header).toContain('<w:tblHeader/>');
    expect(header).toContain('w:fill="E7E6E6"');
    expect(header).toMatch(/<w:b\/>.*Тема/s);
    expect(rows).toHaveLength(2);
    expect(rows[0]).not.toContain('<w:tblHeader/>');
    expect(rows[1]).toContain(SCRIPT_SAMPLES.turkmen);
  });

  it('numbers lists with Word numbering, nested lists one level down', () => {
    const item = (text: string) => body.match(new RegExp(`<w:p>(?:(?!<w:p>).)*?<w:numPr><w:ilvl w:val="(\\d)"/><w:numId w:val="(\\d+)"/>(?:(?!<w:p>).)*?${text}`, 's'));
    const outer = item('Қазақ тілі');
    const inner = item('Türkmen dili');
    expect(outer?.[1]).toBe('0');
    expect(inner?.[1]).toBe('1');
    expect(outer?.[2]).not.toBe(inner?.[2]);
    const numbering = files['word/numbering.xml'];
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
  });

  it('writes marks as run properties', () => {
    const run = (text: string) => body.match(new RegExp(`<w:r><w:rPr>((?:(?!<w:r>).)*?)</w:rPr><w:t[^>]*>${text}`, 's'))?.[1] ?? '';
    expect(run(SCRIPT_SAMPLES.tajik)).toContain('<w:b/>');
    expect(run(SCRIPT_SAMPLES.turkmen)).toContain('<w:i/>');
    expect(run(SCRIPT_SAMPLES.uzbekLatin)).toContain('<w:u w:val="single"/>');
    expect(run(SCRIPT_SAMPLES.uzbekCyrillic)).toContain('<w:strike/>');
    expect(body).toContain('<w:vertAlign w:val="subscript"/>');
    expect(body).toContain('<w:vertAlign w:val="superscript"/>');
    expect(body).toMatch(/<w:p>(?:(?!<\/w:p>).)*Türkmenistan<\/w:t><\/w:r><w:r><w:br\/><\/w:r>/s);
  });

  it('makes links Word hyperlinks to their target', () => {
    const id = body.match(/<w:hyperlink [^>]*r:id="([^"]+)"[^>]*>.*?IOM<\/w:t>/s)?.[1];
    expect(id).toBeDefined();
    expect(files['word/_rels/document.xml.rels']).toMatch(new RegExp(`Id="${id}"[^>]*Target="https://www.iom.int/"|Target="https://www.iom.int/"[^>]*Id="${id}"`));
  });

  it('has a title page, a table of contents field already filled in with page numbers, and page numbers', () => {
    const all = paragraphs(body);
    expect(body).toContain('<w:pStyle w:val="Title"/>');
    expect(all.slice(0, 5)).toContain('Current drafts');
    expect(body).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(body).toMatch(/<w:pStyle w:val="TOC1"\/>.*?2\.5 Uzbekistan: national legal norms and management experience/s);
    // Each entry's page number is written in (PAGEREF's cached result), and the field is clean, so
    // Word opens the file without asking to update fields and readers that never do show the numbers.
    const entries = [...body.matchAll(/PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => Number(m[1]));
    expect(entries.length).toBeGreaterThanOrEqual(10);
    expect(entries[0]).toBeGreaterThanOrEqual(3);
    expect(entries).toEqual([...entries].sort((a, b) => a - b));
    expect(body).not.toContain('w:dirty="true"');
    expect(files['word/settings.xml']).not.toContain('updateFields');
    const footer = Object.entries(files).find(([name, xml]) => name.startsWith('word/footer') && xml.includes('PAGE'))?.[1] ?? '';
    expect(footer).toMatch(/Page .*PAGE.* of .*NUMPAGES/s);
  });

  it('sets one typeface for every script in all four font slots of the default run', () => {
    const defaults = files['word/styles.xml'].match(/<w:rPrDefault>.*?<\/w:rPrDefault>/s)?.[0] ?? '';
    for (const slot of ['ascii', 'hAnsi', 'cs', 'eastAsia']) expect(defaults).toContain(`w:${slot}="Arial"`);
    expect(body).not.toContain('<w:rFonts');
  });

  it('turns open threads into Word comments at their quote, or at the heading when the quote is gone', () => {
    const comments = files['word/comments.xml'];
    const id = comments.match(/<w:comment w:id="(\d+)"[^>]*w:author="Aigerim Bekova"/)?.[1];
    const replyId = comments.match(/<w:comment w:id="(\d+)"[^>]*w:author="Merdan Ataýew"/)?.[1];
    expect(comments).toContain('Is this the right name?');
    expect(files['word/commentsExtended.xml']).toContain('w15:paraIdParent');
    const anchored = new RegExp(`<w:commentRangeStart w:id="${id}"/>(?:<w:commentRangeStart w:id="${replyId}"/>)?<w:r><w:t[^>]*>Türkmen dili</w:t></w:r><w:commentRangeEnd w:id="${id}"/>`);
    expect(body).toMatch(anchored);
    const lost = comments.match(/<w:comment w:id="(\d+)"[^>]*w:author="Olga Ivanova"/)?.[1];
    expect(comments).toContain('On “a sentence deleted since”');
    expect(body).toMatch(new RegExp(`<w:pStyle w:val="Heading1"/>.*?<w:commentRangeStart w:id="${lost}"/><w:r><w:t[^>]*>2.1 Kazakhstan`, 's'));
  });

  it('leaves comments out when they are not asked for', async () => {
    const files = unzip(await renderDocx(richMaster(), { ...OPTIONS, includeComments: false }));
    expect(files['word/document.xml']).not.toContain('commentRangeStart');
    expect(files['word/comments.xml'] ?? '').not.toContain('Is this the right name?');
  });
});
