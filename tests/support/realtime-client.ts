/** A real socket.io client in Node, sending the cookie and Origin a browser would send. */
import { type Socket, io } from 'socket.io-client';

export function connectRealtime(url: string, cookie: string | null, origin = new URL(url).origin): Socket {
  return io(url, {
    transports: ['websocket'],
    extraHeaders: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves true when connected, false when the server refused the handshake. */
export function connected(socket: Socket, timeoutMs = 3000): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.once('connect_error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

export function joinSection(socket: Socket, sectionId: string): Promise<{ ok: boolean; error?: string }> {
  return socket.timeout(3000).emitWithAck('section:join', sectionId);
}
