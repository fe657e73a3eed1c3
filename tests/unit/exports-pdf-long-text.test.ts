/**
 * Long unbroken text in the PDF: a paragraph of megabytes, with or without spaces, is broken into
 * lines by measuring a line's worth at a time. Measuring a whole 3 MB run at once made pdfkit shape
 * three million glyphs in one go (25 s of a blocked server, most of it garbage collection).
 */
import PDFDocument from 'pdfkit';
import { registerFonts } from '../../server/exports/pdf/pdf-fonts';
import { BODY, type Line, layoutLines } from '../../server/exports/pdf/pdf-text';

const WIDTH = 400;

/** A document whose measurements are recorded: the length of every text it is asked to measure. */
function measuredDocument(): { doc: PDFKit.PDFDocument; lengths: number[] } {
  const doc = new PDFDocument();
  registerFonts(doc);
  const lengths: number[] = [];
  const widthOfString = doc.widthOfString.bind(doc);
  doc.widthOfString = (text: string, options?: PDFKit.Mixins.TextOptions) => {
    lengths.push(text.length);
    return widthOfString(text, options);
  };
  return { doc, lengths };
}

const textOf = (lines: Line[]) => lines.map((line) => line.fragments.map((fragment) => fragment.text).join('')).join('\n');

describe('a very long paragraph in the PDF', () => {
  it('cuts a 300 KB word between letters, a line at a time, every letter kept', () => {
    const { doc, lengths } = measuredDocument();
    const word = 'Қазақстан'.repeat(33_000);
    const lines = layoutLines(doc, [{ text: word, style: BODY }], WIDTH);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(257);
    expect(textOf(lines).replace(/\n/g, '')).toBe(word);
    expect(lines.every((line) => line.width <= WIDTH)).toBe(true);
    expect(lines.slice(0, -1).every((line) => line.width > WIDTH - 20)).toBe(true);
  });

  it('breaks 300 KB of words at spaces, measuring each word, never the run', () => {
    const { doc, lengths } = measuredDocument();
    const words = Array.from({ length: 30_000 }, (_, i) => ['migration', 'құқығы', 'Oʻzbekiston', 'law'][i % 4]).join(' ');
    const lines = layoutLines(doc, [{ text: words, style: BODY }], WIDTH);
    expect(Math.max(...lengths)).toBeLessThan(100);
    expect(textOf(lines).replace(/\n/g, ' ')).toBe(words);
    expect(lines.every((line) => line.width <= WIDTH)).toBe(true);
  });

  it('takes a run of a million spaces between two words as one space-wide gap at most', () => {
    const { doc, lengths } = measuredDocument();
    const lines = layoutLines(doc, [{ text: `before${' '.repeat(1_000_000)}after`, style: BODY }], WIDTH);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(257);
    expect(textOf(lines)).toBe('before\nafter');
  });
});
