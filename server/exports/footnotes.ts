/**
 * Footnote numbers in an export (#18). The editor numbers a section's footnotes in document order;
 * every export keeps that order and numbers continuously through the whole file (the first note of
 * a section follows the last of the section before), as Word numbers footnotes by default. So a
 * note's number is the same in the DOCX, PDF, HTML and Markdown of one export, a number names one
 * note in the file (HTML and Markdown anchors stay unique across the master), and within a section
 * the order is the editor's.
 *
 * Numbers are given once per section, before it is drawn: a format that draws a node twice (the PDF
 * measures a table cell before drawing it, and draws header rows again on each page) asks for the
 * node's number and gets the same one.
 */
import type { Node } from 'prosemirror-model';

export interface Footnote {
  number: number;
  /** The `footnote` node: its content is the note's text, with its marks. */
  node: Node;
}

/** One section's footnotes in document order, and the number of each node. */
export class SectionFootnotes {
  private readonly numbers = new Map<Node, number>();

  constructor(readonly notes: readonly Footnote[]) {
    for (const note of notes) this.numbers.set(note.node, note.number);
  }

  /** The note's number; a footnote node this section does not hold (never in practice) gets 0. */
  numberOf(node: Node): number {
    return this.numbers.get(node) ?? 0;
  }
}

/** Hands out numbers across the file's sections, in the order the sections are written. */
export class FootnoteNumbering {
  private next = 1;

  /** The section's footnotes numbered from where the previous section stopped. */
  section(doc: Node): SectionFootnotes {
    const notes: Footnote[] = [];
    doc.descendants((node) => {
      if (node.type.name === 'footnote') {
        notes.push({ number: this.next++, node });
        return false;
      }
      return true;
    });
    return new SectionFootnotes(notes);
  }
}
