/**
 * The blocks the appendices are made of, as nodes of the shared schema: tables with a header row
 * (relative column widths, a bold totals row) and labelled paragraphs. The appendices are handed
 * to the exporters as JSON of these, so every format draws them with its section-content code.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../../../shared/schema';
import { paragraph, textNodes } from '../master-nodes';

const { nodes } = schema;

export interface TableSpec {
  head: string[];
  rows: string[][];
  /** Relative widths of the columns (the editor's `colwidth`, in made-up pixels). */
  widths?: number[];
  /** Rows drawn bold after the others (totals). */
  totals?: string[][];
}

export function table(spec: TableSpec): Node {
  const row = (type: 'table_header' | 'table_cell', values: string[], marks: string[] = [], widths?: number[]) =>
    nodes.table_row.create(
      null,
      spec.head.map((_, i) => nodes[type].create(widths ? { colwidth: [widths[i]] } : null, paragraph(values[i] ?? '', marks))),
    );
  return nodes.table.create(null, [
    row('table_header', spec.head, [], spec.widths),
    ...spec.rows.map((values) => row('table_cell', values)),
    ...(spec.totals ?? []).map((values) => row('table_cell', values, ['bold'])),
  ]);
}

/** "Definition: …": the label bold, the value plain; nothing when the value is empty. */
export function labelled(label: string, value: string): Node[] {
  const text = value.trim();
  return text ? [nodes.paragraph.create(null, [...textNodes(`${label}:`, ['bold']), ...textNodes(` ${text}`)])] : [];
}

/** A heading of the appendix's text (level 1 sits right under the appendix's title), with an id. */
export function heading(level: number, text: string, id: string | null = null): Node {
  return nodes.heading.create({ level, id }, textNodes(text));
}

/** The JSON an `ExportAppendix` carries: a doc of the blocks, never empty. */
export function appendixContent(blocks: Node[]): Record<string, unknown> {
  return nodes.doc.create(null, blocks.length ? blocks : [paragraph('')]).toJSON() as Record<string, unknown>;
}
