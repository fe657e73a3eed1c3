/** Workspace settings coordinators change (`PATCH /api/settings`). */
import type { ReviewOrganisation } from '../workspace';

export interface WorkspaceSettings {
  /** The day the syllabus must be final, as YYYY-MM-DD (UTC). */
  deadline: string;
  /** The organisations whose approval makes a section approved; at least one. */
  requiredOrganisations: ReviewOrganisation[];
}

/** `PATCH /api/settings`: at least one field; answered with the `WorkspaceSettings`. */
export type SettingsChange = Partial<WorkspaceSettings>;
