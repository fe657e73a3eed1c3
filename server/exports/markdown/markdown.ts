/**
 * The Markdown export: `# Course title`, the status of each section, then each section as a `##`
 * block with its content headings shifted below it, and the optional appendix. The master's own
 * lines are schema nodes written by the same serializer, so they are escaped alike.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../../shared/schema';
import { sectionDoc } from '../content';
import { type ExportLabels, labelsFor } from '../labels';
import { approvalRecordBody, bulletList, commentList, docOf, heading, listItem, paragraph } from '../master-nodes';
import type { ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { formatDate, sectionHeading, statusLine } from '../outline';
import { eachSection } from '../steps';
import { contentSerializer, masterSerializer } from './markdown-serializer';

const SERIALIZE = { tightLists: true };
const write = (...blocks: Node[]) => masterSerializer.serialize(docOf(blocks), SERIALIZE).trimEnd();

export async function renderMarkdown(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<string> {
  const labels = labelsFor(options.locale);
  const parts = [titlePage(document, labels, options)];
  parts.push(...(await eachSection(document.sections, (section) => sectionMarkdown(section, labels, options), onProgress)));
  if (options.includeApprovalRecord) parts.push(write(heading(2, labels.approvalRecord), approvalRecordBody(document, labels)));
  return `${parts.join('\n\n')}\n`;
}

/** A section's content alone, headings shifted below `##` (the round-trip tests read this). */
export function contentMarkdown(content: Node): string {
  return contentSerializer.serialize(content, SERIALIZE).trimEnd();
}

function titlePage(document: MasterDocument, labels: ExportLabels, options: RenderOptions): string {
  const statuses = document.sections.map((section) => listItem(paragraph(`${sectionHeading(section)} — ${statusLine(labels, section)}`)));
  return write(
    heading(1, document.courseTitle),
    paragraph(labels.subtitle),
    paragraph(`${labels.textState[options.state]} · ${labels.generatedOn(formatDate(labels, document.generatedAt))}`),
    paragraph(labels.sectionStatus, ['bold']),
    ...(statuses.length ? [bulletList(statuses)] : []),
  );
}

function sectionMarkdown(section: ExportSection, labels: ExportLabels, options: RenderOptions): string {
  const head = [heading(2, sectionHeading(section))];
  if (section.state === 'draft-unapproved') head.push(schema.nodes.blockquote.create(null, paragraph(labels.draftNotApproved, ['bold'])));
  const parts = [write(...head), contentMarkdown(sectionDoc(section))];
  if (options.includeComments && section.openComments.length) {
    parts.push(write(paragraph(labels.openComments, ['bold']), commentList(section.openComments, labels)));
  }
  return parts.join('\n\n');
}
