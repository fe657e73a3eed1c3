/**
 * The deadline at a glance (the days left, in colour when time runs short) and, for coordinators,
 * the settings that decide when the syllabus is final: the deadline day and which organisations
 * must approve; and whether other working groups may suggest on a country's section (#17).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { WorkspaceSettings } from '../../../shared/api';
import { REVIEW_ORGANISATIONS, type ReviewOrganisation } from '../../../shared/workspace';
import { ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { t } from '../i18n';
import { organisationName } from './approvals';
import { calendarDay, plural } from './format';
import type { AppContext } from './page';

/** Under this many days the count turns amber: a month is about one review round with rework. */
const SOON_DAYS = 30;

export interface DeadlineState extends WorkspaceSettings {
  daysLeft: number;
}

export class DeadlinePanel {
  /** The date being typed; null while it shows the saved deadline. */
  private date: string | null = null;
  private busy = false;
  private error: string | null = null;
  private saved = false;

  constructor(
    private readonly context: AppContext,
    /** The server took a change: the page re-reads the dashboard (approvals depend on it). */
    private readonly changed: () => void,
  ) {}

  view(state: DeadlineState, rights: { deadline: boolean; organisations: boolean }): TemplateResult {
    const days = state.daysLeft;
    const tone = days < 0 ? 'overdue' : days < SOON_DAYS ? 'soon' : 'calm';
    return html`<section class="deadline deadline-${tone}" aria-labelledby="deadline-title">
      <h2 id="deadline-title" class="deadline-title">${t('deadline.title')}</h2>
      <p class="deadline-days">
        ${days > 0
          ? html`<span class="deadline-number">${days}</span><span class="deadline-unit">${plural('deadline.daysLeft', days)}</span>`
          : days === 0
            ? html`<span class="deadline-today">${t('deadline.today')}</span>`
            : html`<span class="deadline-passed">${plural('deadline.passed', -days)}</span>`}
      </p>
      <p class="deadline-date">${t(days < 0 ? 'deadline.wasDate' : 'deadline.date', { date: calendarDay(state.deadline) })}</p>
      ${rights.deadline ? this.dateForm(state) : nothing}
      ${rights.organisations
        ? this.organisationsForm(state)
        : html`<p class="deadline-orgs">${t('deadline.requiredList', { organisations: state.requiredOrganisations.map(organisationName).join(', ') })}</p>`}
      ${rights.organisations ? this.otherGroupsForm(state) : nothing}
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      ${this.saved && !this.error ? html`<p class="saved-note" role="status">${t('deadline.saved')}</p>` : nothing}
    </section>`;
  }

  private dateForm(state: DeadlineState): TemplateResult {
    return html`<form class="deadline-form" @submit=${(event: Event) => {
      event.preventDefault();
      void this.save({ deadline: this.date ?? state.deadline });
    }}>
      <label for="deadline-input">${t('deadline.change')}</label>
      <div class="inline-row">
        <input
          id="deadline-input"
          type="date"
          required
          .value=${this.date ?? state.deadline}
          aria-invalid=${this.error ? 'true' : 'false'}
          @input=${(event: Event) => {
            this.date = (event.target as HTMLInputElement).value;
            this.saved = false;
          }}
        />
        <button type="submit" class="button small" ?disabled=${this.busy}>${t('deadline.save')}</button>
      </div>
    </form>`;
  }

  private organisationsForm(state: DeadlineState): TemplateResult {
    return html`<fieldset class="deadline-orgs-form">
      <legend>${t('deadline.required')}</legend>
      ${REVIEW_ORGANISATIONS.map(
        (organisation) => html`<label class="check">
          <input
            type="checkbox"
            .checked=${state.requiredOrganisations.includes(organisation)}
            ?disabled=${this.busy}
            @change=${(event: Event) => {
              const on = (event.target as HTMLInputElement).checked;
              const next = REVIEW_ORGANISATIONS.filter((code) => (code === organisation ? on : state.requiredOrganisations.includes(code)));
              if (next.length === 0) {
                (event.target as HTMLInputElement).checked = true;
                this.error = t('deadline.needOne');
                this.context.update();
                return;
              }
              void this.save({ requiredOrganisations: next as ReviewOrganisation[] });
            }}
          />
          ${organisationName(organisation)}
        </label>`,
      )}
    </fieldset>`;
  }

  /** Off by default: a country's section is suggested on by its own group and the reviewers only. */
  private otherGroupsForm(state: DeadlineState): TemplateResult {
    return html`<div class="deadline-other-groups">
      <label class="check">
        <input
          type="checkbox"
          aria-describedby="other-groups-hint"
          .checked=${state.otherGroupsSuggest}
          ?disabled=${this.busy}
          @change=${(event: Event) => void this.save({ otherGroupsSuggest: (event.target as HTMLInputElement).checked })}
        />
        ${t('settings.otherGroupsSuggest')}
      </label>
      <p id="other-groups-hint" class="panel-hint">${t('settings.otherGroupsSuggest.explain')}</p>
    </div>`;
  }

  private async save(change: Partial<WorkspaceSettings>): Promise<void> {
    if (change.deadline !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(change.deadline)) {
      this.error = t('deadline.invalid');
      this.context.update();
      return;
    }
    this.busy = true;
    this.error = null;
    this.saved = false;
    this.context.update();
    try {
      await api.setSettings(change);
      this.date = null;
      this.saved = true;
      this.changed();
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error =
        error instanceof NetworkError
          ? t('app.error.network')
          : error instanceof ApiError && error.status === 400
            ? t('deadline.invalid')
            : t('app.error.generic');
    } finally {
      this.busy = false;
      this.context.update();
    }
  }
}
