/**
 * The /collab/<sectionId> WebSocket endpoint: y-websocket's protocol on y-protocols, plus what the
 * reference server does not do. In the order things happen: check Origin and session on upgrade
 * (onAuthenticate), load the section from the update log (onLoadDocument), serve the connection
 * read-only or editing as the policy says (onConnect), and unload the section when it has been
 * idle (onDisconnect).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_FORBIDDEN, CLOSE_SHUTDOWN, CLOSE_UNAUTHENTICATED } from '../../shared/collab-protocol';
import { type SectionRef, maySection } from '../../shared/policy';
import { CompletingWrite, Connection, type Person } from './connection';
import { GroupCommit } from './group-commit';
import { SectionDocument } from './section-document';
import type { UpdateLog } from './update-log';

export const COLLAB_PATH = '/collab/';

/** The origin of a change the server itself makes to a section (a restore), on someone's behalf. */
export class ServerChange {
  constructor(readonly personId: number | null) {}
}

/** Who made a stored change, from the origin it was applied with: a connection's person, or whom the server acted for. */
function editorOf(origin: unknown): number | null {
  if (origin instanceof Connection) return origin.person.id;
  if (origin instanceof CompletingWrite) return origin.connection.person.id;
  if (origin instanceof ServerChange) return origin.personId;
  return null;
}

/** What the endpoint asks of the rest of the server at an upgrade. */
export interface CollabGate {
  originAllowed(req: IncomingMessage): boolean;
  /** The signed-in person behind the request's session cookie, or null. */
  identify(req: IncomingMessage): Person | null;
  section(id: string): SectionRef | null;
  /** Re-reads a person (after a change of rights); null when they no longer exist. */
  person(id: number): Person | null;
  denied(req: IncomingMessage, person: Person | null, reason: string, sectionId: string | null): void;
  /** The session token of the request, to close its connections when that session ends. */
  sessionToken(req: IncomingMessage): string | undefined;
}

export interface CollabOptions {
  sectionIdleMs: number;
  compactAfterRows: number;
  maxPayload: number;
  /** An update was stored, from a connection (the person) or from the server (null). */
  onSectionEdited?: (sectionId: string, personId: number | null) => void;
  /** A person wrote with this Yjs client id in this section (for attribution). */
  onAuthor?: (sectionId: string, clientId: number, personId: number) => void;
}

const PING_INTERVAL_MS = 30_000;

export class CollabEndpoint {
  private readonly wss: WebSocketServer;
  private readonly commits: GroupCommit;
  private readonly documents = new Map<string, SectionDocument>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly connections = new Set<Connection>();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly log: UpdateLog,
    private readonly gate: CollabGate,
    private readonly options: CollabOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
    this.commits = new GroupCommit((work) => this.log.inTransaction(work));
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** Handles an HTTP upgrade for a /collab/ URL: refuses it with a status, or serves the connection. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const sectionId = sectionIdFromUrl(req.url ?? '');
    if (!this.gate.originAllowed(req)) {
      this.gate.denied(req, null, 'cross-origin upgrade', sectionId);
      return refuse(socket, 403, 'origin not allowed');
    }
    const person = this.gate.identify(req);
    if (!person) return refuse(socket, 401, 'sign in first');
    const section = sectionId ? this.gate.section(sectionId) : null;
    if (!section) return refuse(socket, 404, 'no such section');
    if (!maySection(person, 'read', section)) {
      this.gate.denied(req, person, 'collab read', section.id);
      return refuse(socket, 403, 'not allowed to open this section');
    }
    let document: SectionDocument;
    try {
      document = this.load(section.id);
    } catch (error) {
      console.error(`[collab] loading ${section.id} failed`, error);
      return refuse(socket, 500, 'the section could not be loaded');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.serve(ws, person, document, !maySection(person, 'edit', section), this.gate.sessionToken(req));
    });
  }

  private serve(ws: WebSocket, person: Person, document: SectionDocument, readOnly: boolean, token: string | undefined): void {
    const connection = new Connection(ws, person, document, readOnly, token);
    this.cancelUnload(document.sectionId);
    document.peers.add(connection);
    this.connections.add(connection);
    ws.binaryType = 'arraybuffer';
    ws.on('message', (data: ArrayBuffer | Buffer[], isBinary) => {
      if (!isBinary || !(data instanceof ArrayBuffer)) {
        connection.close(1003, 'binary messages only');
        return;
      }
      connection.receive(new Uint8Array(data));
    });
    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      connection.detach();
      document.leave(connection);
      this.connections.delete(connection);
      if (document.peers.size === 0) this.scheduleUnload(document);
    });
    connection.setAccess(readOnly);
    for (const message of document.greeting(connection)) connection.send(message);
  }

  /** The loaded section, or a freshly loaded one from the update log (synchronous). */
  private load(sectionId: string): SectionDocument {
    const loaded = this.documents.get(sectionId);
    if (loaded && !loaded.broken) return loaded;
    const document = new SectionDocument(sectionId, this.log, {
      compactAfterRows: this.options.compactAfterRows,
      onStored: (id, origin) => this.options.onSectionEdited?.(id, editorOf(origin)),
      onAuthor: this.options.onAuthor,
      onBroken: (broken) => this.unload(broken),
      commits: this.commits,
    });
    this.documents.set(sectionId, document);
    return document;
  }

  private scheduleUnload(document: SectionDocument): void {
    this.cancelUnload(document.sectionId);
    const timer = setTimeout(() => {
      this.idleTimers.delete(document.sectionId);
      if (document.peers.size === 0) this.unload(document);
    }, this.options.sectionIdleMs);
    timer.unref();
    this.idleTimers.set(document.sectionId, timer);
  }

  private cancelUnload(sectionId: string): void {
    const timer = this.idleTimers.get(sectionId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(sectionId);
  }

  private unload(document: SectionDocument): void {
    document.compact();
    // A copy dropped earlier (a failed write) must not cancel the timer of the copy that replaced it.
    if (this.documents.get(document.sectionId) === document) {
      this.documents.delete(document.sectionId);
      this.cancelUnload(document.sectionId);
    }
    document.destroy();
  }

  /**
   * Applies a change of someone's rights to their open connections at once: a person who may no
   * longer read is disconnected, one who may no longer edit becomes read-only (and vice versa).
   */
  recheckPerson(personId: number): void {
    const person = this.gate.person(personId);
    for (const connection of this.connections) {
      if (connection.person.id !== personId) continue;
      const section = this.gate.section(connection.document.sectionId);
      if (!person || !section || !maySection(person, 'read', section)) {
        connection.close(person?.active === false ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN, 'access revoked');
        continue;
      }
      Object.assign(connection.person, person);
      const readOnly = !maySection(person, 'edit', section);
      if ((connection.access === 'read-only') !== readOnly) connection.setAccess(readOnly);
    }
  }

  /** Closes every connection of a person (signed out everywhere, deactivated). */
  disconnectPerson(personId: number, reason: string): void {
    for (const connection of this.connections) {
      if (connection.person.id === personId) connection.close(CLOSE_UNAUTHENTICATED, reason);
    }
  }

  /** Closes the connections opened with a session that has just ended (signed out). */
  disconnectSession(token: string): void {
    for (const connection of this.connections) {
      if (connection.sessionToken === token) connection.close(CLOSE_UNAUTHENTICATED, 'signed out');
    }
  }

  /** Runs `read` on a section's current document: the loaded one, or one read from the log. */
  readSection<T>(sectionId: string, read: (document: SectionDocument) => T): T {
    const loaded = this.documents.get(sectionId);
    if (loaded && !loaded.broken) {
      // What is read (a version, an approval, an export) holds only stored updates.
      loaded.flush();
      // A flush that could not store dropped this copy: read what the log really holds.
      if (!loaded.broken) return read(loaded);
    }
    const document = this.load(sectionId);
    try {
      return read(document);
    } finally {
      if (document.peers.size === 0) this.scheduleUnload(document);
    }
  }

  /**
   * Changes a section as one Yjs transaction of the server's: stored, then broadcast to everyone
   * editing, like any person's change, so that concurrent edits merge with it.
   */
  changeSection(sectionId: string, change: ServerChange, apply: (doc: SectionDocument['doc']) => void): void {
    this.readSection(sectionId, (document) => {
      if (change.personId !== null) document.noteAuthor(document.doc.clientID, change.personId);
      document.doc.transact(() => apply(document.doc), change);
    });
  }

  get loadedSections(): number {
    return this.documents.size;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Connections, for tests that check what a connection was refused. */
  connectionsOf(sectionId: string): Connection[] {
    return [...this.connections].filter((c) => c.document.sectionId === sectionId);
  }

  private ping(): void {
    for (const connection of this.connections) connection.ping();
  }

  /** Closes every connection and compacts every loaded section; the log already holds everything. */
  close(): void {
    clearInterval(this.pinger);
    for (const connection of this.connections) connection.close(CLOSE_SHUTDOWN, 'server shutting down');
    for (const document of [...this.documents.values()]) this.unload(document);
    this.wss.close();
  }
}

function sectionIdFromUrl(url: string): string | null {
  const path = url.split('?')[0];
  if (!path.startsWith(COLLAB_PATH)) return null;
  const id = decodeURIComponent(path.slice(COLLAB_PATH.length));
  return /^[a-z0-9-]{1,64}$/.test(id) ? id : null;
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
