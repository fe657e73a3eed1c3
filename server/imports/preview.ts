/**
 * A Word file, converted: the blocks that will arrive, what did not come through, the Word
 * comments with the range of text each one is on, and the tracked changes that arrive as
 * suggestions (`conversion.ts`). Pure (bytes in, plain data out); it runs on the conversion thread
 * (`conversion-thread.ts`), and writing it into a section is the command's job.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { LostItem } from '../../shared/api/imports';
import { MAX_COMMENT_LENGTH } from '../domain/comments';
import { type Conversion, type ConversionOptions, type PlacedComment, commentHeading } from './conversion';
import { docxToHtml } from './docx-to-html';
import { ImportRefused } from './errors';
import { htmlToBlocks } from './html-to-blocks';
import { ListCounter, readListStarts } from './list-numbering';
import { applyTrackedChanges, type PlacedMarker, takeOutMarkers } from './tracked-changes';
import { type WordComment, readWordComments } from './word-comments';
import { openCheckedZip } from './zip-check';

export async function convertWordFile(bytes: Buffer, options: ConversionOptions): Promise<Conversion> {
  const zip = openCheckedZip(bytes);
  if (!zip.has('word/document.xml')) {
    throw new ImportRefused(415, 'This file is a zip, but not a Word document (it has no word/document.xml).', 'not-docx');
  }
  const word = await docxToHtml(zip);
  const counter = new ListCounter(readListStarts(zip.text('word/numbering.xml')));
  const parsed = htmlToBlocks(word.html, { listStarts: counter, newId: options.newId });
  const { doc: clean, markers } = takeOutMarkers(parsed.doc);
  const { doc, applied } = applyTrackedChanges(clean, markers, word.tracked.changes, { author: options.author, at: options.at });
  const wordComments = readWordComments(zip.text('word/comments.xml'), zip.text('word/commentsExtended.xml'));
  const { comments, shortened } = placeComments(doc, markers, wordComments);

  const blocks = (doc.toJSON() as { content?: unknown[] }).content ?? [];
  if (!hasContent(doc) && comments.length === 0) {
    throw new ImportRefused(422, 'This Word file has no text to import.', 'empty-file');
  }
  const lost: LostItem[] = [];
  const add = (kind: LostItem['kind'], count: number, message: string) => {
    if (count > 0) lost.push({ kind, count, message });
  };
  add('image', parsed.losses.images, `${count(parsed.losses.images, 'image was', 'images were')} left out: a section holds text, lists, tables and footnotes only. The rest of the file is imported.`);
  const authors = [...new Set(word.tracked.changes.map((change) => change.author).filter(Boolean))];
  add(
    'tracked-changes',
    applied,
    `${count(applied, "tracked change arrives", "tracked changes arrive")} as your suggestions, to be accepted or rejected here${authors.length ? `; their Word ${authors.length === 1 ? 'author' : 'authors'} (${authors.join(', ')}) ${authors.length === 1 ? 'is' : 'are'} not kept` : ''}.`,
  );
  const structure = word.tracked.paragraphMarks + word.tracked.tableStructure;
  add('tracked-structure', structure, `${count(structure, 'tracked change splits or joins', 'tracked changes split or join')} paragraphs or table rows, which a suggestion cannot: removed ones are kept, added ones taken in (their words are marked).`);
  add('tracked-formatting', word.tracked.formatting, `${count(word.tracked.formatting, 'tracked formatting change was', 'tracked formatting changes were')} taken as the text reads after it.`);
  add('endnotes', parsed.losses.endnotes, `${count(parsed.losses.endnotes, 'endnote became a footnote', 'endnotes became footnotes')}.`);
  add('internal-links', parsed.losses.internalLinks, `${count(parsed.losses.internalLinks, 'link to a place in the Word file is', 'links to places in the Word file are')} plain text now: insert cross-references instead.`);
  add('unsafe-links', parsed.losses.unsafeLinks, `${count(parsed.losses.unsafeLinks, 'link that is', 'links that are')} not a web or e-mail address ${parsed.losses.unsafeLinks === 1 ? 'is' : 'are'} plain text now.`);
  add('comment-length', shortened, `${count(shortened, 'Word comment was', 'Word comments were')} shortened to ${MAX_COMMENT_LENGTH} characters.`);
  return { blocks, lost, comments, suggestions: applied };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function hasContent(doc: ProseMirrorNode): boolean {
  return doc.textContent.trim().length > 0 || doc.childCount > 1;
}

/**
 * Each top-level Word comment on its range (start and end markers; without them, the paragraph of
 * its reference sign), with its replies in order. The bodies as they will be stored are bounded by
 * `MAX_COMMENT_LENGTH` with the heading line.
 */
function placeComments(doc: ProseMirrorNode, markers: PlacedMarker[], wordComments: WordComment[]): { comments: PlacedComment[]; shortened: number } {
  const at = (code: PlacedMarker['code'], id: string) => markers.find((marker) => marker.code === code && marker.value === id)?.at;
  let shortened = 0;
  const fit = (author: string, text: string) => {
    const room = Math.max(1, MAX_COMMENT_LENGTH - commentHeading(author).length - 1);
    if (text.length <= room) return text;
    shortened += 1;
    return `${text.slice(0, room - 1)}…`;
  };
  const placed: PlacedComment[] = [];
  for (const comment of wordComments) {
    if (comment.parent !== null && wordComments.some((other) => other.id === comment.parent)) continue;
    const reference = at('cr', comment.id);
    let from = at('cs', comment.id) ?? reference;
    let to = at('ce', comment.id) ?? reference;
    if (from === undefined || to === undefined) continue;
    if (from > to) [from, to] = [to, from];
    if (from === to) ({ from, to } = paragraphAround(doc, from));
    if (from >= to) continue;
    const replies = wordComments
      .filter((reply) => reply.parent === comment.id)
      .map((reply) => ({ author: reply.author, date: reply.date, text: fit(reply.author, reply.text) }));
    placed.push({
      author: comment.author,
      date: comment.date,
      quote: doc.textBetween(from, to, ' ', ' '),
      text: fit(comment.author, comment.text),
      replies,
      done: comment.done,
      from,
      to,
    });
  }
  return { comments: placed, shortened };
}

function paragraphAround(doc: ProseMirrorNode, pos: number): { from: number; to: number } {
  const resolved = doc.resolve(Math.min(pos, doc.content.size));
  if (!resolved.parent.isTextblock) return { from: pos, to: pos };
  return { from: resolved.start(), to: resolved.end() };
}
