/**
 * A section's footnotes as end notes at the end of the section, under "Notes" (why not at the foot
 * of the page: pdf-content.ts). Each note's number links back to its reference in the text, where
 * the reference's number links here; both ends are named destinations (`fn-N`, `fnref-N`).
 */
import { heading } from '../master-nodes';
import type { PdfContext } from './pdf-context';
import { LINK_COLOUR, noteDestination, noteReferenceDestination, renderBlock, spansOf } from './pdf-content';
import { BODY, drawLines, layoutLines, lineHeight } from './pdf-text';

const NOTE_STYLE = { ...BODY, size: 9 };
/** Room for a note's number left of its text: up to four digits. */
const NUMBER_WIDTH = 24;
const NOTE_GAP = 3;

export function drawNotes(context: PdfContext): void {
  const links = context.links;
  if (!links || !links.notes.notes.length) return;
  const { flow } = context;
  renderBlock(heading(2, links.labels.notes), { ...context, base: 0, links: undefined });
  for (const { number: n, node } of links.notes.notes) {
    const lines = layoutLines(flow.doc, spansOf(node, NOTE_STYLE, links), context.width - NUMBER_WIDTH, NOTE_STYLE.size);
    // The number stands beside the note's first line, on the same page.
    flow.room(lineHeight(lines[0]));
    const number = { ...NOTE_STYLE, color: LINK_COLOUR, goTo: noteReferenceDestination(n), anchor: noteDestination(n) };
    const top = flow.y;
    drawLines(flow, layoutLines(flow.doc, [{ text: `${n}.`, style: number }], NUMBER_WIDTH), context.x, NUMBER_WIDTH);
    flow.y = top;
    drawLines(flow, lines, context.x + NUMBER_WIDTH, context.width - NUMBER_WIDTH);
    flow.y += NOTE_GAP;
  }
}
