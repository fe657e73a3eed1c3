/** Workspace settings coordinators change (`PATCH /api/settings`). */
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
}

/** `PATCH /api/settings`: at least one field; answered with the `WorkspaceSettings`. */
export type SettingsChange = Partial<WorkspaceSettings>;
