/**
 * Open suggestions (#17) as Word's tracked changes, so that a ministry can review them in Word
 * (Review → Accept / Reject): a suggested insertion is a `w:ins`, a suggested deletion a `w:del`,
 * each with its author's name and its date. Text someone proposed and someone proposed to delete
 * again is a `w:del` inside a `w:ins`, as Word writes it for a deleted insertion by another author.
 */
import { DeletedTextRun, InsertedTextRun, type IRunOptions, type ParagraphChild, TextRun } from 'docx';
import type { Mark } from 'prosemirror-model';
import { suggestionMark } from '../../../shared/suggestions';
import { suggestionAuthor, suggestionTime } from '../content';
import type { ExportLabels } from '../labels';
import type { MasterDocument } from '../model';

/** What Word's `w:ins` and `w:del` carry (the `docx` package's own type is not exported). */
interface Change {
  id: number;
  author: string;
  /** ISO 8601; absent when the suggestion does not say when it was made (Word then shows no date). */
  date: string;
}

/**
 * Word numbers comments, bookmarks and tracked changes from one pool of annotation ids. Comments
 * start at 100,000 (docx-comments.ts) above the table of contents' bookmarks; tracked changes start
 * far above both.
 */
const FIRST_ID = 1_000_000;

/** A `w:ins` whose run is itself deleted: text proposed, then proposed for deletion. */
class InsertedThenDeleted extends InsertedTextRun {
  constructor(insertion: Change, deletion: IRunOptions & Change) {
    super({ ...insertion, text: '' });
    // InsertedTextRun holds its attributes, then one plain run: that run becomes the deletion.
    this.root.splice(1, 1, new DeletedTextRun(deletion));
  }
}

export class DocxRevisions {
  private nextId = FIRST_ID;

  constructor(
    private readonly document: Pick<MasterDocument, 'authorNames'>,
    private readonly labels: ExportLabels,
  ) {}

  /**
   * The run for `run` with the marks it carries: a plain run, or a tracked insertion, deletion, or
   * deletion of an insertion. Each run gets an id of its own (Word merges neighbouring changes
   * of one author and date itself).
   */
  run(run: IRunOptions, marks: readonly Mark[]): ParagraphChild {
    const insertion = suggestionMark(marks, 'insertion');
    const deletion = suggestionMark(marks, 'deletion');
    if (insertion && deletion) return new InsertedThenDeleted(this.change(insertion), { ...run, ...this.change(deletion) });
    if (insertion) return new InsertedTextRun({ ...run, ...this.change(insertion) });
    if (deletion) return new DeletedTextRun({ ...run, ...this.change(deletion) });
    return new TextRun(run);
  }

  private change(mark: Mark): Change {
    const at = suggestionTime(mark);
    // docx types the date as required; an undefined attribute is simply not written.
    return { id: this.nextId++, author: suggestionAuthor(this.document, mark, this.labels.unnamedAuthor), date: at ? isoSeconds(at) : (undefined as unknown as string) };
  }
}

/** Word's dates are to the second, without a fraction ("2026-09-02T10:00:00Z"). */
function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
