/**
 * The fixed shape of the regional syllabus: who takes part and which sections exist.
 * Everything here is data from the project brief; the database is seeded from it on first start.
 */

export const COURSE_TITLE = 'International Migration Law and Return Migration';

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

export interface SectionOutline {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  /** The owning working group; null for the regional modules drafted by all groups. */
  group: CountryGroup | null;
}

const REGIONAL_MODULES = [
  'Basic concepts and terminology of migration',
  'Global and regional cooperation of Central Asian states on migration',
  'Return migration (voluntary and forced)',
  'Assisted voluntary return and reintegration of migrant workers',
  'Government powers and responsibilities in migration management',
];

/** The ten sections of the syllabus in master-document order. */
export const SYLLABUS_OUTLINE: SectionOutline[] = [
  ...REGIONAL_MODULES.map((title, i) => ({
    id: `regional-${i + 1}`,
    part: 1 as const,
    position: i + 1,
    title,
    group: null,
  })),
  ...COUNTRY_GROUPS.map((group, i) => ({
    id: `national-${group.toLowerCase()}`,
    part: 2 as const,
    position: i + 1,
    title: `${GROUP_NAMES[group]}: national legal norms and management experience`,
    group,
  })),
];

export function isCountryGroup(code: string): code is CountryGroup {
  return (COUNTRY_GROUPS as readonly string[]).includes(code);
}

export function isReviewOrganisation(code: string): code is ReviewOrganisation {
  return (REVIEW_ORGANISATIONS as readonly string[]).includes(code);
}
