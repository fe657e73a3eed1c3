/**
 * The frame around every signed-in page: a skip link, the header (course, navigation, your
 * notifications, who you are and what this device keeps for you, language, sign out) and the main
 * landmark the skip link leads to.
 */
import './pages.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import type { MessageKey } from '../../../shared/i18n';
import { type WorkspaceAction, mayWorkspace } from '../../../shared/policy';
import { t } from '../i18n';
import type { AccountMenu } from '../ui/account-menu';
import { searchBox } from '../ui/search-box';
import type { NotificationBell } from './notifications';
import type { AppContext } from './page';
import { languageSwitch } from './parts';
import { actorOf } from './people-rules';

/** What the frame needs beyond a page's context: the bell and the account menu, which outlive pages. */
export interface Frame extends AppContext {
  readonly bell: NotificationBell | null;
  readonly account: AccountMenu;
}

/** The navigation; a link that needs a right is shown only to those who have it. */
const NAV: { href: string; label: MessageKey; right?: WorkspaceAction }[] = [
  { href: '/', label: 'nav.dashboard' },
  { href: '/master', label: 'nav.master' },
  { href: '/outcomes', label: 'nav.outcomes' },
  { href: '/compare', label: 'nav.compare' },
  { href: '/glossary', label: 'nav.glossary' },
  { href: '/people', label: 'nav.people', right: 'manage-people' },
  { href: '/audit', label: 'nav.audit', right: 'read-audit' },
  { href: '/settings', label: 'nav.settings' },
];

export function skipLink(): TemplateResult {
  return html`<a class="skip-link" href="#main" @click=${(event: Event) => {
    // Move focus, not only the scroll position (the router must not treat it as a page link).
    event.preventDefault();
    document.getElementById('main')?.focus();
  }}>${t('app.skipToContent')}</a>`;
}

export function layout(context: Frame, content: TemplateResult, options: { wide?: boolean } = {}): TemplateResult {
  const me = context.me;
  const actor = me ? actorOf(me) : null;
  const here = window.location.pathname.replace(/\/+$/, '') || '/';
  return html`
    ${skipLink()}
    <header class="app-header">
      <div class="app-header-inner">
        <a class="brand" href="/">
          <span class="brand-mark" aria-hidden="true">S</span>
          <span class="brand-text">
            <span class="brand-name">${t('app.title')}</span>
            <span class="brand-course">${t('app.course')}</span>
          </span>
        </a>
        <nav class="app-nav" aria-label=${t('nav.main')}>
          ${me
            ? NAV.filter((item) => !item.right || mayWorkspace(actor, item.right)).map(
                (item) => html`<a href=${item.href} aria-current=${here === item.href ? 'page' : 'false'}>${t(item.label)}</a>`,
              )
            : nothing}
        </nav>
        ${me ? searchBox(context) : nothing}
        <div class="app-header-tools">
          ${me && context.bell ? context.bell.view() : nothing}
          ${context.account.view()}
          ${languageSwitch((locale) => context.switchLocale(locale))}
          ${me
            ? html`<button type="button" class="button quiet sign-out" @click=${() => void context.signOut()}>${t('nav.signOut')}</button>`
            : null}
        </div>
      </div>
    </header>
    <main id="main" tabindex="-1" class=${options.wide ? 'app-main wide' : 'app-main'}>${content}</main>
  `;
}
