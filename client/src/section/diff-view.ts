/**
 * A comparison of two texts of a section, rendered as the document: inserted words underlined in
 * green, deleted ones struck through in red, moved paragraphs marked at both ends. Screen readers
 * hear where a change starts and ends through the data attributes that the CSS reads out
 * (`ins::before`), so the copied text stays the document's own.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { DiffBlock, DiffSegment, DocumentDiff } from '../../../shared/document-diff';
import { t } from '../i18n';
import { layoutBlocks } from './block-layout';
import { plural } from './plural';

function segment(part: DiffSegment): TemplateResult | string {
  if (part.change === 'insert') {
    return html`<ins class="diff-ins" data-start=${t('diff.sr.insertStart')} data-end=${t('diff.sr.insertEnd')}>${part.text}</ins>`;
  }
  if (part.change === 'delete') {
    return html`<del class="diff-del" data-start=${t('diff.sr.deleteStart')} data-end=${t('diff.sr.deleteEnd')}>${part.text}</del>`;
  }
  return part.text;
}

function marker(block: DiffBlock): TemplateResult | typeof nothing {
  if (block.change === 'moved-away') return html`<span class="diff-marker moved">${t('diff.movedAway')}</span>`;
  if (block.change === 'moved-here') return html`<span class="diff-marker moved">${t('diff.movedHere')}</span>`;
  return nothing;
}

/** "3 changes: 2 insertions, 1 deletion", or that nothing changed. */
export function diffSummary(diff: DocumentDiff): string {
  const total = diff.insertions + diff.deletions + diff.moves;
  if (total === 0) return t('diff.noChanges');
  const parts = [
    diff.insertions ? plural('counted.insertions', diff.insertions) : '',
    diff.deletions ? plural('counted.deletions', diff.deletions) : '',
    diff.moves ? plural('counted.moves', diff.moves) : '',
  ];
  return `${plural('counted.changes', total)}: ${parts.filter(Boolean).join(', ')}`;
}

/** What the colours mean; the words are in the summary, so screen readers skip this. */
export function diffLegend(diff: DocumentDiff): TemplateResult {
  return html`<span class="diff-legend" aria-hidden="true">
    <span><ins class="diff-ins">${t('diff.legend.inserted')}</ins></span>
    <span><del class="diff-del">${t('diff.legend.deleted')}</del></span>
    ${diff.moves > 0 ? html`<span class="diff-marker moved">${t('diff.legend.moved')}</span>` : nothing}
  </span>`;
}

export function diffView(diff: DocumentDiff): TemplateResult {
  const blocks = layoutBlocks(
    diff.blocks,
    (block) => html`${block.segments.map(segment)}`,
    (block) => `diff-block is-${block.change}`,
    marker,
  );
  return html`<div class="document-text reading-text diff-text">${blocks.length > 0 ? blocks : html`<p class="panel-empty">${t('diff.empty')}</p>`}</div>`;
}
