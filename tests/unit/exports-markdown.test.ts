/**
 * The Markdown export, parsed back with markdown-it (GFM tables, inline <u>/<sub>/<sup>/<br>)
 * into the shared schema: the text, the structure and the marks come back as they went out.
 */
import MarkdownIt from 'markdown-it';
import { MarkdownParser } from 'prosemirror-markdown';
import type { Node } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import { withoutSuggestions } from '../../shared/suggestions';
import { contentMarkdown, renderMarkdown } from '../../server/exports/markdown/markdown';
import { masterSerializer } from '../../server/exports/markdown/markdown-serializer';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';

/** Our Markdown dialect read back: inline HTML tags become marks, table cells get paragraphs. */
function markdownParser(): MarkdownParser {
  const md = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
  md.core.ruler.push('syllabus', (state) => {
    const tokens: typeof state.tokens = [];
    state.tokens.forEach((token, index) => {
      if (token.type === 'inline') {
        token.children = (token.children ?? []).map((child) => {
          const tag = child.type === 'html_inline' ? /^<(\/?)(u|sub|sup|br)\s*\/?>$/i.exec(child.content) : null;
          if (!tag) return child;
          if (tag[2] === 'br') return new state.Token('hardbreak', 'br', 0);
          return new state.Token(`${tag[2]}_${tag[1] ? 'close' : 'open'}`, tag[2], tag[1] ? -1 : 1);
        });
        const before = state.tokens[index - 1]?.type;
        if (before === 'th_open' || before === 'td_open') {
          tokens.push(new state.Token('paragraph_open', 'p', 1), token, new state.Token('paragraph_close', 'p', -1));
          return;
        }
      }
      tokens.push(token);
    });
    state.tokens = tokens;
  });
  return new MarkdownParser(schema, md, {
    blockquote: { block: 'blockquote' },
    paragraph: { block: 'paragraph' },
    list_item: { block: 'list_item' },
    bullet_list: { block: 'bullet_list' },
    ordered_list: { block: 'ordered_list', getAttrs: (token) => ({ order: Number(token.attrGet('start') ?? 1) }) },
    heading: { block: 'heading', getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
    hardbreak: { node: 'hard_break' },
    em: { mark: 'italic' },
    strong: { mark: 'bold' },
    s: { mark: 'strike' },
    u: { mark: 'underline' },
    sub: { mark: 'subscript' },
    sup: { mark: 'superscript' },
    link: { mark: 'link', getAttrs: (token) => ({ href: token.attrGet('href'), title: token.attrGet('title') || null }) },
    table: { block: 'table' },
    thead: { ignore: true },
    tbody: { ignore: true },
    tr: { block: 'table_row' },
    th: { block: 'table_header' },
    td: { block: 'table_cell' },
  });
}

const parser = markdownParser();
const text = (doc: Node) => doc.textBetween(0, doc.content.size, '\n', '\n').replace(/\s+/g, ' ').trim();

describe('the Markdown export', () => {
  // What Markdown writes by default: the text without open suggestions (CriticMarkup only when asked).
  const rich = withoutSuggestions(schema.nodeFromJSON(richSectionJSON()));

  it('round-trips a section with every script, a table, nested lists and all marks to the same document', () => {
    const back = parser.parse(masterSerializer.serialize(rich));
    expect(text(back)).toBe(text(rich));
    expect(back.toJSON()).toEqual(rich.toJSON());
  });

  it('shifts content headings below the section title and keeps the text', () => {
    const markdown = contentMarkdown(rich);
    expect(markdown).toMatch(new RegExp(`^### ${SCRIPT_SAMPLES.russian}$`, 'm'));
    expect(markdown).toMatch(new RegExp(`^#### ${SCRIPT_SAMPLES.kazakh}$`, 'm'));
    expect(markdown).toMatch(new RegExp(`^##### ${SCRIPT_SAMPLES.kyrgyz}$`, 'm'));
    expect(text(parser.parse(markdown))).toBe(text(rich));
  });

  it('writes tables as GFM tables, escaping pipes and joining a cell’s paragraphs with <br>', () => {
    const cell = (type: string, ...paragraphs: string[]) => ({ type, content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) });
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            { type: 'table_row', content: [cell('table_header', 'A | B'), cell('table_header', 'C')] },
            { type: 'table_row', content: [cell('table_cell', 'first', 'second'), cell('table_cell', '<b>not bold</b>')] },
          ],
        },
      ],
    });
    const markdown = masterSerializer.serialize(doc);
    expect(markdown).toContain('| A \\| B | C |');
    expect(markdown).toContain('| first<br>second | \\<b\\>not bold\\</b\\> |');
    const back = parser.parse(markdown);
    const table = back.firstChild!;
    expect(table.type.name).toBe('table');
    expect(table.child(0).child(0).textContent).toBe('A | B');
    expect(table.child(1).child(0).firstChild!.childCount).toBe(3);
    expect(table.child(1).child(1).textContent).toBe('<b>not bold</b>');
  });

  it('keeps text of unsafe links and drops their target', () => {
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)', title: null } }] }] }],
    });
    const markdown = masterSerializer.serialize(doc);
    expect(markdown.trim()).toBe('click');
  });

  it('writes the whole master: course title, status list, sections as ## blocks, appendix', async () => {
    const source = MemoryMasterSource.forOutline((outline) => ({
      current: richSectionJSON(),
      status: outline.id === 'regional-1' ? 'approved' : 'draft',
      approved: outline.id === 'regional-1' ? { content: richSectionJSON(), approvals: [{ organisation: 'TSPC', reviewer: 'Nurlan', decidedAt: '2026-09-10T08:30:00Z', versionHash: '0123456789abcdef0123' }] } : null,
    }));
    const markdown = await renderMarkdown(source.load('current'), { state: 'current', includeComments: false, includeApprovalRecord: true, locale: 'en' });
    expect(markdown.startsWith('# International Migration Law and Return Migration\n')).toBe(true);
    expect(markdown).toContain('- 1.1 Basic concepts and terminology of migration — Approved');
    expect(markdown.match(/^## \d\.\d /gm)).toHaveLength(10);
    expect(markdown).toMatch(/^## Approval record$/m);
    expect(markdown).toContain('| 1.1 Basic concepts and terminology of migration | TSPC | Nurlan | 2026-09-10 08:30 UTC | 0123456789ab |');
    const back = parser.parse(markdown);
    for (const sample of Object.values(SCRIPT_SAMPLES)) expect(text(back)).toContain(sample);
  });
});
