/** A real socket.io client in Node, sending the cookie and Origin a browser would send. */
import { type Socket, io } from 'socket.io-client';
import type { ClientToServerEvents, JoinReply, ServerToClientEvents } from '../../shared/api';

/** The channel as the shared event map types it, as in the browser. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the server sends with an event. */
export type EventPayload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

export function connectRealtime(url: string, cookie: string | null, origin = new URL(url).origin): LiveSocket {
  return io(url, {
    transports: ['websocket'],
    extraHeaders: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves true when connected, false when the server refused the handshake. */
export function connected(socket: LiveSocket, timeoutMs = 3000): Promise<boolean> {
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

export function joinSection(socket: LiveSocket, sectionId: string): Promise<JoinReply> {
  return socket.timeout(3000).emitWithAck('section:join', sectionId);
}

/** The next `event` the socket receives, or a rejection after `timeoutMs`. */
export function nextEvent<E extends Exclude<keyof ServerToClientEvents, 'me:changed'>>(
  socket: LiveSocket,
  event: E,
  timeoutMs = 1000,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: EventPayload<E>) => {
      clearTimeout(timer);
      resolve(payload);
    };
    // socket.io types a listener by a conditional type TypeScript cannot resolve for a generic event.
    socket.once(event, listener as never);
  });
}
