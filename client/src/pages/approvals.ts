/**
 * How far a section is, shown the same way on the dashboard and in the master document: one
 * "stage" per section (its status, with "approved, changed since" as a stage of its own because it
 * needs action again), and one mark per organisation's decision.
 */
import { html, type TemplateResult } from 'lit-html';
import type { ApprovalState, OrganisationDecision } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { type SectionStatus, isReviewOrganisation } from '../../../shared/workspace';
import { t } from '../i18n';
import { dateTime } from './format';

export type Stage = SectionStatus | 'stale';

/** Workflow order, from furthest to least far; the chart and the filter list stages in this order. */
export const STAGES: Stage[] = ['approved', 'stale', 'in_review', 'changes_requested', 'draft'];

export function stageOf(approval: ApprovalState): Stage {
  return approval.status === 'approved' && approval.stale ? 'stale' : approval.status;
}

const STAGE_TEXT: Record<Stage, MessageKey> = {
  draft: 'status.draft',
  in_review: 'status.in_review',
  changes_requested: 'status.changes_requested',
  approved: 'status.approved',
  stale: 'stage.stale',
};

export function stageName(stage: Stage): string {
  return t(STAGE_TEXT[stage]);
}

/** A stage in colour, icon and words; "changed since approval" stands out, it needs a new round. */
export function stageBadge(approval: ApprovalState): TemplateResult {
  const stage = stageOf(approval);
  if (stage === 'stale') {
    return html`<span class="badge status-stale" title=${t('stage.staleHint')}>
      <svg class="icon small" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4 2.5 20h19L12 4z" /><path d="M12 10v4.5M12 17.2v.3" /></svg>
      ${t('stage.stale')}
    </span>`;
  }
  return html`<span class="badge status-${stage}"><span class="badge-dot" aria-hidden="true"></span>${stageName(stage)}</span>`;
}

/** An organisation as the reader's language names it (IOM is МОМ in Russian). */
export function organisationName(code: string): string {
  return isReviewOrganisation(code) ? t(`group.${code}`) : code;
}

type Mark = 'approved' | 'earlier' | 'changes' | 'none';

function markOf(decision: OrganisationDecision | null): Mark {
  if (!decision) return 'none';
  if (decision.decision === 'changes_requested') return 'changes';
  return decision.current ? 'approved' : 'earlier';
}

const MARK_SYMBOL: Record<Mark, string> = { approved: '✓', earlier: '⚠', changes: '✗', none: '—' };

const MARK_TEXT: Record<Mark, MessageKey> = {
  approved: 'approval.approved',
  earlier: 'approval.earlier',
  changes: 'approval.changes',
  none: 'approval.none',
};

/** What one organisation said, in words: "TSPC: approved by Dana Ismailova, 3 Jun 2026, 14:05". */
export function decisionText(organisation: string, decision: OrganisationDecision | null): string {
  const mark = markOf(decision);
  const name = organisationName(organisation);
  if (!decision) return t('approval.none', { organisation: name });
  return t(MARK_TEXT[mark], { organisation: name, name: decision.reviewerName, date: dateTime(decision.createdAt) });
}

/**
 * One organisation's mark: the symbol for the eye, the same words for hover (title) and for screen
 * readers (a title alone is not read reliably).
 */
export function decisionMark(organisation: string, decision: OrganisationDecision | null, options: { label?: boolean } = {}): TemplateResult {
  const mark = markOf(decision);
  const text = decisionText(organisation, decision);
  return html`<span class="verdict verdict-${mark}" title=${text}>
    <span class="verdict-symbol" aria-hidden="true">${MARK_SYMBOL[mark]}</span>${options.label
      ? html`<span class="verdict-org" aria-hidden="true">${organisationName(organisation)}</span>`
      : null}<span class="visually-hidden">${text}</span>
  </span>`;
}
