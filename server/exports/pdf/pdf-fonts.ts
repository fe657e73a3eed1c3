/**
 * The PDF's fonts: DejaVu Sans in four faces, embedded (subset) in every file. It covers Cyrillic
 * with the Kazakh, Kyrgyz, Tajik and Uzbek letters and Latin with the Turkmen and Uzbek ones
 * (ç ä ž ň ö ş ü ý, oʻ gʻ), so no script of the working groups falls back to missing glyphs.
 */
import fs from 'node:fs';
import path from 'node:path';

export const FACES = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  italic: 'DejaVuSans-Oblique',
  boldItalic: 'DejaVuSans-BoldOblique',
} as const;

/** DejaVu Sans' vertical metrics (hhea, per em), the same in all four faces. */
export const ASCENT = 0.928;
export const DESCENT = 0.236;

let files: Map<string, Buffer> | null = null;

/** The font files, read once per process: an export should not wait on the disk for them. */
function fontFiles(): Map<string, Buffer> {
  if (files) return files;
  const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  files = new Map(Object.values(FACES).map((face) => [face, fs.readFileSync(path.join(dir, `${face}.ttf`))]));
  return files;
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [face, data] of fontFiles()) doc.registerFont(face, data);
  doc.font(FACES.regular);
}

export function faceFor(style: { bold: boolean; italic: boolean }): string {
  if (style.bold) return style.italic ? FACES.boldItalic : FACES.bold;
  return style.italic ? FACES.italic : FACES.regular;
}
