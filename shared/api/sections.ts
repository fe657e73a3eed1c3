/**
 * The syllabus outline (`GET /api/sections`), one section's metadata (`GET /api/sections/:id`),
 * and the titles of the course, its parts and its sections (`GET`/`PATCH /api/outline`,
 * `PATCH /api/sections/:id`, coordinators), and a section's "suggestions only" (`PATCH
 * /api/sections/:id/suggestions-only`). Every title exists in English and Russian.
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
