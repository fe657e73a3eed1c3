/**
 * An invitation link, opened by the person invited (no session yet): who is invited as what, and
 * a name and password to join with. A link that is unknown, used or expired says so plainly.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './people.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Invitation } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { ApiError, NetworkError, api } from '../api';
import { t } from '../i18n';
import { calendarDay } from './format';
import { skipLink } from './layout';
import type { AppContext, Page } from './page';
import { languageSwitch, loading } from './parts';

/** The server's rule (MIN_PASSWORD_LENGTH); checked here only to explain it before a round trip. */
const MIN_PASSWORD = 10;

type Field = 'name' | 'password' | 'repeat';
type LinkProblem = 'unknown' | 'used' | 'expired' | 'network' | 'generic';

const PROBLEM_TEXT: Record<LinkProblem, MessageKey> = {
  unknown: 'invite.unknown',
  used: 'invite.used',
  expired: 'invite.expired',
  network: 'app.error.network',
  generic: 'app.error.generic',
};

function linkProblem(error: unknown): LinkProblem {
  if (error instanceof NetworkError) return 'network';
  if (error instanceof ApiError) {
    if (error.status === 404 || error.status === 400) return 'unknown';
    if (error.status === 410) return error.code === 'expired' ? 'expired' : 'used';
  }
  return 'generic';
}

export class InvitePage implements Page {
  private invitation: Invitation | null = null;
  private problem: LinkProblem | null = null;
  private name = '';
  private password = '';
  private repeat = '';
  private errors: Partial<Record<Field, string>> = {};
  private failure: string | null = null;
  private busy = false;
  private disposed = false;

  constructor(
    private readonly context: AppContext,
    private readonly token: string,
  ) {
    void this.load();
  }

  title(): string {
    return `${t('invite.title')} · ${t('app.title')}`;
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(): Promise<void> {
    try {
      this.invitation = await api.openInvitation(this.token);
    } catch (error) {
      this.problem = linkProblem(error);
    }
    if (!this.disposed) this.context.update();
  }

  private validate(): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (this.name.trim() === '') errors.name = t('invite.nameMissing');
    if (this.password.length < MIN_PASSWORD) errors.password = t('invite.passwordShort', { count: MIN_PASSWORD });
    if (this.repeat !== this.password) errors.repeat = t('invite.repeatDiffers');
    return errors;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    this.errors = this.validate();
    this.failure = null;
    const first = (['name', 'password', 'repeat'] as const).find((field) => this.errors[field]);
    if (first) {
      this.context.update();
      document.getElementById(`invite-${first}`)?.focus();
      return;
    }
    this.busy = true;
    this.context.update();
    try {
      const me = await api.acceptInvitation(this.token, this.name.trim(), this.password);
      this.busy = false;
      this.context.signedIn(me, '/');
    } catch (error) {
      this.busy = false;
      if (error instanceof ApiError && error.status === 422) {
        this.errors = { password: t('invite.passwordShort', { count: MIN_PASSWORD }) };
      } else if (error instanceof ApiError && (error.status === 410 || error.status === 404)) {
        this.problem = linkProblem(error);
      } else {
        this.failure = t(PROBLEM_TEXT[linkProblem(error)]);
      }
      this.context.update();
    }
  }

  view(): TemplateResult {
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
          <div class="signin-card invite-card">
            <p class="eyebrow">${t('app.course')}</p>
            ${this.problem ? this.problemView(this.problem) : this.invitation ? this.form(this.invitation) : loading()}
          </div>
        </main>
      </div>
    `;
  }

  private problemView(problem: LinkProblem): TemplateResult {
    return html`<h1>${t('invite.problemTitle')}</h1>
      <p class="form-error" role="alert">${t(PROBLEM_TEXT[problem])}</p>
      <p class="signin-intro">${t('invite.askAgain')}</p>
      <a class="button" href="/signin">${t('invite.toSignIn')}</a>`;
  }

  private form(invitation: Invitation): TemplateResult {
    const me = this.context.me;
    return html`<h1>${t('invite.title')}</h1>
      <p class="signin-intro">
        ${t('invite.intro', { email: invitation.email, role: t(`role.${invitation.role}`), group: t(`group.${invitation.group}`) })}
        <br /><span class="muted">${t('invite.expires', { date: calendarDay(invitation.expiresAt.slice(0, 10)) })}</span>
      </p>
      ${me ? html`<p class="notice-inline" role="note">${t('invite.signedInAs', { name: me.name })}</p>` : nothing}
      <form class="signin-form" novalidate @submit=${(event: Event) => void this.submit(event)}>
        ${this.failure ? html`<div class="form-error" role="alert">${this.failure}</div>` : nothing}
        ${this.field('name', 'text', 'name', t('invite.name'), this.name, (value) => (this.name = value))}
        ${this.field('password', 'password', 'new-password', t('invite.password'), this.password, (value) => (this.password = value), t('invite.passwordHint', { count: MIN_PASSWORD }))}
        ${this.field('repeat', 'password', 'new-password', t('invite.repeat'), this.repeat, (value) => (this.repeat = value))}
        <button type="submit" class="button primary block" ?disabled=${this.busy} aria-busy=${String(this.busy)}>
          ${this.busy ? t('invite.joining') : t('invite.join')}
        </button>
      </form>`;
  }

  private field(
    field: Field,
    type: string,
    autocomplete: string,
    label: string,
    value: string,
    set: (value: string) => void,
    hint?: string,
  ): TemplateResult {
    const id = `invite-${field}`;
    const error = this.errors[field];
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        autocomplete=${autocomplete}
        required
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${value}
        @input=${(event: Event) => set((event.target as HTMLInputElement).value)}
      />
      ${hint ? html`<p class="field-hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
      ${error ? html`<p class="field-error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }
}
