/**
 * What this device keeps for the people who sign in on it: a local copy of every section they
 * opened (IndexedDB, one database per workspace, person and section, see `local-copy.ts`) and the
 * data the pages last showed (the service worker's cache). Both let someone work with no
 * network; both are someone's drafts on a machine that may be shared. So a person may ask for
 * nothing to be kept here, and signing out deletes what was kept for them.
 *
 * The list of copies and their unsent changes is mirrored in localStorage: the sign-out warning
 * needs it at once, before any database has opened.
 */
import { parseDocumentKey } from '../../../shared/languages';
import { DATA_CACHE } from './names';

const KEEP_KEY = 'syllabus.keepCopies';
const COPIES_KEY = 'syllabus.copies';
const UNSENT_PREFIX = 'syllabus.unsent:';
const COPY_PREFIX = 'syllabus/';

/** Who a copy belongs to: the workspace's data (`Me.workspace`) and the person. */
export interface CopyOwner {
  workspace: string;
  id: number;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be switched off; then nothing is kept and nothing needs deleting.
    return null;
  }
}

/** Does this device keep local copies (the "don't keep copies on this device" setting is off)? */
export function keepsCopies(): boolean {
  return storage()?.getItem(KEEP_KEY) !== 'no';
}

/**
 * Switches local copies on or off for this device. Switching them off deletes the copies already
 * kept for `owner` (the person saying this is a shared machine) and the cached page data.
 */
export async function setKeepsCopies(keep: boolean, owner: CopyOwner | null): Promise<number> {
  if (keep) {
    storage()?.removeItem(KEEP_KEY);
    return 0;
  }
  storage()?.setItem(KEEP_KEY, 'no');
  return owner ? deleteLocalCopies(owner) : 0;
}

/**
 * The IndexedDB name of one person's copy of one document: a section's source text (its id) or a
 * translation (`<sectionId>/<lang>`, #19; IndexedDB names may hold any characters).
 */
export function copyName(owner: CopyOwner, documentKey: string): string {
  return `${ownerPrefix(owner)}${documentKey}`;
}

function ownerPrefix(owner: CopyOwner): string {
  return `${COPY_PREFIX}${owner.workspace}/${owner.id}/`;
}

function registered(): string[] {
  try {
    const list = JSON.parse(storage()?.getItem(COPIES_KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

function setRegistered(names: string[]): void {
  const store = storage();
  if (!store) return;
  if (names.length === 0) store.removeItem(COPIES_KEY);
  else store.setItem(COPIES_KEY, JSON.stringify(names));
}

/** Notes a copy as kept, so that signing out finds it where `indexedDB.databases()` is missing. */
export function registerCopy(name: string): void {
  const names = registered();
  if (!names.includes(name)) setRegistered([...names, name]);
}

/** Records how many changes of a copy have not reached the server (0 forgets it). */
export function recordUnsent(name: string, count: number): void {
  const store = storage();
  if (!store) return;
  if (count > 0) store.setItem(UNSENT_PREFIX + name, String(count));
  else store.removeItem(UNSENT_PREFIX + name);
}

/** How many changes of one copy had not reached the server when its page last recorded it. */
export function unsentIn(name: string): number {
  const count = Number(storage()?.getItem(UNSENT_PREFIX + name) ?? 0);
  return Number.isFinite(count) && count > 0 ? count : 0;
}

/** Changes kept on this device for `owner` that the server does not have yet, per document key. */
function unsentByKey(owner: CopyOwner): { key: string; count: number }[] {
  const store = storage();
  if (!store) return [];
  const prefix = UNSENT_PREFIX + ownerPrefix(owner);
  const found: { key: string; count: number }[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(prefix)) continue;
    const count = Number(store.getItem(key));
    if (count > 0) found.push({ key: key.slice(prefix.length), count });
  }
  return found;
}

/**
 * Changes kept on this device for `owner` that the server does not have yet, per section: a
 * section's source and its translations (#19) count together, since the sign-out warning names
 * sections.
 */
export function unsentChanges(owner: CopyOwner): { sectionId: string; count: number }[] {
  const bySection = new Map<string, number>();
  for (const { key, count } of unsentByKey(owner)) {
    const { sectionId } = parseDocumentKey(key);
    bySection.set(sectionId, (bySection.get(sectionId) ?? 0) + count);
  }
  return [...bySection].map(([sectionId, count]) => ({ sectionId, count }));
}

async function databaseNames(): Promise<string[]> {
  const names = new Set(registered());
  try {
    for (const database of await indexedDB.databases()) if (database.name) names.add(database.name);
  } catch {
    // Older browsers cannot list databases: the registry above is what we have.
  }
  return [...names];
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    // A tab still holding the copy closes it when asked (lib0's openDB does), and the deletion
    // then completes; a failure leaves nothing we could do better than go on with the others.
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
  });
}

/**
 * Deletes everything this device kept for `owner`: their section copies, the record of unsent
 * changes, and the cached page data (one cache for the device: it held what this person's pages
 * showed). Answers how many section copies there were.
 */
export async function deleteLocalCopies(owner: CopyOwner): Promise<number> {
  const prefix = ownerPrefix(owner);
  const mine = (await databaseNames()).filter((name) => name.startsWith(prefix));
  await Promise.all(mine.map(deleteDatabase));
  setRegistered(registered().filter((name) => !name.startsWith(prefix)));
  for (const { key } of unsentByKey(owner)) recordUnsent(prefix + key, 0);
  try {
    if ('caches' in window) await caches.delete(DATA_CACHE);
  } catch {
    // No cache storage (a private window): nothing was cached.
  }
  return mine.length;
}
