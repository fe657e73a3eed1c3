/**
 * The signed-in person in the header, as a button that opens what concerns them on this device:
 * who they are signed in as, and the "shared computer" setting (keep no copies of sections here),
 * which deletes the copies already kept the moment it is turned on and says how many.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { safeColour } from '../colour';
import { plural, t } from '../i18n';
import { keepsCopies, setKeepsCopies } from '../offline/device';
import type { AppContext } from '../pages/page';
import { deviceChoice } from './device-choice';
import { initials } from './parts';
import './account-menu.css';

export class AccountMenu {
  private open = false;
  private busy = false;
  private status: string | null = null;
  private readonly closeOutside = (event: Event) => {
    if (!(event.target instanceof Node && document.querySelector('.account')?.contains(event.target))) this.setOpen(false);
  };

  constructor(private readonly context: AppContext) {}

  /** Forgets what was said to the previous person. */
  reset(): void {
    this.setOpen(false);
    this.status = null;
  }

  private setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.closeOutside);
    else document.removeEventListener('pointerdown', this.closeOutside);
    if (!open) this.status = null;
    this.context.update();
  }

  private async setShared(shared: boolean): Promise<void> {
    const me = this.context.me;
    if (!me || this.busy) return;
    this.busy = true;
    this.status = null;
    this.context.update();
    const deleted = await setKeepsCopies(!shared, me);
    this.busy = false;
    if (!shared) this.status = t('device.keepingCopies');
    else this.status = deleted > 0 ? plural('device.copiesDeleted', deleted) : t('device.noCopiesKept');
    this.context.update();
  }

  view(): TemplateResult | typeof nothing {
    const me = this.context.me;
    if (!me) return nothing;
    const role = `${t(`role.${me.role}`)} · ${t(`group.${me.group}`)}`;
    return html`<div
      class="account"
      @keydown=${(event: KeyboardEvent) => {
        if (event.key !== 'Escape' || !this.open) return;
        this.setOpen(false);
        document.getElementById('account-button')?.focus();
      }}
    >
      <button
        id="account-button"
        type="button"
        class="who"
        aria-expanded=${String(this.open)}
        aria-controls="account-panel"
        aria-label=${`${me.name} · ${t('device.account')}`}
        title=${t('workspace.signedInAs', { name: me.name, role: t(`role.${me.role}`), group: t(`group.${me.group}`) })}
        @click=${() => this.setOpen(!this.open)}
      >
        <span class="avatar" aria-hidden="true" style="background-color: ${safeColour(me.colour)}">${initials(me.name)}</span>
        <span class="who-text">
          <span class="who-name">${me.name}</span>
          <span class="who-role">${role}</span>
        </span>
      </button>
      ${this.open
        ? html`<div id="account-panel" class="account-panel" role="group" aria-labelledby="account-panel-name">
            <p id="account-panel-name" class="account-name">${me.name}</p>
            <p class="account-detail">${me.email}</p>
            <p class="account-detail">${role}</p>
            ${deviceChoice('account-shared', !keepsCopies(), (shared) => void this.setShared(shared), this.busy)}
            <p class="account-status" role="status">${this.status ?? nothing}</p>
          </div>`
        : nothing}
    </div>`;
  }
}
