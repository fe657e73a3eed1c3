/**
 * The workspace's home: every section with its status, approvals per organisation, open comments,
 * last edit, word count, broken cross-references, a national section's conformance to the common
 * template (#20) and each language version's progress (#19), and the deadline with the days left.
 * Words, references, conformance and the approval are read from the settled text: open
 * suggestions are not counted, nor do they make an approval stale.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { DashboardOverview, DashboardRow, DashboardTranslation } from '../../shared/api/dashboard';
import type { TemplateHeading } from '../../shared/api/settings';
import type { TemplateState } from '../../shared/api/sections';
import { templateConformance } from '../../shared/curriculum';
import { schema } from '../../shared/schema';
import type { Comments } from './comments';
import type { People } from './people';
import { References } from './references';
import type { Reviews } from './reviews';
import type { ContentSnapshot, SectionContent } from './section-content';
import type { Section, Sections } from './sections';
import type { Settings } from './settings';
import { countOpenSuggestions } from './suggestions';
import type { Translations } from './translations';

const DAY_MS = 86_400_000;

/** Whole days from today (UTC) to the deadline day; negative once it has passed. */
export function daysUntil(deadline: string, today: Date): number {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - start) / DAY_MS);
}

/** Each text parsed once: the sections list and the dashboard read every national section. */
const parsed = new WeakMap<ContentSnapshot, ProseMirrorNode>();

/**
 * How a national section follows the common template, read from its settled text (a suggested
 * heading is not there yet); null for a regional module, which no template binds.
 */
export function templateStateOf(
  content: Pick<SectionContent, 'snapshot'>,
  template: readonly TemplateHeading[],
  section: Pick<Section, 'id' | 'part'>,
): TemplateState | null {
  if (section.part !== 2) return null;
  const snapshot = content.snapshot(section.id);
  let doc = parsed.get(snapshot);
  if (!doc) {
    doc = schema.nodeFromJSON(snapshot.settled.json);
    parsed.set(snapshot, doc);
  }
  const { required, present, filled, missing } = templateConformance(template, doc);
  return { required, present, filled, missing };
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
      /** Each language version's progress (#19); without it the rows list no languages. */
      translations?: Pick<Translations, 'status'>;
    },
  ) {
    this.references = deps.references ?? new References(deps);
  }

  /**
   * `index`: every target of the workspace, and `template` the national template, when the caller
   * builds rows for many sections.
   */
  row(section: Section, openComments?: number, index = this.references.index(), template = this.deps.settings.nationalTemplate()): DashboardRow {
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
      template: templateStateOf(this.deps.content, template, section),
      translations: this.translationsOf(section),
    };
  }

  /** Per target language: blocks translated and current, needing an update, not translated. */
  private translationsOf(section: Section): DashboardTranslation[] {
    // Asking with no target language would still give the source its block ids: a write no one needs.
    if (!this.deps.translations || this.deps.settings.languages().targets.length === 0) return [];
    return this.deps.translations.status(section.id).map((progress) => ({
      lang: progress.lang,
      blocks: progress.blocks,
      current: progress.current,
      stale: progress.stale,
      missing: progress.missing,
    }));
  }

  overview(now = new Date()): DashboardOverview {
    const settings = this.deps.settings.get();
    const open = this.deps.comments.openCounts();
    const index = this.references.index();
    return {
      ...settings,
      today: now.toISOString().slice(0, 10),
      daysLeft: daysUntil(settings.deadline, now),
      sections: this.deps.sections.list().map((section) => this.row(section, open.get(section.id) ?? 0, index, settings.nationalTemplate)),
    };
  }
}
