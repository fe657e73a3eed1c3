/**
 * Notices commits made to the database file by another process (`npm run admin` while the server
 * runs): SQLite's `data_version` changes exactly when another connection has committed. Polling it
 * costs one pragma every couple of seconds; the caller re-reads what may have changed (people's
 * rights, so that a deactivation from the shell closes that person's open connections).
 */
import type { Db } from './client';

const POLL_MS = 2_000;

export function watchExternalWrites(db: Db, onChange: () => void, pollMs = POLL_MS): () => void {
  let version = db.$client.pragma('data_version', { simple: true }) as number;
  const timer = setInterval(() => {
    let now: number;
    try {
      now = db.$client.pragma('data_version', { simple: true }) as number;
    } catch {
      return;
    }
    if (now === version) return;
    version = now;
    onChange();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
