/**
 * The app: who is signed in, which page is shown, and one render path. Every change of state
 * (a route, a language, a reply from the server) ends in `update()`, which renders the current
 * page into the root; lit-html only touches what changed.
 */
import { render } from 'lit-html';
import type { Me } from '../../shared/api';
import { type Locale } from '../../shared/i18n';
import { titleIn } from '../../shared/workspace';
import { NetworkError, api, isUnauthenticated } from './api';
import { locale, plural, setLocale, t } from './i18n';
import { type CopyOwner, deleteLocalCopies, unsentChanges } from './offline/device';
import { Realtime } from './realtime';
import { glossaryStore } from './editor/glossary/glossary-store';
import { type Route, navigate, onRouteChange, parseRoute, safeNext, startRouter } from './router';
import { AuditPage } from './pages/audit';
import { SettingsPage } from './pages/settings';
import { GlossaryPage } from './pages/glossary';
import { InvitePage } from './pages/invite';
import { type Frame, layout } from './pages/layout';
import { NotificationBell } from './pages/notifications';
import { confirmDialog } from './pages/dialog';
import type { Page, SessionEnd, SignInNotice } from './pages/page';
import { notFound } from './pages/parts';
import { PeoplePage } from './pages/people';
import { SignInPage } from './pages/sign-in';
import { LazyPage } from './pages/lazy-page';
import { WorkspacePage } from './pages/workspace';
import { AccountMenu } from './ui/account-menu';
import { problem } from './ui/parts';
import { SessionDialog } from './ui/session-dialog';

/** Pages shown without the signed-in frame: they are for people without a session. */
const OPEN_PAGES: ReadonlySet<Route['name']> = new Set(['sign-in', 'invite']);
/** Pages that use the full width: tables and documents. */
const WIDE_PAGES: ReadonlySet<Route['name']> = new Set(['section', 'translation', 'workspace', 'master', 'people', 'audit', 'outcomes', 'compare']);

export class App implements Frame {
  me: Me | null = null;
  bell: NotificationBell | null = null;
  readonly realtime = new Realtime();
  readonly account = new AccountMenu(this);
  private page: Page | null = null;
  private route: Route = parseRoute(window.location);
  private startupError: unknown = null;
  /** A language picked on the sign-in page is carried over to the person's settings. */
  private localeChosenBeforeSignIn = false;
  /** Why the last session ended (or what signing out deleted), told once by the sign-in page that follows. */
  private signInNotice: SignInNotice | null = null;
  private signingOut = false;
  /** Asks to sign in again over the page when a session ends under it: one dialog for every 401. */
  private readonly sessionDialog = new SessionDialog({
    signedInAgain: (me) => this.signedInAgain(me),
    leave: () => this.leaveForSignIn('ended'),
    unsentWork: () => this.page?.unsentWork?.() ?? null,
  });

  constructor(private readonly root: HTMLElement) {
    this.realtime.onMeChanged(() => void this.reloadMe());
    this.realtime.onRefused(() => void this.checkSession());
    // Open editors link and hint glossary terms from one cache: a changed entry refreshes it (#20).
    this.realtime.on('glossary:changed', (change) => glossaryStore.changed(change));
    this.realtime.onReconnect(() => glossaryStore.changed());
  }

  async start(): Promise<void> {
    startRouter();
    onRouteChange((route) => this.show(route, true));
    await this.loadMe();
    this.show(parseRoute(window.location), false);
  }

  private async loadMe(): Promise<void> {
    try {
      this.adopt(await api.me());
      this.startupError = null;
    } catch (error) {
      if (!isUnauthenticated(error)) this.startupError = error;
      this.me = null;
    }
  }

  /** Takes the server's view of the signed-in person, including their remembered language. */
  private adopt(me: Me): void {
    // Someone else signed in in this tab (an invitation accepted): their channel, their bell.
    if (this.me && this.me.id !== me.id) this.dropPerson();
    this.me = me;
    setLocale(me.locale);
    this.realtime.connect();
    this.bell ??= new NotificationBell(this);
  }

  private dropPerson(): void {
    this.bell?.dispose();
    this.bell = null;
    this.realtime.disconnect();
  }

  private show(route: Route, moveFocus: boolean): void {
    if (this.startupError) {
      this.route = route;
      return this.update();
    }
    if (!this.me && !OPEN_PAGES.has(route.name)) {
      const here = window.location.pathname + window.location.search;
      return navigate(here === '/' ? '/signin' : `/signin?next=${encodeURIComponent(here)}`, { replace: true });
    }
    if (this.me && route.name === 'sign-in') return navigate(route.next ?? '/', { replace: true });
    this.page?.dispose?.();
    this.route = route;
    this.page = this.pageFor(route);
    this.update();
    window.scrollTo(0, 0);
    // After a navigation the reader starts at the new page's content, as after a page load.
    if (moveFocus) document.getElementById('main')?.focus({ preventScroll: true });
  }

  private pageFor(route: Route): Page | null {
    switch (route.name) {
      case 'sign-in': {
        const page = new SignInPage(this, route.next, this.signInNotice);
        this.signInNotice = null;
        return page;
      }
      case 'workspace':
        return new WorkspacePage(this);
      // The pages with the editor or the whole master's text are chunks of their own (#21).
      case 'section':
        return new LazyPage(this, () => import('./pages/section').then(({ SectionPage }) => new SectionPage(this, route.id)));
      case 'translation':
        return new LazyPage(this, () => import('./pages/translation').then(({ TranslationPage }) => new TranslationPage(this, route.id, route.lang)));
      case 'master':
        return new LazyPage(this, () => import('./pages/master').then(({ MasterPage }) => new MasterPage(this)));
      case 'outcomes':
        return new LazyPage(this, () => import('./pages/outcomes-matrix').then(({ OutcomesMatrixPage }) => new OutcomesMatrixPage(this)));
      case 'compare':
        return new LazyPage(this, () => import('./pages/compare').then(({ ComparePage }) => new ComparePage(this)));
      case 'people':
        return new PeoplePage(this);
      case 'settings':
        return new SettingsPage(this);
      case 'audit':
        return new AuditPage(this);
      case 'glossary':
        return new GlossaryPage(this);
      case 'invite':
        return new InvitePage(this, route.token);
      case 'not-found':
        return null;
    }
  }

  update(): void {
    if (this.startupError) {
      document.title = t('app.title');
      render(layout(this, problem(this.startupError, () => void this.restart())), this.root);
      return;
    }
    const page = this.page;
    if (!page) {
      document.title = `${t('app.notFound')} · ${t('app.title')}`;
      render(layout(this, notFound(t('app.notFound'))), this.root);
      return;
    }
    document.title = page.title();
    this.sessionDialog.render();
    render(OPEN_PAGES.has(this.route.name) ? page.view() : layout(this, page.view(), { wide: WIDE_PAGES.has(this.route.name) }), this.root);
  }

  private async restart(): Promise<void> {
    this.startupError = null;
    await this.loadMe();
    this.show(parseRoute(window.location), false);
  }

  switchLocale(next: Locale): void {
    if (next === locale()) return;
    setLocale(next);
    if (this.me) {
      this.me = { ...this.me, locale: next };
      api.setLocale(next).catch((error: unknown) => {
        if (isUnauthenticated(error)) this.sessionEnded();
      });
    } else {
      this.localeChosenBeforeSignIn = true;
    }
    this.update();
  }

  signedIn(me: Me, next: string | null): void {
    if (this.localeChosenBeforeSignIn && me.locale !== locale()) {
      me = { ...me, locale: locale() };
      api.setLocale(me.locale).catch(() => undefined);
    }
    this.localeChosenBeforeSignIn = false;
    this.adopt(me);
    navigate(safeNext(next) ?? '/', { replace: true });
  }

  /**
   * Signs out and deletes what this device kept for the person (their section copies and cached
   * pages): on a shared computer nothing of theirs may stay. Changes the server has not received
   * yet would be lost with the copies, so the person is asked first.
   */
  async signOut(): Promise<void> {
    const me = this.me;
    // A second click while the first is asking or deleting would ask twice.
    if (!me || this.signingOut) return;
    this.signingOut = true;
    try {
      await this.signOutAndDelete(me);
    } finally {
      this.signingOut = false;
    }
  }

  private async signOutAndDelete(me: Me): Promise<void> {
    const unsent = unsentChanges(me);
    if (unsent.length > 0) {
      const count = unsent.reduce((sum, { count }) => sum + count, 0);
      const sections = await sectionTitles(unsent.map(({ sectionId }) => sectionId));
      const confirmed = await confirmDialog({
        title: t('device.signOutTitle'),
        message: plural('device.unsent', count, { sections: sections.join(', ') }),
        cancel: t('device.staySignedIn'),
        confirm: t('device.signOutAndDelete'),
        danger: true,
      });
      if (!confirmed || this.me !== me) return;
    }
    try {
      await api.signOut();
    } catch (error) {
      // Signed out locally all the same; a network error leaves a session that expires by itself.
      if (!(error instanceof NetworkError) && !isUnauthenticated(error)) console.error(error);
    }
    // The page goes first: an open section holds its copy, which cannot be deleted while open.
    this.forget();
    const deleted = await deleteWithin(me, 5000);
    this.signInNotice = deleted === null || deleted > 0 || unsent.length > 0 ? 'copies-deleted' : 'signed-out';
    navigate('/signin');
  }

  sessionEnded(why: SessionEnd = 'ended'): void {
    if (!this.me) return;
    // The page may hold work not yet sent (an editor offline): keep it, and ask to sign in over it.
    if (why === 'ended' && this.page && !OPEN_PAGES.has(this.route.name)) return this.sessionDialog.show(this.me.email);
    this.leaveForSignIn(why);
  }

  /** The sign-in page, with a way back here, and the page forgotten: today's answer to a 401. */
  private leaveForSignIn(why: SessionEnd): void {
    this.sessionDialog.close();
    if (!this.me) return;
    this.signInNotice = why;
    const here = window.location.pathname + window.location.search;
    this.forget();
    navigate(`/signin?next=${encodeURIComponent(here)}`, { replace: true });
  }

  /** Signed in through the session dialog: the same person carries on with the page; someone else starts afresh. */
  private signedInAgain(me: Me): void {
    if (this.me?.id !== me.id) {
      // What the page shows (and any unsent work in it) is the previous person's, not theirs.
      this.forget();
      this.adopt(me);
      return navigate('/', { replace: true });
    }
    this.adopt(me);
    this.realtime.reconnect();
    const page = this.page;
    if (page?.resume) page.resume();
    else page?.refresh?.();
    this.update();
  }

  async checkSession(): Promise<void> {
    if (!this.me) return;
    try {
      this.me = await api.me();
    } catch (error) {
      if (isUnauthenticated(error)) this.sessionEnded();
    }
  }

  /** Your rights changed: re-read yourself, then let the page re-read what depends on them. */
  private async reloadMe(): Promise<void> {
    try {
      this.me = await api.me();
    } catch (error) {
      if (isUnauthenticated(error)) return this.sessionEnded();
    }
    this.page?.refresh?.();
    this.update();
  }

  private forget(): void {
    this.page?.dispose?.();
    this.page = null;
    this.me = null;
    this.dropPerson();
    this.account.reset();
  }
}

/** The sections' titles in the interface's language, or their ids when the server cannot say soon. */
async function sectionTitles(ids: string[]): Promise<string[]> {
  try {
    const sections = await Promise.race([api.sections(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return ids.map((id) => {
      const section = sections.find((candidate) => candidate.id === id);
      return section ? titleIn(section.titles, locale()) : id;
    });
  } catch {
    return ids;
  }
}

/**
 * Deletes the person's copies and answers how many there were, or null when it takes longer than
 * `ms`: a copy still open in another tab is deleted when that tab lets go of it, and signing out
 * does not wait for that.
 */
function deleteWithin(owner: CopyOwner, ms: number): Promise<number | null> {
  return Promise.race([deleteLocalCopies(owner), new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
}
