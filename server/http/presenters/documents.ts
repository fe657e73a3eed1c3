/** Comparisons of two texts of a section (changes since approval, version against version). */
import type { CellPlace, DiffMark, DiffSegment, DocumentDiff, ListPlace } from '../../../shared/api/documents';

const marks = (list: DiffMark[]): DiffMark[] => list.map((mark) => (mark.href === undefined ? { type: mark.type } : { type: mark.type, href: mark.href }));

function segment(part: DiffSegment): DiffSegment {
  const out: DiffSegment = { text: part.text, change: part.change };
  if (part.marks) out.marks = marks(part.marks);
  if (part.formerMarks) out.formerMarks = marks(part.formerMarks);
  return out;
}

const cell = (place: CellPlace): CellPlace => ({ table: place.table, row: place.row, column: place.column, header: place.header });

function list(place: ListPlace): ListPlace {
  const out: ListPlace = { kind: place.kind, depth: place.depth, itemStart: place.itemStart };
  if (place.start !== undefined) out.start = place.start;
  return out;
}

export function presentDocumentDiff(diff: DocumentDiff): DocumentDiff {
  return {
    blocks: diff.blocks.map((block) => ({
      kind: block.kind,
      level: block.level,
      change: block.change,
      segments: block.segments.map(segment),
      ...(block.cell ? { cell: cell(block.cell) } : {}),
      ...(block.list ? { list: list(block.list) } : {}),
    })),
    insertions: diff.insertions,
    deletions: diff.deletions,
    moves: diff.moves,
    formatChanges: diff.formatChanges,
  };
}
