/**
 * The DOCX export: a Word document built with the `docx` package from the schema — title page
 * with each section's status, a table of contents field (filled in already, page numbers
 * included), one section per page run, page numbers in the footer, Word comments for open threads,
 * open suggestions as tracked changes (unless the request leaves them out) and the approval record.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  type FileChild,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { SECTION_TARGET } from '../../../shared/references';
import { GlossaryAnchors, sectionDoc } from '../content';
import { type AnchorNames, CrossReferences } from '../cross-references';
import { FootnoteNumbering } from '../footnotes';
import { type ExportLabels, documentLabels } from '../labels';
import type { ExportAppendix, ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { approvalRecordBody, statusTable } from '../master-nodes';
import { appendicesOf, contentsEntry, formatDate, includedSections, isIncomplete, languageLines } from '../outline';
import { eachSection } from '../steps';
import { DocxComments } from './docx-comments';
import { DocxRevisions } from './docx-revisions';
import { type DocxContext, ListInstances, renderBlock } from './docx-content';
import { plainRuns, xmlSafe } from './docx-inline';
import { DocxFootnotes, bookmarkNames } from './docx-links';
import { DOCX_STYLES, numberingFor } from './docx-styles';

/** A4 with 2.54 cm margins: the text width in twips. */
const PAGE = { width: 11906, height: 16838, margin: 1440 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

/**
 * The contents' page numbers are written into the file, laid out as Word lays out the pages
 * (`docx/layout`, with Arial's widths): a reader that never updates fields (LibreOffice, Word's
 * viewers, a printout from a phone) shows them as they are, and Word opens the file without asking
 * to update its fields. `guess` lays out past anything the estimator cannot follow exactly rather
 * than leaving the numbers after it blank: a number off by one beats no number.
 */
const PAGE_NUMBERS = estimatePageNumbersWith({ guess: true });

export async function renderDocx(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<Buffer> {
  const labels = documentLabels(document, options);
  const comments = new DocxComments(labels);
  const lists = new ListInstances();
  const revisions = new DocxRevisions(document, labels);
  const included = includedSections(document, options);
  const footnotes = new DocxFootnotes();
  const deps: SectionDeps = {
    labels,
    options,
    comments,
    lists,
    revisions,
    numbering: new FootnoteNumbering(),
    footnotes,
    references: new CrossReferences(document, included, options.locale),
    bookmarks: bookmarkNames(),
    // One per file, so each glossary entry's bookmark is placed once (#20).
    glossary: GlossaryAnchors.of(document),
  };
  const sections = await eachSection(included, (section) => sectionBlocks(section, deps), onProgress);
  const body: FileChild[] = [
    ...titlePage(document, labels, options, lists),
    ...contents(labels),
    ...sections.flat(),
    ...appendicesOf(document).flatMap((appendix) => appendixBlocks(appendix, deps)),
    ...(options.includeApprovalRecord ? approvalRecord(document, labels, lists) : []),
  ];
  const word = new Document({
    title: xmlSafe(document.courseTitle),
    creator: labels.author,
    description: `${labels.subtitle}: ${labels.textState[options.state]}`,
    styles: DOCX_STYLES,
    numbering: numberingFor(lists.starts),
    comments: { children: comments.all },
    footnotes: footnotes.all,
    pageNumbers: PAGE_NUMBERS,
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } },
        },
        footers: { default: pageFooter(labels), first: blankFooter() },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(word);
}

function pageFooter(labels: ExportLabels): Footer {
  const [before, between, after] = labels.pageOf;
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ size: 18, children: [before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after] })],
      }),
    ],
  });
}

/**
 * The title page's footer: nothing shown, but one empty paragraph, as Word writes it (a footer
 * part must hold a block, and `docx/layout` fails on one that holds none).
 */
function blankFooter(): Footer {
  return new Footer({ children: [new Paragraph({})] });
}

function titlePage(document: MasterDocument, labels: ExportLabels, options: RenderOptions, lists: ListInstances): FileChild[] {
  const centred = (text: string, run = {}) => new Paragraph({ alignment: AlignmentType.CENTER, children: plainRuns(text, run) });
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: plainRuns(document.courseTitle) }),
    centred(labels.subtitle, { size: 28, color: '444444' }),
    centred(labels.textState[options.state], { bold: true }),
    centred(labels.generatedOn(formatDate(labels, document.generatedAt)), { color: '555555' }),
    ...languageParagraphs(document, labels),
    new Paragraph({ spacing: { before: 480 }, children: plainRuns(labels.sectionStatus, { bold: true }) }),
    ...renderBlock(statusTable(document, labels, options), blockContext(lists)),
  ];
}

/** The language version, and a red box saying how far a lagging translation is behind (#19). */
function languageParagraphs(document: MasterDocument, labels: ExportLabels): Paragraph[] {
  const lines = languageLines(document, labels);
  if (!lines) return [];
  const version = new Paragraph({ alignment: AlignmentType.CENTER, children: plainRuns(lines.version, { bold: true }) });
  return lines.incomplete ? [version, redBox(lines.incomplete)] : [version];
}

/**
 * The contents: Word's TOC field over Heading 1–2. docx writes the entries in from the headings,
 * with their page numbers (`PAGE_NUMBERS`), so the list reads well in readers that never update
 * fields; Word's "Update table" still works.
 */
function contents(labels: ExportLabels): FileChild[] {
  return [
    new Paragraph({ pageBreakBefore: true, spacing: { after: 240 }, children: plainRuns(labels.tableOfContents, { bold: true, size: 32, color: '17365D' }) }),
    new TableOfContents(labels.tableOfContents, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

interface SectionDeps {
  labels: ExportLabels;
  options: RenderOptions;
  comments: DocxComments;
  lists: ListInstances;
  revisions: DocxRevisions;
  numbering: FootnoteNumbering;
  footnotes: DocxFootnotes;
  references: CrossReferences;
  bookmarks: AnchorNames;
  glossary: GlossaryAnchors;
}

function sectionBlocks(section: ExportSection, deps: SectionDeps): FileChild[] {
  // Word is where suggestions are reviewed: marked unless the request says to leave them out.
  const doc = sectionDoc(section, deps.options.suggestions ?? 'mark');
  const placed = deps.options.includeComments ? deps.comments.place(doc, section.openComments) : { anchors: new Map(), atHeading: [] };
  // The TOC is built from the headings: a lagging translation's mark is part of its heading.
  const title = xmlSafe(contentsEntry(section, deps.labels));
  // The section's own bookmark: references to the whole section lead to its title.
  const bookmark = deps.bookmarks.claim(section.id, SECTION_TARGET);
  const runs = [
    ...placed.atHeading.map((id) => new CommentRangeStart(id)),
    new TextRun(title),
    ...placed.atHeading.map((id) => new CommentRangeEnd(id)),
    ...placed.atHeading.map((id) => new TextRun({ children: [new CommentReference(id)] })),
  ];
  const heading = new Paragraph({
    heading: HeadingLevel.HEADING_1,
    pageBreakBefore: true,
    children: bookmark ? [new Bookmark({ id: bookmark, children: runs })] : runs,
  });
  const blocks: FileChild[] = [heading];
  if (section.state === 'draft-unapproved') blocks.push(redBox(deps.labels.draftNotApproved));
  if (isIncomplete(section)) blocks.push(redBox(deps.labels.sectionIncomplete));
  const links = {
    section: section.id,
    notes: deps.numbering.section(doc),
    references: deps.references,
    bookmarks: deps.bookmarks,
    footnotes: deps.footnotes,
    labels: deps.labels,
  };
  blocks.push(...renderBlock(doc, { ...blockContext(deps.lists), anchors: placed.anchors, revisions: deps.revisions, links, glossary: deps.glossary }));
  return blocks;
}

/** A marker no reader can miss: a draft shown for want of an approved text, a lagging translation. */
function redBox(text: string): Paragraph {
  const red = { style: BorderStyle.SINGLE, size: 12, color: 'B3261E', space: 4 };
  return new Paragraph({
    border: { top: red, bottom: red, left: red, right: red },
    spacing: { after: 240 },
    children: plainRuns(text, { bold: true, color: 'B3261E' }),
  });
}

/** An appendix (#20): a Heading 1 on a new page, then its content as a section's text is rendered. */
function appendixBlocks(appendix: ExportAppendix, deps: SectionDeps): FileChild[] {
  const doc = sectionDoc(appendix, 'omit');
  const anchor = `appendix-${appendix.key}`;
  const links = {
    section: anchor,
    notes: deps.numbering.section(doc),
    references: deps.references,
    bookmarks: deps.bookmarks,
    footnotes: deps.footnotes,
    labels: deps.labels,
  };
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: plainRuns(appendix.title) }),
    ...renderBlock(doc, { ...blockContext(deps.lists), revisions: deps.revisions, links, glossary: deps.glossary }),
  ];
}

function approvalRecord(document: MasterDocument, labels: ExportLabels, lists: ListInstances): FileChild[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: plainRuns(labels.approvalRecord) }),
    ...renderBlock(approvalRecordBody(document, labels), blockContext(lists)),
  ];
}

/** Top-level content of a section: below its Heading 1, outside lists and quotes. */
function blockContext(lists: ListInstances): DocxContext {
  return { base: 1, listLevel: -1, quoteDepth: 0, header: false, list: null, anchors: new Map(), lists, width: TEXT_WIDTH };
}
