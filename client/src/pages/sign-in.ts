/** Signing in: e-mail and password, a plain answer when it does not work, and what this device may keep. */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Me } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { t } from '../i18n';
import { keepsCopies, setKeepsCopies } from '../offline/device';
import { deviceChoice } from '../ui/device-choice';
import { SignInForm } from '../ui/sign-in-form';
import { skipLink } from './layout';
import type { AppContext, Page, SignInNotice } from './page';
import { languageSwitch } from './parts';
import './sign-in.css';

const NOTICES: Record<SignInNotice, MessageKey> = {
  ended: 'signIn.sessionEnded',
  deactivated: 'signIn.wasDeactivated',
  'signed-out': 'device.signedOut',
  'copies-deleted': 'device.signedOutCopiesDeleted',
};

export class SignInPage implements Page {
  private readonly form = new SignInForm('signin', () => this.context.update());
  /** "This is a shared computer": asked before signing in, so nothing is kept from the first page on. */
  private shared = !keepsCopies();

  constructor(
    private readonly context: AppContext,
    private readonly next: string | null,
    /** What happened to the previous session, if anything: said above the form until the next try. */
    private readonly notice: SignInNotice | null = null,
  ) {}

  title(): string {
    return `${t('signIn.title')} · ${t('app.title')}`;
  }

  private signedIn(me: Me): void {
    // The flag is set at once (the first page may open a section); deleting is left to finish.
    void setKeepsCopies(!this.shared, me);
    this.context.signedIn(me, this.next);
  }

  view(): TemplateResult {
    const notice = this.form.tried ? null : this.notice;
    return html`
      ${skipLink()}
      <div class="signin-screen">
        <header class="signin-top">
          <span class="brand">
            <span class="brand-mark" aria-hidden="true">S</span>
            <span class="brand-name">${t('app.title')}</span>
          </span>
          ${languageSwitch((locale) => this.context.switchLocale(locale))}
        </header>
        <main id="main" tabindex="-1" class="signin-main">
          <div class="signin-card">
            <p class="eyebrow">${t('app.course')}</p>
            <h1>${t('signIn.title')}</h1>
            <p class="signin-intro">${t('signIn.intro')}</p>
            ${notice ? html`<div class="form-notice" role="status">${t(NOTICES[notice])}</div>` : nothing}
            ${this.form.view({
              className: 'signin-form',
              submitLabel: t('signIn.submit'),
              signedIn: (me) => this.signedIn(me),
              extra: deviceChoice('signin-shared', this.shared, (shared) => (this.shared = shared)),
            })}
          </div>
        </main>
      </div>
    `;
  }
}
