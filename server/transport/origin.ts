/**
 * Cross-site defence without a token round trip (DESIGN.md): a state-changing request, a WebSocket
 * upgrade and a socket.io handshake are accepted only with an Origin equal to our own origin.
 * Shared by the transports, which sit side by side and do not import each other.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Our own origin: PUBLIC_URL when configured, else the scheme and Host the request came to. */
export function ownOrigin(req: IncomingMessage, publicUrl: string | null): string | null {
  if (publicUrl) return new URL(publicUrl).origin;
  const host = req.headers.host;
  if (!host) return null;
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  return `${scheme}://${host}`;
}

export function isSameOrigin(req: IncomingMessage, publicUrl: string | null): boolean {
  const origin = req.headers.origin;
  const own = ownOrigin(req, publicUrl);
  return typeof origin === 'string' && own !== null && origin === own;
}
