/**
 * "Your session has ended": a modal dialog over the page that asks to sign in again, so the page
 * (an open editor, a half-written comment) is kept. The browser traps focus inside it. Escape
 * does not close it: closing would leave a page that can do nothing, and leaving the page is a
 * choice of its own ("Go to the sign-in page").
 */
import { html, render } from 'lit-html';
import type { Me } from '../../../shared/api';
import { plural, t } from '../i18n';
import type { UnsentWork } from '../pages/page';
import { SignInForm } from './sign-in-form';
import './session-dialog.css';

export interface SessionDialogHost {
  /** Someone signed in through the dialog (it has closed): the same person, or another. */
  signedInAgain(me: Me): void;
  /** The person would rather go to the sign-in page, leaving this page. */
  leave(): void;
  /** What the page holds that the server lacks (offered for download: the account may be gone). */
  unsentWork(): UnsentWork | null;
}

export class SessionDialog {
  private dialog: HTMLDialogElement | null = null;
  private form: SignInForm | null = null;
  private opener: HTMLElement | null = null;

  constructor(private readonly host: SessionDialogHost) {}

  get isOpen(): boolean {
    return this.dialog !== null;
  }

  /** Shows the dialog, with `email` filled in; while it is open, further calls change nothing. */
  show(email: string): void {
    if (this.dialog) return;
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = document.createElement('dialog');
    dialog.className = 'ask-dialog session-dialog';
    dialog.setAttribute('aria-labelledby', 'session-dialog-title');
    dialog.setAttribute('aria-describedby', 'session-dialog-message');
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') event.preventDefault();
    });
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    // Chromium closes a dialog on a second Escape even when told not to (its close-watcher rule
    // against trapping): it stays open until the person signs in or leaves.
    dialog.addEventListener('close', () => {
      if (this.dialog === dialog) dialog.showModal();
    });
    this.dialog = dialog;
    this.form = new SignInForm('session', () => this.render(), email);
    document.body.append(dialog);
    this.render();
    dialog.showModal();
    document.getElementById(email ? 'session-password' : 'session-email')?.focus();
  }

  close(): void {
    const dialog = this.dialog;
    if (!dialog) return;
    this.dialog = null;
    this.form = null;
    dialog.close();
    dialog.remove();
    if (this.opener?.isConnected) this.opener.focus();
    this.opener = null;
  }

  /** Renders the dialog again (its form changed, or the language did). */
  render(): void {
    if (!this.dialog || !this.form) return;
    const unsent = this.host.unsentWork();
    render(
      html`<h2 id="session-dialog-title">${t('sessionDialog.title')}</h2>
        <p id="session-dialog-message">${t('sessionDialog.message')}</p>
        ${unsent && unsent.count > 0
          ? html`<div class="session-unsent">
              <p>${t('sessionDialog.unsent', { changes: plural('connection.unsaved', unsent.count) })}</p>
              <button type="button" class="button" @click=${unsent.download}>${t('offline.download')}</button>
            </div>`
          : ''}
        ${this.form.view({
          className: 'session-form',
          submitLabel: t('sessionDialog.submit'),
          signedIn: (me) => {
            this.close();
            this.host.signedInAgain(me);
          },
          after: html`<button type="button" class="button quiet block" @click=${() => this.host.leave()}>${t('sessionDialog.leave')}</button>`,
        })}`,
      this.dialog,
    );
  }
}
