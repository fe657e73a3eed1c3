/**
 * What the side-by-side view says about the person's rights and the translation's standing (#19):
 * why the texts are read-only or take suggestions only (a translation has its section's rights, so
 * the section page's reasons hold), the page for a language the workspace does not translate into,
 * and whether the translation is complete and current against the source text the reviewers
 * approved (approvals are given to the source; the server counts the translation against it).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Me, Section } from '../../../shared/api';
import type { TranslationProgress } from '../../../shared/api/translations';
import { t } from '../i18n';
import { readOnlyReason } from '../pages/section';
import { sectionPath, translationPath } from '../router';
import { languageName } from './language-name';

const infoIcon = html`<svg class="icon notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  <circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.5" />
</svg>`;

/** Neither text may be edited: the section's reason, as on the section page. */
export function readOnlyNotice(me: Me | null, section: Section): TemplateResult {
  const suggestionsOnly = section.suggestionsOnly ? html`<p>${t('suggestions.only.on')}</p>` : nothing;
  return html`<div class="notice translation-notice" role="note">
    ${infoIcon}
    <div>
      <p>${t('translation.readOnlyNotice', { reason: readOnlyReason(me, section) })}</p>
      ${suggestionsOnly}
    </div>
  </div>`;
}

/** What is typed in either text becomes a suggestion (a reviewer; "suggestions only"), and why. */
export function suggestNotice(me: Me | null, section: Section): TemplateResult {
  const reason = section.suggestionsOnly
    ? t('suggestions.only.reason')
    : me?.role === 'reviewer'
      ? t('suggestions.readOnly.reviewer')
      : readOnlyReason(me, section);
  return html`<div class="notice is-suggesting translation-notice" role="note">
    <svg class="icon notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M4 20h7" /><path d="M14.5 5.5l4 4L10 18H6v-4z" />
    </svg>
    <p>${t('suggestions.notice', { reason })} ${t('translation.suggestBothSides')}</p>
  </div>`;
}

/**
 * The page for a language that is not one of the workspace's translations: which ones it has, and
 * the way back to the section (never a blank page).
 */
export function notTargetPage(section: Section, lang: string, targets: readonly string[]): TemplateResult {
  const language = languageName(lang);
  return html`<div class="problem not-found translation-not-target">
    <h1>${t('translation.notTarget.title', { language })}</h1>
    <p>${t('translation.notTarget.body', { section: section.title, language })}</p>
    <p>
      ${targets.length > 0
        ? t('translation.notTarget.targets', { languages: targets.map((code) => languageName(code)).join(', ') })
        : t('translation.notTarget.none')}
    </p>
    <ul class="translation-not-target-links">
      ${targets.map(
        (code) =>
          html`<li><a href=${translationPath(section.id, code)}>${t('translation.open', { language: languageName(code) })}</a></li>`,
      )}
    </ul>
    <p><a class="button" href=${sectionPath(section.id)}>${t('translation.back')}</a></p>
  </div>`;
}

/**
 * Whether the translation is complete and current against the approved source text, from the
 * server's count (`againstApproved`: null while the source has no approved text).
 */
export function approvalLine(progress: TranslationProgress | null, section: Section): TemplateResult | typeof nothing {
  if (!progress) return nothing;
  const against = progress.againstApproved;
  if (against === 'unknown') return html`<p class="translation-approval is-unknown" data-approval="unknown">${t('translation.approval.unknown')}</p>`;
  if (!against) {
    const waiting = section.status === 'in_review' ? t('translation.approval.inReview') : t('translation.approval.none');
    return html`<p class="translation-approval is-none" data-approval="none">${waiting}</p>`;
  }
  const complete = against.stale === 0 && against.missing === 0;
  const current = against.blocks - against.stale - against.missing;
  return html`<p class="translation-approval ${complete ? 'is-complete' : 'is-incomplete'}" data-approval=${complete ? 'complete' : 'incomplete'}>
    <span class="translation-approval-mark" aria-hidden="true">${complete ? '✓' : '!'}</span>
    ${complete
      ? t('translation.approval.complete')
      : t('translation.approval.incomplete', { current, blocks: against.blocks, stale: against.stale, missing: against.missing })}
  </p>`;
}
