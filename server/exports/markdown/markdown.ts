/**
 * The Markdown export: `# Course title`, the status of each section, then each section as a `##`
 * block with its content headings shifted below it, and the optional appendix. The master's own
 * lines are schema nodes written by the same serializer, so they are escaped alike. Open
 * suggestions are left out unless the request asks for them marked (CriticMarkup).
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../../shared/schema';
import { sectionDoc } from '../content';
import { type ExportLabels, labelsFor } from '../labels';
import { approvalRecordBody, bulletList, commentList, docOf, heading, listItem, paragraph } from '../master-nodes';
import type { ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { formatDate, includedSections, isLeftOut, partHeading, sectionHeading, statusLine } from '../outline';
import { eachSection } from '../steps';
import { contentSerializer, masterSerializer } from './markdown-serializer';

const SERIALIZE = { tightLists: true };
const write = (...blocks: Node[]) => masterSerializer.serialize(docOf(blocks), SERIALIZE).trimEnd();

export async function renderMarkdown(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<string> {
  const labels = labelsFor(options.locale);
  const parts = [titlePage(document, labels, options)];
  parts.push(...(await eachSection(includedSections(document, options), (section) => sectionMarkdown(section, labels, options), onProgress)));
  if (options.includeApprovalRecord) parts.push(write(heading(2, labels.approvalRecord), approvalRecordBody(document, labels)));
  return `${parts.join('\n\n')}\n`;
}

/** A section's content alone, headings shifted below `##` (the round-trip tests read this). */
export function contentMarkdown(content: Node): string {
  return contentSerializer.serialize(content, SERIALIZE).trimEnd();
}

function titlePage(document: MasterDocument, labels: ExportLabels, options: RenderOptions): string {
  return write(
    heading(1, document.courseTitle),
    paragraph(labels.subtitle),
    paragraph(`${labels.textState[options.state]} · ${labels.generatedOn(formatDate(labels, document.generatedAt))}`),
    paragraph(labels.sectionStatus, ['bold']),
    ...statusLists(document, labels, options),
  );
}

/** Each part's title, then the status of each of its sections (those left out of the file too). */
function statusLists(document: MasterDocument, labels: ExportLabels, options: RenderOptions): Node[] {
  return ([1, 2] as const).flatMap((part) => {
    const items = document.sections
      .filter((section) => section.part === part)
      .map((section) => listItem(paragraph(`${sectionHeading(section)} — ${statusLine(labels, section, isLeftOut(section, options))}`)));
    return items.length ? [paragraph(partHeading(document, labels, part), ['italic']), bulletList(items)] : [];
  });
}

function sectionMarkdown(section: ExportSection, labels: ExportLabels, options: RenderOptions): string {
  const head = [heading(2, sectionHeading(section))];
  if (section.state === 'draft-unapproved') head.push(schema.nodes.blockquote.create(null, paragraph(labels.draftNotApproved, ['bold'])));
  const parts = [write(...head), contentMarkdown(sectionDoc(section, options.suggestions ?? 'omit'))];
  if (options.includeComments && section.openComments.length) {
    parts.push(write(paragraph(labels.openComments, ['bold']), commentList(section.openComments, labels)));
  }
  return parts.join('\n\n');
}
