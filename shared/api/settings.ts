/** Workspace settings (`GET /api/settings`; coordinators change them with `PATCH /api/settings`). */
import type { LanguageSettings } from '../languages';
import type { ReviewOrganisation } from '../workspace';

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
}

/**
 * `PATCH /api/settings`: at least one field; answered with the `WorkspaceSettings`. `languages`
 * is replaced whole; its source may change only while no section has a translation yet.
 */
export type SettingsChange = Partial<WorkspaceSettings>;
