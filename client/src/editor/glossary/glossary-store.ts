/**
 * The glossary as the editor knows it: every entry, fetched once per page and shared by every open
 * editor, with the matcher built from it. Read again when the page regains focus (someone may have
 * added a term in another tab or on the glossary page), whenever the server announces a change
 * (`glossary:changed`) and after a reconnect of the live channel, whose announcements were missed.
 */
import type { GlossaryChanged, GlossaryEntry } from '../../../../shared/api';
import { TermMatcher } from '../../../../shared/glossary-match';
import { glossaryRequests } from '../../glossary/requests';

export type GlossaryLoad = 'loading' | 'ready' | 'failed';

/** Focus often comes in bursts (alt-tab back and forth): at most one reload per this many ms. */
const REFRESH_AT_MOST_EVERY_MS = 10_000;

export class GlossaryStore {
  private entries: GlossaryEntry[] = [];
  private readonly byId = new Map<string, GlossaryEntry>();
  private matcherOfVersion: TermMatcher = new TermMatcher([]);
  private readonly listeners = new Set<() => void>();
  private loading: Promise<void> | null = null;
  private lastLoad = 0;
  private watching = false;
  /** Changes with every new set of entries: editors recompute their hints when it does. */
  version = 0;
  load: GlossaryLoad = 'loading';

  constructor(private readonly fetchEntries: () => Promise<GlossaryEntry[]> = glossaryRequests.list) {}

  /** Every entry, in the server's order. */
  get all(): readonly GlossaryEntry[] {
    return this.entries;
  }

  /** The entry, or undefined: not loaded yet (see `load`) or deleted. */
  entry(id: string): GlossaryEntry | undefined {
    return this.byId.get(id);
  }

  /** The terms of every entry, indexed for finding them in text. */
  get matcher(): TermMatcher {
    return this.matcherOfVersion;
  }

  /**
   * Calls `listener` whenever the entries change; the first subscriber starts the loading and the
   * focus watch, a later one reads the entries again if they are older than a few seconds.
   * Returns the function that stops listening.
   */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.watching) {
      this.watching = true;
      window.addEventListener('focus', this.regainedFocus);
      document.addEventListener('visibilitychange', this.regainedFocus);
      void this.refresh();
    } else if (Date.now() - this.lastLoad >= REFRESH_AT_MOST_EVERY_MS) {
      // Another section opened a while later: entries proposed meanwhile on the glossary page count.
      void this.refresh();
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Reads the entries from the server (once at a time; a call meanwhile waits for that one). */
  refresh(): Promise<void> {
    this.loading ??= this.fetchEntries()
      .then((entries) => this.replace(entries))
      .catch(() => {
        // Offline or refused: keep what we had; with nothing yet, the list says it failed.
        if (this.entries.length === 0) {
          this.load = 'failed';
          this.announce();
        }
      })
      .finally(() => {
        this.lastLoad = Date.now();
        this.loading = null;
      });
    return this.loading;
  }

  /**
   * The server announced a change to an entry (`glossary:changed`, which names only the entry):
   * the list is read again. Also after the live channel reconnects (announcements were missed).
   */
  changed(_change?: GlossaryChanged): void {
    void this.refresh();
  }

  private replace(entries: GlossaryEntry[]): void {
    this.entries = entries;
    this.byId.clear();
    for (const entry of entries) this.byId.set(entry.id, entry);
    this.matcherOfVersion = new TermMatcher(entries);
    this.load = 'ready';
    this.version++;
    this.announce();
  }

  private announce(): void {
    for (const listener of this.listeners) listener();
  }

  private readonly regainedFocus = () => {
    if (document.visibilityState !== 'visible') return;
    if (Date.now() - this.lastLoad < REFRESH_AT_MOST_EVERY_MS) return;
    void this.refresh();
  };
}

/** The page's one copy of the glossary. */
export const glossaryStore = new GlossaryStore();
