/** Link targets people may store and render: web pages and e-mail, never scripts. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Returns the normalised href, or null when it is not an http, https or mailto address. */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? trimmed : null;
}
