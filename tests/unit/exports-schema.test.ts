/**
 * Every node and mark of the shared schema has a handler in every exporter, and a document that
 * holds every one of them (the #20 nodes too: learning outcomes, hours and assessment tables,
 * template headings, glossary terms) comes out of every format with its words: a node added to
 * the editor without an exporter fails here, not in a ministry's inbox.
 */
import { strFromU8, unzipSync } from 'fflate';
import { schema } from '../../shared/schema';
import { readDocument } from '../../shared/document-repair';
import { renderDocx } from '../../server/exports/docx/docx';
import { docxNodes } from '../../server/exports/docx/docx-content';
import { docxMarks } from '../../server/exports/docx/docx-inline';
import { renderHtml } from '../../server/exports/html/html';
import { htmlMarks, htmlNodes } from '../../server/exports/html/html-content';
import { renderMarkdown } from '../../server/exports/markdown/markdown';
import { markdownMarks, markdownNodes } from '../../server/exports/markdown/markdown-serializer';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { RenderOptions } from '../../server/exports/model';
import { renderPdf } from '../../server/exports/pdf/pdf';
import { pdfMarks, pdfNodes } from '../../server/exports/pdf/pdf-content';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const EXPORTERS: Record<string, { nodes: object; marks: object }> = {
  docx: { nodes: docxNodes, marks: docxMarks },
  pdf: { nodes: pdfNodes, marks: pdfMarks },
  html: { nodes: htmlNodes, marks: htmlMarks },
  markdown: { nodes: markdownNodes, marks: markdownMarks },
};

const missing = (handlers: object, names: string[]) => names.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function' && typeof (handlers as Record<string, unknown>)[name] !== 'object');

const text = (value: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]) => (marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const cells = (type: 'table_header' | 'table_cell', ...values: string[]) => ({
  type: 'table_row',
  content: values.map((value) => ({ type, content: [paragraph(...(value ? [text(value)] : []))] })),
});

/**
 * A section holding every node and mark of the schema, each with a word of its own to find in the
 * files (`WORDS`). A mark's word stays in the text in every format, whatever the format makes of it.
 */
function everythingJSON() {
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1, id: 'h1', template: 'legal-framework' }, content: [text('Templatedheading')] },
      { type: 'learning_outcome', attrs: { id: 'lo1' }, content: [text('Outcomeword')] },
      paragraph(
        text('Boldword', { type: 'bold' }),
        text(' '),
        text('Italicword', { type: 'italic' }),
        text(' '),
        text('Underlineword', { type: 'underline' }),
        text(' '),
        text('Strikeword', { type: 'strike' }),
        text(' '),
        text('Subword', { type: 'subscript' }),
        text(' '),
        text('Supword', { type: 'superscript' }),
        text(' '),
        text('Linkword', { type: 'link', attrs: { href: 'https://www.iom.int/' } }),
        text(' '),
        text('Glossaryword', { type: 'glossary_term', attrs: { entry: 'entry00001' } }),
        text(' '),
        text('Insertedword', { type: 'insertion', attrs: { id: 's1', author: 1, at: 1790000000000 } }),
        text(' '),
        text('Deletedword', { type: 'deletion', attrs: { id: 's2', author: 1, at: 1790000000000 } }),
        { type: 'hard_break' },
        text('Afterbreak'),
        { type: 'footnote', content: [text('Footnoteword')] },
        text(' see '),
        { type: 'cross_reference', attrs: { section: 'regional-1', target: 'lo1', label: 'LO 1.1' } },
      ),
      { type: 'blockquote', content: [paragraph(text('Quoteword'))] },
      { type: 'bullet_list', content: [{ type: 'list_item', content: [paragraph(text('Bulletword'))] }] },
      { type: 'ordered_list', attrs: { order: 1 }, content: [{ type: 'list_item', content: [paragraph(text('Orderedword'))] }] },
      { type: 'table', content: [cells('table_header', 'Headerword', 'Other'), cells('table_cell', 'Cellword', '')] },
      { type: 'table', attrs: { kind: 'hours' }, content: [cells('table_header', 'Topic', 'Lecture', 'Seminar', 'Practice', 'Self-study'), cells('table_cell', 'Hoursword', '2', '2', '1', '3')] },
      { type: 'table', attrs: { kind: 'assessment' }, content: [cells('table_header', 'Item', 'Weight', 'Outcomes'), cells('table_cell', 'Assessmentword', '90', '')] },
    ],
  };
}

/** The words every format must hold, the computed ones included (the totals rows, the warning). */
const WORDS = [
  'Templatedheading', 'LO 1.1', 'Outcomeword', 'Boldword', 'Italicword', 'Underlineword', 'Strikeword', 'Subword', 'Supword', 'Linkword',
  'Glossaryword', 'Insertedword', 'Deletedword', 'Afterbreak', 'Footnoteword', 'Quoteword', 'Bulletword', 'Orderedword', 'Headerword', 'Cellword',
  'Hoursword', 'Total: 8 h', 'Assessmentword', '90 %', 'the weights total 90 %, not 100 %.',
];

/** Node and mark names used in a JSON document. */
function namesIn(json: unknown, into = { nodes: new Set<string>(), marks: new Set<string>() }) {
  if (Array.isArray(json)) json.forEach((item) => namesIn(item, into));
  else if (json && typeof json === 'object') {
    const node = json as { type?: string; marks?: { type: string }[]; content?: unknown };
    if (node.type) into.nodes.add(node.type);
    node.marks?.forEach((mark) => into.marks.add(mark.type));
    namesIn(node.content, into);
  }
  return into;
}

describe('the schema walk', () => {
  const nodeNames = Object.keys(schema.nodes);
  const markNames = Object.keys(schema.marks);

  it('sees the schema it guards', () => {
    expect(nodeNames).toEqual(expect.arrayContaining(['doc', 'paragraph', 'heading', 'learning_outcome', 'table', 'table_header', 'hard_break', 'footnote', 'cross_reference']));
    expect(markNames).toEqual(expect.arrayContaining(['link', 'bold', 'subscript', 'superscript', 'glossary_term', 'insertion', 'deletion']));
  });

  it.each(Object.keys(EXPORTERS))('the %s exporter has a handler for every node of the schema', (format) => {
    expect(missing(EXPORTERS[format].nodes, nodeNames)).toEqual([]);
  });

  it.each(Object.keys(EXPORTERS))('the %s exporter has a handler for every mark of the schema', (format) => {
    expect(missing(EXPORTERS[format].marks, markNames)).toEqual([]);
  });

  it('would notice a node without a handler', () => {
    expect(missing(htmlNodes, [...nodeNames, 'margin_note'])).toEqual(['margin_note']);
  });
});

describe('a section holding every node and mark, in every format', () => {
  const OPTIONS: RenderOptions = { state: 'current', includeComments: false, includeApprovalRecord: false, locale: 'en', suggestions: 'mark' };
  const document = () => MemoryMasterSource.forOutline((outline) => ({ current: outline.id === 'regional-1' ? everythingJSON() : { type: 'doc', content: [paragraph()] } })).load('current', ['regional-1']);
  const outputs: Record<string, string> = {};
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-schema-'));
    const docx = unzipSync(new Uint8Array(await renderDocx(document(), OPTIONS)));
    const xml = strFromU8(docx['word/document.xml']) + strFromU8(docx['word/footnotes.xml']);
    outputs.docx = [...xml.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join(' ');
    const pdf = path.join(dir, 'everything.pdf');
    fs.writeFileSync(pdf, await renderPdf(document(), OPTIONS));
    outputs.pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    outputs.html = (await renderHtml(document(), OPTIONS)).replace(/<[^>]+>/g, ' ');
    outputs.markdown = await renderMarkdown(document(), OPTIONS);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a fixture that holds every node and mark of the schema', () => {
    const used = namesIn(everythingJSON());
    expect(Object.keys(schema.nodes).filter((name) => !used.nodes.has(name))).toEqual([]);
    expect(Object.keys(schema.marks).filter((name) => !used.marks.has(name))).toEqual([]);
    // And it is valid: nothing of it is repaired away before the exporters see it.
    const read = namesIn(readDocument(everythingJSON()).toJSON());
    expect([[...read.nodes].sort(), [...read.marks].sort()]).toEqual([[...used.nodes].sort(), [...used.marks].sort()]);
  });

  it.each(['docx', 'pdf', 'html', 'markdown'])('%s keeps the words of every node and mark', (format) => {
    const words = outputs[format].replace(/\s+/g, ' ').replace(/&amp;/g, '&');
    expect(WORDS.filter((word) => !words.includes(word))).toEqual([]);
  });
});
