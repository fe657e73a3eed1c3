/** Workspace settings (`GET /api/settings`; coordinators change them with `PATCH /api/settings`). */
import type { LanguageSettings } from '../languages';
import type { ReviewOrganisation, Titles } from '../workspace';

/**
 * One heading every national (Part 2) section must have (#20). `key` is a short id (lower-case
 * letters, digits and "-", at most 32) that a section's heading carries in its `template`
 * attribute, so conformance does not depend on how a country words or translates the heading;
 * `title` is the heading's wording in English and Russian (1–120 characters each).
 */
export interface TemplateHeading {
  key: string;
  title: Titles;
}

/** The most headings a national template may have; at least one. */
export const MAX_TEMPLATE_HEADINGS = 20;
/** The longest heading title in either language. */
export const MAX_TEMPLATE_TITLE = 120;
/** A template heading's key: what a section's heading stores in its `template` attribute. */
export const TEMPLATE_KEY = /^[a-z0-9][a-z0-9-]{0,31}$/;

export interface WorkspaceSettings {
  /** The day the syllabus must be final, as YYYY-MM-DD (UTC). */
  deadline: string;
  /** The organisations whose approval makes a section approved; at least one. */
  requiredOrganisations: ReviewOrganisation[];
  /**
   * Whether members and leads of the other working groups may suggest on a country's own section
   * (#17); off by default. Regional modules are drafted by every group anyway.
   */
  otherGroupsSuggest: boolean;
  /**
   * The language the groups write in and the languages each section is translated into (#19);
   * Russian and none by default. A translation is served at `/collab/<sectionId>/<lang>`.
   */
  languages: LanguageSettings;
  /**
   * The headings every national section must have, in order (#20); coordinators change it with
   * `PATCH /api/settings {"nationalTemplate": [...]}` (replaced whole: 1–20 headings, keys
   * unique). A default for this syllabus until they do.
   */
  nationalTemplate: TemplateHeading[];
}

/**
 * `PATCH /api/settings`: at least one field; answered with the `WorkspaceSettings`. `languages`
 * is replaced whole; its source may change only while no section has a translation yet.
 * `nationalTemplate` is replaced whole too; a heading list that breaks a rule is refused with 400
 * and a message naming the heading (`code` `bad-template`), and nothing is stored.
 */
export type SettingsChange = Partial<WorkspaceSettings>;
