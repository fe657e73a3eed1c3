/** The stylesheet of the HTML export: readable on screen, one section per printed page. */
import type { ExportLabels } from '../labels';
import { cssString } from './escape';

export function htmlStyle(labels: ExportLabels): string {
  const [before, between, after] = labels.pageOf.map(cssString);
  return `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; line-height: 1.5; color: #1b1b1b; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5 { line-height: 1.25; color: #17365d; }
a { color: #0b57d0; }
.title-page { text-align: center; padding: 4rem 0 2rem; }
.title-page h1 { font-size: 2rem; margin-bottom: 0.25rem; }
.title-page .subtitle { font-size: 1.2rem; color: #444; }
.title-page table { margin: 1rem 0 0; text-align: left; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { border: 1px solid #777; padding: 0.3rem 0.5rem; vertical-align: top; overflow-wrap: break-word; }
th { background: #e7e6e6; font-weight: bold; text-align: left; }
td > p, th > p { margin: 0; }
blockquote { margin: 1rem 0; padding: 0 0 0 1rem; border-left: 3px solid #999; color: #333; }
ins.suggestion { color: #1b7f3b; text-decoration: underline; }
del.suggestion { color: #b3261e; text-decoration: line-through; }
.footnote-ref { line-height: 0; }
.footnote-ref a { text-decoration: none; padding: 0 0.1em; }
.footnotes { border-top: 1px solid #999; margin-top: 2rem; font-size: 0.9rem; }
.footnotes h3 { font-size: 1rem; }
.footnote-back { text-decoration: none; padding: 0 0.25em; }
.cross-reference.broken { color: #b3261e; }
.learning-outcome { border-left: 3px solid #17365d; padding-left: 0.6rem; }
.outcome-number { color: #17365d; }
.glossary-term { text-decoration: underline dotted; }
.table-warning { color: #b3261e; margin-top: -0.5rem; }
.draft-marker { border: 2px solid #b3261e; color: #b3261e; font-weight: bold; padding: 0.4rem 0.8rem; }
.comments { border-top: 1px dashed #999; margin-top: 2rem; font-size: 0.9rem; }
.comments blockquote { font-style: italic; }
.meta { color: #555; font-size: 0.85rem; }
.toc ol { list-style: none; padding-left: 0; }
.toc li { margin: 0.2rem 0; }
/* Numbers by depth as in the Word and PDF exports: 1. a. i. */
:is(ul, ol) ol { list-style-type: lower-alpha; }
:is(ul, ol) :is(ul, ol) ol { list-style-type: lower-roman; }
:is(ul, ol) :is(ul, ol) :is(ul, ol) ol { list-style-type: decimal; }
@page { size: A4; margin: 2cm; @bottom-center { content: ${before} counter(page) ${between} counter(pages) ${after}; font: 9pt "DejaVu Sans", Arial, sans-serif; color: #555; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; }
  .title-page { break-after: page; }
  .toc { break-after: page; }
  .section, .appendix { break-before: page; }
  thead { display: table-header-group; }
  tr, h2, h3, h4, h5 { break-inside: avoid; }
  h2, h3, h4, h5 { break-after: avoid; }
}
`;
}
