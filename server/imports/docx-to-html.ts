/**
 * Word to HTML, by mammoth (the converter the issue names): it reads the document's structure —
 * headings by style, lists by numbering, tables with merged cells, footnotes, links — and writes
 * plain HTML with none of Word's formatting noise. Our markers (`word-markers.ts`) go in before:
 * mammoth is handed the file's parts through its `file` input (an opened docx: `exists` and
 * `read`), so it reads the parts we checked and marked, and never unpacks the upload itself.
 */
import mammoth from 'mammoth';
import { type MarkingState, markWordXml, newMarkingState } from './word-markers';
import type { CheckedZip } from './zip-check';

/** HTML ids mammoth gives notes are prefixed with this, so they cannot clash with the document's. */
export const NOTE_ID_PREFIX = 'docx-import-';

const STYLE_MAP = [
  // Underline is kept: the syllabus schema has it (mammoth leaves it out by default).
  'u => u',
  'strike => s',
  // Word has nine heading levels, the syllabus three: deeper ones become the third.
  ...[4, 5, 6, 7, 8, 9].flatMap((level) => [`p[style-name='Heading ${level}'] => h3:fresh`, `p[style-name='heading ${level}'] => h3:fresh`, `p.Heading${level} => h3:fresh`]),
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
];

export interface WordHtml {
  html: string;
  /** Images in the text, which the syllabus cannot hold. */
  images: number;
  tracked: MarkingState;
}

/** The parts mammoth reads, with our markers in the document and its notes. */
function markedParts(zip: CheckedZip, tracked: MarkingState): Map<string, string> {
  const parts = new Map<string, string>();
  const document = zip.text('word/document.xml');
  if (document !== null) parts.set('word/document.xml', markWordXml(document, tracked, { markComments: true, markLists: true }));
  for (const notes of ['word/footnotes.xml', 'word/endnotes.xml']) {
    const xml = zip.text(notes);
    if (xml !== null) parts.set(notes, markWordXml(xml, tracked, { markComments: false, markLists: false }));
  }
  return parts;
}

/** Converts a checked .docx to HTML (with markers in its text). */
export async function docxToHtml(zip: CheckedZip): Promise<WordHtml> {
  const tracked = newMarkingState();
  const parts = markedParts(zip, tracked);
  let images = 0;
  const file = {
    exists: (name: string) => zip.has(name),
    read: (name: string, encoding?: string) => {
      const marked = parts.get(name);
      if (marked !== undefined) return Promise.resolve(encoding ? marked : Buffer.from(marked, 'utf8'));
      const data = zip.read(name);
      if (data === null) return Promise.reject(new Error(`no part ${name}`));
      if (encoding === 'base64') return Promise.resolve(data.toString('base64'));
      return Promise.resolve(encoding ? new TextDecoder(encoding).decode(data) : data);
    },
  };
  const result = await mammoth.convertToHtml({ file } as never, {
    styleMap: STYLE_MAP,
    // A style map carried inside the upload would be the uploader's say over our HTML.
    includeEmbeddedStyleMap: false,
    externalFileAccess: false,
    idPrefix: NOTE_ID_PREFIX,
    // Images are counted and left out, never unpacked.
    convertImage: mammoth.images.imgElement(() => {
      images += 1;
      return Promise.resolve({ src: '' });
    }),
  });
  return { html: result.value, images, tracked };
}
