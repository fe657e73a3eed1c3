/**
 * Inviting someone (coordinators): e-mail, role and group make a single-use link, shown with a
 * copy button and its expiry, to send by whatever channel the working group uses. Below it, the
 * invitations not yet accepted.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Invitation } from '../../../shared/api';
import { ROLES, type GroupCode, type Role } from '../../../shared/workspace';
import { ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { t } from '../i18n';
import { calendarDay, dateTime } from './format';
import type { AppContext } from './page';
import { groupAfterRoleChange, groupsFor } from './people-rules';

export class InviteForm {
  private email = '';
  private role: Role = 'member';
  private group: GroupCode = 'KZ';
  private busy = false;
  private error: string | null = null;
  private created: (Invitation & { link: string }) | null = null;
  private copied = false;

  constructor(
    private readonly context: AppContext,
    /** An invitation was made: the page re-reads the pending list. */
    private readonly invited: () => void,
  ) {}

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (!/^[^\s@]+@[^\s@]+$/.test(this.email.trim())) {
      this.error = t('invitations.emailInvalid');
      this.context.update();
      document.getElementById('invite-email')?.focus();
      return;
    }
    this.busy = true;
    this.error = null;
    this.copied = false;
    this.context.update();
    try {
      this.created = await api.invite({ email: this.email.trim(), role: this.role, group: this.group });
      this.email = '';
      this.invited();
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = describe(error);
    } finally {
      this.busy = false;
      this.context.update();
    }
    if (this.created) document.getElementById('invite-link')?.focus();
  }

  private async copy(): Promise<void> {
    const input = document.getElementById('invite-link') as HTMLInputElement | null;
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created.link);
    } catch {
      // No clipboard permission (or not a secure context): fall back to the selection.
      input?.select();
      document.execCommand('copy');
    }
    this.copied = true;
    this.context.update();
  }

  view(): TemplateResult {
    return html`<section class="card invite-panel" aria-labelledby="invite-title">
      <h2 id="invite-title">${t('invitations.title')}</h2>
      <p class="card-intro">${t('invitations.intro')}</p>
      <form class="invite-form" novalidate @submit=${(event: Event) => void this.submit(event)}>
        <div class="field">
          <label for="invite-email">${t('invitations.email')}</label>
          <input
            id="invite-email"
            type="email"
            autocomplete="off"
            spellcheck="false"
            required
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby=${this.error ? 'invite-error' : nothing}
            .value=${this.email}
            @input=${(event: Event) => (this.email = (event.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="invite-role">${t('people.col.role')}</label>
          <select
            id="invite-role"
            @change=${(event: Event) => {
              this.role = (event.target as HTMLSelectElement).value as Role;
              this.group = groupAfterRoleChange(this.role, this.group);
              this.context.update();
            }}
          >
            ${ROLES.map((role) => html`<option value=${role} ?selected=${role === this.role}>${t(`role.${role}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="invite-group">${t('people.col.group')}</label>
          <select
            id="invite-group"
            @change=${(event: Event) => (this.group = (event.target as HTMLSelectElement).value as GroupCode)}
          >
            ${groupsFor(this.role).map((group) => html`<option value=${group} ?selected=${group === this.group}>${t(`group.${group}`)}</option>`)}
          </select>
        </div>
        <button type="submit" class="button primary" ?disabled=${this.busy}>${t('invitations.create')}</button>
      </form>
      ${this.error ? html`<p class="field-error" id="invite-error" role="alert">${this.error}</p>` : nothing}
      ${this.created ? this.result(this.created) : nothing}
    </section>`;
  }

  private result(created: Invitation & { link: string }): TemplateResult {
    return html`<div class="invite-result" role="status">
      <p class="invite-result-title">
        ${t('invitations.created', { email: created.email, role: t(`role.${created.role}`), group: t(`group.${created.group}`) })}
      </p>
      <label for="invite-link">${t('invitations.link')}</label>
      <div class="inline-row">
        <input id="invite-link" type="text" readonly .value=${created.link} @focus=${(event: Event) => (event.target as HTMLInputElement).select()} />
        <button type="button" class="button" @click=${() => void this.copy()}>${this.copied ? t('invitations.copied') : t('invitations.copy')}</button>
      </div>
      <p class="field-hint">${t('invitations.singleUse', { date: dateTime(created.expiresAt) })}</p>
    </div>`;
  }
}

function describe(error: unknown): string {
  if (error instanceof NetworkError) return t('app.error.network');
  if (error instanceof ApiError) {
    if (error.status === 409) return t('invitations.emailTaken');
    if (error.status === 400) return t('invitations.emailInvalid');
    if (error.status === 422) return t('people.invalidMembership');
  }
  return t('app.error.generic');
}

export function pendingInvitations(invitations: Invitation[]): TemplateResult {
  return html`<section class="card" aria-labelledby="pending-title">
    <h2 id="pending-title">${t('invitations.pending')}</h2>
    ${invitations.length === 0
      ? html`<p class="muted">${t('invitations.none')}</p>`
      : html`<div class="table-scroll"><table class="data-table compact pending-table">
          <thead>
            <tr>
              <th scope="col">${t('invitations.email')}</th>
              <th scope="col">${t('invitations.as')}</th>
              <th scope="col">${t('invitations.expiresCol')}</th>
            </tr>
          </thead>
          <tbody>
            ${invitations.map(
              (invitation) => html`<tr>
                <th scope="row" class="cell-plain pending-email">${invitation.email}</th>
                <td>${t(`role.${invitation.role}`)}, ${t(`group.${invitation.group}`)}</td>
                <td><time datetime=${invitation.expiresAt} title=${dateTime(invitation.expiresAt)}>${calendarDay(invitation.expiresAt.slice(0, 10))}</time></td>
              </tr>`,
            )}
          </tbody>
        </table></div>`}
  </section>`;
}
