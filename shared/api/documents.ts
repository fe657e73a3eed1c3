/** Section texts as the API carries them: ProseMirror JSON, and comparisons of two texts. */
import type { CellPlace, DiffBlock, DiffMark, DiffSegment, DocumentDiff, ListPlace } from '../document-diff';

/** ProseMirror JSON of a whole section: a `doc` node in the shared schema. */
export type DocumentJson = Record<string, unknown>;

/**
 * Two texts of a section compared block by block, then word by word (declared with its algorithm):
 * segments with their marks, blocks with their places in tables and lists.
 */
export type { CellPlace, DiffBlock, DiffMark, DiffSegment, DocumentDiff, ListPlace };
