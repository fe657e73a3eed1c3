/**
 * One section's Y.Doc in one language in memory, with the connections editing it. Every update
 * the document accepts is appended to the update log first and broadcast to the other
 * connections after, so nothing anybody saw can be lost by a crash. A translation (#19) is a
 * document like the source, under its own key: same storage, same rules, same group commit.
 *
 * Updates from connections are committed and broadcast in batches: everything applied while the
 * event loop reads sockets is written in one transaction and sent as one merged update per
 * connection once those reads are done (setImmediate). Under light load a batch is one update;
 * under heavy load batches grow, which is what keeps fan-out to hundreds of editors affordable
 * (one socket write per editor per batch instead of per keystroke).
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CLOSE_STORAGE_FAILURE, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/collab-protocol';
import { parseDocumentKey } from '../../shared/languages';
import { isStorageFull, reportStorageFull } from '../db/storage-errors';
import { type Committable, GroupCommit } from './group-commit';
import type { StoredLog, UpdateLog } from './update-log';

/** What a section document needs to know of a connection. */
export interface Peer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface SectionDocumentOptions {
  compactAfterRows: number;
  /** Called after an update is stored, with the document's key and the connection it came from (null: the server). */
  onStored?: (key: string, origin: unknown) => void;
  /** Called when a person claims a Yjs client id in this document: from then on it is theirs alone. */
  onAuthor?: (key: string, clientId: number, personId: number) => void;
  /** The client ids already claimed in this document (client id → person id), read once on load. */
  clientOwners?: (key: string) => Map<number, number>;
  /** Called when storage failed and the document must be dropped from memory. */
  onBroken?: (document: SectionDocument) => void;
  /** Shared by the sections of one server, so that a turn's writes are one commit. */
  commits?: GroupCommit;
}

/** Senders in one batch up to which each gets a merge without its own updates. */
const MAX_SENDER_MERGES = 4;

/**
 * A broadcast that took longer than this makes the next one wait as long as it took. Sending one
 * batch to every connection costs about 10 µs a connection (a system call each); in a section of
 * hundreds of editors the sends alone filled the event loop, every keystroke queued behind the
 * previous ones' sends and p99 went past 200 ms at 400 editors. Resting as long as the last
 * broadcast took keeps sending to at most half the loop: what arrives meanwhile goes out in the
 * next batch, one message per connection for all of it. Below this, nothing ever waits (a section
 * of 50 sends in well under a millisecond).
 */
const REST_AFTER_BROADCAST_MS = 2;

export class SectionDocument implements Committable {
  private readonly ydoc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc);
  readonly peers = new Set<Peer>();
  /**
   * The stored state, checked but not yet applied. Applying a long section takes tens of
   * milliseconds (seph-blog1: ~60 ms) and its Y.Doc takes about ten times the bytes in memory
   * (3.5 MB for seph-blog1's 300 KB), while what a new reader asks for is everything: the stored
   * bytes as they are. So a section that is only being read is never built (reads of it use a
   * copy, `readAsIs`); a change to it, or a client that already holds part of it (a returning
   * copy, which may hold changes we lack), builds it at once. (Our state vector could be read from
   * the bytes instead, but that parses them whole: 20–40 ms for seph-blog1, more than it saves.)
   */
  private unapplied: Uint8Array | null = null;
  /** Connections that joined before the document was built, owed our sync step 1 once it is. */
  private readonly owedStep1 = new Set<Peer>();
  private rowsSinceCompaction: number;
  private lastSeq: number;
  private compactionScheduled = false;
  /** Applied but not yet stored nor broadcast, in the order they were applied. */
  private batch: { update: Uint8Array; origin: unknown }[] = [];
  private readonly commits: GroupCommit;
  private owners: Map<number, number> | null = null;
  /** When the next batch may be broadcast (performance.now()); 0: at once. */
  private restUntil = 0;
  broken = false;
  /**
   * The section this document belongs to, whatever its language: access is decided by the
   * section (`CollabEndpoint.recheck*` and `connectionsOf` compare it with section ids).
   */
  readonly sectionId: string;
  /** '' for the source language's document, else the translation's language code. */
  readonly lang: string;

  constructor(
    /** The document's key (`documentKey`): what it is stored, claimed and announced under. */
    readonly key: string,
    private readonly log: UpdateLog,
    private readonly options: SectionDocumentOptions,
  ) {
    const { sectionId, lang } = parseDocumentKey(key);
    this.sectionId = sectionId;
    this.lang = lang;
    this.commits = options.commits ?? new GroupCommit((work) => log.inTransaction(work));
    let stored: StoredLog;
    try {
      stored = log.load(key);
      // A damaged row must fail here, before any connection is accepted or any byte of it is
      // sent. Rows carry checksums (load checked them); older rows, and several rows merged, are
      // decoded whole instead (merging decodes them too).
      if (stored.update && !stored.checked && stored.rows === 1) Y.decodeUpdate(stored.update);
    } catch (error) {
      // Nobody will ever destroy a document that failed to load: its presence timer must stop now.
      this.awareness.destroy();
      this.ydoc.destroy();
      throw error;
    }
    this.unapplied = stored.update;
    this.rowsSinceCompaction = stored.rows;
    this.lastSeq = stored.lastSeq;
    // The server keeps no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', this.store);
    this.awareness.on('update', this.broadcastAwareness);
  }

  /** The section's Y.Doc, built from the stored state on first use. */
  get doc(): Y.Doc {
    if (this.unapplied) this.apply();
    return this.ydoc;
  }

  get applied(): boolean {
    return this.unapplied === null;
  }

  /**
   * Reads the section without building it when it is not built: from a copy made from the stored
   * bytes and dropped after, as a section nobody has open is read. A section being read (a page's
   * requests, a dashboard row) then stays at the size of its bytes; only a change builds it.
   */
  readAsIs<T>(read: (doc: Y.Doc) => T): T {
    if (!this.unapplied) return read(this.ydoc);
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, this.unapplied);
      return read(copy);
    } finally {
      copy.destroy();
    }
  }

  private apply(): void {
    const update = this.unapplied;
    if (!update) return;
    this.unapplied = null;
    try {
      Y.applyUpdate(this.ydoc, update, this);
    } catch (error) {
      this.fail(error);
      throw error;
    }
    for (const peer of this.owedStep1) if (this.peers.has(peer)) peer.send(this.step1());
    this.owedStep1.clear();
  }

  /** What a client with state vector `stateVector` lacks, as a sync step 2 payload. */
  stateFor(stateVector: Uint8Array): Uint8Array {
    // Nobody may be sent an update before it is stored: commit the batch the answer would carry.
    this.flush();
    // An empty state vector: a new reader, which holds nothing we could lack either.
    if (this.unapplied && Y.decodeStateVector(stateVector).size === 0) return this.unapplied;
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  private readonly store = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.broken) return;
    this.batch.push({ update, origin });
    // A change the server makes itself (a restore, a seed) is stored before the call returns.
    if (!this.peers.has(origin as Peer)) this.flush();
    else this.commits.schedule(this);
  };

  /** Commits the batch now (its own transaction), then broadcasts it. */
  readonly flush = (): void => {
    let broadcast: (() => void) | null;
    try {
      broadcast = this.commitBatch();
    } catch (error) {
      this.fail(error);
      return;
    }
    broadcast?.();
  };

  /**
   * Appends the batch as one merged row; returns how to send each connection what it did not
   * send itself, to be called once the row is committed.
   */
  commitBatch(): (() => void) | null {
    if (this.batch.length === 0 || this.broken) return null;
    const batch = this.batch;
    this.batch = [];
    const merged = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((entry) => entry.update));
    this.lastSeq = this.log.append(this.key, merged);
    this.rowsSinceCompaction++;
    if (this.rowsSinceCompaction > this.options.compactAfterRows) this.scheduleCompaction();
    return () => this.broadcast(batch, merged);
  }

  broadcastDueIn(): number {
    return this.restUntil === 0 ? 0 : Math.max(0, Math.ceil(this.restUntil - performance.now()));
  }

  private broadcast(batch: { update: Uint8Array; origin: unknown }[], merged: Uint8Array): void {
    if (this.broken) return;
    const started = performance.now();
    const origins = new Set(batch.map((entry) => entry.origin));
    const toEveryone = encodeSyncUpdate(merged);
    const toOrigin = new Map<unknown, Uint8Array | null>();
    for (const origin of origins) {
      // A connection that sent everything in the batch gets nothing back; one that sent some of it
      // gets the rest. With more senders in one batch, a merge per sender costs more than the
      // whole fan-out (merges grow with senders × batch): senders then get their own updates back
      // too, which Yjs skips as already known.
      const others = batch.filter((entry) => entry.origin !== origin);
      if (others.length === 0) toOrigin.set(origin, null);
      else if (origins.size <= MAX_SENDER_MERGES) toOrigin.set(origin, encodeSyncUpdate(others.length === 1 ? others[0].update : Y.mergeUpdates(others.map((entry) => entry.update))));
    }
    for (const peer of this.peers) {
      const message = toOrigin.has(peer) ? toOrigin.get(peer) : toEveryone;
      if (message) peer.send(message);
    }
    const took = performance.now() - started;
    this.restUntil = took > REST_AFTER_BROADCAST_MS ? performance.now() + took : 0;
    for (const origin of origins) this.options.onStored?.(this.key, origin);
  }

  private readonly broadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    // A cursor may point into text typed in this batch: the text goes out first.
    this.flush();
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
  fail(error: unknown): void {
    if (this.broken) return;
    this.broken = true;
    if (isStorageFull(error)) reportStorageFull(`section ${this.key}`, error);
    else console.error(`[collab] storing an update of ${this.key} failed`, error);
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
    this.flush();
    if (this.broken || this.rowsSinceCompaction <= 1) return;
    try {
      // Structs waiting for missing dependencies were never stored or broadcast, yet Yjs encodes
      // them in the document state: merge the stored rows themselves then. (Skipping compaction
      // instead let one never-completed update stop the log from ever being merged.)
      if (this.unapplied) {
        // Never built: the stored state is already the merge of the rows.
        this.log.compact(this.key, this.unapplied, this.lastSeq);
      } else if (this.ydoc.store.pendingStructs || this.ydoc.store.pendingDs) {
        const stored = this.log.load(this.key);
        if (stored.update) this.log.compact(this.key, stored.update, stored.lastSeq);
      } else {
        this.log.compact(this.key, Y.encodeStateAsUpdate(this.ydoc), this.lastSeq);
      }
      this.rowsSinceCompaction = 1;
    } catch (error) {
      console.error(`[collab] compacting ${this.key} failed; the rows are kept`, error);
    }
  }

  /** The person a Yjs client id belongs to in this document, or null while nobody has used it. */
  ownerOf(clientId: number): number | null {
    this.owners ??= this.options.clientOwners?.(this.key) ?? new Map();
    return this.owners.get(clientId) ?? null;
  }

  /**
   * A person uses a Yjs client id here: the first to use it keeps it (for "who wrote what", and
   * so that nobody else can write under it). Returns whether it is theirs.
   */
  claim(clientId: number, personId: number): boolean {
    const owner = this.ownerOf(clientId);
    if (owner !== null) return owner === personId;
    this.owners!.set(clientId, personId);
    this.options.onAuthor?.(this.key, clientId, personId);
    return true;
  }

  private step1(): Uint8Array {
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, this.ydoc);
    return encoding.toUint8Array(sync);
  }

  /** A connection closed: it is owed nothing any more. */
  leave(peer: Peer): void {
    this.peers.delete(peer);
    this.owedStep1.delete(peer);
  }

  /**
   * The sync step 1 and current presence a new connection receives first. Before the document is
   * built, the step 1 (our state vector) follows once it is, if it ever is.
   */
  greeting(peer: Peer): Uint8Array[] {
    // Presence may point into text of the current batch: that goes out (and is stored) first.
    this.flush();
    const messages: Uint8Array[] = [];
    if (this.unapplied) this.owedStep1.add(peer);
    else messages.push(this.step1());
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
    this.flush();
    this.unapplied = null;
    this.owedStep1.clear();
    this.ydoc.off('update', this.store);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
