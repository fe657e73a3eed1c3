/** What a page is to the app, and what the app offers every page. */
import type { TemplateResult } from 'lit-html';
import type { Me } from '../../../shared/api';
import type { Locale } from '../../../shared/i18n';
import type { Realtime } from '../realtime';

/** Why a session ended under a page: signed out (elsewhere, expired), or the account was deactivated. */
export type SessionEnd = 'ended' | 'deactivated';

export interface Page {
  /** The page's content; called on every render of the app. */
  view(): TemplateResult;
  /** The document title, in the current language. */
  title(): string;
  /** Your rights changed somewhere: reload what depends on them. */
  refresh?(): void;
  dispose?(): void;
}

export interface AppContext {
  readonly me: Me | null;
  readonly realtime: Realtime;
  /** Re-renders the current page (after its state changed). */
  update(): void;
  switchLocale(locale: Locale): void;
  signedIn(me: Me, next: string | null): void;
  signOut(): Promise<void>;
  /** An API call said 401: the session is over, go to sign-in (which says why, when it is known). */
  sessionEnded(why?: SessionEnd): void;
  /** Asks the server whether we are still signed in (after a connection kept failing). */
  checkSession(): Promise<void>;
}
