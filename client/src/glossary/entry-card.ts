/**
 * One glossary entry as the page lists it: the term in the reader's language as its heading, its
 * status in colour and in words, the term in every language it has (each marked with its language
 * and script), the definition, the source, who proposed it and which organisations approved which
 * wording; and the buttons this reader's rights allow.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { GlossaryApproval, GlossaryEntry } from '../../../shared/api';
import { LANGUAGES } from '../../../shared/languages';
import { GROUPS, type GroupCode } from '../../../shared/workspace';
import { locale, t } from '../i18n';
import { languageName } from '../translation/language-name';
import { langAttribute } from './reading';

/** What this reader may do to the entry, decided by the page with the policy module. */
export interface EntryActions {
  edit: (() => void) | null;
  /** The organisation the reader would approve for, when they may and it has not approved this wording. */
  approve: { organisation: string; run: () => void } | null;
  remove: (() => void) | null;
  busy: boolean;
}

export function entryCard(
  entry: GlossaryEntry,
  heading: { lang: string; text: string },
  waitingFor: string[],
  actions: EntryActions,
): TemplateResult {
  const headingId = `glossary-entry-${entry.id}`;
  const current = entry.approvals.filter((approval) => approval.current);
  const stale = entry.approvals.filter((approval) => !approval.current);
  return html`<article class="glossary-entry" aria-labelledby=${headingId} data-entry=${entry.id} data-status=${entry.status}>
    <header class="glossary-entry-head">
      <h2 id=${headingId} class="glossary-headline" lang=${heading.lang} tabindex="-1">${heading.text}</h2>
      <span class="badge glossary-status status-${entry.status === 'approved' ? 'approved' : 'proposed'}"
        ><span class="badge-dot" aria-hidden="true"></span>${t(`glossary.status.${entry.status}`)}</span
      >
    </header>
    <dl class="glossary-terms-list" aria-label=${t('glossary.termsLabel')}>
      ${LANGUAGES.filter((lang) => entry.terms[lang]).map(
        (lang) => html`<div class="glossary-term">
          <dt>${languageName(lang)}</dt>
          <dd lang=${langAttribute(lang, entry.terms[lang]!)}>${entry.terms[lang]}</dd>
        </div>`,
      )}
    </dl>
    <p class="glossary-definition"><span class="visually-hidden">${t('glossary.definition')}: </span>${entry.definition}</p>
    <p class="glossary-source">
      <span class="glossary-label">${t('glossary.source')}:</span>
      ${entry.source ? entry.source : html`<span class="muted">${t('glossary.noSource')}</span>`}
    </p>
    <ul class="glossary-meta">
      <li>${t('glossary.proposedBy', { name: entry.proposedBy.name || t('glossary.formerPerson'), date: day(entry.createdAt) })}</li>
      ${current.map((approval) => html`<li class="glossary-approval">${approvalLine('glossary.approvedBy', approval)}</li>`)}
      ${waitingFor.length > 0 ? html`<li class="glossary-waiting">${t('glossary.waitingFor', { organisations: waitingFor.map(organisationName).join(', ') })}</li>` : nothing}
      ${stale.map((approval) => html`<li class="glossary-approval stale">${approvalLine('glossary.staleApproval', approval)}</li>`)}
    </ul>
    ${actionBar(entry, heading.text, actions)}
  </article>`;
}

function actionBar(entry: GlossaryEntry, term: string, actions: EntryActions): TemplateResult | typeof nothing {
  if (!actions.edit && !actions.approve && !actions.remove) return nothing;
  return html`<div class="glossary-actions">
    ${actions.approve
      ? html`<button type="button" class="button primary small" ?disabled=${actions.busy} aria-label=${t('glossary.approveFor', { term, organisation: organisationName(actions.approve.organisation) })}
          @click=${actions.approve.run}>${actions.busy ? t('glossary.approving') : t('glossary.approve', { organisation: organisationName(actions.approve.organisation) })}</button>`
      : nothing}
    ${actions.edit
      ? html`<button type="button" class="button small" ?disabled=${actions.busy} aria-label=${t('glossary.editFor', { term })} @click=${actions.edit}>${t('glossary.edit')}</button>`
      : nothing}
    ${actions.remove
      ? html`<button type="button" class="button small quiet destructive-text" ?disabled=${actions.busy} aria-label=${t('glossary.deleteFor', { term })}
          @click=${actions.remove}>${t('glossary.delete')}</button>`
      : nothing}
  </div>`;
}

function approvalLine(key: 'glossary.approvedBy' | 'glossary.staleApproval', approval: GlossaryApproval): string {
  return t(key, {
    organisation: organisationName(approval.organisation),
    name: approval.reviewer.name || t('glossary.formerPerson'),
    date: day(approval.createdAt),
  });
}

/** IOM and TSPC as the interface names them (МОМ, ЦПТШ in Russian). */
export function organisationName(code: string): string {
  return (GROUPS as readonly string[]).includes(code) ? t(`group.${code as GroupCode}`) : code;
}

function day(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}
