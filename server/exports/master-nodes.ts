/**
 * The master's own blocks (title page lines, status list, open comments, approval record) built
 * as nodes of the shared schema, so the Markdown and PDF exporters write them with the same
 * handlers, and the same escaping, as section content.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import type { ExportLabels } from './labels';
import type { ExportComment, MasterDocument, RenderOptions } from './model';
import { approvalCells, approvalColumns, approvalRows, formatTimestamp, isLeftOut, partHeading, sectionHeading, statusLine } from './outline';

const { nodes } = schema;

/** Text with marks by name; nothing for an empty string (the schema allows no empty text nodes). */
export function textNodes(value: string, marks: string[] = []): Node[] {
  return value ? [schema.text(value, marks.map((name) => schema.marks[name].create()))] : [];
}

export const paragraph = (value: string, marks?: string[]) => nodes.paragraph.create(null, textNodes(value, marks));
export const heading = (level: number, value: string) => nodes.heading.create({ level }, textNodes(value));
export const listItem = (...blocks: Node[]) => nodes.list_item.create(null, blocks);
export const bulletList = (items: Node[]) => nodes.bullet_list.create(null, items);
export const docOf = (blocks: Node[]) => nodes.doc.create(null, blocks.length ? blocks : [paragraph('')]);

/** A table whose first row is made of header cells; `widths` are relative column widths. */
export function tableNode(head: string[], rows: string[][], widths?: number[]): Node {
  const row = (type: 'table_header' | 'table_cell', values: string[], colwidths?: number[]) =>
    nodes.table_row.create(
      null,
      values.map((value, i) => nodes[type].create(colwidths ? { colwidth: [colwidths[i]] } : null, paragraph(value))),
    );
  return nodes.table.create(null, [row('table_header', head, widths), ...rows.map((values) => row('table_cell', values))]);
}

/**
 * Section and status, in master order, each part's sections under a row with the part's title.
 * Every section is listed, those left out of the file too, saying so.
 */
export function statusTable(document: MasterDocument, labels: ExportLabels, options: Pick<RenderOptions, 'includeUnapproved'>): Node {
  const widths = [64, 36];
  const head = nodes.table_row.create(
    null,
    [labels.columns.section, labels.columns.status].map((value, i) => nodes.table_header.create({ colwidth: [widths[i]] }, paragraph(value))),
  );
  const rows: Node[] = [head];
  let part: number | null = null;
  for (const section of document.sections) {
    if (section.part !== part) {
      part = section.part;
      rows.push(nodes.table_row.create(null, nodes.table_cell.create({ colspan: 2 }, paragraph(partHeading(document, labels, section.part), ['bold']))));
    }
    const cells = [sectionHeading(section), statusLine(labels, section, isLeftOut(section, options))];
    rows.push(nodes.table_row.create(null, cells.map((value) => nodes.table_cell.create(null, paragraph(value)))));
  }
  return nodes.table.create(null, rows);
}

/**
 * The approval record's body: a table, or a sentence saying nothing is approved yet. The column
 * widths let an organisation's name and a version prefix stand unbroken even in the PDF.
 */
export function approvalRecordBody(document: MasterDocument, labels: ExportLabels): Node {
  const rows = approvalRows(document);
  return rows.length ? tableNode(approvalColumns(labels), rows.map(approvalCells), [27, 19, 17, 19, 18]) : paragraph(labels.noApprovals);
}

/** Open threads as a list: the quote, the comment, its author and date, replies nested. */
export function commentList(threads: ExportComment[], labels: ExportLabels): Node {
  const byline = (author: string, at: string) => paragraph(`— ${author}, ${formatTimestamp(at)}`, ['italic']);
  return bulletList(
    threads.map((thread) => {
      const replies = thread.replies.map((reply) => listItem(paragraph(reply.body), byline(reply.author, reply.createdAt)));
      return listItem(
        ...(thread.quote ? [paragraph(labels.commentOn(thread.quote), ['italic'])] : []),
        paragraph(thread.body),
        byline(thread.author, thread.createdAt),
        ...(replies.length ? [bulletList(replies)] : []),
      );
    }),
  );
}
