/**
 * One section's Y.Doc in memory, with the connections editing it. Every update the document
 * accepts is appended to the update log first and broadcast to the other connections after,
 * so nothing anybody saw can be lost by a crash.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE_STORAGE_FAILURE, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/collab-protocol';
import type { UpdateLog } from './update-log';

/** What a section document needs to know of a connection. */
export interface Peer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface SectionDocumentOptions {
  compactAfterRows: number;
  /** Called after an update is stored, with the connection it came from (null: the server). */
  onStored?: (sectionId: string, origin: unknown) => void;
  /** Called the first time a connection writes with a Yjs client id: it is that person's. */
  onAuthor?: (sectionId: string, clientId: number, personId: number) => void;
  /** Called when storage failed and the document must be dropped from memory. */
  onBroken?: (document: SectionDocument) => void;
}

export class SectionDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  private rowsSinceCompaction: number;
  private lastSeq: number;
  private compactionScheduled = false;
  broken = false;

  constructor(
    readonly sectionId: string,
    private readonly log: UpdateLog,
    private readonly options: SectionDocumentOptions,
  ) {
    const stored = log.load(sectionId);
    if (stored.update) Y.applyUpdate(this.doc, stored.update, this);
    this.rowsSinceCompaction = stored.rows;
    this.lastSeq = stored.lastSeq;
    // The server keeps no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.store);
    this.awareness.on('update', this.broadcastAwareness);
  }

  private readonly store = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.broken) return;
    try {
      this.lastSeq = this.log.append(this.sectionId, update);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.rowsSinceCompaction++;
    if (this.rowsSinceCompaction > this.options.compactAfterRows) this.scheduleCompaction();
    const message = encodeSyncUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    this.options.onStored?.(this.sectionId, origin);
  };

  private readonly broadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers) peer.send(message);
  };

  /**
   * A write that cannot be stored must not be seen by anybody: close every connection and let the
   * registry drop this copy, so the next connection reloads what the log really holds. Clients
   * keep their changes and send them again on reconnect.
   */
  private fail(error: unknown): void {
    this.broken = true;
    console.error(`[collab] storing an update of ${this.sectionId} failed`, error);
    for (const peer of [...this.peers]) peer.close(CLOSE_STORAGE_FAILURE, 'storage failure, reconnecting');
    this.options.onBroken?.(this);
  }

  private scheduleCompaction(): void {
    if (this.compactionScheduled) return;
    this.compactionScheduled = true;
    setImmediate(() => {
      this.compactionScheduled = false;
      this.compact();
    });
  }

  /** Replaces the log rows by the document state, when there is something to merge. */
  compact(): void {
    if (this.broken || this.rowsSinceCompaction <= 1) return;
    try {
      // Structs waiting for missing dependencies were never stored or broadcast, yet Yjs encodes
      // them in the document state: merge the stored rows themselves then. (Skipping compaction
      // instead let one never-completed update stop the log from ever being merged.)
      if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
        const stored = this.log.load(this.sectionId);
        if (stored.update) this.log.compact(this.sectionId, stored.update, stored.lastSeq);
      } else {
        this.log.compact(this.sectionId, Y.encodeStateAsUpdate(this.doc), this.lastSeq);
      }
      this.rowsSinceCompaction = 1;
    } catch (error) {
      console.error(`[collab] compacting ${this.sectionId} failed; the rows are kept`, error);
    }
  }

  noteAuthor(clientId: number, personId: number): void {
    this.options.onAuthor?.(this.sectionId, clientId, personId);
  }

  /** The sync step 1 and current presence a new connection receives first. */
  greeting(): Uint8Array[] {
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, this.doc);
    const messages = [encoding.toUint8Array(sync)];
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const presence = encoding.createEncoder();
      encoding.writeVarUint(presence, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        presence,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]),
      );
      messages.push(encoding.toUint8Array(presence));
    }
    return messages;
  }

  destroy(): void {
    this.doc.off('update', this.store);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
