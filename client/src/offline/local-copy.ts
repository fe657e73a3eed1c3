/**
 * This device's copy of one section for one person: the section's Y.Doc kept in IndexedDB by
 * y-indexeddb, so that text typed without a network survives closing the tab, the browser or the
 * machine, and goes to the server when the section is next open with a link.
 *
 * y-indexeddb appends an update per change and a whole copy of the document every time a copy is
 * opened (its issue #31: a copy grows at every page load even with no changes), and merges only
 * after 500 records (its PREFERRED_TRIM_SIZE, issue/PR #36). We merge ourselves: once the copy has
 * loaded, whenever the page is hidden, and after every `COMPACT_AFTER` records. Its `storeState`
 * merges only records it has read into this Y.Doc, so another tab writing the same copy loses
 * nothing.
 *
 * Beside the text, the copy remembers whether it ever held the server's text (only then may the
 * section be written offline: an empty copy is not "the section"), and whether everything written
 * to it has reached the disk (`held`), which decides the warning before closing the page.
 */
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';
import { type CopyOwner, copyName, recordUnsent, registerCopy, unsentIn } from './device';

/** Records after which the copy is merged into one while the page is open. */
const COMPACT_AFTER = 100;
/** How long opening a copy may take before the page goes on without it (a stuck IndexedDB). */
const OPEN_TIMEOUT_MS = 3_000;
const SYNCED_KEY = 'synced-at';
const TITLE_KEY = 'title';

export class LocalCopy {
  readonly name: string;
  private readonly persistence: IndexeddbPersistence;
  /** The copy has loaded into the Y.Doc (or failed to: then `failed`). */
  private loadedFlag = false;
  private failed = false;
  /** When the copy last held the server's text (null: never — an empty, new copy). */
  private synced: Date | null = null;
  /** Local changes not yet known to be written to disk. */
  private writing = 0;
  private compacting = false;
  private marking: Promise<void> = Promise.resolve();
  private destroyed = false;
  private unsentRecorded = -1;
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.persistence || this.destroyed) return;
    this.writing++;
    void this.whenWritten().then(() => {
      this.writing--;
      this.changed();
    });
    if (this.persistence._dbsize >= COMPACT_AFTER) this.compact();
  };
  private readonly onHidden = () => {
    if (document.visibilityState === 'hidden') this.compact();
  };

  constructor(
    owner: CopyOwner,
    /** The document's key: the section id, or `<sectionId>/<lang>` for a translation (#19). */
    documentKey: string,
    readonly doc: Y.Doc,
    private readonly changed: () => void,
  ) {
    this.name = copyName(owner, documentKey);
    registerCopy(this.name);
    this.persistence = new IndexeddbPersistence(this.name, doc);
    // y-indexeddb listens first, so a record of each change is requested before ours is counted.
    doc.on('update', this.onUpdate);
    document.addEventListener('visibilitychange', this.onHidden);
  }

  /** Opens the copy into the Y.Doc; resolves when it is there, or failed, or took too long. */
  async load(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), OPEN_TIMEOUT_MS)));
    try {
      const outcome = await Promise.race([this.persistence.whenSynced, timeout]);
      if (outcome === 'timeout') throw new Error('the local copy did not open in time');
      const synced = (await this.persistence.get(SYNCED_KEY)) as unknown;
      this.synced = typeof synced === 'string' ? new Date(synced) : null;
      this.loadedFlag = true;
      // Merged at every load: opening appended a whole copy (y-indexeddb's record count is not
      // known yet here, so it is not asked).
      this.compact(true);
    } catch (error) {
      // Private windows, a full disk, storage switched off: the section still opens from the
      // server, and the page warns before closing while changes are unsent (nothing holds them).
      console.warn('local copy unavailable', error);
      this.failed = true;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The origin of the updates this copy applies to the Y.Doc when it loads. */
  get origin(): unknown {
    return this.persistence;
  }

  /** The copy loaded and holds the section as the server had it at least once: it may be edited offline. */
  get usable(): boolean {
    return this.loadedFlag && !this.failed && this.synced !== null;
  }

  get loaded(): boolean {
    return this.loadedFlag && !this.failed;
  }

  /** Everything this page changed is on disk here (what the warning before closing asks). */
  get held(): boolean {
    return this.loaded && this.writing === 0;
  }

  /** The copy now has the server's text (after a sync): from now on it can be written offline. */
  markSynced(): void {
    if (!this.loaded || this.destroyed) return;
    this.synced = new Date();
    this.marking = this.persistence.set(SYNCED_KEY, this.synced.toISOString()).then(
      () => undefined,
      () => undefined,
    );
  }

  /** When the copy last held the server's text (null: never). */
  get syncedAt(): Date | null {
    return this.synced;
  }

  /** Resolves when everything written so far is on disk (before closing a copy opened only to fill it). */
  async flush(): Promise<void> {
    if (!this.loaded) return;
    await this.marking;
    await this.whenWritten();
  }

  /** Changes the last page with this copy made and the server had not confirmed when it closed. */
  get carriedUnsent(): number {
    return unsentIn(this.name);
  }

  /** The section's title as last seen, for a download when the section can no longer be opened. */
  async title(): Promise<string | null> {
    if (!this.loaded) return null;
    const title = (await this.persistence.get(TITLE_KEY).catch(() => null)) as unknown;
    return typeof title === 'string' ? title : null;
  }

  rememberTitle(title: string): void {
    if (this.loaded && !this.destroyed) void this.persistence.set(TITLE_KEY, title).catch(() => undefined);
  }

  /** Keeps the count of unsent changes where sign-out and the next page load can see it. */
  recordUnsent(count: number): void {
    if (count === this.unsentRecorded || this.destroyed) return;
    this.unsentRecorded = count;
    recordUnsent(this.name, count);
  }

  /** Deletes the copy (the person discarded its changes, or this device keeps no copies). */
  async clear(): Promise<void> {
    this.stop();
    recordUnsent(this.name, 0);
    await this.persistence.clearData();
  }

  destroy(): void {
    this.stop();
    void this.persistence.destroy();
  }

  private stop(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    document.removeEventListener('visibilitychange', this.onHidden);
  }

  /**
   * Resolves once the records requested so far are on disk: IndexedDB runs transactions on the
   * same store in the order they were made, so a read made now completes after them.
   */
  private whenWritten(): Promise<void> {
    const db = this.persistence.db;
    if (!db) return this.persistence.whenSynced.then(() => undefined);
    return new Promise((resolve) => {
      try {
        const transaction = db.transaction(['updates'], 'readonly');
        transaction.objectStore('updates').count();
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => resolve();
        transaction.onabort = () => resolve();
      } catch {
        resolve();
      }
    });
  }

  private compact(always = false): void {
    if (this.compacting || this.destroyed || !this.loaded || (!always && this.persistence._dbsize <= 1)) return;
    this.compacting = true;
    storeState(this.persistence, true)
      .catch(() => undefined)
      .finally(() => (this.compacting = false));
  }
}
