/**
 * One person's connection to one section document. Decodes each message and acts on it; the
 * connection's access level is checked here, where messages are received, so no document change
 * it does not allow can slip through any other path.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import {
  type Access,
  CLOSE_MALFORMED,
  CLOSE_UPDATE_REFUSED,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  REASON_NOT_A_SUGGESTION,
} from '../../shared/collab-protocol';
import type { AccessLevel } from '../../shared/policy';
import type { Person } from '../domain/people';
import type { Peer, SectionDocument } from '../documents/section-document';
import type { ChangeOrigin } from '../documents/section-documents';
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-update';
import { SuggestionRules } from './suggestion-rules';
import { type Refusal, UpdateRules } from './update-rules';

/** What each access level may do to the document through this connection. */
const TAKES_DOCUMENT_CHANGES: Record<AccessLevel, boolean> = {
  edit: true,
  // Takes changes, but only suggestions: each update is judged by the suggestion rules.
  suggest: true,
  comment: false,
  read: false,
};

/** What each access level is told on the wire. */
const WIRE_ACCESS: Record<AccessLevel, Access> = {
  edit: 'edit',
  suggest: 'suggest',
  comment: 'read-only',
  read: 'read-only',
};

/** A client this far behind on its socket is closed rather than buffered without end. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * The origin of a write applied while other writes waited for their dependencies: stored at once
 * and sent to everybody, its sender included.
 */
export class CompletingWrite implements ChangeOrigin {
  constructor(readonly connection: Connection) {}

  get editorId(): number {
    return this.connection.person.id;
  }
}

export class Connection implements Peer, ChangeOrigin {
  /** The Yjs client id this connection publishes presence for; claimed by its first awareness entry. */
  clientId: number | null = null;
  /** Document messages refused because the connection is read-only (for tests and metrics). */
  droppedUpdates = 0;
  /** Updates refused for their content or client ids (for tests and metrics). */
  refusedUpdates = 0;
  droppedAwareness = 0;
  alive = true;
  private readonly authoredClients = new Set<number>();

  constructor(
    private readonly ws: WebSocket,
    readonly person: Person,
    readonly document: SectionDocument,
    private level: AccessLevel,
    /** The session token the connection was opened with, so that signing out closes it. */
    readonly sessionToken: string | undefined = undefined,
  ) {}

  get access(): AccessLevel {
    return this.level;
  }

  /** Whose change an update from this connection is. */
  get editorId(): number {
    return this.person.id;
  }

  /** Sets what the connection may do and tells the client; on connect and whenever the person's rights change. */
  setAccess(level: AccessLevel): void {
    const was = this.level;
    this.level = level;
    if (was === 'suggest' && level !== 'suggest') this.releaseShadow();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_ACCESS);
    encoding.writeVarString(encoder, WIRE_ACCESS[level]);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Handles one frame. Anything malformed closes this connection only; the document is untouched. */
  receive(data: Uint8Array): void {
    try {
      this.handle(data);
    } catch {
      this.close(CLOSE_MALFORMED, 'malformed message');
    }
  }

  private handle(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        this.handleSync(decoder);
        return;
      case MESSAGE_AWARENESS:
        this.handleAwareness(decoding.readVarUint8Array(decoder));
        return;
      case MESSAGE_QUERY_AWARENESS:
        this.sendAllPresence();
        return;
      case MESSAGE_AUTH:
        // Authentication happened at the upgrade; the client has nothing to say here.
        return;
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, this.document.stateFor(decoding.readVarUint8Array(decoder)));
      this.send(encoding.toUint8Array(encoder));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new Error(`unknown sync message ${syncType}`);
    }
    const update = decoding.readVarUint8Array(decoder);
    if (!TAKES_DOCUMENT_CHANGES[this.level]) {
      this.droppedUpdates++;
      return;
    }
    // Decode the whole update before applying it: Yjs integrates structs before it reads the
    // delete set, so a truncated update would otherwise be half applied.
    const { structs, ds } = Y.decodeUpdate(update);
    // A client's step 2 with nothing new (every reader's answer to our step 1): nothing to judge
    // or apply, and no reason to build a section that is only being read.
    if (structs.length === 0 && ds.clients.size === 0) return;
    const doc = this.document.doc;
    const refusal = UpdateRules.check(doc, structs, this.person.id, this.document, ds);
    if (refusal) {
      this.refuse(refusal);
      return;
    }
    const suggesting = this.level === 'suggest';
    if (suggesting) {
      const verdict = SuggestionRules.check(doc, update, this.person.id);
      if (verdict.kind === 'refused') {
        this.refuseSuggestion(verdict.detail);
        return;
      }
      if (verdict.kind === 'incomplete') {
        // Not applied, so never integrated unjudged. A step 2 answers our step 1 with everything
        // we lack: if even that is incomplete, asking again would loop.
        if (syncType === syncProtocol.messageYjsSyncStep2) this.refuseSuggestion('it depends on changes the client did not send');
        else this.requestMissing();
        return;
      }
    }
    const pendingBefore = doc.store.pendingStructs?.update;
    const pendingDsBefore = doc.store.pendingDs;
    // While something waits for a dependency, what this update completes is reported as part of
    // it: the sender must then be sent it too (it may hold other people's waiting edits).
    const waiting = pendingBefore !== undefined || pendingDsBefore !== null;
    const origin = waiting ? new CompletingWrite(this) : this;
    if (suggesting) SuggestionRules.apply(doc, update, origin);
    else Y.applyUpdate(doc, update, origin);
    for (const struct of structs) this.claim(struct.id.client);
    // Ask only when this message left something new waiting (Yjs replaces the pending update when
    // it adds to it; it re-encodes pending deletions on every update, so those are compared by
    // content). Asking whenever anything waits set every connection that wrote while an absent
    // author's edit waited into an endless step 1 / step 2 exchange.
    const pendingAfter = doc.store.pendingStructs?.update;
    const pendingDs = doc.store.pendingDs;
    const newlyPending =
      (pendingAfter !== undefined && pendingAfter !== pendingBefore) ||
      (pendingDs !== null && (pendingDsBefore === null || !sameBytes(pendingDs, pendingDsBefore)));
    if (newlyPending) this.requestMissing();
  }

  /** Claims the Yjs client ids this person writes with (checked free or theirs before applying). */
  private claim(clientId: number): void {
    if (this.authoredClients.has(clientId)) return;
    this.authoredClients.add(clientId);
    this.document.claim(clientId, this.person.id);
  }

  /** An update that will never be taken: nothing of it was applied; the client is told and closed. */
  private refuse(refusal: Refusal): void {
    this.refusedUpdates++;
    const why = refusal.reason === 'client-id' ? `Yjs client id ${refusal.clientId} belongs to another person` : refusal.detail;
    console.warn(`[collab] refused an update from person ${this.person.id} in ${this.document.key}: ${why}`);
    this.close(CLOSE_UPDATE_REFUSED, refusal.reason === 'client-id' ? 'update refused: client id of another person' : 'update refused: content not allowed');
  }

  /**
   * An update on a suggesting connection that is more than suggestions: dropped like a read-only
   * connection's, and the client told with a final close (its copy now holds what the section will
   * never take; anything it sent next would build on it). Nothing of it was applied.
   */
  private refuseSuggestion(detail: string): void {
    this.droppedUpdates++;
    console.warn(`[collab] dropped an update from person ${this.person.id} in ${this.document.key}: not a suggestion (${detail})`);
    this.close(CLOSE_UPDATE_REFUSED, REASON_NOT_A_SUGGESTION);
  }

  /** Nobody else suggests here: the section's shadow copy is no longer worth following every update. */
  private releaseShadow(): void {
    if (!this.document.applied) return;
    for (const peer of this.document.peers) {
      if (peer !== this && peer instanceof Connection && peer.access === 'suggest') return;
    }
    SuggestionRules.release(this.document.doc);
  }

  /** The update depended on something we lack: send our state vector so the client sends it. */
  private requestMissing(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.document.doc);
    this.send(encoding.toUint8Array(encoder));
  }

  private handleAwareness(update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!entries.every((entry) => this.claims(entry.clientId))) {
      this.droppedAwareness++;
      return;
    }
    // Name and colour come from the session, never from the client.
    const stamped = entries.map((entry) => ({
      ...entry,
      state:
        entry.state === null
          ? null
          : { ...entry.state, user: { id: this.person.id, name: this.person.name, color: this.person.colour } },
    }));
    awarenessProtocol.applyAwarenessUpdate(this.document.awareness, encodeAwarenessUpdate(stamped), this);
  }

  /**
   * A connection speaks for one Yjs client id: the first it publishes. Another person's client id
   * (live, or claimed by writing) is refused; the same person's (a reconnect racing its old socket)
   * is taken over.
   */
  private claims(clientId: number): boolean {
    if (this.clientId !== null) return clientId === this.clientId;
    // Presence claims the id for the person too, so nobody can write under an id learnt from it.
    if (!this.document.claim(clientId, this.person.id)) return false;
    this.authoredClients.add(clientId);
    for (const peer of this.document.peers) {
      if (peer instanceof Connection && peer !== this && peer.clientId === clientId) {
        if (peer.person.id !== this.person.id) return false;
        peer.clientId = null;
      }
    }
    this.clientId = clientId;
    return true;
  }

  private sendAllPresence(): void {
    const states = this.document.awareness.getStates();
    if (states.size === 0) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, [...states.keys()]),
    );
    this.send(encoding.toUint8Array(encoder));
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(1013, 'connection too slow');
      return;
    }
    // No callback: one per send was a JS call per connection per batch on the hottest path, and a
    // socket whose write fails is destroyed by ws itself, which closes the connection.
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  /** Keep-alive: a connection that did not answer the previous ping is dropped. */
  ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  /** Forgets this connection's presence; called once the socket has closed. */
  detach(): void {
    if (this.level === 'suggest') this.releaseShadow();
    if (this.clientId !== null) {
      awarenessProtocol.removeAwarenessStates(this.document.awareness, [this.clientId], this);
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
