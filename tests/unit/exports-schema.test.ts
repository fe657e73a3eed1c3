/**
 * Every node and mark of the shared schema has a handler in every exporter: a node added to the
 * editor without an exporter fails here, not in a ministry's inbox.
 */
import { schema } from '../../shared/schema';
import { docxNodes } from '../../server/exports/docx/docx-content';
import { docxMarks } from '../../server/exports/docx/docx-inline';
import { htmlMarks, htmlNodes } from '../../server/exports/html/html-content';
import { markdownMarks, markdownNodes } from '../../server/exports/markdown/markdown-serializer';
import { pdfMarks, pdfNodes } from '../../server/exports/pdf/pdf-content';

const EXPORTERS: Record<string, { nodes: object; marks: object }> = {
  docx: { nodes: docxNodes, marks: docxMarks },
  pdf: { nodes: pdfNodes, marks: pdfMarks },
  html: { nodes: htmlNodes, marks: htmlMarks },
  markdown: { nodes: markdownNodes, marks: markdownMarks },
};

const missing = (handlers: object, names: string[]) => names.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function' && typeof (handlers as Record<string, unknown>)[name] !== 'object');

describe('the schema walk', () => {
  const nodeNames = Object.keys(schema.nodes);
  const markNames = Object.keys(schema.marks);

  it('sees the schema it guards', () => {
    expect(nodeNames).toEqual(expect.arrayContaining(['doc', 'paragraph', 'heading', 'table', 'table_header', 'hard_break', 'footnote', 'cross_reference']));
    expect(markNames).toEqual(expect.arrayContaining(['link', 'bold', 'subscript', 'superscript']));
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
