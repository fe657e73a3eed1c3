/**
 * The HTML export: one standalone, printable file with its own stylesheet, title page, contents
 * with anchors, the sections and the optional appendices. Built from the schema, never from the
 * editor's screen HTML; every string is escaped. Open suggestions are left out unless the request
 * asks for them marked (<ins>/<del>, titled with their author and date).
 */
import type { Mark } from 'prosemirror-model';
import { sectionDoc, suggestionAuthor, suggestionTime } from '../content';
import { type ExportLabels, labelsFor } from '../labels';
import type { ExportComment, ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { approvalRecordBody, statusTable } from '../master-nodes';
import { formatDate, formatTimestamp, includedSections, sectionAnchor, sectionHeading } from '../outline';
import { eachSection } from '../steps';
import { escapeHtml as e } from './escape';
import { renderNode } from './html-content';
import { htmlStyle } from './html-style';

const APPENDIX_ANCHOR = 'approval-record';

export async function renderHtml(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<string> {
  const labels = labelsFor(options.locale);
  const suggestionNote = (mark: Mark) =>
    labels.suggestion(mark.type.name === 'insertion' ? 'insertion' : 'deletion', suggestionAuthor(document, mark, labels.unnamedAuthor), noteDate(labels, mark));
  const sections = await eachSection(includedSections(document, options), (section) => sectionHtml(section, labels, options, suggestionNote), onProgress);
  return [
    '<!doctype html>',
    `<html lang="${e(labels.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(document.courseTitle)}</title>`,
    `<style>${htmlStyle(labels)}</style>`,
    '</head>',
    '<body>',
    titlePage(document, labels, options),
    contents(document, labels, options),
    '<main>',
    ...sections,
    options.includeApprovalRecord ? approvalRecord(document, labels) : '',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function titlePage(document: MasterDocument, labels: ExportLabels, options: RenderOptions): string {
  return `<header class="title-page">
<h1>${e(document.courseTitle)}</h1>
<p class="subtitle">${e(labels.subtitle)}</p>
<p>${e(labels.textState[options.state])}</p>
<p class="meta">${e(labels.generatedOn(formatDate(labels, document.generatedAt)))}</p>
<h2 class="status-title">${e(labels.sectionStatus)}</h2>
${renderNode(statusTable(document, labels, options), { base: 2 })}
</header>`;
}

function contents(document: MasterDocument, labels: ExportLabels, options: RenderOptions): string {
  const items = includedSections(document, options).map((section) => `<li><a href="#${sectionAnchor(section)}">${e(sectionHeading(section))}</a></li>`);
  if (options.includeApprovalRecord) items.push(`<li><a href="#${APPENDIX_ANCHOR}">${e(labels.approvalRecord)}</a></li>`);
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${e(labels.tableOfContents)}</h2><ol>${items.join('')}</ol></nav>`;
}

function noteDate(labels: ExportLabels, mark: Mark): string | null {
  const at = suggestionTime(mark);
  return at ? formatDate(labels, at) : null;
}

function sectionHtml(section: ExportSection, labels: ExportLabels, options: RenderOptions, suggestionNote: (mark: Mark) => string): string {
  const doc = sectionDoc(section, options.suggestions ?? 'omit');
  const draft = section.state === 'draft-unapproved' ? `<p class="draft-marker" role="note">${e(labels.draftNotApproved)}</p>` : '';
  const comments = options.includeComments && section.openComments.length ? commentsHtml(section.openComments, labels) : '';
  return `<section class="section" id="${sectionAnchor(section)}">
<h2>${e(sectionHeading(section))}</h2>
${draft}
${renderNode(doc, { base: 2, suggestionNote })}
${comments}
</section>`;
}

/** Open threads after the section, each with the sentence it was opened on. */
function commentsHtml(comments: ExportComment[], labels: ExportLabels): string {
  const items = comments.map((comment) => {
    const quote = comment.quote ? `<blockquote>${e(comment.quote)}</blockquote>` : '';
    const replies = comment.replies
      .map((reply) => `<li><p>${e(reply.body)}</p><p class="meta">${e(reply.author)}, ${e(formatTimestamp(reply.createdAt))}</p></li>`)
      .join('');
    return `<li>${quote}<p>${e(comment.body)}</p><p class="meta">${e(comment.author)}, ${e(formatTimestamp(comment.createdAt))}</p>${replies ? `<ol class="replies">${replies}</ol>` : ''}</li>`;
  });
  return `<aside class="comments"><h3>${e(labels.openComments)}</h3><ol>${items.join('')}</ol></aside>`;
}

function approvalRecord(document: MasterDocument, labels: ExportLabels): string {
  const body = renderNode(approvalRecordBody(document, labels), { base: 2 });
  return `<section class="appendix" id="${APPENDIX_ANCHOR}"><h2>${e(labels.approvalRecord)}</h2>${body}</section>`;
}
