/**
 * People (coordinators): everyone with their role, group and last activity; a role or group is
 * changed in place (the selects offer only memberships the server accepts) after a confirmation,
 * and can be undone for a few seconds (the previous role and group, sent back through the same
 * route); a name is edited in place; an account is deactivated or reactivated after a
 * confirmation. Invitations sit beside the table. Anyone else who opens the address reads why
 * they cannot use it.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './people.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { Invitation, ManagedPerson, PersonChange } from '../../../shared/api';
import { mayWorkspace } from '../../../shared/policy';
import { ROLES, type GroupCode, type Role } from '../../../shared/workspace';
import { ApiError, NetworkError, api, isUnauthenticated } from '../api';
import { safeColour } from '../colour';
import { locale, t } from '../i18n';
import { initials, problem } from '../ui/parts';
import { confirmDialog } from './dialog';
import { dateTime, isoOrEmpty, relativeTime } from './format';
import type { AppContext, Page } from './page';
import { InviteForm, pendingInvitations } from './people-invite';
import { NameEditor } from './people-name';
import { actorOf, groupAfterRoleChange, groupsFor } from './people-rules';
import { forbidden } from './forbidden';
import { loading } from './parts';

/** How long a role or group change can be undone. */
const UNDO_MS = 10_000;

export class PeoplePage implements Page {
  private people: ManagedPerson[] | null = null;
  private invitations: Invitation[] = [];
  private error: unknown = null;
  private busy = new Set<number>();
  /** The outcome of the last change, read out by screen readers. */
  private message: { ok: boolean; text: string } | null = null;
  private disposed = false;
  private readonly inviteForm: InviteForm;
  private readonly names: NameEditor;
  /** The last role or group change, which can be undone until the timer runs out. */
  private undo: { person: ManagedPerson; text: string; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly context: AppContext) {
    this.inviteForm = new InviteForm(context, () => void this.loadInvitations());
    this.names = new NameEditor(
      () => this.context.update(),
      (person, name) => this.change(person, { name }, t('people.renamed', { name })),
    );
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
    this.dropUndo();
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

  /** Sends a change; true when the server took it. */
  private async change(person: ManagedPerson, change: PersonChange, done: string): Promise<boolean> {
    this.busy.add(person.id);
    this.message = null;
    this.context.update();
    try {
      const updated = await api.changePerson(person.id, change);
      this.people = (this.people ?? []).map((old) => (old.id === updated.id ? updated : old));
      this.message = { ok: true, text: done };
      return true;
    } catch (error) {
      if (isUnauthenticated(error)) this.context.sessionEnded();
      else this.message = { ok: false, text: describe(error) };
      return false;
    } finally {
      this.busy.delete(person.id);
      if (!this.disposed) this.context.update();
    }
  }

  private async setActive(person: ManagedPerson, active: boolean): Promise<void> {
    const name = person.name;
    const confirmed = await confirmDialog(
      active
        ? { title: t('people.reactivateTitle', { name }), message: t('people.reactivateMessage', { name }), confirm: t('people.reactivate') }
        : { title: t('people.deactivateTitle', { name }), message: t('people.deactivateMessage', { name }), confirm: t('people.deactivate'), danger: true },
    );
    if (!confirmed) return;
    await this.change(person, { active }, t(active ? 'people.reactivated' : 'people.deactivated', { name }));
  }

  /**
   * A role or group change: asked first (it changes what the person may do at once), then offered
   * for undo: "Undo" sends the previous role and group back for UNDO_MS.
   */
  private async changeMembership(person: ManagedPerson, role: Role, group: GroupCode): Promise<void> {
    const name = person.name;
    const roleChanges = role !== person.role;
    const names = { name, role: t(`role.${role}`), group: t(`group.${group}`), from: t(`group.${person.group}`) };
    const confirmed = await confirmDialog(
      roleChanges
        ? { title: t('people.confirmRoleTitle', names), message: t('people.confirmRoleMessage', names), confirm: t('people.confirmRole') }
        : { title: t('people.confirmGroupTitle', names), message: t('people.confirmGroupMessage', names), confirm: t('people.confirmGroup') },
    );
    if (!confirmed) {
      // live() puts the select back to what the server holds.
      this.context.update();
      return;
    }
    const change: PersonChange = roleChanges ? (group === person.group ? { role } : { role, group }) : { group };
    const done = roleChanges ? t('people.roleChanged', names) : t('people.groupChanged', names);
    if (!(await this.change(person, change, done))) return;
    this.dropUndo();
    // The offer says what was done (once: the message above the table makes way for it).
    this.message = null;
    this.undo = { person, text: done, timer: setTimeout(() => this.dropUndo(true), UNDO_MS) };
    this.context.update();
  }

  private async undoLast(): Promise<void> {
    const offer = this.undo;
    if (!offer) return;
    this.dropUndo();
    const { person } = offer;
    const previous = { name: person.name, role: t(`role.${person.role}`), group: t(`group.${person.group}`) };
    await this.change(person, { role: person.role, group: person.group }, t('people.undone', previous));
  }

  private dropUndo(redraw = false): void {
    if (this.undo) clearTimeout(this.undo.timer);
    this.undo = null;
    if (redraw && !this.disposed) this.context.update();
  }

  private undoToast(): TemplateResult | typeof nothing {
    const offer = this.undo;
    if (!offer) return nothing;
    return html`<div class="undo-toast" role="status">
      <span>${offer.text}</span>
      <button type="button" class="button small" aria-label=${t('people.undoFor', { name: offer.person.name })} @click=${() => void this.undoLast()}>
        ${t('people.undo')}
      </button>
    </div>`;
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
      ${this.undoToast()}
      <div class="people-invitations">${this.inviteForm.view()}${pendingInvitations(this.invitations)}</div>`;
  }

  private table(people: ManagedPerson[]): TemplateResult {
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

  private row(person: ManagedPerson): TemplateResult {
    const self = person.id === this.context.me?.id;
    const busy = this.busy.has(person.id);
    const active = person.active !== false;
    const name = person.name;
    return html`<tr class=${active ? 'person-row' : 'person-row inactive'} data-person=${person.id}>
      <th scope="row" class="person-cell">
        <div class="person-inner">
          <span class="avatar" aria-hidden="true" style="background-color: ${safeColour(person.colour)}">${initials(person.name)}</span>
          <span class="person-text">
            ${this.names.view(person, self ? html` <span class="muted">${t('people.you')}</span>` : nothing, busy)}
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
            void this.changeMembership(person, role, groupAfterRoleChange(role, person.group));
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
            void this.changeMembership(person, person.role, group);
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
