/**
 * The fixed shape of the regional syllabus: who takes part and which sections exist.
 * Everything here is data from the project brief; the database is seeded from it on first start.
 */

/** A title in both languages of the workspace: English, and Russian (the working lingua franca). */
export interface Titles {
  en: string;
  ru: string;
}

/** The title in `locale`; the English one while no Russian title is given. */
export function titleIn(titles: Titles, locale: string): string {
  return locale === 'ru' && titles.ru.trim() !== '' ? titles.ru : titles.en;
}

export const COURSE_TITLES: Titles = {
  en: 'International Migration Law and Return Migration',
  ru: 'Международное миграционное право и возвратная миграция',
};

export const COURSE_TITLE = COURSE_TITLES.en;

/** The parts' own titles, as their headings show them after "Part 1 —". */
export const PART_TITLES: Record<1 | 2, Titles> = {
  1: { en: 'Unified theoretical framework', ru: 'Единая теоретическая основа' },
  2: { en: 'National legal norms', ru: 'Национальные правовые нормы' },
};

/** The five national working groups, each drafting its own Part 2 section. */
export const COUNTRY_GROUPS = ['KZ', 'KG', 'TJ', 'TM', 'UZ'] as const;
/** The two organisations whose reviewers approve sections. */
export const REVIEW_ORGANISATIONS = ['IOM', 'TSPC'] as const;
export const GROUPS = [...COUNTRY_GROUPS, ...REVIEW_ORGANISATIONS] as const;

export type CountryGroup = (typeof COUNTRY_GROUPS)[number];
export type ReviewOrganisation = (typeof REVIEW_ORGANISATIONS)[number];
export type GroupCode = (typeof GROUPS)[number];

export const ROLES = ['member', 'lead', 'reviewer', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

export const SECTION_STATUSES = ['draft', 'in_review', 'changes_requested', 'approved'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const GROUP_NAMES: Record<GroupCode, string> = {
  KZ: 'Kazakhstan',
  KG: 'Kyrgyzstan',
  TJ: 'Tajikistan',
  TM: 'Turkmenistan',
  UZ: 'Uzbekistan',
  IOM: 'International Organization for Migration',
  TSPC: 'Tian Shan Policy Center',
};

/** The countries' names in Russian, for the Russian titles of their sections. */
const COUNTRY_NAMES_RU: Record<CountryGroup, string> = {
  KZ: 'Казахстан',
  KG: 'Кыргызстан',
  TJ: 'Таджикистан',
  TM: 'Туркменистан',
  UZ: 'Узбекистан',
};

export interface SectionOutline {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  titleRu: string;
  /** The owning working group; null for the regional modules drafted by all groups. */
  group: CountryGroup | null;
}

const REGIONAL_MODULES: Titles[] = [
  { en: 'Basic concepts and terminology of migration', ru: 'Основные понятия и терминология миграции' },
  {
    en: 'Global and regional cooperation of Central Asian states on migration',
    ru: 'Глобальное и региональное сотрудничество государств Центральной Азии в сфере миграции',
  },
  { en: 'Return migration (voluntary and forced)', ru: 'Возвратная миграция (добровольная и принудительная)' },
  {
    en: 'Assisted voluntary return and reintegration of migrant workers',
    ru: 'Содействие добровольному возвращению и реинтеграции трудовых мигрантов',
  },
  {
    en: 'Government powers and responsibilities in migration management',
    ru: 'Полномочия и ответственность государственных органов в управлении миграцией',
  },
];

/** The ten sections of the syllabus in master-document order. */
export const SYLLABUS_OUTLINE: SectionOutline[] = [
  ...REGIONAL_MODULES.map((titles, i) => ({
    id: `regional-${i + 1}`,
    part: 1 as const,
    position: i + 1,
    title: titles.en,
    titleRu: titles.ru,
    group: null,
  })),
  ...COUNTRY_GROUPS.map((group, i) => ({
    id: `national-${group.toLowerCase()}`,
    part: 2 as const,
    position: i + 1,
    title: `${GROUP_NAMES[group]}: national legal norms and management experience`,
    titleRu: `${COUNTRY_NAMES_RU[group]}: национальные правовые нормы и опыт управления`,
    group,
  })),
];

export function isCountryGroup(code: string): code is CountryGroup {
  return (COUNTRY_GROUPS as readonly string[]).includes(code);
}

export function isReviewOrganisation(code: string): code is ReviewOrganisation {
  return (REVIEW_ORGANISATIONS as readonly string[]).includes(code);
}
