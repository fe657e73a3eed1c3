/** What a page is to the app, and what the app offers every page. */
import type { TemplateResult } from 'lit-html';
import type { Me } from '../../../shared/api';
import type { Locale } from '../../../shared/i18n';
import type { Realtime } from '../realtime';

/** Why a session ended under a page: signed out (elsewhere, expired), or the account was deactivated. */
export type SessionEnd = 'ended' | 'deactivated';

/**
 * What the sign-in page says above its form, once: why the last session ended under a page, or
 * that signing out deleted what this device kept (`copies-deleted`) or found nothing to delete.
 */
export type SignInNotice = SessionEnd | 'signed-out' | 'copies-deleted';

export interface Page {
  /** The page's content; called on every render of the app. */
  view(): TemplateResult;
  /** The document title, in the current language. */
  title(): string;
  /** Your rights changed somewhere: reload what depends on them. */
  refresh?(): void;
  /**
   * Signed in again after the session ended under this page: reconnect and send what waited.
   * A page without it is refreshed instead.
   */
  resume?(): void;
  /**
   * Changes this page holds that the server does not have, and how to save them as a file: the
   * session dialog offers them when the person cannot sign in again (deactivated while offline).
   */
  unsentWork?(): UnsentWork | null;
  dispose?(): void;
}

export interface UnsentWork {
  count: number;
  download: () => void;
}

export interface AppContext {
  readonly me: Me | null;
  readonly realtime: Realtime;
  /** Re-renders the current page (after its state changed). */
  update(): void;
  switchLocale(locale: Locale): void;
  signedIn(me: Me, next: string | null): void;
  signOut(): Promise<void>;
  /**
   * An API call (or a channel) said 401: the session is over. Said while a page is open, a dialog
   * asks to sign in again over it and the page is kept ('ended'); a deactivated account goes to
   * sign-in, which says why.
   */
  sessionEnded(why?: SessionEnd): void;
  /** Asks the server whether we are still signed in (after a connection kept failing). */
  checkSession(): Promise<void>;
}
