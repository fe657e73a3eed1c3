/**
 * The two-column DOCX of a section's translation (#19): its title, a line with the counts, then a
 * table with the source on the left and the translation on the right, one row per source unit, a
 * narrow third column marking rows that need work (yellow: the source changed since; red: not
 * translated). Headings of the source are bold in both columns so the structure shows.
 */
import {
  AlignmentType,
  Document,
  type FileChild,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { LANGUAGE_NAMES, type LanguageCode } from '../../../shared/languages';
import { plainRuns, xmlSafe } from '../docx/docx-inline';
import type { ExportLocale } from '../model';
import type { BilingualRow, BilingualTable } from './bilingual-rows';

export interface BilingualDocument {
  /** "2.1 Kazakhstan: national legal norms", in the person's locale. */
  title: string;
  sourceLanguage: LanguageCode;
  targetLanguage: LanguageCode;
  table: BilingualTable;
  generatedAt: Date;
}

interface BilingualWords {
  column: (role: 'source' | 'translation', language: string) => string;
  status: string;
  stale: string;
  missing: string;
  counts: (blocks: number, stale: number, missing: number) => string;
  unlinked: string;
}

const WORDS: Record<ExportLocale, BilingualWords> = {
  en: {
    column: (role, language) => `${role === 'source' ? 'Source' : 'Translation'} (${language})`,
    status: 'Status',
    stale: 'Needs updating: the source changed',
    missing: 'Not translated',
    counts: (blocks, stale, missing) => `${blocks} blocks: ${stale} need updating, ${missing} not translated`,
    unlinked: 'Translation text linked to no source block',
  },
  ru: {
    column: (role, language) => `${role === 'source' ? 'Исходный текст' : 'Перевод'} (${language})`,
    status: 'Состояние',
    stale: 'Требует обновления: исходный текст изменён',
    missing: 'Не переведено',
    counts: (blocks, stale, missing) => `Блоков: ${blocks}. Требуют обновления: ${stale}. Не переведено: ${missing}.`,
    unlinked: 'Текст перевода, не связанный ни с одним блоком источника',
  },
};

/** A4 with 2 cm margins, landscape (docx turns the portrait size round): two columns of prose need the width. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.height - 2 * PAGE.margin;
const STATUS_WIDTH = 2000;
const TEXT_COLUMN = Math.floor((TEXT_WIDTH - STATUS_WIDTH) / 2);
const SHADE: Record<BilingualRow['status'], string | null> = { current: null, stale: 'FFF4CE', missing: 'FCE4E4' };

export async function renderBilingualDocx(document: BilingualDocument, locale: ExportLocale): Promise<Buffer> {
  const words = WORDS[locale];
  const name = (code: LanguageCode) => LANGUAGE_NAMES[code][locale];
  const { counts } = document.table;
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: plainRuns(document.title) }),
    new Paragraph({ spacing: { after: 240 }, children: plainRuns(words.counts(counts.blocks, counts.stale, counts.missing), { color: '555555' }) }),
  ];
  if (document.table.leading) {
    children.push(new Paragraph({ children: plainRuns(`${words.unlinked}: ${document.table.leading}`, { italics: true }) }));
  }
  const header = new TableRow({
    tableHeader: true,
    children: [words.column('source', name(document.sourceLanguage)), words.column('translation', name(document.targetLanguage)), words.status].map((text, index) =>
      cell([new Paragraph({ children: plainRuns(text, { bold: true }) })], index === 2 ? STATUS_WIDTH : TEXT_COLUMN, 'E7ECF3'),
    ),
  });
  const rows = document.table.rows.map((row) => {
    const shade = SHADE[row.status];
    const text = (value: string) => [new Paragraph({ children: plainRuns(value, { bold: row.kind === 'heading' }) })];
    const status = row.status === 'current' ? '' : row.status === 'stale' ? words.stale : words.missing;
    return new TableRow({
      cantSplit: false,
      children: [cell(text(row.source), TEXT_COLUMN, null), cell(text(row.translation), TEXT_COLUMN, shade), cell(text(status), STATUS_WIDTH, shade)],
    });
  });
  children.push(
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_COLUMN, TEXT_COLUMN, STATUS_WIDTH],
      rows: [header, ...rows],
    }),
  );
  const word = new Document({
    title: xmlSafe(document.title),
    styles: { default: { document: { run: { font: 'Arial', size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        children: [...children, new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: document.generatedAt.toISOString().slice(0, 10), color: '888888', size: 16 })] })],
      },
    ],
  });
  return Packer.toBuffer(word);
}

function cell(children: Paragraph[], width: number, shade: string | null): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: shade } } : {}),
    children,
  });
}
