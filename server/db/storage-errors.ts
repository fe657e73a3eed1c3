/**
 * Writes that fail because the disk is full (or cannot be written): not a bug to report with a
 * stack trace at every request and reconnect, but one state of the machine, said once a minute
 * in the log and answered to people with a clear "try again later".
 */
const FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_SHMSIZE', 'ENOSPC']);
const LOG_REPEAT_MS = 60_000;
let lastLogged = 0;

/** Whether `error` is the disk refusing a write. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (FULL_CODES.has(code) || code.startsWith('SQLITE_IOERR'));
}

/** Logs the full disk in one line, at most once a minute, whoever hit it. */
export function reportStorageFull(where: string, error: unknown): void {
  const now = Date.now();
  if (now - lastLogged < LOG_REPEAT_MS) return;
  lastLogged = now;
  const code = (error as { code?: string }).code;
  console.error(`[db] the disk refuses writes (${code}, first seen in ${where}); nothing new is stored until there is room`);
}
