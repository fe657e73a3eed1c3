/**
 * The HTML export: one standalone, printable file with its own stylesheet, title page, contents
 * with anchors, the sections and the optional appendices. Built from the schema, never from the
 * editor's screen HTML; every string is escaped. Open suggestions are left out unless the request
 * asks for them marked (<ins>/<del>, titled with their author and date).
 */
import type { Mark } from 'prosemirror-model';
import { SECTION_TARGET } from '../../../shared/references';
import { GlossaryAnchors, sectionDoc, suggestionAuthor, suggestionTime } from '../content';
import { type AnchorNames, CrossReferences, pageAnchors } from '../cross-references';
import { FootnoteNumbering } from '../footnotes';
import { type ExportLabels, documentLabels } from '../labels';
import type { ExportAppendix, ExportComment, ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { approvalRecordBody, statusTable } from '../master-nodes';
import { appendicesOf, appendixAnchor, contentsEntry, formatDate, formatTimestamp, includedSections, isIncomplete, languageLines, sectionHeading } from '../outline';
import { eachSection } from '../steps';
import { escapeHtml as e } from './escape';
import { type HtmlContext, notesHtml, renderNode } from './html-content';
import { htmlStyle } from './html-style';

const APPENDIX_ANCHOR = 'approval-record';

export async function renderHtml(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<string> {
  const labels = documentLabels(document, options);
  const suggestionNote = (mark: Mark) =>
    labels.suggestion(mark.type.name === 'insertion' ? 'insertion' : 'deletion', suggestionAuthor(document, mark, labels.unnamedAuthor), noteDate(labels, mark));
  const included = includedSections(document, options);
  const file: HtmlFile = {
    labels,
    options,
    suggestionNote,
    footnotes: new FootnoteNumbering(),
    references: new CrossReferences(document, included, options.locale),
    anchors: pageAnchors(),
    // One per file, so each glossary entry's anchor is placed once (#20).
    glossary: GlossaryAnchors.of(document),
  };
  const sections = await eachSection(included, (section) => sectionHtml(section, file), onProgress);
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
    contents(document, labels, options, file.anchors),
    '<main>',
    ...sections,
    ...appendicesOf(document).map((appendix) => appendixHtml(appendix, file)),
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
${languageHtml(document, labels)}
<h2 class="status-title">${e(labels.sectionStatus)}</h2>
${renderNode(statusTable(document, labels, options), { base: 2 })}
</header>`;
}

function contents(document: MasterDocument, labels: ExportLabels, options: RenderOptions, anchors: AnchorNames): string {
  const items = includedSections(document, options).map(
    (section) => `<li><a href="#${e(anchors.name(section.id, SECTION_TARGET))}">${e(contentsEntry(section, labels))}</a></li>`,
  );
  for (const appendix of appendicesOf(document)) items.push(`<li><a href="#${e(appendixAnchor(appendix))}">${e(appendix.title)}</a></li>`);
  if (options.includeApprovalRecord) items.push(`<li><a href="#${APPENDIX_ANCHOR}">${e(labels.approvalRecord)}</a></li>`);
  return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${e(labels.tableOfContents)}</h2><ol>${items.join('')}</ol></nav>`;
}

/** The language version, and how far a lagging translation is behind (#19). */
function languageHtml(document: MasterDocument, labels: ExportLabels): string {
  const lines = languageLines(document, labels);
  if (!lines) return '';
  const incomplete = lines.incomplete ? `\n<p class="draft-marker translation-incomplete" role="note">${e(lines.incomplete)}</p>` : '';
  return `<p class="language-version">${e(lines.version)}</p>${incomplete}`;
}

function noteDate(labels: ExportLabels, mark: Mark): string | null {
  const at = suggestionTime(mark);
  return at ? formatDate(labels, at) : null;
}

/** What the sections of one file share: numbering of notes, references, and anchors. */
interface HtmlFile {
  labels: ExportLabels;
  options: RenderOptions;
  suggestionNote: (mark: Mark) => string;
  footnotes: FootnoteNumbering;
  references: CrossReferences;
  anchors: AnchorNames;
  glossary: GlossaryAnchors;
}

/** The section: its text, then its footnotes (numbered through the file), then its open comments. */
function sectionHtml(section: ExportSection, file: HtmlFile): string {
  const { labels, options } = file;
  const doc = sectionDoc(section, options.suggestions ?? 'omit');
  const draft = section.state === 'draft-unapproved' ? `<p class="draft-marker" role="note">${e(labels.draftNotApproved)}</p>` : '';
  const incomplete = isIncomplete(section) ? `<p class="draft-marker translation-incomplete" role="note">${e(labels.sectionIncomplete)}</p>` : '';
  const comments = options.includeComments && section.openComments.length ? commentsHtml(section.openComments, labels) : '';
  const context: HtmlContext = {
    base: 2,
    suggestionNote: file.suggestionNote,
    glossary: file.glossary,
    links: { section: section.id, notes: file.footnotes.section(doc), references: file.references, anchors: file.anchors, labels },
  };
  return `<section class="section" id="${e(file.anchors.name(section.id, SECTION_TARGET))}">
<h2>${e(sectionHeading(section))}</h2>
${draft}${incomplete}
${renderNode(doc, context)}
${notesHtml(context, 3)}
${comments}
</section>`;
}

/** An appendix (#20): its title, then its content through the same renderer as a section's text. */
function appendixHtml(appendix: ExportAppendix, file: HtmlFile): string {
  const doc = sectionDoc(appendix, 'omit');
  const anchor = appendixAnchor(appendix);
  const context: HtmlContext = {
    base: 2,
    suggestionNote: file.suggestionNote,
    glossary: file.glossary,
    links: { section: anchor, notes: file.footnotes.section(doc), references: file.references, anchors: file.anchors, labels: file.labels },
  };
  return `<section class="appendix" id="${e(anchor)}">
<h2>${e(appendix.title)}</h2>
${renderNode(doc, context)}
${notesHtml(context, 3)}
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
