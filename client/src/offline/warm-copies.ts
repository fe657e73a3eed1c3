/**
 * Fills this device's copies of the sections a person drafts, once the workspace page has shown
 * them online: someone who signs in at the office and opens the laptop on the train finds their
 * own sections there, not only the ones they happened to open. One section at a time, after the
 * page has drawn, only over a working link, never on a "save data" connection, and not again
 * for a copy the server filled in the last `FRESH_MS`.
 *
 * A section is warmed by opening its copy and a connection like the editor does, until the first
 * sync; its details (`GET /api/sections/<id>`) are asked too, so the service worker keeps the
 * answer the section page needs offline.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Me } from '../../../shared/api';
import { isFinalClose } from '../../../shared/collab-protocol';
import { api } from '../api';
import { collabUrl } from '../editor/collab-url';
import { keepsCopies } from './device';
import { LocalCopy } from './local-copy';

/** A copy the server filled this recently is not filled again. */
const FRESH_MS = 60 * 60_000;
/** How long one section may take to arrive before the next is tried. */
const SECTION_TIMEOUT_MS = 30_000;
/** When each copy was last filled by this module in this tab (the copy itself says across tabs). */
const warmedAt = new Map<string, number>();

interface NetworkInformation {
  saveData?: boolean;
  effectiveType?: string;
}

function mayUseNetwork(): boolean {
  const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
  return navigator.onLine && !connection?.saveData && connection?.effectiveType !== '2g' && connection?.effectiveType !== 'slow-2g';
}

/**
 * Warms the copies of `sectionIds` (the person's own sections) one after another; stops when
 * `cancelled()` says the page went away or the person changed.
 */
export async function warmCopies(me: Me, sectionIds: readonly string[], cancelled: () => boolean): Promise<number> {
  let warmed = 0;
  for (const sectionId of sectionIds) {
    if (cancelled() || !keepsCopies() || !mayUseNetwork()) break;
    const key = `${me.workspace}/${me.id}/${sectionId}`;
    if (Date.now() - (warmedAt.get(key) ?? 0) < FRESH_MS) continue;
    if (await warmOne(me, sectionId, cancelled)) {
      warmedAt.set(key, Date.now());
      warmed++;
    }
  }
  return warmed;
}

async function warmOne(me: Me, sectionId: string, cancelled: () => boolean): Promise<boolean> {
  const doc = new Y.Doc();
  const copy = new LocalCopy(me, sectionId, doc, () => undefined);
  let provider: WebsocketProvider | null = null;
  try {
    await copy.load();
    if (!copy.loaded || cancelled()) return false;
    if (copy.syncedAt && Date.now() - copy.syncedAt.getTime() < FRESH_MS) return true;
    await api.section(sectionId);
    provider = new WebsocketProvider(collabUrl(), sectionId, doc, { connect: false, disableBc: true, shouldReconnect: (event) => !isFinalClose(event.code) });
    // Not "present" on the section: colleagues there must not see the person flicker in and out.
    provider.awareness.setLocalState(null);
    provider.connect();
    const live = provider;
    const synced = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SECTION_TIMEOUT_MS);
      live.on('sync', (isSynced: boolean) => {
        if (!isSynced) return;
        clearTimeout(timer);
        resolve(true);
      });
      live.on('closed', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (synced) copy.markSynced();
    return synced;
  } catch {
    // A section the person cannot open any more, or the link went: the next page load tries again.
    return false;
  } finally {
    provider?.destroy();
    // The copy's last writes (the server's text) finish before the database closes.
    await copy.flush();
    copy.destroy();
    doc.destroy();
  }
}
