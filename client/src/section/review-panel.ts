/**
 * The review tab: where the section stands (status, round, each required organisation's latest
 * decision and whether it judged the text as it is now), what you may do about it (leads submit
 * and withdraw, reviewers approve or request changes; leads and coordinators put the section in
 * "suggestions only"), and the history of the workflow.
 *
 * The approval picture is read when the page opens and again whenever the server announces the
 * section's row ('section:updated'), which it also does while people type, so "approved, changed
 * since" appears on every open page without a reload.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type {
  ApprovalState,
  DashboardRow,
  Decision,
  Me,
  ReviewEvent,
  ReviewHistory,
  Section,
  SuggestionsOnlyChange,
} from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { maySection } from '../../../shared/policy';
import { isUnauthenticated, request } from '../api';
import { t } from '../i18n';
import { problem, statusBadge } from '../ui/parts';
import { confirmAction } from './confirm-dialog';
import { sectionIcons } from './icons';
import { plural } from './plural';
import { explain } from './problems';
import { requests } from './requests';
import { when } from './time';

export interface ReviewHost {
  readonly sectionId: string;
  section(): Section | null;
  me(): Me | null;
  rerender(): void;
  sessionEnded(): void;
  /** The approval picture changed (the page shows the status and the stale banner). */
  changed(state: ApprovalState): void;
  showChanges(): void;
  showApproved(): void;
  /** How many suggestions are open in the text now (submitting with some asks first). */
  openSuggestions?(): number;
  /** The server answered a change of the section itself ("suggestions only"). */
  sectionChanged?(section: Section): void;
}

type Form = 'submit' | 'approved' | 'changes_requested';

export class ReviewPanel {
  reviews: ReviewHistory | null = null;
  loadError: unknown = null;
  private form: Form | null = null;
  private message = '';
  private busy = false;
  private error: string | null = null;
  /** Why the "suggestions only" switch did not take, shown beside it. */
  private switchError: string | null = null;
  /** The "suggestions only" asked for, while the server has not answered. */
  private pendingSuggestionsOnly: boolean | null = null;
  private token = 0;

  constructor(private readonly host: ReviewHost) {}

  get state(): ApprovalState | null {
    return this.reviews?.state ?? null;
  }

  async load(): Promise<void> {
    const token = ++this.token;
    try {
      const reviews = await requests.reviews(this.host.sectionId);
      if (token !== this.token) return;
      this.reviews = reviews;
      this.loadError = null;
      this.host.changed(reviews.state);
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      if (token === this.token) this.loadError = error;
    }
    this.host.rerender();
  }

  /**
   * The server announced a section's row (also while people type): take its approval at once, and
   * read the history again only when the workflow moved (a submission, withdrawal or decision).
   */
  receive(row: DashboardRow): void {
    if (row.id !== this.host.sectionId) return;
    const moved = !this.reviews || workflowKey(this.reviews.state) !== workflowKey(row.approval);
    if (this.reviews) {
      this.reviews = { ...this.reviews, state: row.approval };
      this.host.changed(row.approval);
      this.host.rerender();
    }
    if (moved) void this.load();
  }

  private open(form: Form): void {
    this.form = form;
    this.message = '';
    this.error = null;
    this.host.rerender();
    document.getElementById('review-message')?.focus();
  }

  private close(): void {
    this.form = null;
    this.error = null;
    this.host.rerender();
  }

  private async run(action: () => Promise<ApprovalState>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.host.rerender();
    try {
      const state = await action();
      if (this.reviews) this.reviews = { ...this.reviews, state };
      this.host.changed(state);
      this.form = null;
      void this.load();
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.error = explain(error, {
        'already-in-review': t('review.error.alreadyInReview'),
        'already-approved': t('review.error.alreadyApproved'),
        'not-in-review': t('review.error.notInReview'),
        'message-required': t('review.error.messageRequired'),
        'not-required': t('review.error.notRequired'),
      });
    } finally {
      this.busy = false;
      this.host.rerender();
    }
  }

  private send(): void {
    const message = this.message.trim();
    const form = this.form;
    if (form === 'changes_requested' && message === '') {
      this.error = t('review.error.messageRequired');
      this.host.rerender();
      document.getElementById('review-message')?.focus();
      return;
    }
    const id = this.host.sectionId;
    if (form === 'submit') void this.submit(id, message);
    else if (form) void this.run(() => requests.decide(id, form as Decision, message));
  }

  /** Reviewers judge the text without open suggestions: submitting with some asks first. */
  private async submit(id: string, message: string): Promise<void> {
    const open = this.host.openSuggestions?.() ?? 0;
    if (open > 0) {
      const confirmed = await confirmAction({
        title: t('suggestions.submitOpen.title'),
        message: t('suggestions.submitOpen.message', { suggestions: plural('counted.suggestions', open) }),
        confirm: t('suggestions.submitOpen.confirm'),
      });
      if (!confirmed) return;
    }
    await this.run(() => requests.submit(id, message));
  }

  template(): TemplateResult {
    if (this.loadError) return problem(this.loadError, () => void this.load());
    const state = this.state;
    const section = this.host.section();
    if (!state || !section) return html`<p class="panel-loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    return html`
      <div class="review-status">
        ${statusBadge(state.status)}
        ${state.stale ? staleBadge() : nothing}
        ${state.round > 0 ? html`<span class="review-round">${t('review.round', { round: state.round })}</span>` : nothing}
      </div>
      ${state.status === 'approved'
        ? html`<div class="review-texts">
            ${state.stale
              ? html`<button type="button" class="button small" @click=${() => this.host.showChanges()}>${sectionIcons.compare}${t('review.showChanges')}</button>`
              : nothing}
            <button type="button" class="button small" @click=${() => this.host.showApproved()}>${sectionIcons.eye}${t('review.showApproved')}</button>
          </div>`
        : nothing}
      <h3 class="panel-subtitle">${t('review.organisations')}</h3>
      <ul class="decisions">
        ${Object.entries(state.organisations).map(([organisation, decision]) => decisionCard(organisation, decision))}
      </ul>
      ${this.actions(section, state)} ${this.suggestionsOnly(section)}
      <h3 class="panel-subtitle">${t('review.history')}</h3>
      ${this.reviews && this.reviews.history.length > 0
        ? html`<ol class="review-history">${this.reviews.history.map(historyItem)}</ol>`
        : html`<p class="panel-empty">${t('review.history.empty')}</p>`}
    `;
  }

  private actions(section: Section, state: ApprovalState): TemplateResult | typeof nothing {
    const me = this.host.me();
    const actor = me ? { ...me, active: true } : null;
    const inReview = state.status === 'in_review';
    const maySubmit = section.permissions.submit && !inReview && !(state.status === 'approved' && !state.stale);
    const mayWithdraw = inReview && maySection(actor, 'withdraw', section);
    const mayDecide = section.permissions.decide;
    if (!maySubmit && !mayWithdraw && !mayDecide) return nothing;
    if (this.form) return this.formTemplate();
    return html`<div class="review-actions">
      ${maySubmit
        ? html`<button type="button" class="button primary" @click=${() => this.open('submit')}>${t('review.submit')}</button>`
        : nothing}
      ${mayWithdraw
        ? html`<button type="button" class="button" ?disabled=${this.busy} @click=${() => void this.run(() => requests.withdraw(this.host.sectionId))}>
            ${t('review.withdraw')}
          </button>`
        : nothing}
      ${mayDecide && inReview
        ? html`<button type="button" class="button primary approve" @click=${() => this.open('approved')}>${sectionIcons.check}${t('review.approve')}</button>
            <button type="button" class="button" @click=${() => this.open('changes_requested')}>${t('review.requestChanges')}</button>`
        : nothing}
      ${mayDecide && !inReview ? html`<p class="panel-hint">${t('review.decideWhenInReview')}</p>` : nothing}
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
    </div>`;
  }

  /**
   * "Suggestions only": a switch for the section's lead and coordinators, a line for everyone else
   * while it is on. The server re-checks every open connection when it changes.
   */
  private suggestionsOnly(section: Section): TemplateResult | typeof nothing {
    const me = this.host.me();
    const mayChange = maySection(me ? { ...me, active: true } : null, 'set-suggestions-only', section);
    if (!mayChange) {
      return section.suggestionsOnly ? html`<p class="panel-hint suggestions-only-on">${t('suggestions.only.on')}</p>` : nothing;
    }
    return html`<div class="suggestions-only">
      <label class="check">
        <input
          type="checkbox"
          role="switch"
          aria-describedby="suggestions-only-hint"
          .checked=${live(this.pendingSuggestionsOnly ?? section.suggestionsOnly)}
          ?disabled=${this.busy}
          @change=${(event: Event) => void this.setSuggestionsOnly((event.target as HTMLInputElement).checked)}
        />
        ${t('suggestions.only.label')}
      </label>
      <p id="suggestions-only-hint" class="panel-hint">${t('suggestions.only.explain')}</p>
      ${this.switchError ? html`<p class="field-error" role="alert">${this.switchError}</p>` : nothing}
    </div>`;
  }

  private async setSuggestionsOnly(on: boolean): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.switchError = null;
    this.pendingSuggestionsOnly = on;
    this.host.rerender();
    try {
      const body: SuggestionsOnlyChange = { suggestionsOnly: on };
      const section = await request<Section>('PATCH', `/sections/${encodeURIComponent(this.host.sectionId)}/suggestions-only`, body);
      this.host.sectionChanged?.(section);
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.switchError = explain(error);
    } finally {
      this.pendingSuggestionsOnly = null;
      this.busy = false;
      this.host.rerender();
    }
  }

  private formTemplate(): TemplateResult {
    const form = this.form!;
    const labels: Record<Form, { label: MessageKey; send: MessageKey }> = {
      submit: { label: 'review.form.submitMessage', send: 'review.form.submit' },
      approved: { label: 'review.form.approveMessage', send: 'review.form.approve' },
      changes_requested: { label: 'review.form.changesMessage', send: 'review.form.requestChanges' },
    };
    return html`<form
      class="review-form"
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        this.send();
      }}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.close();
      }}
    >
      <label for="review-message">${t(labels[form].label)}</label>
      <textarea
        id="review-message"
        rows="3"
        maxlength="2000"
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${this.error ? 'review-error' : nothing}
        .value=${live(this.message)}
        @input=${(event: Event) => {
          this.message = (event.target as HTMLTextAreaElement).value;
        }}
      ></textarea>
      ${this.error ? html`<p id="review-error" class="field-error" role="alert">${this.error}</p>` : nothing}
      <div class="form-actions">
        <button type="button" class="button small quiet" @click=${() => this.close()}>${t('comments.cancel')}</button>
        <button type="submit" class="button small primary" ?disabled=${this.busy}>${t(labels[form].send)}</button>
      </div>
    </form>`;
  }
}

/** Over the text when the approved text has changed since: what it means and how to see it. */
export function staleBanner(showChanges: () => void, showApproved: () => void): TemplateResult {
  return html`<div class="stale-banner" role="region" aria-label=${t('review.staleBanner')}>
    ${sectionIcons.warning}
    <div class="stale-text">
      <p class="stale-title">${t('review.staleBanner')}</p>
      <p>${t('review.staleExplained')}</p>
      <div class="stale-actions">
        <button type="button" class="button small" @click=${showChanges}>${t('review.showChanges')}</button>
        <button type="button" class="button small quiet" @click=${showApproved}>${t('review.showApproved')}</button>
      </div>
    </div>
  </div>`;
}

/** What changes when the workflow moves, and not when only the text does. */
function workflowKey(state: ApprovalState): string {
  const decisions = Object.entries(state.organisations).map(([organisation, decision]) => `${organisation}:${decision?.id ?? '-'}`);
  return `${state.status}|${state.round}|${decisions.join(',')}`;
}

export function staleBadge(): TemplateResult {
  return html`<span class="badge stale-badge"><span class="badge-dot" aria-hidden="true"></span>${t('review.changedSince')}</span>`;
}

function decisionCard(organisation: string, decision: ApprovalState['organisations'][string]): TemplateResult {
  const name = t(`group.${organisation}` as MessageKey);
  if (!decision) {
    return html`<li class="decision is-pending">
      <span class="decision-org">${name}</span>
      <span class="decision-what">${t('review.decision.none')}</span>
    </li>`;
  }
  const approved = decision.decision === 'approved';
  return html`<li class="decision ${approved ? 'is-approved' : 'is-changes'} ${decision.current ? '' : 'is-outdated'}">
    <span class="decision-org">${name}</span>
    <span class="decision-what">${approved ? t('review.decision.approved') : t('review.decision.changes')}</span>
    <span class="decision-who">${decision.reviewerName} · ${when(decision.createdAt)} · ${t('review.round', { round: decision.round })}</span>
    <span class="decision-current">${decision.current ? t('review.decision.current') : t('review.decision.earlier')}</span>
    ${decision.message ? html`<q class="decision-message">${decision.message}</q>` : nothing}
  </li>`;
}

function historyItem(event: ReviewEvent): TemplateResult {
  const text =
    event.type === 'decision'
      ? t(event.decision === 'approved' ? 'review.event.approved' : 'review.event.changes', {
          name: event.reviewerName,
          organisation: t(`group.${event.organisation}` as MessageKey),
        })
      : t(event.type === 'submitted' ? 'review.event.submitted' : 'review.event.withdrawn', { name: event.actorName });
  const kind = event.type === 'decision' ? (event.decision === 'approved' ? 'approved' : 'changes') : event.type;
  return html`<li class="history-item is-${kind}">
    <span class="history-dot" aria-hidden="true"></span>
    <div>
      <p class="history-text">${text}</p>
      ${event.message ? html`<q class="decision-message">${event.message}</q>` : nothing}
      <p class="history-meta">${when(event.createdAt)} · ${t('review.round', { round: event.round })}</p>
    </div>
  </li>`;
}
