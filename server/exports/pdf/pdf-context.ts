/**
 * Where and how a block is drawn on PDF pages, and the block renderer's signature. Its own module
 * so that the content renderer and the table renderer (which draws each cell's blocks with the
 * renderer it is given) both depend on it, not on each other.
 */
import type { Node } from 'prosemirror-model';
import type { AnchorNames, CrossReferences } from '../cross-references';
import type { SectionFootnotes } from '../footnotes';
import type { ExportLabels } from '../labels';
import type { Flow } from './pdf-flow';
import type { TextStyle } from './pdf-text';

/** What section content needs for its footnotes, cross-references and targets' destinations. */
export interface PdfLinks {
  /** The id of the section being drawn: its headings' and tables' destinations are named after it. */
  section: string;
  notes: SectionFootnotes;
  references: CrossReferences;
  anchors: AnchorNames;
  labels: ExportLabels;
}

export interface PdfContext {
  flow: Flow;
  x: number;
  width: number;
  /** Level of the section title; content heading 1 is drawn as level `base + 1`. */
  base: number;
  /** The style text starts from (bold in header cells). */
  style: TextStyle;
  listDepth: number;
  /** The bullet or number of the list item being drawn, placed beside its first line. */
  marker: string | null;
  /** Section content only: the master's own blocks have no notes, references or targets. */
  links?: PdfLinks;
}

/** Draws one block node (and what it contains) at the context's place. */
export type RenderBlock = (node: Node, context: PdfContext) => void;
