/** The dashboard: every section's progress, the deadline and the days left. */
import type { DashboardOverview, DashboardRow } from '../../../shared/api/dashboard';
import { presentApprovalState } from './reviews';
import { presentTemplateState } from './sections';
import { presentSettings } from './settings';

export function presentDashboardRow(row: DashboardRow): DashboardRow {
  return {
    id: row.id,
    part: row.part,
    position: row.position,
    title: row.title,
    group: row.group,
    approval: presentApprovalState(row.approval),
    openComments: row.openComments,
    openSuggestions: row.openSuggestions,
    lastEdit: row.lastEdit ? { at: row.lastEdit.at, by: row.lastEdit.by } : null,
    words: row.words,
    brokenReferences: row.brokenReferences ?? 0,
    template: row.template ? presentTemplateState(row.template) : null,
    translations: (row.translations ?? []).map((version) => ({
      lang: version.lang,
      blocks: version.blocks,
      current: version.current,
      stale: version.stale,
      missing: version.missing,
    })),
  };
}

export function presentDashboard(overview: DashboardOverview): DashboardOverview {
  return {
    ...presentSettings(overview),
    today: overview.today,
    daysLeft: overview.daysLeft,
    sections: overview.sections.map(presentDashboardRow),
  };
}
