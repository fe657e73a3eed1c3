/**
 * The workspace's home: every section with its status, approvals per organisation, open comments,
 * last edit, word count and broken cross-references, and the deadline with the days left. Words,
 * references and the approval are read from the settled text: open suggestions are not counted,
 * nor do they make an approval stale.
 */
import type { DashboardOverview, DashboardRow } from '../../shared/api/dashboard';
import type { Comments } from './comments';
import type { People } from './people';
import { References } from './references';
import type { Reviews } from './reviews';
import type { SectionContent } from './section-content';
import type { Section, Sections } from './sections';
import type { Settings } from './settings';
import { countOpenSuggestions } from './suggestions';

const DAY_MS = 86_400_000;

/** Whole days from today (UTC) to the deadline day; negative once it has passed. */
export function daysUntil(deadline: string, today: Date): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - start) / DAY_MS);
}

export class Dashboard {
  /** Broken references are counted against every section's targets. */
  private readonly references: References;

  constructor(
    private readonly deps: {
      sections: Sections;
      content: SectionContent;
      reviews: Reviews;
      comments: Comments;
      people: People;
      settings: Settings;
      /** The workspace's reference index; one of the dashboard's own when not shared. */
      references?: References;
    },
  ) {
    this.references = deps.references ?? new References(deps);
  }

  /** `index`: every target of the workspace, when the caller builds rows for many sections. */
  row(section: Section, openComments?: number, index = this.references.index()): DashboardRow {
    const snapshot = this.deps.content.snapshot(section.id);
    const editor = section.lastEditedBy ? this.deps.people.find(section.lastEditedBy) : null;
    return {
      id: section.id,
      part: section.part,
      position: section.position,
      title: section.title,
      group: section.group,
      approval: this.deps.reviews.state(section, snapshot.settled.hash),
      openComments: openComments ?? this.deps.comments.openCounts().get(section.id) ?? 0,
      openSuggestions: countOpenSuggestions(snapshot.json),
      lastEdit: section.lastEditedAt ? { at: section.lastEditedAt.toISOString(), by: editor?.name ?? '' } : null,
      words: snapshot.words,
      brokenReferences: this.references.brokenIn(section.id, index).length,
    };
  }

  overview(now = new Date()): DashboardOverview {
    const settings = this.deps.settings.get();
    const open = this.deps.comments.openCounts();
    const index = this.references.index();
    return {
      ...settings,
      today: now.toISOString().slice(0, 10),
      daysLeft: daysUntil(settings.deadline, now),
      sections: this.deps.sections.list().map((section) => this.row(section, open.get(section.id) ?? 0, index)),
    };
  }
}
