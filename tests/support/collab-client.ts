/**
 * Real y-websocket clients (the browser's WebsocketProvider) running in Node over `ws`, sending the
 * session cookie and Origin a browser would send.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_ACCESS, isFinalClose } from '../../shared/collab-protocol';
import * as decoding from 'lib0/decoding';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The last access the server announced ('edit' or 'read-only'), or null before it did. */
  access(): string | null;
  destroy(): void;
}

/** A WebSocket class that carries cookie and Origin, as y-websocket only passes url and protocols. */
export function webSocketWith(cookie: string | null, origin: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) } });
    }
  } as unknown as typeof WebSocket;
}

export function connectCollab(
  url: string,
  sectionId: string,
  cookie: string | null,
  options: { doc?: Y.Doc; connect?: boolean } = {},
): CollabClient {
  const doc = options.doc ?? new Y.Doc();
  const origin = new URL(url).origin;
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, sectionId, doc, {
    WebSocketPolyfill: webSocketWith(cookie, origin) as never,
    connect: options.connect ?? true,
    disableBc: true,
    maxBackoffTime: 500,
    // As the browser's session does: a final refusal stops the provider instead of looping.
    shouldReconnect: (event) => !isFinalClose(event.code),
  });
  let access: string | null = null;
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder: decoding.Decoder) => {
    access = decoding.readVarString(decoder);
  };
  return {
    doc,
    provider,
    access: () => access,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when the provider has completed its first sync with the server. */
export function synced(client: CollabClient, timeoutMs = 5000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), timeoutMs);
    client.provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
