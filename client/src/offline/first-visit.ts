/**
 * The very first visit runs before the service worker controls the page, so nothing the page
 * read then was kept for offline use; someone who signs in and opens a section once would find it
 * missing on the train. The reads of such a page are noted, and asked again (through the worker,
 * which keeps them) when it takes control.
 */
import { keepsCopies } from './device';

const reads = new Set<string>();
let watching = false;

/** Notes a read made while no worker controls the page (`url` as fetched, e.g. /api/sections/x). */
export function noteRead(url: string): void {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller || !keepsCopies()) return;
  reads.add(url);
  if (watching) return;
  watching = true;
  navigator.serviceWorker.addEventListener(
    'controllerchange',
    () => {
      for (const read of reads) void fetch(read, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => undefined);
      reads.clear();
    },
    { once: true },
  );
}
