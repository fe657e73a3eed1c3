/**
 * The Markdown export: `# Course title`, the status of each section, then each section as a `##`
 * block with its content headings shifted below it, and the optional appendix. The master's own
 * lines are schema nodes written by the same serializer, so they are escaped alike. Open
 * suggestions are left out unless the request asks for them marked (CriticMarkup).
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../../shared/schema';
import { GlossaryAnchors, sectionDoc } from '../content';
import { CrossReferences } from '../cross-references';
import { FootnoteNumbering } from '../footnotes';
import { type ExportLabels, documentLabels, labelsFor } from '../labels';
import { approvalRecordBody, bulletList, commentList, docOf, heading, listItem, paragraph } from '../master-nodes';
import type { ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { appendicesOf, contentsEntry, formatDate, includedSections, isIncomplete, isLeftOut, languageLines, partHeading, sectionHeading, statusLine } from '../outline';
import { eachSection } from '../steps';
import { type MarkdownLinks, contentSerializer, masterSerializer, notesMarkdown } from './markdown-serializer';

const SERIALIZE = { tightLists: true };
const write = (...blocks: Node[]) => masterSerializer.serialize(docOf(blocks), SERIALIZE).trimEnd();

export async function renderMarkdown(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<string> {
  const labels = documentLabels(document, options);
  const parts = [titlePage(document, labels, options)];
  const included = includedSections(document, options);
  const file: MarkdownFile = {
    footnotes: new FootnoteNumbering(),
    references: new CrossReferences(document, included, options.locale),
    labels,
    // One per file, so each glossary entry's anchor is placed once (#20).
    glossary: GlossaryAnchors.of(document),
  };
  parts.push(...(await eachSection(included, (section) => sectionMarkdown(section, options, file), onProgress)));
  // An appendix (#20) is its title and its content, written as a section's text is.
  for (const appendix of appendicesOf(document)) parts.push(`${write(heading(2, appendix.title))}\n\n${contentMarkdown(sectionDoc(appendix, 'omit'), file)}`);
  if (options.includeApprovalRecord) parts.push(write(heading(2, labels.approvalRecord), approvalRecordBody(document, labels)));
  return `${parts.join('\n\n')}\n`;
}

/** What the sections of one file share: the footnotes' numbering and the references. */
export interface MarkdownFile {
  footnotes: FootnoteNumbering;
  references: CrossReferences;
  labels: ExportLabels;
  glossary?: GlossaryAnchors;
}

/**
 * A section's content, headings shifted below `##`, then its footnotes' definitions (the round-trip
 * tests read this). Alone, its notes are numbered from 1 and its references show their labels.
 */
export function contentMarkdown(
  content: Node,
  file: MarkdownFile = { footnotes: new FootnoteNumbering(), references: new CrossReferences({}, [], 'en'), labels: labelsFor('en') },
): string {
  const links: MarkdownLinks = { notes: file.footnotes.section(content), references: file.references, labels: file.labels, glossary: file.glossary };
  const serializer = contentSerializer(links);
  const text = serializer.serialize(content, SERIALIZE).trimEnd();
  return links.notes.notes.length ? `${text}\n\n${notesMarkdown(serializer, links)}` : text;
}

function titlePage(document: MasterDocument, labels: ExportLabels, options: RenderOptions): string {
  const language = languageLines(document, labels);
  return write(
    heading(1, document.courseTitle),
    paragraph(labels.subtitle),
    paragraph(`${labels.textState[options.state]} · ${labels.generatedOn(formatDate(labels, document.generatedAt))}`),
    ...(language ? [paragraph(language.version)] : []),
    ...(language?.incomplete ? [schema.nodes.blockquote.create(null, paragraph(language.incomplete, ['bold']))] : []),
    paragraph(labels.sectionStatus, ['bold']),
    ...statusLists(document, labels, options),
  );
}

/** Each part's title, then the status of each of its sections (those left out of the file too). */
function statusLists(document: MasterDocument, labels: ExportLabels, options: RenderOptions): Node[] {
  return ([1, 2] as const).flatMap((part) => {
    const items = document.sections
      .filter((section) => section.part === part)
      .map((section) => listItem(paragraph(`${contentsEntry(section, labels)} — ${statusLine(labels, section, isLeftOut(section, options))}`)));
    return items.length ? [paragraph(partHeading(document, labels, part), ['italic']), bulletList(items)] : [];
  });
}

/** The section's title, its text, its footnotes (numbered through the file), its open comments. */
function sectionMarkdown(section: ExportSection, options: RenderOptions, file: MarkdownFile): string {
  const { labels } = file;
  const head = [heading(2, sectionHeading(section))];
  if (section.state === 'draft-unapproved') head.push(schema.nodes.blockquote.create(null, paragraph(labels.draftNotApproved, ['bold'])));
  if (isIncomplete(section)) head.push(schema.nodes.blockquote.create(null, paragraph(labels.sectionIncomplete, ['bold'])));
  const parts = [write(...head), contentMarkdown(sectionDoc(section, options.suggestions ?? 'omit'), file)];
  if (options.includeComments && section.openComments.length) {
    parts.push(write(paragraph(labels.openComments, ['bold']), commentList(section.openComments, labels)));
  }
  return parts.join('\n\n');
}
