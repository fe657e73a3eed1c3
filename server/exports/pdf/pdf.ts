/**
 * The PDF export, drawn with pdfkit from the schema: a title page with each section's status,
 * a contents page with page numbers and links, each section from a new page with a bookmark in
 * the outline, the optional appendix, and "Page X of Y" on every page after the title.
 */
import PDFDocument from 'pdfkit';
import { SECTION_TARGET } from '../../../shared/references';
import { sectionDoc } from '../content';
import { type AnchorNames, CrossReferences, pageAnchors } from '../cross-references';
import { FootnoteNumbering } from '../footnotes';
import { type ExportLabels, documentLabels } from '../labels';
import { approvalRecordBody, commentList, heading, paragraph, statusTable } from '../master-nodes';
import type { ExportAppendix, ExportSection, MasterDocument, RenderOptions, SectionProgress } from '../model';
import { appendicesOf, appendixAnchor, contentsEntry, formatDate, includedSections, isIncomplete, languageLines, sectionHeading } from '../outline';
import { eachSection } from '../steps';
import { renderBlock } from './pdf-content';
import type { PdfContext } from './pdf-context';
import { Flow } from './pdf-flow';
import { FACES, registerFonts } from './pdf-fonts';
import { drawNotes } from './pdf-notes';
import { BODY, type TextStyle, drawLines, layoutLines, linesHeight } from './pdf-text';

const MARGIN = 56;
const TOC_LINE = 20;
const APPENDIX_ANCHOR = 'approval-record';
const DRAFT_RED = '#b3261e';

interface Entry {
  title: string;
  anchor: string;
  page: number;
}

export async function renderPdf(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<Buffer> {
  const labels = documentLabels(document, options);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: labels.lang,
    displayTitle: true,
    info: {
      Title: document.courseTitle,
      Author: labels.author,
      Subject: `${labels.subtitle}: ${labels.textState[options.state]}`,
      CreationDate: document.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  registerFonts(doc);

  const flow = new Flow(doc, MARGIN);
  const context: PdfContext = { flow, x: MARGIN, width: doc.page.width - 2 * MARGIN, base: 1, style: BODY, listDepth: -1, marker: null };
  titlePage(document, labels, options, context);

  const sections = includedSections(document, options);
  const file: PdfFile = {
    labels,
    options,
    footnotes: new FootnoteNumbering(),
    references: new CrossReferences(document, sections, options.locale),
    anchors: pageAnchors(),
  };
  const entries: Entry[] = sections.map((section) => ({ title: contentsEntry(section, labels), anchor: file.anchors.name(section.id, SECTION_TARGET), page: 0 }));
  const appendices = appendicesOf(document);
  const appendixEntries: Entry[] = appendices.map((appendix) => ({ title: appendix.title, anchor: appendixAnchor(appendix), page: 0 }));
  entries.push(...appendixEntries);
  if (options.includeApprovalRecord) entries.push({ title: labels.approvalRecord, anchor: APPENDIX_ANCHOR, page: 0 });
  // Contents pages are kept free now and filled in at the end, when every section's page is known.
  const perPage = Math.floor((doc.page.height - 2 * MARGIN - 60) / TOC_LINE);
  const tocPages = Math.max(1, Math.ceil(entries.length / perPage));
  const tocStart = currentPage(doc) + 1;
  for (let i = 0; i < tocPages; i++) flow.newPage();

  const start = (entry: Entry) => {
    flow.newPage();
    entry.page = currentPage(doc);
    flow.destination(entry.anchor);
    doc.outline.addItem(entry.title);
  };
  await eachSection(
    sections,
    (section, index) => {
      start(entries[index]);
      drawSection(section, file, context);
    },
    onProgress,
  );
  appendices.forEach((appendix, index) => {
    start(appendixEntries[index]);
    drawAppendix(appendix, file, context);
  });
  if (options.includeApprovalRecord) {
    start(entries[entries.length - 1]);
    renderBlock(heading(1, labels.approvalRecord), { ...context, base: 0 });
    renderBlock(approvalRecordBody(document, labels), context);
  }

  drawContents(doc, entries, labels, tocStart, perPage);
  drawPageNumbers(doc, labels);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function currentPage(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

function centred(context: PdfContext, text: string, style: Partial<TextStyle>, gap: number): void {
  const lines = layoutLines(context.flow.doc, [{ text, style: { ...BODY, ...style } }], context.width);
  drawLines(context.flow, lines, context.x, context.width, 'center');
  context.flow.y += gap;
}

function titlePage(document: MasterDocument, labels: ExportLabels, options: RenderOptions, context: PdfContext): void {
  context.flow.y = 96;
  centred(context, document.courseTitle, { size: 24, bold: true, color: '#17365d' }, 10);
  centred(context, labels.subtitle, { size: 14, color: '#444444' }, 24);
  centred(context, labels.textState[options.state], { size: 12, bold: true }, 4);
  const language = languageLines(document, labels);
  centred(context, labels.generatedOn(formatDate(labels, document.generatedAt)), { size: 10, color: '#555555' }, language ? 12 : 36);
  if (language) {
    centred(context, language.version, { size: 12, bold: true }, language.incomplete ? 8 : 24);
    if (language.incomplete) {
      redBox(language.incomplete, context);
      context.flow.y += 14;
    }
  }
  renderBlock(paragraph(labels.sectionStatus, ['bold']), context);
  renderBlock(statusTable(document, labels, options), context);
}

/** What the sections of one file share: the numbering of notes, references, and destinations. */
interface PdfFile {
  labels: ExportLabels;
  options: RenderOptions;
  footnotes: FootnoteNumbering;
  references: CrossReferences;
  anchors: AnchorNames;
}

/** The section's title, its text, its footnotes as end notes, its open comments. */
function drawSection(section: ExportSection, file: PdfFile, context: PdfContext): void {
  const { labels, options } = file;
  renderBlock(heading(1, sectionHeading(section)), { ...context, base: 0 });
  if (section.state === 'draft-unapproved') redBox(labels.draftNotApproved, context);
  if (isIncomplete(section)) redBox(labels.sectionIncomplete, context);
  const doc = sectionDoc(section, options.suggestions ?? 'omit');
  const links = { section: section.id, notes: file.footnotes.section(doc), references: file.references, anchors: file.anchors, labels };
  renderBlock(doc, { ...context, links });
  drawNotes({ ...context, links });
  if (options.includeComments && section.openComments.length) {
    renderBlock(heading(2, labels.openComments), { ...context, base: 0 });
    renderBlock(commentList(section.openComments, labels), context);
  }
}

/** An appendix (#20): its title, then its content as a section's text is drawn. */
function drawAppendix(appendix: ExportAppendix, file: PdfFile, context: PdfContext): void {
  renderBlock(heading(1, appendix.title), { ...context, base: 0 });
  const doc = sectionDoc(appendix, 'omit');
  const links = { section: appendixAnchor(appendix), notes: file.footnotes.section(doc), references: file.references, anchors: file.anchors, labels: file.labels };
  renderBlock(doc, { ...context, links });
  drawNotes({ ...context, links });
}

/** A red box that no reader can miss: a draft shown for want of an approved text, a lagging translation. */
function redBox(text: string, context: PdfContext): void {
  const { flow } = context;
  const pad = 6;
  const style = { ...BODY, bold: true, color: DRAFT_RED };
  const lines = layoutLines(flow.doc, [{ text, style }], context.width - 2 * pad);
  const height = linesHeight(lines) + 2 * pad;
  flow.room(height);
  flow.box(context.x, flow.y, context.width, height, { stroke: DRAFT_RED, lineWidth: 1.5 });
  const top = flow.y;
  flow.y += pad;
  drawLines(flow, lines, context.x + pad, context.width - 2 * pad);
  flow.y = top + height + 10;
}

/** The contents: each entry links to its section's destination and shows its page number. */
function drawContents(doc: PDFKit.PDFDocument, entries: Entry[], labels: ExportLabels, tocStart: number, perPage: number): void {
  const width = doc.page.width - 2 * MARGIN;
  entries.forEach((entry, index) => {
    const page = tocStart + Math.floor(index / perPage);
    doc.switchToPage(page);
    const flow = new Flow(doc, MARGIN, { fixed: true });
    if (index % perPage === 0) {
      flow.text(labels.tableOfContents, MARGIN, MARGIN, FACES.bold, 18, { color: '#17365d' });
    }
    const y = MARGIN + 50 + (index % perPage) * TOC_LINE;
    const number = String(entry.page + 1);
    const numberWidth = doc.font(FACES.regular).fontSize(BODY.size).widthOfString(number);
    const titleLine = layoutLines(doc, [{ text: entry.title, style: BODY }], width - numberWidth - 24)[0];
    const title = titleLine.fragments.map((fragment) => fragment.text).join('');
    const shown = title.length < entry.title.length ? `${title.replace(/\s*\S*$/, '')} …` : title;
    flow.text(shown, MARGIN, y, FACES.regular, BODY.size, { goTo: entry.anchor });
    flow.text(number, MARGIN + width - numberWidth, y, FACES.regular, BODY.size, { goTo: entry.anchor });
  });
}

/** "Page X of Y" in the bottom margin of every page but the title page. */
function drawPageNumbers(doc: PDFKit.PDFDocument, labels: ExportLabels): void {
  const { start, count } = doc.bufferedPageRange();
  const [before, between, after] = labels.pageOf;
  for (let page = start + 1; page < start + count; page++) {
    doc.switchToPage(page);
    const text = `${before}${page + 1}${between}${count}${after}`;
    const size = 8.5;
    const width = doc.font(FACES.regular).fontSize(size).widthOfString(text);
    new Flow(doc, 0, { fixed: true }).text(text, (doc.page.width - width) / 2, doc.page.height - MARGIN / 2 - size, FACES.regular, size, { color: '#555555' });
  }
}

