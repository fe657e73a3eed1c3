/**
 * The e-mail and password form, with a plain answer when signing in does not work. The sign-in
 * page and the dialog that asks to sign in again after a session ended both use it, so the two
 * explain a wrong password, a wait or a lost network in the same words.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Me } from '../../../shared/api';
import { ApiError, NetworkError, api } from '../api';
import { t } from '../i18n';

type Failure = { kind: 'missing' } | { kind: 'failed' } | { kind: 'deactivated' } | { kind: 'throttled'; seconds: number } | { kind: 'network' } | { kind: 'generic' };

export interface SignInFormView {
  /** The form's class, for its page's layout. */
  className: string;
  submitLabel: string;
  /** Said the moment the person is signed in. */
  signedIn(me: Me): void;
  /** Shown after the fields, before the one submit button (the sign-in page's device setting). */
  extra?: TemplateResult;
  /** Shown after the submit button (the dialog's way out); never another submit button. */
  after?: TemplateResult;
}

export class SignInForm {
  private password = '';
  private busy = false;
  private failure: Failure | null = null;

  /** `id` prefixes the fields' ids, so two forms could share a document without clashing. */
  constructor(
    private readonly id: string,
    private readonly rerender: () => void,
    private email = '',
  ) {}

  /** Whether a try is under way or has failed: a notice about the past then gives way to the answer. */
  get tried(): boolean {
    return this.busy || this.failure !== null;
  }

  private async submit(event: Event, signedIn: (me: Me) => void): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    if (this.email.trim() === '' || this.password === '') {
      this.failure = { kind: 'missing' };
      this.rerender();
      document.getElementById(this.email.trim() === '' ? `${this.id}-email` : `${this.id}-password`)?.focus();
      return;
    }
    this.busy = true;
    this.failure = null;
    this.rerender();
    try {
      const me = await api.signIn(this.email.trim(), this.password);
      this.busy = false;
      this.password = '';
      signedIn(me);
    } catch (error) {
      this.busy = false;
      this.failure = describe(error);
      this.password = '';
      this.rerender();
      document.getElementById(this.failure.kind === 'failed' ? `${this.id}-password` : `${this.id}-email`)?.focus();
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

  view(options: SignInFormView): TemplateResult {
    const message = this.message();
    const invalid = this.failure?.kind === 'failed' || this.failure?.kind === 'missing';
    const errorId = `${this.id}-error`;
    return html`<form class=${options.className} novalidate @submit=${(event: Event) => void this.submit(event, options.signedIn)}>
      ${message ? html`<div class="form-error" role="alert" id=${errorId}>${message}</div>` : nothing}
      <div class="field">
        <label for=${`${this.id}-email`}>${t('signIn.email')}</label>
        <input
          id=${`${this.id}-email`}
          name="email"
          type="email"
          autocomplete="username"
          required
          spellcheck="false"
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${message ? errorId : nothing}
          .value=${this.email}
          @input=${(event: Event) => (this.email = (event.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for=${`${this.id}-password`}>${t('signIn.password')}</label>
        <input
          id=${`${this.id}-password`}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${message ? errorId : nothing}
          .value=${this.password}
          @input=${(event: Event) => (this.password = (event.target as HTMLInputElement).value)}
        />
      </div>
      ${options.extra ?? nothing}
      <button type="submit" class="button primary block" ?disabled=${this.busy} aria-busy=${String(this.busy)}>
        ${this.busy ? t('signIn.submitting') : options.submitLabel}
      </button>
      ${options.after ?? nothing}
    </form>`;
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
