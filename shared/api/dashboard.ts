/** The workspace's home (`GET /api/dashboard`): every section's progress, and the deadline. */
import type { CountryGroup } from '../workspace';
import type { ApprovalState } from './reviews';
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
}

export interface DashboardOverview extends WorkspaceSettings {
  /** The server's today (UTC, YYYY-MM-DD), so that every browser counts days alike. */
  today: string;
  /** Whole days to the deadline; negative once it has passed. */
  daysLeft: number;
  sections: DashboardRow[];
}
