/**
 * A page whose code is fetched when it is first opened (#21). The section and translation pages
 * carry the editor (ProseMirror, Yjs, the collab session): most of the client's bytes. On the
 * groups' 3G-class links the dashboard must not wait for them, so those pages are separate
 * chunks, and this stands in for one until its chunk has arrived (from the network, or from the
 * service worker's cache offline).
 */
import { html } from 'lit-html';
import { NetworkError } from '../api';
import { t } from '../i18n';
import { problem } from '../ui/parts';
import type { AppContext, Page, UnsentWork } from './page';

export class LazyPage implements Page {
  private page: Page | null = null;
  private failure: unknown = null;
  private disposed = false;

  constructor(
    private readonly app: AppContext,
    private readonly load: () => Promise<Page>,
  ) {
    this.start();
  }

  private start(): void {
    this.failure = null;
    this.load().then(
      (page) => {
        if (this.disposed) {
          page.dispose?.();
          return;
        }
        this.page = page;
        this.app.update();
      },
      (error: unknown) => {
        if (this.disposed) return;
        // A chunk that cannot be fetched is a connection problem to the person ("cannot be
        // reached", try again), whatever the browser calls its failed import.
        if (!(error instanceof NetworkError)) console.warn('the page could not be loaded', error);
        this.failure = new NetworkError(error instanceof Error ? error.message : String(error));
        this.app.update();
      },
    );
  }

  view() {
    if (this.page) return this.page.view();
    if (this.failure) {
      return problem(this.failure, () => {
        this.start();
        this.app.update();
      });
    }
    return html`<p class="page-loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
  }

  title(): string {
    return this.page?.title() ?? t('app.title');
  }

  refresh(): void {
    this.page?.refresh?.();
  }

  resume(): void {
    if (this.page?.resume) this.page.resume();
    else this.page?.refresh?.();
  }

  unsentWork(): UnsentWork | null {
    return this.page?.unsentWork?.() ?? null;
  }

  dispose(): void {
    this.disposed = true;
    this.page?.dispose?.();
  }
}
