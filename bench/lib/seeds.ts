/**
 * Section contents the benchmark writes into a server's storage before it starts: seph-blog1's
 * final text as ProseMirror paragraphs, as the editor would have written it.
 */
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { SYLLABUS_OUTLINE } from '../../shared/workspace';
import { loadSequentialTrace } from '../../tests/support/traces';

/** seph-blog1's final text, one entry per non-empty line. */
function blogParagraphs(): string[] {
  return loadSequentialTrace('seph-blog1')
    .endContent.split('\n')
    .filter((line) => line.trim().length > 0);
}

/** A section's state holding these lines as paragraphs of the content fragment. */
function paragraphsUpdate(lines: string[]): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) },
    doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The built-in sections of the syllabus (10), each holding seph-blog1's whole text. */
export function masterSeed(): Map<string, Uint8Array> {
  const update = paragraphsUpdate(blogParagraphs());
  return new Map(SYLLABUS_OUTLINE.map((section) => [section.id, update]));
}

/** A short section: seph-blog1's first paragraphs, about `characters` of text. */
export function shortSectionUpdate(characters: number): Uint8Array {
  const lines: string[] = [];
  let total = 0;
  for (const line of blogParagraphs()) {
    if (total >= characters) break;
    lines.push(line);
    total += line.length;
  }
  return paragraphsUpdate(lines);
}
