/** Signing in: e-mail and password, and a plain answer when it does not work. */
import { html, nothing, type TemplateResult } from 'lit-html';
import { ApiError, NetworkError, api } from '../api';
import { t } from '../i18n';
import { skipLink } from './layout';
import type { AppContext, Page, SessionEnd } from './page';
import { languageSwitch } from './parts';
import './sign-in.css';

type Failure = { kind: 'missing' } | { kind: 'failed' } | { kind: 'deactivated' } | { kind: 'throttled'; seconds: number } | { kind: 'network' } | { kind: 'generic' };

export class SignInPage implements Page {
  private email = '';
  private password = '';
  private busy = false;
  private failure: Failure | null = null;

  constructor(
    private readonly context: AppContext,
    private readonly next: string | null,
    /** Why the previous session ended under a page, if it did: said above the form until the next try. */
    private sessionEnd: SessionEnd | null = null,
  ) {}

  title(): string {
    return `${t('signIn.title')} · ${t('app.title')}`;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (this.email.trim() === '' || this.password === '') {
      this.failure = { kind: 'missing' };
      this.context.update();
      document.getElementById(this.email.trim() === '' ? 'signin-email' : 'signin-password')?.focus();
      return;
    }
    this.busy = true;
    this.failure = null;
    this.sessionEnd = null;
    this.context.update();
    try {
      const me = await api.signIn(this.email.trim(), this.password);
      this.busy = false;
      this.context.signedIn(me, this.next);
    } catch (error) {
      this.busy = false;
      this.failure = describe(error);
      this.password = '';
      this.context.update();
      document.getElementById(this.failure.kind === 'failed' ? 'signin-password' : 'signin-email')?.focus();
    }
  }

  private message(): string | null {
    switch (this.failure?.kind) {
      case undefined:
        return null;
      case 'missing':
        return t('signIn.missing');
      case 'failed':
        return t('signIn.failed');
      case 'deactivated':
        return t('signIn.deactivated');
      case 'throttled':
        return t('signIn.throttled', { seconds: this.failure.seconds });
      case 'network':
        return t('app.error.network');
      case 'generic':
        return t('app.error.generic');
    }
  }

  view(): TemplateResult {
    const message = this.message();
    const invalid = this.failure?.kind === 'failed' || this.failure?.kind === 'missing';
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
            ${this.sessionEnd
              ? html`<div class="form-notice" role="status">
                  ${t(this.sessionEnd === 'deactivated' ? 'signIn.wasDeactivated' : 'signIn.sessionEnded')}
                </div>`
              : nothing}
            <form class="signin-form" novalidate @submit=${(event: Event) => void this.submit(event)}>
              ${message
                ? html`<div class="form-error" role="alert" id="signin-error">${message}</div>`
                : nothing}
              <div class="field">
                <label for="signin-email">${t('signIn.email')}</label>
                <input
                  id="signin-email"
                  name="email"
                  type="email"
                  autocomplete="username"
                  required
                  spellcheck="false"
                  aria-invalid=${invalid ? 'true' : 'false'}
                  aria-describedby=${message ? 'signin-error' : nothing}
                  .value=${this.email}
                  @input=${(event: Event) => (this.email = (event.target as HTMLInputElement).value)}
                />
              </div>
              <div class="field">
                <label for="signin-password">${t('signIn.password')}</label>
                <input
                  id="signin-password"
                  name="password"
                  type="password"
                  autocomplete="current-password"
                  required
                  aria-invalid=${invalid ? 'true' : 'false'}
                  aria-describedby=${message ? 'signin-error' : nothing}
                  .value=${this.password}
                  @input=${(event: Event) => (this.password = (event.target as HTMLInputElement).value)}
                />
              </div>
              <button type="submit" class="button primary block" ?disabled=${this.busy} aria-busy=${String(this.busy)}>
                ${this.busy ? t('signIn.submitting') : t('signIn.submit')}
              </button>
            </form>
          </div>
        </main>
      </div>
    `;
  }
}

function describe(error: unknown): Failure {
  if (error instanceof NetworkError) return { kind: 'network' };
  if (error instanceof ApiError) {
    if (error.status === 401) return { kind: 'failed' };
    // Said only to someone who gave the account's right password (the server checks it first).
    if (error.status === 403 && error.code === 'deactivated') return { kind: 'deactivated' };
    if (error.status === 429) return { kind: 'throttled', seconds: error.retryAfter ?? 60 };
    // A malformed request (an empty field) gets the same answer as wrong credentials.
    if (error.status === 400) return { kind: 'failed' };
  }
  return { kind: 'generic' };
}
