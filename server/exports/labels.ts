/**
 * The fixed strings of exported documents, in English, Russian and (#19) the five national
 * languages. A small catalogue of its own: an export is read by ministries and manual authors long
 * after the UI's wording has moved on. The national sets (kk, ky, tg, tk, uz) were written without
 * a native speaker and await the working groups' check (see the README).
 */
import type { LanguageCode } from '../../shared/languages';
import { NATIONAL_LABELS } from './national-labels';
import type { ExportLabels } from './label-set';
import type { ExportLocale, MasterDocument, RenderOptions } from './model';

export type { ExportLabels } from './label-set';

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
  languageVersion: 'English version',
  translationIncomplete: (stale, missing) =>
    `Incomplete translation: ${blocksEn(stale)} need${stale === 1 ? 's' : ''} updating, ${missing} not translated`,
  sectionIncomplete: 'translation incomplete',
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
  languageVersion: 'Версия на русском языке',
  // Counts after a colon: no verb has to agree with the number ("1 блок", "5 блоков").
  translationIncomplete: (stale, missing) => `Перевод неполный. Требуют обновления: ${blocksRu(stale)}. Не переведено: ${blocksRu(missing)}.`,
  sectionIncomplete: 'перевод неполный',
};

function blocksEn(n: number): string {
  return `${n} ${n === 1 ? 'block' : 'blocks'}`;
}

/** Russian number agreement: 1 блок, 2 блока, 5 блоков, 11 блоков, 21 блок. */
function blocksRu(n: number): string {
  const ten = n % 10;
  const hundred = n % 100;
  const form = ten === 1 && hundred !== 11 ? 'блок' : ten >= 2 && ten <= 4 && (hundred < 12 || hundred > 14) ? 'блока' : 'блоков';
  return `${n} ${form}`;
}

const CATALOGUE: Record<LanguageCode, ExportLabels> = { en, ru, ...NATIONAL_LABELS };

/** The labels in a language: the export's locale, or the language of the file's text. */
export function labelsFor(language: ExportLocale | LanguageCode): ExportLabels {
  return CATALOGUE[language];
}

/**
 * The labels a file is written with: the language of its text when the request named one (#19),
 * else the person's locale, as before language versions existed.
 */
export function documentLabels(document: Pick<MasterDocument, 'language'>, options: Pick<RenderOptions, 'locale'>): ExportLabels {
  return labelsFor(document.language?.code ?? options.locale);
}

/** A status name in the export's language; an unknown status is shown as stored. */
export function statusLabel(labels: ExportLabels, status: string): string {
  return labels.status[status] ?? status;
}
