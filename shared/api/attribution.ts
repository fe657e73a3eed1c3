/** Who wrote which passage of a section (`GET /api/sections/:id/attribution`). */

/** A stretch of text written by one person (null: written before authors were recorded). */
export interface AttributedRun {
  text: string;
  personId: number | null;
}

/** A text block named as in document diffs (heading, paragraph, bullet item, table cell, ...). */
export interface AttributedBlock {
  kind: string;
  level: number | null;
  runs: AttributedRun[];
}

/** One author's share of the section's text. */
export interface AuthorShare {
  id: number;
  name: string;
  colour: string;
  characters: number;
}

export interface Attribution {
  blocks: AttributedBlock[];
  /** Most characters first. */
  people: AuthorShare[];
}
