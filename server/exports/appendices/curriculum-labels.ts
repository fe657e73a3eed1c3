/**
 * The fixed words of the syllabus data in exported files (#20): the totals rows and warnings of
 * hours and assessment tables, and the three appendices. Beside `labels.ts` rather than in it, so
 * the appendices can be built (and tested) without a whole file's labels. English and Russian; a
 * file in a national language uses the Russian words, as the rest of its labels do until the
 * working groups' catalogues exist.
 */
import { LANGUAGE_NAMES, type LanguageCode } from '../../../shared/languages';
import type { GlossaryStatus } from '../../../shared/api/glossary';
import type { HoursKind, MatrixFlag } from '../../../shared/curriculum';

export interface CurriculumLabels {
  /** The first cell of a table's totals row. */
  total: string;
  /** An hours table's totals row first cell: "Total: 36 h". */
  totalHours: (hours: string) => string;
  /** A number of hours or a weight as the reader's language writes decimals. */
  number: (value: number) => string;
  percent: (value: number) => string;
  /** Before a warning under a table. */
  warning: string;
  weightsNot100: (total: string) => string;
  badWeight: (items: string) => string;
  itemWithoutOutcome: (items: string) => string;
  badHours: (topics: string) => string;
  /** A row without words in its first cell, named in a warning. */
  unnamedRow: (row: number) => string;
  /** Column headers of the hours appendix: short, as a narrow column holds them unbroken. */
  hoursKinds: Record<HoursKind, string>;
  topic: string;
  module: string;
  appendix: (letter: string, title: string) => string;
  glossary: {
    title: string;
    empty: string;
    language: string;
    term: string;
    definition: string;
    source: string;
    status: string;
    statuses: Record<GlossaryStatus, string>;
    proposedBy: string;
    /** A language's name as the reader reads it ("Kazakh", "казахский"). */
    languageName: (lang: LanguageCode) => string;
  };
  matrix: {
    title: string;
    /** Before the list of the modules the matrix's columns stand for. */
    modules: string;
    empty: string;
    outcome: string;
    taughtBy: string;
    assessedBy: string;
    /** The matrix cell of a module that teaches the outcome: a sign in WGL4, which Arial draws too. */
    teaches: string;
    flagged: string;
    noneFlagged: string;
    flags: Record<MatrixFlag, string>;
  };
  hours: {
    title: string;
    empty: string;
    course: string;
    section: string;
  };
}

/** Decimals with the language's separator: "1.5" in English, "1,5" in Russian. */
const decimal = (separator: string) => (value: number) => String(Math.round(value * 100) / 100).replace('.', separator);

const en: CurriculumLabels = {
  total: 'Total',
  totalHours: (hours) => `Total: ${hours} h`,
  number: decimal('.'),
  percent: (value) => `${decimal('.')(value)} %`,
  warning: 'Warning:',
  weightsNot100: (total) => `the weights total ${total} %, not 100 %.`,
  badWeight: (items) => `the weight is not a number for: ${items}.`,
  itemWithoutOutcome: (items) => `no learning outcome is checked by: ${items}.`,
  badHours: (topics) => `some hours are not numbers (counted as 0) for: ${topics}.`,
  unnamedRow: (row) => `row ${row}`,
  hoursKinds: { lecture: 'Lecture', seminar: 'Seminar', practice: 'Practice', selfStudy: 'Self-study' },
  topic: 'Topic',
  module: 'Module',
  appendix: (letter, title) => `Appendix ${letter}. ${title}`,
  glossary: {
    title: 'Glossary',
    empty: 'The glossary has no entries yet.',
    language: 'Language',
    term: 'Term',
    definition: 'Definition',
    source: 'Source',
    status: 'Status',
    statuses: { proposed: 'Proposed, not yet approved', approved: 'Approved' },
    proposedBy: 'Proposed by',
    languageName: (lang) => LANGUAGE_NAMES[lang].en,
  },
  matrix: {
    title: 'Outcomes matrix',
    modules: 'Modules',
    empty: 'No section defines a learning outcome yet.',
    outcome: 'Learning outcome',
    taughtBy: 'Taught in',
    assessedBy: 'Assessed by',
    teaches: '●',
    flagged: 'Outcomes to look at',
    noneFlagged: 'Every learning outcome is taught in a module and checked by an assessment.',
    flags: { 'not-taught': 'no module teaches it', 'not-assessed': 'no assessment checks it' },
  },
  hours: {
    title: 'Course hours',
    empty: 'No section has an hours table yet.',
    course: 'Course total',
    section: 'Section total',
  },
};

const ru: CurriculumLabels = {
  total: 'Итого',
  totalHours: (hours) => `Итого: ${hours} ч`,
  number: decimal(','),
  percent: (value) => `${decimal(',')(value)} %`,
  warning: 'Внимание:',
  weightsNot100: (total) => `сумма весов ${total} %, а не 100 %.`,
  badWeight: (items) => `вес не является числом: ${items}.`,
  itemWithoutOutcome: (items) => `не проверяют ни одного результата обучения: ${items}.`,
  badHours: (topics) => `часы указаны не числом (считаются как 0): ${topics}.`,
  unnamedRow: (row) => `строка ${row}`,
  hoursKinds: { lecture: 'Лекции', seminar: 'Семинары', practice: 'Практика', selfStudy: 'Сам. работа' },
  topic: 'Тема',
  module: 'Модуль',
  appendix: (letter, title) => `Приложение ${letter}. ${title}`,
  glossary: {
    title: 'Глоссарий',
    empty: 'В глоссарии пока нет терминов.',
    language: 'Язык',
    term: 'Термин',
    definition: 'Определение',
    source: 'Источник',
    status: 'Статус',
    statuses: { proposed: 'Предложен, ещё не утверждён', approved: 'Утверждён' },
    proposedBy: 'Предложил(а)',
    languageName: (lang) => LANGUAGE_NAMES[lang].ru,
  },
  matrix: {
    title: 'Матрица результатов обучения',
    modules: 'Модули',
    empty: 'Ни в одном разделе пока нет результатов обучения.',
    outcome: 'Результат обучения',
    taughtBy: 'Изучается в',
    assessedBy: 'Проверяется',
    teaches: '●',
    flagged: 'Результаты, требующие внимания',
    noneFlagged: 'Каждый результат обучения изучается в модуле и проверяется оцениванием.',
    flags: { 'not-taught': 'не изучается ни в одном модуле', 'not-assessed': 'не проверяется ни одним заданием' },
  },
  hours: {
    title: 'Часы курса',
    empty: 'Ни в одном разделе пока нет таблицы часов.',
    course: 'Итого по курсу',
    section: 'Итого по разделу',
  },
};

/**
 * The words for an export's language (`ExportLabels.lang` or an `ExportLocale`): English when it is
 * English or not known (the master's own blocks hold no curriculum tables), else Russian.
 */
export function curriculumLabelsFor(lang: string | undefined): CurriculumLabels {
  return !lang || lang === 'en' || lang.startsWith('en-') ? en : ru;
}
