/**
 * Marks in Word's XML the places mammoth does not tell us about, so that they survive its
 * conversion to HTML as text we find again afterwards: where each comment's words start and end,
 * where each tracked insertion and deletion starts and ends, and which list (and level) each list
 * paragraph belongs to. A marker is a private-use character pair around a short code, written as
 * a run of its own; the same characters are removed from the file's own text first, so they are
 * ours alone.
 *
 * Tracked changes: mammoth reads a `w:ins` as plain text and drops a `w:del` (and a deleted
 * paragraph mark merges two paragraphs; a deleted table row disappears) — it accepts every change
 * silently. Here a deletion's runs are made readable (`w:delText` becomes `w:t` inside a wrapper
 * mammoth reads through) and both kinds are bracketed by markers, so the text arrives with its
 * changes still open, to become suggestions. What has no place in a text-level suggestion
 * (paragraph marks, table rows, formatting) is counted, kept as it read before the change where
 * that is the safe side (a deleted paragraph mark or row stays), and reported.
 */

export const MARKER_OPEN = '\uE8A0';
export const MARKER_CLOSE = '\uE8A1';

export type MarkerCode =
  /** A comment's words start (value: Word's comment id). */
  | 'cs'
  /** …and end. */
  | 'ce'
  /** Where the comment's reference sign is (a comment without a range is anchored near it). */
  | 'cr'
  /** A tracked insertion starts (value: our number of the change); `ie` ends it. */
  | 'is'
  | 'ie'
  /** A tracked deletion starts; `de` ends it. */
  | 'ds'
  | 'de'
  /** A list paragraph (value: `numId.level`). */
  | 'li';

export const marker = (code: MarkerCode, value: string | number): string => `${MARKER_OPEN}${code}:${value}${MARKER_CLOSE}`;

/** Finds every marker in a text: code in group 1, value in group 2. */
export const MARKER_PATTERN = /\uE8A0([a-z]{2}):([^\uE8A0\uE8A1]{0,40})\uE8A1/g;

export interface TrackedChange {
  /** Our number for the change (Word's ids are not unique across parts). */
  number: number;
  kind: 'insertion' | 'deletion';
  author: string;
  date: string | null;
}

/** What one part's marking found; shared by the parts of one file (numbers run on). */
export interface MarkingState {
  changes: TrackedChange[];
  /** Paragraph marks inserted or deleted (paragraphs split or joined). */
  paragraphMarks: number;
  /** Table rows or cells inserted or deleted. */
  tableStructure: number;
  /** Formatting changes (bold, styles, numbering…). */
  formatting: number;
}

export const newMarkingState = (): MarkingState => ({ changes: [], paragraphMarks: 0, tableStructure: 0, formatting: 0 });

const FORMATTING_CHANGES = new Set(['w:rPrChange', 'w:pPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange', 'w:sectPrChange', 'w:numberingChange', 'w:tblGridChange']);
const CELL_CHANGES = new Set(['w:cellIns', 'w:cellDel', 'w:cellMerge']);
/** Elements whose `w:ins`/`w:del` children mark a property (a paragraph mark, a row), not text. */
const PROPERTY_PARENTS = new Set(['w:rPr', 'w:pPr', 'w:trPr', 'w:tcPr', 'w:numPr']);

const TOKEN = /<[^>]*>|[^<]+/g;
const TAG = /^<(\/?)([A-Za-z_][\w.-]*:?[\w.-]*)([^>]*?)(\/?)>$/;

const attribute = (attributes: string, name: string): string | null => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
  return match ? decodeXml(match[1]) : null;
};

const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[entity]!);

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;

/**
 * Rewrites one part (document.xml, footnotes.xml, endnotes.xml) with markers. `markComments` and
 * `markLists` only for the document body: comments and lists are anchored in it.
 */
export function markWordXml(xml: string, state: MarkingState, options: { markComments: boolean; markLists: boolean }): string {
  // Our marker characters are ours alone: any in the file itself are dropped.
  // Also written as character references, which the XML reader would turn into them after us.
  const source = xml.replace(/[\uE8A0\uE8A1]|&#x0*e8a[01];|&#0*5955[23];/gi, '');
  const out: string[] = [];
  const stack: string[] = [];
  /** While dropping an element with its content: the depth it sits at. */
  let skipDepth = -1;
  /** Markers waiting for the next paragraph to open (a range that starts between paragraphs). */
  let pendingStart = '';
  /** Where the last paragraph closed in `out`, for a range that ends between paragraphs. */
  let lastParagraphEnd = -1;
  /** Open tracked-change wrappers: the depth of the element and the marker that ends it. */
  const openChanges: { depth: number; endMarker: string }[] = [];
  /** Inside a `w:numPr`: its numId and level, read as they come. */
  let numbering: { numId: string | null; level: string } | null = null;
  /** A list paragraph's marker, written once the paragraph's properties are done. */
  let listMarker = '';

  /** Puts a marker run where the document is: in place inside a paragraph, else at the nearest one. */
  const place = (text: string, side: 'start' | 'end') => {
    if (stack.includes('w:p')) out.push(run(text));
    else if (side === 'end' && lastParagraphEnd >= 0) {
      out.splice(lastParagraphEnd, 0, run(text));
      lastParagraphEnd += 1;
    } else pendingStart += text;
  };
  /** Leaves out the element that just opened, content and all. */
  const skip = (selfClosing: boolean) => {
    if (!selfClosing) skipDepth = stack.length;
  };

  for (const token of source.match(TOKEN) ?? []) {
    const tag = TAG.exec(token);
    if (!tag) {
      if (skipDepth < 0) out.push(token);
      continue;
    }
    const [, closing, name, attributes, selfClosing] = tag;
    if (closing) {
      stack.pop();
      if (skipDepth >= 0) {
        if (stack.length < skipDepth) skipDepth = -1;
        continue;
      }
      const change = openChanges[openChanges.length - 1];
      if (change && change.depth === stack.length + 1) {
        openChanges.pop();
        out.push(run(change.endMarker), '</w:ins>');
      } else if (name === 'w:delText') out.push('</w:t>');
      else out.push(token);
      if (name === 'w:numPr' && numbering) {
        if (options.markLists && numbering.numId && numbering.numId !== '0') listMarker = marker('li', `${numbering.numId}.${numbering.level}`);
        numbering = null;
      }
      if (name === 'w:pPr' && listMarker) {
        out.push(run(listMarker));
        listMarker = '';
      }
      if (name === 'w:p') lastParagraphEnd = out.length - 1;
      continue;
    }
    const parent = stack[stack.length - 1] ?? '';
    if (!selfClosing) stack.push(name);
    if (skipDepth >= 0) continue;

    if (name === 'w:numPr') numbering = { numId: null, level: '0' };
    if (numbering && name === 'w:numId') numbering.numId = attribute(attributes, 'w:val');
    if (numbering && name === 'w:ilvl') numbering.level = attribute(attributes, 'w:val') ?? '0';
    if (FORMATTING_CHANGES.has(name) || CELL_CHANGES.has(name)) {
      // The properties before the change: the text takes the ones after it, and the count says so.
      if (FORMATTING_CHANGES.has(name)) state.formatting += 1;
      else state.tableStructure += 1;
      skip(selfClosing === '/');
      continue;
    }

    if (options.markComments && (name === 'w:commentRangeStart' || name === 'w:commentRangeEnd')) {
      const id = attribute(attributes, 'w:id');
      const start = name === 'w:commentRangeStart';
      if (id !== null) place(marker(start ? 'cs' : 'ce', id), start ? 'start' : 'end');
      skip(selfClosing === '/');
      continue;
    }
    if (options.markComments && name === 'w:commentReference') {
      const id = attribute(attributes, 'w:id');
      // The reference sits inside a run: close it, write ours, reopen.
      if (id !== null) out.push(`</w:r>${run(marker('cr', id))}<w:r>`);
      skip(selfClosing === '/');
      continue;
    }
    if (name === 'w:ins' || name === 'w:del' || name === 'w:moveTo' || name === 'w:moveFrom') {
      if (PROPERTY_PARENTS.has(parent)) {
        if (parent === 'w:trPr' || parent === 'w:tcPr') state.tableStructure += 1;
        else state.paragraphMarks += 1;
        // A deleted paragraph mark or row is kept (mammoth would join the paragraphs or drop the
        // row): the safe side, and the text in it is marked for deletion anyway.
        skip(selfClosing === '/');
        continue;
      }
      if (selfClosing) continue;
      const deletion = name === 'w:del' || name === 'w:moveFrom';
      const change: TrackedChange = {
        number: state.changes.length + 1,
        kind: deletion ? 'deletion' : 'insertion',
        author: attribute(attributes, 'w:author') ?? '',
        date: attribute(attributes, 'w:date'),
      };
      state.changes.push(change);
      // Mammoth reads through `w:ins` (and would skip `w:del`): every change is written as one.
      openChanges.push({ depth: stack.length, endMarker: marker(deletion ? 'de' : 'ie', change.number) });
      out.push('<w:ins>', run(marker(deletion ? 'ds' : 'is', change.number)));
      continue;
    }
    if (name === 'w:delText') {
      if (!selfClosing) out.push(token.replace('<w:delText', '<w:t'));
      continue;
    }
    if (name === 'w:delInstrText') {
      // A deleted field instruction: nothing a reader sees.
      skip(selfClosing === '/');
      continue;
    }
    out.push(token);
    if (name === 'w:p' && !selfClosing && pendingStart) {
      out.push(run(pendingStart));
      pendingStart = '';
    }
  }
  if (pendingStart && lastParagraphEnd >= 0) out.splice(lastParagraphEnd, 0, run(pendingStart));
  return out.join('');
}
