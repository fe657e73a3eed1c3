/**
 * The syllabus outline (`GET /api/sections`), one section's metadata (`GET /api/sections/:id`),
 * and the titles of the course, its parts and its sections (`GET`/`PATCH /api/outline`,
 * `PATCH /api/sections/:id`, coordinators), and a section's "suggestions only" (`PATCH
 * /api/sections/:id/suggestions-only`). Every title exists in English and Russian. A national
 * section carries its conformance to the national template (#20), and starts from it with
 * `POST /api/sections/:id/template`.
 */
import type { CountryGroup, SectionStatus, Titles } from '../workspace';

export type { Titles };

/** What the viewer may do with a section, as the policy module says; the client only hides what would be refused. */
export interface SectionPermissions {
  edit: boolean;
  comment: boolean;
  submit: boolean;
  decide: boolean;
}

/** The contract shape `{id, part, position, title, group, status}` (DESIGN.md), plus what the pages show. */
export interface Section {
  id: string;
  part: 1 | 2;
  position: number;
  /** The title in the signed-in person's language (`PATCH /api/me {"locale"}`); English while no Russian one is given. */
  title: string;
  /** The title in both languages, for pages that follow the interface's language. */
  titles: Titles;
  /** The country group that drafts it; null for a regional module (every group drafts it). */
  group: CountryGroup | null;
  status: SectionStatus;
  /** Unresolved comment threads. */
  openComments: number;
  /**
   * "Suggestions only" (#17): while on, everyone who may edit the section suggests instead.
   * Its lead (and coordinators) turn it on and off with `PATCH /api/sections/:id/suggestions-only`.
   */
  suggestionsOnly: boolean;
  permissions: SectionPermissions;
  /**
   * How a national (Part 2) section follows the common national template (#20); null for a
   * regional module, which has none.
   */
  template: TemplateState | null;
}

/**
 * A national section against the template (`templateConformance` in shared/curriculum.ts):
 * `required` headings, `present` of them in the text, `filled` of those with text under them;
 * `missing` names the keys (`WorkspaceSettings.nationalTemplate`) with no heading.
 */
export interface TemplateState {
  required: number;
  present: number;
  filled: number;
  missing: string[];
}

/**
 * `POST /api/sections/:id/template` with `{}` (whoever may edit the section's text directly): puts
 * the template's missing headings at the end of a national section's text (level 2, in the source
 * language, each tied to its key and followed by an empty paragraph), as one change everyone
 * editing sees. 400 `not-national` for a regional module, 403 without the right to edit.
 */
export interface TemplateStarted {
  /** How many headings were added; 0 when none was missing. */
  added: number;
  template: TemplateState;
}

/** A title as the viewer reads it (their language) and in both languages. */
export interface LocalisedTitle {
  title: string;
  titles: Titles;
}

/** `GET /api/outline`: the titles above the sections (everyone who reads the workspace). */
export interface Outline {
  course: LocalisedTitle;
  parts: (LocalisedTitle & { part: 1 | 2 })[];
}

/** A new title in one language or both: each given one 1–300 characters, trimmed. */
export type TitlesChange = Partial<Titles>;

/** `PATCH /api/outline` (coordinators): the course's or a part's titles; answered with the `Outline`. */
export interface OutlineChange {
  course?: TitlesChange;
  part1?: TitlesChange;
  part2?: TitlesChange;
}

/**
 * `PATCH /api/sections/:id/suggestions-only` (the section's lead, coordinators): turns "suggestions
 * only" on or off; answered with the `Section`. Open connections follow at once.
 */
export interface SuggestionsOnlyChange {
  suggestionsOnly: boolean;
}

/** `PATCH /api/sections/:id` (coordinators): the section's titles; answered with the `Section`. */
export interface SectionChange {
  titles: TitlesChange;
}
