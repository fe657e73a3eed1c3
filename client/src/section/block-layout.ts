/**
 * Lays out a section read as a list of text blocks (what `shared/document-diff.ts` and the
 * attribution endpoint return): headings as headings, list items in lists, quotes as quotes, so a
 * comparison or an attribution reads like the document it is about.
 */
import { html, nothing, type TemplateResult } from 'lit-html';

export interface LaidBlock {
  /** heading, paragraph, bullet item, ordered item, table cell, quote */
  kind: string;
  level: number | null;
}

function one(kind: string, level: number | null, className: string, content: TemplateResult): TemplateResult {
  switch (kind) {
    case 'heading':
      return level === 1
        ? html`<h1 class=${className}>${content}</h1>`
        : level === 2
          ? html`<h2 class=${className}>${content}</h2>`
          : html`<h3 class=${className}>${content}</h3>`;
    case 'bullet item':
    case 'ordered item':
      return html`<li class=${className}>${content}</li>`;
    case 'quote':
      return html`<blockquote class=${className}><p>${content}</p></blockquote>`;
    case 'table cell':
      return html`<p class="${className} table-cell-block">${content}</p>`;
    default:
      return html`<p class=${className}>${content}</p>`;
  }
}

/**
 * The blocks in document order; runs of list items of one kind share one list.
 * @param render the block's inline content
 * @param classOf classes of the block's element (its change, for a diff)
 * @param marker an element before the block's content (e.g. "moved here")
 */
export function layoutBlocks<B extends LaidBlock>(
  blocks: readonly B[],
  render: (block: B) => TemplateResult,
  classOf: (block: B) => string = () => '',
  marker: (block: B) => TemplateResult | typeof nothing = () => nothing,
): TemplateResult[] {
  const out: TemplateResult[] = [];
  let index = 0;
  while (index < blocks.length) {
    const block = blocks[index];
    const inner = (b: B) => one(b.kind, b.level, `block ${classOf(b)}`, html`${marker(b)}${render(b)}`);
    if (block.kind === 'bullet item' || block.kind === 'ordered item') {
      const items: TemplateResult[] = [];
      while (index < blocks.length && blocks[index].kind === block.kind) items.push(inner(blocks[index++]));
      out.push(block.kind === 'bullet item' ? html`<ul>${items}</ul>` : html`<ol>${items}</ol>`);
      continue;
    }
    out.push(inner(block));
    index++;
  }
  return out;
}
