/**
 * Importing a Word file into a section (#18): convert it (off the event loop), and — unless it is
 * a dry run — append its blocks at the end of the section's text (or put them into an empty
 * section), start a comment thread for each Word comment on the same words, and audit it.
 *
 * Not one transaction, on purpose (as a restore): the text is stored and broadcast to everyone
 * editing the moment it is written (`SectionStore.change`), and a rollback after that would take
 * back a change people have already seen. The threads and the audit row follow as one transaction.
 *
 * Word comments keep their author's name in their words: the thread is started by the importing
 * person (the comment model's author is a person of this workspace) and its body opens with
 * "Word comment by <name>:".
 */
import { Fragment, type Node as ProseMirrorNode } from 'prosemirror-model';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import { anchorFor, readSection } from '../../shared/anchors';
import type { ImportMode, ImportPreview } from '../../shared/api/imports';
import { CONTENT_FRAGMENT, isEmptySectionText, schema } from '../../shared/schema';
import type { Comments } from '../domain/comments';
import { DomainError } from '../domain/errors';
import type { PersonRecord } from '../domain/people';
import type { SectionStore } from '../domain/section-store';
import type { Section } from '../domain/sections';
import type { WordConverter } from '../imports/converter';
import { type Conversion, type PlacedComment, commentHeading } from '../imports/conversion';
import { openCheckedZip } from '../imports/zip-check';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

export type ImportCommandContext = Pick<CommandContext, 'db' | 'events' | 'audit' | 'content'> & {
  store: SectionStore;
  comments: Comments;
  converter: WordConverter;
};

export interface ImportInput {
  section: Section;
  bytes: Buffer;
  mode: ImportMode;
  /**
   * Appending at the cursor: the index of the top-level block the file goes before (the block
   * after the cursor's); past the end, or not given, the file goes at the end.
   */
  at?: number;
  dryRun: boolean;
}

export async function importSection(context: ImportCommandContext, input: ImportInput, actor: PersonRecord): Promise<ImportPreview> {
  // What can be told from the zip's table of contents is told at once, without the thread.
  openCheckedZip(input.bytes);
  if (!input.dryRun && input.mode === 'replace') refuseUnlessEmpty(context.store.read(input.section.id, (doc) => readSection(doc).node));
  const conversion = await context.converter.convert(input.bytes, { author: actor.id, at: Date.now() });
  const preview = previewOf(conversion);
  if (input.dryRun) return preview;

  const placed = writeBlocks(context, input, conversion, actor);
  const threads = inTransaction(context, () => {
    const ids = placed.map(({ comment, anchor }) => startThread(context.comments, input.section.id, actor, comment, anchor));
    context.audit.record({
      actorId: actor.id,
      action: 'section.imported',
      target: `section:${input.section.id}`,
      detail: { mode: input.mode, blocks: conversion.blocks.length, comments: ids.length, suggestions: conversion.suggestions, lost: conversion.lost.map((item) => item.kind) },
    });
    return ids;
  });
  return { ...preview, threads };
}

/** The preview as the wire has it: the comments without their positions. */
function previewOf(conversion: Conversion): ImportPreview {
  return {
    blocks: conversion.blocks,
    lost: conversion.lost,
    comments: conversion.comments.map(({ from: _from, to: _to, ...comment }) => comment),
    suggestions: conversion.suggestions,
  };
}

/** A section is empty when it holds nothing but one empty paragraph (how the editor shows none). */
/** Where the top-level block of index `index` starts in a fragment (its size past the last). */
function blockOffset(content: Fragment, index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += content.child(i).nodeSize;
  return offset;
}

function refuseUnlessEmpty(doc: ProseMirrorNode): void {
  if (!isEmptySectionText(doc)) {
    throw new DomainError(409, 'This section already has text, so the file cannot replace it: append it at the end instead, or empty the section first.', 'section-not-empty');
  }
}

/**
 * Writes the blocks at the end of the section (in place of an empty section's one empty
 * paragraph) as one change, and anchors each comment on its words in the text as written.
 */
function writeBlocks(context: ImportCommandContext, input: ImportInput, conversion: Conversion, actor: PersonRecord): { comment: PlacedComment; anchor: { start: string; end: string } }[] {
  const imported = Fragment.fromJSON(schema, conversion.blocks);
  let placed: { comment: PlacedComment; anchor: { start: string; end: string } }[] = [];
  context.store.change(input.section.id, actor.id, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const { doc: current, meta } = initProseMirrorDoc(fragment, schema);
    // Checked again here: someone may have typed since the first look.
    if (input.mode === 'replace') refuseUnlessEmpty(current);
    const base = isEmptySectionText(current) ? Fragment.empty : current.content;
    const at = Math.min(input.at ?? base.childCount, base.childCount);
    const before = base.cut(0, blockOffset(base, at));
    const after = base.cut(blockOffset(base, at));
    const target = schema.node('doc', null, before.append(imported).append(after));
    target.check();
    updateYFragment(doc, fragment, target, meta);
    const written = readSection(doc);
    const offset = before.size;
    placed = conversion.comments.map((comment) => ({
      comment,
      anchor: anchorFor(written.fragment, written.mapping, offset + comment.from, offset + comment.to),
    }));
  });
  context.content.invalidate(input.section.id);
  return placed;
}

function startThread(comments: Comments, sectionId: string, actor: PersonRecord, comment: PlacedComment, anchor: { start: string; end: string }): number {
  const body = (author: string, text: string) => (text ? `${commentHeading(author)}\n${text}` : commentHeading(author));
  const thread = comments.startThread(sectionId, actor, {
    anchorStart: anchor.start,
    anchorEnd: anchor.end,
    quote: comment.quote,
    body: body(comment.author, comment.text),
    mentions: [],
  });
  for (const reply of comment.replies) comments.reply(thread.id, actor, { body: body(reply.author, reply.text), mentions: [] });
  if (comment.done) comments.setResolved(thread.id, actor, true);
  return thread.id;
}
