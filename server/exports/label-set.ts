/** What every language's set of export labels holds (`labels.ts`, `national-labels.ts`). */
import type { TextState } from './model';

export interface ExportLabels {
  /** BCP 47 tag for dates and the HTML lang attribute. */
  lang: string;
  subtitle: string;
  author: string;
  textState: Record<TextState, string>;
  generatedOn: (date: string) => string;
  sectionStatus: string;
  tableOfContents: string;
  approvalRecord: string;
  noApprovals: string;
  draftNotApproved: string;
  /** After the status of a section left out of an "approved texts only" file. */
  notIncluded: string;
  staleApproval: string;
  status: Record<string, string>;
  part: (part: number) => string;
  /** The parts' titles when the document brings none of its own (`MasterDocument.partTitles`). */
  partTitle: Record<1 | 2, string>;
  columns: { section: string; status: string; organisation: string; reviewer: string; decidedAt: string; version: string };
  openComments: string;
  commentOn: (quote: string) => string;
  reply: string;
  /** Who made a suggestion when the export was not told their name. */
  unnamedAuthor: (id: number) => string;
  /** An open suggestion's note (HTML title): "Suggested insertion: Aigerim Bekova, 2 September 2026". */
  suggestion: (kind: 'insertion' | 'deletion', author: string, date: string | null) => string;
  /** "Page X of Y" split around the two numbers, so formats with page fields can put fields in. */
  pageOf: [before: string, between: string, after: string];
  /** The heading of a section's footnotes where they are end notes (PDF, HTML). */
  notes: string;
  /** A footnote's number as a link, for screen readers ("Note 3"). */
  noteNumber: (n: number) => string;
  /** The link from a note back to where it is referenced. */
  backToText: (n: number) => string;
  /** After the stored label of a cross-reference whose target is deleted. */
  brokenReference: string;
  /** The title page's note of the file's language, named in itself ("English version"). */
  languageVersion: string;
  /** The title page of a translation that lags its source (#19). */
  translationIncomplete: (stale: number, missing: number) => string;
  /** After a lagging section's heading and contents entry. */
  sectionIncomplete: string;
}
