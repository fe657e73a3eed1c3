/**
 * The cross-reference index (`GET /api/references`, #18): every target (a section, or one of its
 * headings and tables that has an id) of the sections the person may read, in master order, with
 * the number and title a reference to it shows. Section titles are in the person's language;
 * headings and tables in the words of their text.
 */
import type { ReferenceTarget } from '../references';

export type { ReferenceTarget, TargetKind } from '../references';

export interface ReferenceIndex {
  targets: ReferenceTarget[];
}
