/** The workspace's home (`GET /api/dashboard`): every section's progress, and the deadline. */
import type { LanguageCode } from '../languages';
import type { CountryGroup } from '../workspace';
import type { ApprovalState } from './reviews';
import type { TemplateState } from './sections';
import type { WorkspaceSettings } from './settings';

/** A section as the dashboard shows it; also pushed live as 'section:updated'. */
export interface DashboardRow {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  group: CountryGroup | null;
  approval: ApprovalState;
  openComments: number;
  /** Open suggestions (#17) in the section's text. */
  openSuggestions: number;
  /** When the text was last edited and by whom (a name); null if never. */
  lastEdit: { at: string; by: string } | null;
  words: number;
  /**
   * Cross-references (#18) in the section's text whose target was deleted. Optional only until
   * the dashboard presenter copies it (then `number`, as the other counts).
   */
  brokenReferences: number;
  /** A national section's conformance to the common template (#20); null for a regional module. */
  template: TemplateState | null;
  /** Each target language's version of the section (#19), in the workspace's order; none without targets. */
  translations: DashboardTranslation[];
}

/**
 * One language version of a section, counted in source blocks (`GET /api/sections/:id/translations`
 * has the detail): `current` translated and current, `stale` needing an update, `missing` not
 * translated, of `blocks`.
 */
export interface DashboardTranslation {
  lang: LanguageCode;
  blocks: number;
  current: number;
  stale: number;
  missing: number;
}

export interface DashboardOverview extends WorkspaceSettings {
  /** The server's today (UTC, YYYY-MM-DD), so that every browser counts days alike. */
  today: string;
  /** Whole days to the deadline; negative once it has passed. */
  daysLeft: number;
  sections: DashboardRow[];
}
