/**
 * Our XLIFF 2.0 profile (#19), shared by the writer and the reader: how the schema's inline
 * content is written as XLIFF inline codes, so a file read back means what was written.
 *
 * - A unit is a source textblock; its id is the block's id. A footnote is a unit of its own,
 *   `<blockId>~fn<k>` (k counts the block's footnotes from 1), and stands in the block's text as
 *   `<ph id="fn<k>" type="other" subType="syl:fn"/>`.
 * - A cross-reference is `<ph id="r<k>" type="other" subType="syl:xref" disp="label"
 *   dataRef="d<n>"/>`, its `section#target` in the unit's `<originalData>`.
 * - A hard break is `<ph type="fmt" subType="xlf:lb"/>`.
 * - Marks are `<pc>`: bold `xlf:b`, italic `xlf:i`, underline `xlf:u`; strike, subscript and
 *   superscript `syl:s|syl:sub|syl:sup`, all `type="fmt"`; a link is `type="link"` with its href in
 *   `<originalData>` (`dataRefStart`).
 * - A unit is one segment: `<file canResegment="no">`. A tool that splits a unit anyway must send
 *   every segment with a target (a unit translated in part is refused, see `xliff-read.ts`).
 * - A segment's `state="initial"` on the way back means "not final": its target is imported
 *   unconfirmed (no `sourceHash`), so it shows as needing review, not as current.
 */

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';

/** Any XLIFF 2.x namespace (2.1 and 2.2 keep the core of 2.0). */
export const XLIFF_2 = /^urn:oasis:names:tc:xliff:document:2\.\d+$/;

/** Formatting marks and their `subType`; every one is `type="fmt"`. */
export const FORMAT_MARKS: Readonly<Record<string, string>> = {
  bold: 'xlf:b',
  italic: 'xlf:i',
  underline: 'xlf:u',
  strike: 'syl:s',
  subscript: 'syl:sub',
  superscript: 'syl:sup',
};

/** The mark of each `subType` we write. A Map, not an object: a file's "constructor" must find nothing. */
export const MARK_OF_SUBTYPE: ReadonlyMap<string, string> = new Map(Object.entries(FORMAT_MARKS).map(([mark, subType]) => [subType, mark]));

/** XLIFF 2.0 (4.3.1.35): a `subType` is always `prefix:value`; anything else is not XLIFF. */
export const SUBTYPE = /^[A-Za-z0-9_.-]+:.+$/;

export const LINE_BREAK = 'xlf:lb';
export const FOOTNOTE = 'syl:fn';
export const CROSS_REFERENCE = 'syl:xref';

/** The unit id of a block's k-th footnote. */
export const footnoteUnitId = (blockId: string, k: number): string => `${blockId}~fn${k}`;

/** A footnote unit's id: the block's id and k. */
export function parseUnitId(id: string): { block: string; footnote: number | null } {
  const match = /^(.+)~fn([1-9][0-9]{0,3})$/.exec(id);
  return match ? { block: match[1], footnote: Number(match[2]) } : { block: id, footnote: null };
}

/** Why an XLIFF file is refused; `code` is the error code the HTTP answer carries. */
export class XliffRefused extends Error {
  constructor(
    readonly code: 'not-xliff' | 'language-mismatch' | 'ids-mismatch' | 'partial-unit',
    message: string,
  ) {
    super(message);
  }
}
