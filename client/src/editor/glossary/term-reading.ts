/**
 * Where the glossary's terms stand in a section: the linked ones (text carrying a `glossary_term`
 * mark) and the unlinked ones (words that are a term or a variant spelling of one, and carry no
 * link). Read block by block and remembered per block node: ProseMirror and y-prosemirror keep the
 * node objects of every block that did not change, so after a keystroke, or a colleague's change,
 * only the changed blocks are read again, however long the section.
 */
import type { Mark, Node as PMNode } from 'prosemirror-model';
import type { TermMatcher } from '../../../../shared/glossary-match';
import { schema } from '../../../../shared/schema';

const { glossary_term: glossaryTerm, deletion } = schema.marks;

/** Stands for an inline object (a footnote marker, a reference) in a block's text: not a word, never inside a term. */
const OBJECT = '\ufffc';

/** A stretch of a document (absolute positions) and the entry it is, or would be, linked to. */
export interface TermPlace {
  from: number;
  to: number;
  entry: string;
  /** Unlinked places: the words are the term itself (not an inflected form). */
  exact: boolean;
}

/** Linked and unlinked places (of a block: relative to the start of its content). */
export interface BlockPlaces {
  linked: TermPlace[];
  unlinked: TermPlace[];
}

/** Reads a document's term places with one version of the glossary; make a new one per version. */
export class TermReading {
  private readonly blocks = new WeakMap<PMNode, BlockPlaces>();

  constructor(readonly matcher: TermMatcher) {}

  /** Every linked and unlinked place in the document, in document order. */
  places(doc: PMNode): BlockPlaces {
    const all: BlockPlaces = { linked: [], unlinked: [] };
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      const block = this.block(node);
      const start = pos + 1;
      for (const place of block.linked) all.linked.push({ ...place, from: place.from + start, to: place.to + start });
      for (const place of block.unlinked) all.unlinked.push({ ...place, from: place.from + start, to: place.to + start });
      return false;
    });
    return all;
  }

  private block(node: PMNode): BlockPlaces {
    let places = this.blocks.get(node);
    if (!places) {
      places = readBlock(node, this.matcher);
      this.blocks.set(node, places);
    }
    return places;
  }
}

/**
 * A textblock's text with one character per position of its content (an inline object stands as
 * that many `OBJECT` characters), so an offset into it is a position relative to the content.
 */
export function blockText(block: PMNode): string {
  let text = '';
  block.forEach((child) => {
    text += child.isText ? (child.text ?? '') : OBJECT.repeat(child.nodeSize);
  });
  return text;
}

/** A textblock's places; positions relative to the start of its content. */
function readBlock(block: PMNode, matcher: TermMatcher): BlockPlaces {
  const text = blockText(block);
  const linked: TermPlace[] = [];
  const skipped: { from: number; to: number }[] = [];
  block.forEach((child, offset) => {
    if (child.isText) {
      const link = glossaryTerm.isInSet(child.marks);
      if (link) extend(linked, offset, offset + child.nodeSize, link);
      // Words proposed for deletion are on their way out: no hint to link them.
      if (link || deletion.isInSet(child.marks)) skipped.push({ from: offset, to: offset + child.nodeSize });
    }
  });
  const unlinked = matcher.empty
    ? []
    : matcher
        .find(text)
        .filter((match) => !skipped.some((range) => range.from < match.to && match.from < range.to))
        .map(({ entry, from, to, exact }) => ({ entry, from, to, exact }));
  return { linked, unlinked };
}

/** Adjacent text nodes of one link (split by bold, say) are one place. */
function extend(linked: TermPlace[], from: number, to: number, mark: Mark): void {
  const entry = mark.attrs.entry as string;
  const last = linked[linked.length - 1];
  if (last && last.to === from && last.entry === entry) last.to = to;
  else linked.push({ from, to, entry, exact: true });
}

/** The place that contains `pos` (or ends or starts at it), if any. */
export function placeAt(places: readonly TermPlace[], pos: number): TermPlace | null {
  return places.find((place) => place.from <= pos && pos <= place.to) ?? null;
}
