/**
 * Real y-websocket clients (y-websocket 3's WebsocketProvider, as the browser uses) for each server.
 * Ours needs the session cookie and our Origin on the upgrade; the reference server takes plain
 * connections; hocuspocus speaks y-websocket's messages inside its own envelope (each frame starts
 * with the document name, and the first is an auth frame), which HocuspocusSocket adds and removes
 * under the same provider, so that every server is driven by the same client code.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_ACCESS } from '../../shared/collab-protocol';
import { webSocketWith } from '../../tests/support/collab-client';
import { signIn } from '../../tests/support/workspace';
import { BENCH_PASSWORD, BENCH_PEOPLE, type RunningServer, benchEmail } from './servers';
import { type ArrivalListener, ThinEditor } from './thin-client';

export interface BenchClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** How clients of one server connect: real providers, and lean protocol clients for the crowd. */
export interface Connector {
  connect(section: string, options?: { doc?: Y.Doc }): BenchClient;
  thin(section: string, onArrival: ArrivalListener | null): Promise<ThinEditor>;
}

const HOCUSPOCUS_SYNC = 0;
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;

/** A WebSocket for y-websocket's provider that talks to a hocuspocus server. */
class HocuspocusSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  binaryType = 'arraybuffer';
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly ws: WebSocket;
  private readonly address: Uint8Array;

  constructor(url: string) {
    const parsed = new URL(url);
    const name = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
    const address = encoding.createEncoder();
    encoding.writeVarString(address, name);
    this.address = encoding.toUint8Array(address);
    this.ws = new WebSocket(`${parsed.protocol}//${parsed.host}/`);
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => {
      const auth = encoding.createEncoder();
      encoding.writeUint8Array(auth, this.address);
      encoding.writeVarUint(auth, HOCUSPOCUS_AUTH);
      encoding.writeVarUint(auth, 0); // token
      encoding.writeVarString(auth, 'bench');
      this.ws.send(encoding.toUint8Array(auth));
      this.onopen?.();
    };
    this.ws.onmessage = (event) => {
      const data = new Uint8Array(event.data as ArrayBuffer);
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      const start = decoder.pos;
      const type = decoding.readVarUint(decoder);
      if (type === HOCUSPOCUS_SYNC_REPLY) {
        const out = new Uint8Array(data.length - decoder.pos + 1);
        out[0] = HOCUSPOCUS_SYNC;
        out.set(data.subarray(decoder.pos), 1);
        this.onmessage?.({ data: out.buffer });
      } else if (type <= 3 && type !== HOCUSPOCUS_AUTH) {
        this.onmessage?.({ data: data.slice(start).buffer });
      }
      // Auth answers, sync statuses (acks of every update), pings: y-websocket has no use for them.
    };
    this.ws.onclose = (event) => this.onclose?.({ code: event.code, reason: event.reason });
    this.ws.onerror = (event) => this.onerror?.(event);
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  send(data: Uint8Array): void {
    const framed = new Uint8Array(this.address.length + data.length);
    framed.set(this.address, 0);
    framed.set(data, this.address.length);
    this.ws.send(framed);
  }

  close(): void {
    this.ws.close();
  }
}

function client(serverUrl: string, section: string, WebSocketPolyfill: unknown, doc = new Y.Doc()): BenchClient {
  const provider = new WebsocketProvider(serverUrl, section, doc, {
    WebSocketPolyfill: WebSocketPolyfill as never,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  return {
    doc,
    provider,
    synced: (timeoutMs = 10_000) =>
      provider.synced
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => {
              provider.off('sync', onSync);
              reject(new Error(`${section}: not synced in ${timeoutMs} ms`));
            }, timeoutMs);
            const onSync = (state: boolean) => {
              if (!state) return;
              clearTimeout(timer);
              provider.off('sync', onSync);
              resolve();
            };
            provider.on('sync', onSync);
          }),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Signs in the bench people (ours) and returns how to connect clients to this server. */
export async function connectorFor(server: RunningServer): Promise<Connector> {
  const host = '127.0.0.1';
  const ws = `ws://${host}:${server.port}`;
  if (server.kind === 'ours') {
    const cookies: string[] = [];
    for (let i = 1; i <= BENCH_PEOPLE; i++) cookies.push(await signIn(server.url, benchEmail(i), BENCH_PASSWORD));
    const sockets = cookies.map((cookie) => webSocketWith(cookie, server.url));
    let n = 0;
    return {
      connect: (section, o = {}) => {
        const ours = client(`${ws}/collab`, section, sockets[n++ % sockets.length], o.doc);
        // Our access notice (read-only or edit), which y-websocket does not know.
        ours.provider.messageHandlers[MESSAGE_ACCESS] = () => undefined;
        return ours;
      },
      thin: (section, onArrival) =>
        ThinEditor.connect(
          { host, port: server.port, path: `/collab/${section}`, headers: { Cookie: cookies[n++ % cookies.length], Origin: server.url } },
          onArrival,
        ),
    };
  }
  if (server.kind === 'hocuspocus') {
    return {
      connect: (section, o = {}) => client(ws, section, HocuspocusSocket, o.doc),
      thin: (section, onArrival) => ThinEditor.connect({ host, port: server.port, path: '/', envelope: section }, onArrival),
    };
  }
  return {
    connect: (section, o = {}) => client(ws, section, WebSocket, o.doc),
    thin: (section, onArrival) => ThinEditor.connect({ host, port: server.port, path: `/${section}` }, onArrival),
  };
}

/** Waits for every client to sync, in parallel, with one deadline. */
export async function allSynced(clients: BenchClient[], timeoutMs = 20_000): Promise<void> {
  await Promise.all(clients.map((c) => c.synced(timeoutMs)));
}
