/**
 * A lean y-websocket protocol client for the crowd in the load tests. A WebsocketProvider keeps a
 * whole Y.Doc and pays some 60 µs per update it receives (measured: transaction, state vectors,
 * re-encoding for its own 'update' event), so 200 of them in one process would need ~12 CPU
 * seconds per second at 5 keystrokes each: the load generator, not the server, would be measured.
 * This client speaks the same protocol on the wire (RFC 6455 over a plain socket, sync step 1/2,
 * updates) and types real Yjs updates: each editor appends characters to its own run (origin =
 * its previous character), as a person typing in their own paragraph does. It keeps no document:
 * it only reads which (client, clocks) an update carries, to time their arrival.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type LeanOptions, LeanWebSocket } from '../../tests/support/lean-socket';

const SYNC = 0;
const SYNC_REPLY = 4; // hocuspocus: a sync message that expects no step 1 back
const HOCUSPOCUS_AUTH = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

export type ArrivalListener = (client: number, from: number, to: number) => void;

export interface ThinOptions extends LeanOptions {
  /** hocuspocus: frames carry this document name first, and an auth frame opens the session. */
  envelope?: string;
  /** The Y.Text every editor types into. */
  textName?: string;
}

/** Reads which clocks of which clients an update (V1) carries; calls back per client run. */
export function readUpdateClocks(update: Uint8Array, onRun: ArrivalListener): void {
  try {
    const decoder = decoding.createDecoder(update);
    const clients = decoding.readVarUint(decoder);
    for (let c = 0; c < clients; c++) {
      const structs = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      const start = decoding.readVarUint(decoder);
      let clock = start;
      for (let s = 0; s < structs; s++) {
        const info = decoding.readUint8(decoder);
        const ref = info & 0x1f;
        if (ref === 0 || ref === 10) {
          clock += decoding.readVarUint(decoder);
          continue;
        }
        if (ref !== 4) throw new Error('not a string item');
        if (info & 0x80) {
          decoding.readVarUint(decoder);
          decoding.readVarUint(decoder);
        }
        if (info & 0x40) {
          decoding.readVarUint(decoder);
          decoding.readVarUint(decoder);
        }
        if ((info & 0xc0) === 0) {
          if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
          else {
            decoding.readVarUint(decoder);
            decoding.readVarUint(decoder);
          }
          if (info & 0x20) decoding.readVarString(decoder);
        }
        clock += decoding.readVarString(decoder).length;
      }
      if (clock > start) onRun(client, start, clock);
    }
  } catch {
    // Anything but plain text items: let Yjs read it.
    const meta = Y.parseUpdateMeta(update);
    meta.to.forEach((to, client) => {
      const from = meta.from.get(client) ?? 0;
      if (to > from) onRun(client, from, to);
    });
  }
}

export class ThinEditor {
  readonly clientId = (Math.random() * 0x7fffffff) >>> 0;
  private clock = 0;
  synced = false;
  private syncWaiters: (() => void)[] = [];
  private readonly prefix: Uint8Array;
  private readonly textName: string;

  /** Called with every document update the server relays (for counting). */
  onUpdate: ((update: Uint8Array) => void) | null = null;

  private constructor(
    private readonly ws: LeanWebSocket,
    options: ThinOptions,
    private readonly onArrival: ArrivalListener | null,
  ) {
    this.textName = options.textName ?? 'bench';
    const prefix = encoding.createEncoder();
    if (options.envelope !== undefined) encoding.writeVarString(prefix, options.envelope);
    this.prefix = encoding.toUint8Array(prefix);
    ws.onmessage = (data) => this.receive(data);
  }

  static async connect(options: ThinOptions, onArrival: ArrivalListener | null): Promise<ThinEditor> {
    const ws = await LeanWebSocket.connect(options);
    const editor = new ThinEditor(ws, options, onArrival);
    if (options.envelope !== undefined) {
      const auth = encoding.createEncoder();
      encoding.writeUint8Array(auth, editor.prefix);
      encoding.writeVarUint(auth, HOCUSPOCUS_AUTH);
      encoding.writeVarUint(auth, 0);
      encoding.writeVarString(auth, 'bench');
      ws.send(encoding.toUint8Array(auth));
    }
    // Sync step 1 with an empty state vector: "send me everything".
    editor.sendSync(STEP1, new Uint8Array([0]));
    return editor;
  }

  private sendSync(step: number, payload: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeUint8Array(encoder, this.prefix);
    encoding.writeVarUint(encoder, SYNC);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
    this.ws.send(encoding.toUint8Array(encoder));
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    if (this.prefix.length > 0) decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type !== SYNC && type !== SYNC_REPLY) return;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === STEP1) {
      // The server asks for what it lacks: everything of ours was sent as it was typed.
      this.sendSync(STEP2, new Uint8Array([0, 0]));
    } else if (step === STEP2) {
      if (!this.synced) {
        this.synced = true;
        for (const resolve of this.syncWaiters.splice(0)) resolve();
      }
    } else if (step === UPDATE) {
      this.onUpdate?.(payload);
      const onArrival = this.onArrival;
      if (onArrival) {
        readUpdateClocks(payload, (client, from, to) => {
          if (client !== this.clientId) onArrival(client, from, to);
        });
      }
    }
  }

  whenSynced(timeoutMs = 20_000): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('thin client not synced in time')), timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sends a ready-made Yjs update (for replaying recorded ones). */
  sendUpdate(update: Uint8Array): void {
    this.sendSync(UPDATE, update);
  }

  /** Types one character after its own previous one; returns the clock it used. */
  type(character: string): number {
    const clock = this.clock;
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1); // one client
    encoding.writeVarUint(update, 1); // one struct
    encoding.writeVarUint(update, this.clientId);
    encoding.writeVarUint(update, clock);
    if (clock === 0) {
      encoding.writeUint8(update, 4); // ContentString, no origins: parent follows
      encoding.writeVarUint(update, 1); // parent is a root type, by name
      encoding.writeVarString(update, this.textName);
    } else {
      encoding.writeUint8(update, 0x80 | 4); // origin: our previous character
      encoding.writeVarUint(update, this.clientId);
      encoding.writeVarUint(update, clock - 1);
    }
    encoding.writeVarString(update, character);
    encoding.writeVarUint(update, 0); // empty delete set
    this.clock += character.length;
    this.sendSync(UPDATE, encoding.toUint8Array(update));
    return clock;
  }

  /** The clock the next typed character will get. */
  get nextClock(): number {
    return this.clock;
  }

  get closed(): boolean {
    return this.ws.closed;
  }

  close(): void {
    this.ws.close();
  }
}
