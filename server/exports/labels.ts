/**
 * The fixed strings of exported documents, in English and Russian. A small catalogue of its own:
 * an export is read by ministries and manual authors long after the UI's wording has moved on.
 */
import type { ExportLocale, TextState } from './model';

export interface ExportLabels {
  /** BCP 47 tag for dates and the HTML lang attribute. */
  lang: string;
  subtitle: string;
  author: string;
  textState: Record<TextState, string>;
  generatedOn: (date: string) => string;
  sectionStatus: string;
  tableOfContents: string;
  approvalRecord: string;
  noApprovals: string;
  draftNotApproved: string;
  /** After the status of a section left out of an "approved texts only" file. */
  notIncluded: string;
  staleApproval: string;
  status: Record<string, string>;
  part: (part: number) => string;
  /** The parts' titles when the document brings none of its own (`MasterDocument.partTitles`). */
  partTitle: Record<1 | 2, string>;
  columns: { section: string; status: string; organisation: string; reviewer: string; decidedAt: string; version: string };
  openComments: string;
  commentOn: (quote: string) => string;
  reply: string;
  /** Who made a suggestion when the export was not told their name. */
  unnamedAuthor: (id: number) => string;
  /** An open suggestion's note (HTML title): "Suggested insertion: Aigerim Bekova, 2 September 2026". */
  suggestion: (kind: 'insertion' | 'deletion', author: string, date: string | null) => string;
  /** "Page X of Y" split around the two numbers, so formats with page fields can put fields in. */
  pageOf: [before: string, between: string, after: string];
  /** The heading of a section's footnotes where they are end notes (PDF, HTML). */
  notes: string;
  /** A footnote's number as a link, for screen readers ("Note 3"). */
  noteNumber: (n: number) => string;
  /** The link from a note back to where it is referenced. */
  backToText: (n: number) => string;
  /** After the stored label of a cross-reference whose target is deleted. */
  brokenReference: string;
}

const en: ExportLabels = {
  lang: 'en',
  subtitle: 'Regional course syllabus',
  author: 'IOM, TSPC and the national working groups of Central Asia',
  textState: { current: 'Current drafts', approved: 'Approved texts' },
  generatedOn: (date) => `Exported on ${date}`,
  sectionStatus: 'Status of sections',
  tableOfContents: 'Table of contents',
  approvalRecord: 'Approval record',
  noApprovals: 'No section has been approved yet.',
  draftNotApproved: 'Draft — not yet approved',
  notIncluded: 'not included: no approved text yet',
  staleApproval: 'changed after approval',
  status: {
    draft: 'Draft',
    in_review: 'In review',
    changes_requested: 'Changes requested',
    approved: 'Approved',
  },
  part: (part) => `Part ${part}`,
  partTitle: { 1: 'Unified theoretical framework', 2: 'National legal norms' },
  columns: {
    section: 'Section',
    status: 'Status',
    organisation: 'Organisation',
    reviewer: 'Reviewer',
    decidedAt: 'Approved on',
    version: 'Version',
  },
  openComments: 'Open comments',
  commentOn: (quote) => `On “${quote}”`,
  reply: 'Reply',
  unnamedAuthor: (id) => `Participant ${id}`,
  suggestion: (kind, author, date) => `${kind === 'insertion' ? 'Suggested insertion' : 'Suggested deletion'}: ${author}${date ? `, ${date}` : ''}`,
  pageOf: ['Page ', ' of ', ''],
  notes: 'Notes',
  noteNumber: (n) => `Note ${n}`,
  backToText: (n) => `Back to the text of note ${n}`,
  brokenReference: '[reference target deleted]',
};

const ru: ExportLabels = {
  lang: 'ru',
  subtitle: 'Региональная программа курса',
  author: 'МОМ, ЦПТШ и национальные рабочие группы Центральной Азии',
  textState: { current: 'Текущие редакции', approved: 'Утверждённые тексты' },
  generatedOn: (date) => `Экспортировано ${date}`,
  sectionStatus: 'Состояние разделов',
  tableOfContents: 'Содержание',
  approvalRecord: 'Лист утверждения',
  noApprovals: 'Ни один раздел ещё не утверждён.',
  draftNotApproved: 'Черновик — ещё не утверждён',
  notIncluded: 'не включён: утверждённого текста ещё нет',
  staleApproval: 'изменён после утверждения',
  status: {
    draft: 'Черновик',
    in_review: 'На рассмотрении',
    changes_requested: 'Требуются изменения',
    approved: 'Утверждён',
  },
  part: (part) => `Часть ${part}`,
  partTitle: { 1: 'Единая теоретическая основа', 2: 'Национальные правовые нормы' },
  columns: {
    section: 'Раздел',
    status: 'Состояние',
    organisation: 'Организация',
    reviewer: 'Рецензент',
    decidedAt: 'Утверждено',
    version: 'Версия',
  },
  openComments: 'Открытые комментарии',
  commentOn: (quote) => `К тексту «${quote}»`,
  reply: 'Ответ',
  unnamedAuthor: (id) => `Участник ${id}`,
  suggestion: (kind, author, date) => `${kind === 'insertion' ? 'Предложено вставить' : 'Предложено удалить'}: ${author}${date ? `, ${date}` : ''}`,
  pageOf: ['Страница ', ' из ', ''],
  notes: 'Примечания',
  noteNumber: (n) => `Примечание ${n}`,
  backToText: (n) => `Назад к тексту примечания ${n}`,
  brokenReference: '[объект ссылки удалён]',
};

const CATALOGUE: Record<ExportLocale, ExportLabels> = { en, ru };

export function labelsFor(locale: ExportLocale): ExportLabels {
  return CATALOGUE[locale];
}

/** A status name in the export's language; an unknown status is shown as stored. */
export function statusLabel(labels: ExportLabels, status: string): string {
  return labels.status[status] ?? status;
}
