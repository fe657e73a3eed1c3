/**
 * A bare `ws` connection to /collab/<sectionId> that speaks the y-websocket protocol by hand, so
 * that tests can send exactly the frames they want (valid, forged, truncated or garbage) and see
 * exactly what the server answers. It keeps a mirror Y.Doc of what the server sent it.
 */
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_ACCESS, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/collab-protocol';

export interface Closed {
  code: number;
  reason: string;
}

export interface RawClient {
  ws: WebSocket;
  /** What the server sent this connection, applied: its view of the section. */
  mirror: Y.Doc;
  /** Presence the server broadcast to this connection. */
  awareness: awarenessProtocol.Awareness;
  /** The access the server announced, or null before it did. */
  access(): string | null;
  /** Every binary frame received, in order. */
  received: Uint8Array[];
  /** Resolves with the close code and reason once the socket has closed. */
  closed: Promise<Closed>;
  isClosed(): boolean;
  send(frame: Uint8Array | string): void;
  /**
   * Sends sync step 1 and resolves when the server's step 2 answer arrives. The server handles a
   * connection's frames in order, so every frame sent before has been handled by then.
   */
  barrier(timeoutMs?: number): Promise<void>;
  close(): void;
}

export function wsUrl(url: string, sectionId: string): string {
  return `${url.replace(/^http/, 'ws')}/collab/${sectionId}`;
}

export function browserHeaders(url: string, cookie: string | null): Record<string, string> {
  return { Origin: new URL(url).origin, ...(cookie ? { Cookie: cookie } : {}) };
}

/** The HTTP status a collab upgrade gets: 101 when the socket opened, else the refusal's status. */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', (error) => reject(error));
  });
}

/** Opens a raw connection, waits for the server's greeting and fills the mirror with the section. */
export async function openRaw(url: string, sectionId: string, cookie: string): Promise<RawClient> {
  const ws = new WebSocket(wsUrl(url, sectionId), { headers: browserHeaders(url, cookie) });
  ws.binaryType = 'arraybuffer';
  const mirror = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(mirror);
  awareness.setLocalState(null);
  const received: Uint8Array[] = [];
  let access: string | null = null;
  let step2Count = 0;
  let closedNow = false;
  const step2Waiters: (() => void)[] = [];

  const closed = new Promise<Closed>((resolve) => {
    ws.on('close', (code, reason) => {
      closedNow = true;
      // Awareness checks its peers on a timer: a connection the server closed must not keep
      // the test process alive (jest would not exit after the run).
      awareness.destroy();
      resolve({ code, reason: reason.toString() });
    });
  });
  ws.on('error', () => undefined);
  ws.on('message', (data: ArrayBuffer) => {
    const frame = new Uint8Array(data);
    received.push(frame);
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_ACCESS) access = decoding.readVarString(decoder);
    if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
    }
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        Y.applyUpdate(mirror, decoding.readVarUint8Array(decoder), 'server');
      }
      if (syncType === syncProtocol.messageYjsSyncStep2) {
        step2Count++;
        step2Waiters.splice(0).forEach((wake) => wake());
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });

  const client: RawClient = {
    ws,
    mirror,
    awareness,
    access: () => access,
    received,
    closed,
    isClosed: () => closedNow,
    send: (frame) => ws.send(frame, { binary: typeof frame !== 'string' }),
    barrier: (timeoutMs = 5000) => {
      const before = step2Count;
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no sync step 2 answer in time')), timeoutMs);
        const check = () => {
          if (step2Count > before) {
            clearTimeout(timer);
            resolve();
          } else step2Waiters.push(check);
        };
        step2Waiters.push(check);
        void closed.then(({ code }) => {
          clearTimeout(timer);
          reject(new Error(`closed with ${code} before answering`));
        });
      });
      client.send(syncStep1Message(mirror));
      return done;
    },
    close: () => {
      awareness.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    },
  };
  await client.barrier();
  return client;
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** A sync message carrying `update`: step 2 (answer to a step 1) or a plain update. */
export function syncUpdateMessage(update: Uint8Array, kind: 'step2' | 'update' = 'update'): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, kind === 'step2' ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export interface ClaimedPresence {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** An awareness message with whatever client ids and states the sender claims. */
export function awarenessMessage(entries: ClaimedPresence[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId);
    encoding.writeVarUint(inner, entry.clock);
    encoding.writeVarString(inner, JSON.stringify(entry.state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** The Yjs update a change makes, made on a copy of `base` (optionally with a chosen client id). */
export function updateFrom(base: Y.Doc, change: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  change(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** A small deterministic PRNG (mulberry32), so that "random" inputs are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
