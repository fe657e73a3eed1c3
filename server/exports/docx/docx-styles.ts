/**
 * Word's own styles and list numbering for the DOCX export: one typeface for every script, real
 * Heading 1–4 (so Word's navigation pane and table of contents work), a Hyperlink character
 * style, and bullet and decimal lists with nine nested levels.
 */
import {
  AlignmentType,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
  LevelFormat,
  UnderlineType,
} from 'docx';

/** Indent of one list level, and of one blockquote, in twentieths of a point. */
export const LEVEL_INDENT = 720;
export const HANGING = 360;

export const BULLET_REFERENCE = 'bullet';

/** The reference of the ordered-list definition that starts at `start` (ordered_list's `order`). */
export function orderedReference(start: number): string {
  return `ordered-from-${start}`;
}

const BULLETS = ['•', '◦', '▪'];
const ORDER_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

const indent = (level: number) => ({
  paragraph: { indent: { left: LEVEL_INDENT * (level + 1), hanging: HANGING } },
});

function bulletLevels(): ILevelsOptions[] {
  return LEVELS.map((level) => ({
    level,
    format: LevelFormat.BULLET,
    text: BULLETS[level % BULLETS.length],
    alignment: AlignmentType.LEFT,
    style: indent(level),
  }));
}

function orderedLevels(start: number): ILevelsOptions[] {
  return LEVELS.map((level) => ({
    level,
    format: ORDER_FORMATS[level % ORDER_FORMATS.length],
    text: `%${level + 1}.`,
    start,
    alignment: AlignmentType.LEFT,
    style: indent(level),
  }));
}

/** The numbering definitions a document needs: bullets, and one ordered list per start number. */
export function numberingFor(starts: Iterable<number>): INumberingOptions {
  const config = [{ reference: BULLET_REFERENCE, levels: bulletLevels() }];
  for (const start of new Set([1, ...starts])) config.push({ reference: orderedReference(start), levels: orderedLevels(start) });
  return { config };
}

/**
 * The document's one typeface, in all four of Word's font slots (Latin, high ANSI, complex and East
 * Asian), so no script falls back to a face of its own: Word otherwise picks the slot by character
 * and a Kazakh or Tajik letter can land in a different font from the Russian around it. Arial,
 * because every Word reader has it and its Cyrillic covers all the working groups' letters (ә ғ қ
 * ң ө ұ ү һ і ӣ ӯ ҳ ҷ ў, and Turkmen and Uzbek Latin ň ý ž ş ʻ); where it is missing, LibreOffice
 * draws it as Liberation Sans, made to Arial's widths and covering the same letters (checked with
 * fontconfig, `fc-list ':charset=04b7'`), so the pages break alike. DejaVu Sans, which the PDF
 * embeds, covers them too but few Word users have it, and Word would fall back per character.
 * It is also a font `estimatePageNumbers` has the widths of, so the contents' page numbers hold.
 */
export const DOCUMENT_FONT = 'Arial';

const heading = (size: number, before: number) => ({
  run: { size, bold: true, color: '17365D' },
  paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
});

export const DOCX_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { size: 22, font: { ascii: DOCUMENT_FONT, hAnsi: DOCUMENT_FONT, cs: DOCUMENT_FONT, eastAsia: DOCUMENT_FONT } },
      paragraph: { spacing: { after: 120 } },
    },
    title: { run: { size: 52, bold: true, color: '17365D' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 1200, after: 240 } } },
    heading1: heading(32, 0),
    heading2: heading(28, 240),
    heading3: heading(24, 200),
    heading4: { ...heading(22, 160), run: { size: 22, bold: true, italics: true, color: '17365D' } },
  },
  characterStyles: [
    {
      id: 'Hyperlink',
      name: 'Hyperlink',
      basedOn: 'DefaultParagraphFont',
      run: { color: '0563C1', underline: { type: UnderlineType.SINGLE } },
    },
  ],
};
