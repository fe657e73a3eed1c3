/**
 * The syllabus read as data (#20): the outcomes matrix (`GET /api/curriculum/matrix`), the hours
 * of each section and of the course (`GET /api/curriculum/hours`), and the five national sections'
 * texts under one heading of the common template (`GET /api/curriculum/compare?heading=<key>`).
 * Everyone signed in may read them; they are computed from the sections' current settled text.
 */
import type { HoursTotals } from '../curriculum';
import type { TemplateHeading } from './settings';

/** Why an outcome is flagged: no module teaches it, or no assessment item checks it. */
export type OutcomeFlag = 'not-taught' | 'not-assessed';

/** A Part 1 module: a column of the matrix. `number` is the section's number ("1.3"). */
export interface MatrixModule {
  id: string;
  number: string;
  title: string;
}

export interface MatrixOutcome {
  /** The section that defines the outcome. */
  section: string;
  /** The outcome block's id (where `/sections/<section>#<target>` leads); null until the editor gives it one. */
  target: string | null;
  /** "LO 1.2", "LO 2.3.1": drawn from document order, never stored. */
  number: string;
  text: string;
}

export interface MatrixRow {
  outcome: MatrixOutcome;
  /** Part 1 modules that define the outcome or refer to it outside an assessment table. */
  taughtBy: string[];
  /** Assessment items (a row of an assessment table, by its first cell) that check it. */
  assessedBy: { section: string; item: string }[];
  flags: OutcomeFlag[];
}

export interface OutcomesMatrix {
  modules: MatrixModule[];
  rows: MatrixRow[];
}

/** Contact hours by kind (`lecture`, `seminar`, `practice`, `selfStudy`) and `total`, their sum. */
export type { HoursTotals } from '../curriculum';

export interface SectionHours {
  section: string;
  /** "1.3", "2.1". */
  number: string;
  /** In the reader's language. */
  title: string;
  /** The sum of the section's hours tables (all zero when it has none). */
  totals: HoursTotals;
  /** How many of its hours tables there are, and how many cells could not be read as hours. */
  tables: number;
  errors: number;
}

export interface CourseHours {
  sections: SectionHours[];
  /** The sum over every section: what the master document shows. */
  course: HoursTotals;
}

/** One national section's text under the compared heading. */
export interface CountryText {
  section: string;
  /** The working group: KZ, KG, TJ, TM or UZ. */
  group: string;
  /** The section's title in the reader's language. */
  title: string;
  /**
   * `missing`: the section has no heading for this key; `empty`: it has one with nothing written
   * under it; `filled`: `html` holds what is written under it.
   */
  state: 'filled' | 'empty' | 'missing';
  /** The heading's own words as the country wrote them (null when missing). */
  heading: string | null;
  /** The heading's block id, for a link to it (null when missing or not yet given one). */
  target: string | null;
  /** The blocks under the heading as HTML made from the schema (text escaped, links checked); '' unless filled. */
  html: string;
}

export interface Comparison {
  /** The compared heading. */
  heading: TemplateHeading;
  /** Every heading of the template, in its order, for the chooser. */
  template: TemplateHeading[];
  /** One per national section, in master order. */
  countries: CountryText[];
}
