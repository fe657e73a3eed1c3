/**
 * People (coordinators): everyone with their role, group and last activity; a role or group is
 * changed in place (the selects offer only memberships the server accepts), an account is
 * deactivated or reactivated after a confirmation. Invitations sit beside the table. Anyone else
 * who opens the address reads why they cannot use it.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './people.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { mayWorkspace } from '../../../shared/policy';
import { ROLES, type GroupCode, type Role } from '../../../shared/workspace';
import { type Invitation, type Person, type PersonChange, ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { safeColour } from '../colour';
import { locale, t } from '../i18n';
import { confirmDialog } from './dialog';
import { dateTime, isoOrEmpty, relativeTime } from './format';
import { initials } from './layout';
import type { AppContext, Page } from './page';
import { InviteForm, pendingInvitations } from './people-invite';
import { actorOf, groupAfterRoleChange, groupsFor } from './people-rules';
import { forbidden } from './forbidden';
import { loading, problem } from './parts';

export class PeoplePage implements Page {
  private people: Person[] | null = null;
  private invitations: Invitation[] = [];
  private error: unknown = null;
  private busy = new Set<number>();
  /** The outcome of the last change, read out by screen readers. */
  private message: { ok: boolean; text: string } | null = null;
  private disposed = false;
  private readonly inviteForm: InviteForm;

  constructor(private readonly context: AppContext) {
    this.inviteForm = new InviteForm(context, () => void this.loadInvitations());
    if (this.allowed()) void this.load();
  }

  title(): string {
    return `${t('nav.people')} · ${t('app.title')}`;
  }

  private allowed(): boolean {
    return this.context.me !== null && mayWorkspace(actorOf(this.context.me), 'manage-people');
  }

  refresh(): void {
    if (this.allowed()) void this.load();
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(): Promise<void> {
    try {
      const [people, invitations] = await Promise.all([api.people(), api.invitations()]);
      if (this.disposed) return;
      this.people = people.sort((a, b) => a.name.localeCompare(b.name, locale()));
      this.invitations = invitations;
      this.error = null;
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    }
    this.context.update();
  }

  private async loadInvitations(): Promise<void> {
    try {
      this.invitations = await api.invitations();
      if (!this.disposed) this.context.update();
    } catch {
      // The list refreshes with the next visit; the link just made is shown anyway.
    }
  }

  private async change(person: Person, change: PersonChange, done: string): Promise<void> {
    this.busy.add(person.id);
    this.message = null;
    this.context.update();
    try {
      const updated = await api.changePerson(person.id, change);
      this.people = (this.people ?? []).map((old) => (old.id === updated.id ? updated : old));
      this.message = { ok: true, text: done };
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.message = { ok: false, text: describe(error) };
    } finally {
      this.busy.delete(person.id);
      if (!this.disposed) this.context.update();
    }
  }

  private async setActive(person: Person, active: boolean): Promise<void> {
    const name = person.name;
    const confirmed = await confirmDialog(
      active
        ? { title: t('people.reactivateTitle', { name }), message: t('people.reactivateMessage', { name }), confirm: t('people.reactivate') }
        : { title: t('people.deactivateTitle', { name }), message: t('people.deactivateMessage', { name }), confirm: t('people.deactivate'), danger: true },
    );
    if (!confirmed) return;
    await this.change(person, { active }, t(active ? 'people.reactivated' : 'people.deactivated', { name }));
  }

  view(): TemplateResult {
    const head = html`<div class="page-head">
      <p class="eyebrow">${t('app.course')}</p>
      <h1>${t('nav.people')}</h1>
    </div>`;
    if (!this.allowed()) return html`${head}${forbidden(t('people.forbidden'))}`;
    if (this.error) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      })}`;
    }
    if (!this.people) return html`${head}${loading()}`;
    return html`${head}
      <section aria-labelledby="people-title">
        <h2 id="people-title" class="visually-hidden">${t('people.tableTitle')}</h2>
        <p class=${this.message ? (this.message.ok ? 'change-message' : 'change-message error') : 'change-message is-empty'} role="status">${this.message?.text ?? nothing}</p>
        ${this.table(this.people)}
      </section>
      <div class="people-invitations">${this.inviteForm.view()}${pendingInvitations(this.invitations)}</div>`;
  }

  private table(people: Person[]): TemplateResult {
    return html`<div class="table-frame">
      <table class="data-table people-table">
        <caption class="visually-hidden">${t('people.tableTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('people.col.name')}</th>
            <th scope="col">${t('people.col.role')}</th>
            <th scope="col">${t('people.col.group')}</th>
            <th scope="col">${t('people.col.lastActive')}</th>
            <th scope="col">${t('people.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${people.map((person) => this.row(person))}
        </tbody>
      </table>
    </div>`;
  }

  private row(person: Person): TemplateResult {
    const self = person.id === this.context.me?.id;
    const busy = this.busy.has(person.id);
    const active = person.active !== false;
    const name = person.name;
    return html`<tr class=${active ? 'person-row' : 'person-row inactive'} data-person=${person.id}>
      <th scope="row" class="person-cell">
        <div class="person-inner">
          <span class="avatar" aria-hidden="true" style="background-color: ${safeColour(person.colour)}">${initials(person.name)}</span>
          <span class="person-text">
            <span class="person-name">${person.name}${self ? html` <span class="muted">${t('people.you')}</span>` : nothing}</span>
            <span class="person-email">${person.email ?? ''}</span>
          </span>
        </div>
      </th>
      <td>
        <!-- live(): a refused change puts the select back to what the server holds. -->
        <select
          aria-label=${t('people.roleOf', { name })}
          .value=${live(person.role)}
          ?disabled=${busy || self || !active}
          title=${self ? t('people.ownRole') : nothing}
          @change=${(event: Event) => {
            const role = (event.target as HTMLSelectElement).value as Role;
            const group = groupAfterRoleChange(role, person.group);
            void this.change(person, group === person.group ? { role } : { role, group }, t('people.roleChanged', { name, role: t(`role.${role}`), group: t(`group.${group}`) }));
          }}
        >
          ${ROLES.map((role) => html`<option value=${role} ?selected=${role === person.role}>${t(`role.${role}`)}</option>`)}
        </select>
      </td>
      <td>
        <select
          aria-label=${t('people.groupOf', { name })}
          .value=${live(person.group)}
          ?disabled=${busy || !active}
          @change=${(event: Event) => {
            const group = (event.target as HTMLSelectElement).value as GroupCode;
            void this.change(person, { group }, t('people.groupChanged', { name, group: t(`group.${group}`) }));
          }}
        >
          ${groupsFor(person.role).map((group) => html`<option value=${group} ?selected=${group === person.group}>${t(`group.${group}`)}</option>`)}
        </select>
      </td>
      <td>
        ${person.lastActiveAt
          ? html`<time datetime=${isoOrEmpty(person.lastActiveAt)} title=${dateTime(person.lastActiveAt)}>${relativeTime(person.lastActiveAt)}</time>`
          : html`<span class="muted">${t('people.never')}</span>`}
      </td>
      <td class="person-status">
        <span class=${active ? 'pill pill-active' : 'pill pill-inactive'}>${t(active ? 'people.active' : 'people.inactive')}</span>
        <button
          type="button"
          class="button small ${active ? 'quiet danger-text' : ''}"
          ?disabled=${busy || self}
          title=${self ? t('people.ownDeactivate') : nothing}
          aria-label=${t(active ? 'people.deactivateName' : 'people.reactivateName', { name })}
          @click=${() => void this.setActive(person, !active)}
        >
          ${t(active ? 'people.deactivate' : 'people.reactivate')}
        </button>
      </td>
    </tr>`;
  }
}

function describe(error: unknown): string {
  if (error instanceof NetworkError) return t('app.error.network');
  if (error instanceof ApiError) {
    if (error.status === 422) return t('people.invalidMembership');
    if (error.status === 409) return t('people.selfChange');
    if (error.status === 404) return t('people.gone');
  }
  return t('app.error.generic');
}
