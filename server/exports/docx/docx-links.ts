/**
 * What Word section content needs for footnotes and cross-references (#18): the notes collected for
 * the document's footnotes part, and bookmark names for the targets that references link to.
 *
 * Footnotes are Word's own (`w:footnoteReference` in the text, the note in `word/footnotes.xml`),
 * numbered continuously through the document as Word does by default; the id of each is its number
 * in the export (footnotes.ts), and Word shows numbers by the references' order, which is the same.
 */
import type { Paragraph } from 'docx';
import type { CrossReferences } from '../cross-references';
import { AnchorNames, sanitise } from '../cross-references';
import type { SectionFootnotes } from '../footnotes';
import type { ExportLabels } from '../labels';

/** The notes of the whole document, by id, for the Document's `footnotes` option. */
export class DocxFootnotes {
  readonly all: Record<string, { children: Paragraph[] }> = {};

  add(id: number, children: Paragraph[]): void {
    this.all[id] = { children };
  }
}

export interface DocxLinks {
  /** The id of the section being written: its targets' bookmarks are named after it. */
  section: string;
  notes: SectionFootnotes;
  references: CrossReferences;
  bookmarks: AnchorNames;
  footnotes: DocxFootnotes;
  labels: ExportLabels;
}

/** Word refuses a bookmark name longer than 40 characters. */
const BOOKMARK_LENGTH = 40;

/**
 * Word's bookmark names: letters, digits and `_`, starting with a letter, at most 40 characters;
 * `ref_<section>_<target>`, made unique by `AnchorNames` where cutting or replacing characters
 * makes two alike. (A name starting with `_` would be hidden in Word's bookmark list, as the
 * contents' `_Toc` bookmarks are; these are meant to be found.)
 */
export function bookmarkNames(): AnchorNames {
  const safe = (value: string) => sanitise(value, /[^A-Za-z0-9_]/g);
  return new AnchorNames((section, target) => `ref_${safe(section)}_${safe(target)}`, BOOKMARK_LENGTH);
}
