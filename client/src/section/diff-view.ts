/**
 * A comparison of two texts of a section, rendered as the document: its formatting, headings,
 * lists and tables as they are, inserted words underlined in green, deleted ones struck through in
 * red, words whose formatting alone changed underlined in dots, moved paragraphs marked at both
 * ends, and table cells that changed tinted and named. Screen readers hear where a change starts
 * and ends through the data attributes that the CSS reads out (`ins::before`), so the copied text
 * stays the document's own. A footnote's words (#18) stand where the footnote does, in
 * "[Footnote: …]", with their own changes inside; a cross-reference shows the label it was given.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { DiffBlock, DiffMark, DiffSegment, DocumentDiff } from '../../../shared/api';
import { safeHref } from '../../../shared/links';
import { t } from '../i18n';
import { layoutBlocks } from './block-layout';
import { plural } from './plural';

/** The text inside its marks, as the editor renders them (links only to safe addresses). */
function marked(text: string, marks: readonly DiffMark[] = []): TemplateResult | string {
  let out: TemplateResult | string = text;
  for (const mark of [...marks].reverse()) {
    switch (mark.type) {
      case 'reference':
        out = html`<span class="cross-reference">${out}</span>`;
        break;
      case 'bold':
        out = html`<strong>${out}</strong>`;
        break;
      case 'italic':
        out = html`<em>${out}</em>`;
        break;
      case 'underline':
        out = html`<u>${out}</u>`;
        break;
      case 'strike':
        out = html`<s>${out}</s>`;
        break;
      case 'subscript':
        out = html`<sub>${out}</sub>`;
        break;
      case 'superscript':
        out = html`<sup>${out}</sup>`;
        break;
      case 'link': {
        const href = safeHref(mark.href);
        if (href) out = html`<a href=${href} rel="noopener noreferrer nofollow" target="_blank">${out}</a>`;
        break;
      }
    }
  }
  return out;
}

/** "bold, link https://…", or "plain text": what formatting a text had. */
function describe(marks: readonly DiffMark[] = []): string {
  if (marks.length === 0) return t('diff.format.plain');
  return marks.map((mark) => (mark.type === 'link' ? t('diff.mark.link', { href: mark.href ?? '' }) : t(`diff.mark.${mark.type}`))).join(', ');
}

function segment(part: DiffSegment): TemplateResult | string {
  const content = marked(part.text, part.marks);
  if (part.change === 'insert') {
    return html`<ins class="diff-ins" data-start=${t('diff.sr.insertStart')} data-end=${t('diff.sr.insertEnd')}>${content}</ins>`;
  }
  if (part.change === 'delete') {
    return html`<del class="diff-del" data-start=${t('diff.sr.deleteStart')} data-end=${t('diff.sr.deleteEnd')}>${content}</del>`;
  }
  if (part.change === 'format') {
    return html`<span
      class="diff-format"
      title=${t('diff.formatWas', { marks: describe(part.formerMarks) })}
      data-start=${t('diff.sr.formatStart')}
      data-end=${t('diff.sr.formatEnd')}
      >${content}</span
    >`;
  }
  return content;
}

const inNote = (part: DiffSegment) => part.marks?.some((mark) => mark.type === 'footnote') === true;

/**
 * A block's segments, each run of a footnote's words (a note added, kept or changed, and their
 * changes inside) in one "[Footnote: …]". Notes that stand right next to each other read as one.
 */
function blockContent(segments: readonly DiffSegment[]): TemplateResult {
  const parts: (TemplateResult | string)[] = [];
  for (let i = 0; i < segments.length; ) {
    if (!inNote(segments[i])) {
      parts.push(segment(segments[i++]));
      continue;
    }
    const note: (TemplateResult | string)[] = [];
    for (; i < segments.length && inNote(segments[i]); i++) note.push(segment(segments[i]));
    parts.push(html`<small class="diff-note">${t('diff.note.start')}${note}${t('diff.note.end')}</small>`);
  }
  return html`${parts}`;
}

function marker(block: DiffBlock): TemplateResult | typeof nothing {
  if (block.change === 'moved-away') return html`<span class="diff-marker moved">${t('diff.movedAway')}</span>`;
  if (block.change === 'moved-here') return html`<span class="diff-marker moved">${t('diff.movedHere')}</span>`;
  return nothing;
}

/** "3 changes: 2 insertions, 1 deletion", or that nothing changed. */
export function diffSummary(diff: DocumentDiff): string {
  const formatChanges = diff.formatChanges;
  const total = diff.insertions + diff.deletions + diff.moves + formatChanges;
  if (total === 0) return t('diff.noChanges');
  const parts = [
    diff.insertions ? plural('counted.insertions', diff.insertions) : '',
    diff.deletions ? plural('counted.deletions', diff.deletions) : '',
    diff.moves ? plural('counted.moves', diff.moves) : '',
    formatChanges ? plural('counted.formatChanges', formatChanges) : '',
  ];
  return `${plural('counted.changes', total)}: ${parts.filter(Boolean).join(', ')}`;
}

/** What the colours mean; the words are in the summary, so screen readers skip this. */
export function diffLegend(diff: DocumentDiff): TemplateResult {
  return html`<span class="diff-legend" aria-hidden="true">
    <span><ins class="diff-ins">${t('diff.legend.inserted')}</ins></span>
    <span><del class="diff-del">${t('diff.legend.deleted')}</del></span>
    ${diff.formatChanges ? html`<span><span class="diff-format">${t('diff.legend.format')}</span></span>` : nothing}
    ${diff.moves > 0 ? html`<span class="diff-marker moved">${t('diff.legend.moved')}</span>` : nothing}
  </span>`;
}

export function diffView(diff: DocumentDiff): TemplateResult {
  const blocks = layoutBlocks(diff.blocks, {
    render: (block) => blockContent(block.segments),
    classOf: (block) => `diff-block is-${block.change}`,
    marker,
    cellNote: (cell) => (cell.some((block) => block.change !== 'equal') ? { className: 'diff-cell-changed', label: t('diff.cellChanged') } : null),
  });
  return html`<div class="document-text reading-text diff-text">${blocks.length > 0 ? blocks : html`<p class="panel-empty">${t('diff.empty')}</p>`}</div>`;
}
