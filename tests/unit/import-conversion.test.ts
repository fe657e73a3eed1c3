/**
 * Converting a Word file on the conversion thread (mammoth, then sanitised HTML, then the shared
 * schema): what comes through, what is counted as lost, and refusals that cross the thread.
 */
import * as docx from 'docx';
import { WordConverter } from '../../server/imports/converter';
import { ImportRefused } from '../../server/imports/errors';

const { CommentReference, Document, EndnoteReferenceRun, ExternalHyperlink, HeadingLevel, ImageRun, InternalHyperlink, Bookmark, Packer, Paragraph, TextRun } = docx;
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const converter = new WordConverter({ idleMs: 1000 });
afterAll(() => converter.close());

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  text?: string;
  marks?: { type: string }[];
}
const textOf = (node: JsonNode): string => (node.text ?? '') + (node.content ?? []).map(textOf).join('');

test('links are kept only to web and e-mail addresses; deep headings become third-level; images and endnotes are counted', async () => {
  const file = await Packer.toBuffer(
    new Document({
      styles: { paragraphStyles: [{ id: 'Title', name: 'Title', run: { size: 40 } }] },
      endnotes: { 1: { children: [new Paragraph('Endnote text.')] } },
      sections: [
        {
          children: [
            new Paragraph({ text: 'The course', style: 'Title' }),
            new Paragraph({ children: [new Bookmark({ id: 'intro', children: [new TextRun('Intro')] })], heading: HeadingLevel.HEADING_4 }),
            new Paragraph({
              children: [
                new ExternalHyperlink({ link: 'mailto:tspc@example.org', children: [new TextRun('write')] }),
                new TextRun(' '),
                new ExternalHyperlink({ link: 'javascript:alert(1)', children: [new TextRun('click')] }),
                new TextRun(' '),
                new InternalHyperlink({ anchor: 'intro', children: [new TextRun('see intro')] }),
                new TextRun(' end'),
                new EndnoteReferenceRun(1),
              ],
            }),
            new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } })] }),
            new Paragraph({ children: [new TextRun('<script>alert(1)</script> stays text')] }),
          ],
        },
      ],
    }),
  );
  const conversion = await converter.convert(file, { author: 5, at: 1 });
  const blocks = conversion.blocks as JsonNode[];
  expect(blocks.map((block) => [block.type, block.attrs?.level ?? null, textOf(block)])).toEqual([
    ['heading', 1, 'The course'],
    ['heading', 3, 'Intro'],
    ['paragraph', null, 'write click see intro endEndnote text.'],
    ['paragraph', null, '<script>alert(1)</script> stays text'],
  ]);
  const links = blocks[2].content!.filter((node) => node.marks?.some((mark) => mark.type === 'link'));
  expect(links.map((node) => node.text)).toEqual(['write']);
  expect(blocks[2].content!.at(-1)).toMatchObject({ type: 'footnote', content: [{ type: 'text', text: 'Endnote text.' }] });
  expect(Object.fromEntries(conversion.lost.map((item) => [item.kind, item.count]))).toEqual({ image: 1, endnotes: 1, 'internal-links': 1, 'unsafe-links': 1 });
}, 90_000);

test('a comment with only a reference sign is anchored on its paragraph', async () => {
  const file = await Packer.toBuffer(
    new Document({
      comments: { children: [{ id: 3, author: 'Boris', children: [new Paragraph('Check.')] }] },
      sections: [{ children: [new Paragraph({ children: [new TextRun('Whole paragraph'), new TextRun({ children: [new CommentReference(3)] })] })] }],
    }),
  );
  const conversion = await converter.convert(file, { author: 5, at: 1 });
  expect(conversion.comments).toEqual([expect.objectContaining({ author: 'Boris', text: 'Check.', quote: 'Whole paragraph', from: 1, to: 16 })]);
}, 90_000);

test('a refusal on the thread arrives as the same refusal', async () => {
  await expect(converter.convert(Buffer.from('not a zip'), { author: 5, at: 1 })).rejects.toEqual(expect.any(ImportRefused));
  await expect(converter.convert(Buffer.from('not a zip'), { author: 5, at: 1 })).rejects.toMatchObject({ status: 415, code: 'not-docx' });
}, 90_000);
