/**
 * The /collab/<sectionId>[/<lang>] WebSocket endpoint: y-websocket's protocol on y-protocols, plus
 * what the reference server does not do. In the order things happen: check Origin and session on
 * upgrade (onAuthenticate), load the section's document in that language from the update log
 * (onLoadDocument), serve the connection at the access level the policy gives (onConnect), and
 * leave the document to the store, which unloads it once it has been idle (onDisconnect). The
 * documents themselves belong to `SectionDocuments`, which the domain uses too.
 *
 * A translation (#19) is one more document of the section, at `/collab/<sectionId>/<lang>` for a
 * configured target language: the same access as the section (reviewers suggest, "suggestions
 * only" applies, others read), the same update and suggestion rules, the same storage.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CLOSE_FORBIDDEN,
  CLOSE_SHUTDOWN,
  CLOSE_UNAUTHENTICATED,
  REASON_ACCESS_REVOKED,
  REASON_LANGUAGE_REMOVED,
  REASON_NO_SUCH_LANGUAGE,
} from '../../shared/collab-protocol';
import { type LanguageSettings, documentKey } from '../../shared/languages';
import { type AccessLevel, type SectionRef, sectionAccess } from '../../shared/policy';
import type { Person } from '../domain/people';
import type { SectionDocument } from '../documents/section-document';
import type { SectionDocuments } from '../documents/section-documents';
import { Connection } from './connection';

export const COLLAB_PATH = '/collab/';

/** What the endpoint asks of the rest of the server at an upgrade. */
export interface CollabGate {
  originAllowed(req: IncomingMessage): boolean;
  /** The signed-in person behind the request's session cookie, or null. */
  identify(req: IncomingMessage): Person | null;
  section(id: string): SectionRef | null;
  /** The workspace's source and target languages: which translations may be opened. */
  languages(): LanguageSettings;
  /**
   * Called before a translation of the section is served: gives the source's blocks their ids
   * (`ensureSourceIds`), so that whatever the translator links to exists. May write the source.
   */
  openingTranslation?(sectionId: string): void;
  /** Re-reads a person (after a change of rights); null when they no longer exist. */
  person(id: number): Person | null;
  denied(req: IncomingMessage, person: Person | null, reason: string, sectionId: string | null): void;
  /** The session token of the request, to close its connections when that session ends. */
  sessionToken(req: IncomingMessage): string | undefined;
}

export interface CollabOptions {
  maxPayload: number;
}

const PING_INTERVAL_MS = 30_000;

/**
 * A section's first sync carries its whole state (tens to hundreds of KB), which Deflate shrinks
 * to a third or less: on the groups' 3G-class links that is seconds (#21). Keystrokes (a few dozen
 * bytes) stay below the threshold and are sent as they are, so fan-out costs no compression.
 * No context is kept between messages: a kept window would cost 300 KB or so per connection.
 */
const COMPRESSION = {
  threshold: 1024,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  zlibDeflateOptions: { level: 3, memLevel: 8 },
} as const;

export class CollabEndpoint {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly sections: SectionDocuments,
    private readonly gate: CollabGate,
    options: CollabOptions,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: COMPRESSION });
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** Handles an HTTP upgrade for a /collab/ URL: refuses it with a status, or serves the connection. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const address = documentFromUrl(req.url ?? '');
    if (!this.gate.originAllowed(req)) {
      this.gate.denied(req, null, 'cross-origin upgrade', address?.sectionId ?? null);
      return refuse(socket, 403, 'origin not allowed');
    }
    const person = this.gate.identify(req);
    if (!person) return refuse(socket, 401, 'sign in first');
    const section = address ? this.gate.section(address.sectionId) : null;
    if (!address || !section) return refuse(socket, 404, 'no such section');
    if (address.lang !== '') {
      const languages = this.gate.languages();
      // The source language's document is the section itself, at /collab/<sectionId>.
      if (address.lang === languages.source) {
        return refuse(socket, 404, `${REASON_NO_SUCH_LANGUAGE}: ${languages.source} is the source language, at ${COLLAB_PATH}${section.id}`);
      }
      if (!/^[a-z]{2,3}$/.test(address.lang) || !(languages.targets as string[]).includes(address.lang)) {
        return refuse(socket, 404, REASON_NO_SUCH_LANGUAGE);
      }
    }
    const access = sectionAccess(person, section);
    if (access === null) {
      this.gate.denied(req, person, 'collab read', section.id);
      return refuse(socket, 403, 'not allowed to open this section');
    }
    const key = documentKey(section.id, address.lang);
    let document: SectionDocument;
    try {
      if (address.lang !== '') this.gate.openingTranslation?.(section.id);
      document = this.sections.open(key);
    } catch (error) {
      console.error(`[collab] loading ${key} failed`, error);
      return refuse(socket, 500, 'the section could not be loaded');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.serve(ws, person, document, access, this.gate.sessionToken(req));
    });
  }

  private serve(ws: WebSocket, person: Person, document: SectionDocument, access: AccessLevel, token: string | undefined): void {
    const connection = new Connection(ws, person, document, access, token);
    this.sections.join(document, connection);
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
      this.sections.leave(document, connection);
      this.connections.delete(connection);
    });
    connection.setAccess(access);
    for (const message of document.greeting(connection)) connection.send(message);
  }

  /**
   * Applies a change of someone's rights to their open connections at once: a person who may no
   * longer read is disconnected, and one whose access level changed is told the new one.
   */
  recheckPerson(personId: number): void {
    this.recheck((connection) => connection.person.id === personId);
  }

  /**
   * Applies a change of a section's rules ("suggestions only") to every connection open on it:
   * whoever edited there is told `suggest`, and back.
   */
  recheckSection(sectionId: string): void {
    this.recheck((connection) => connection.document.sectionId === sectionId);
  }

  /**
   * Applies a change of a workspace setting to every open connection: one the policy reads
   * (whether other groups suggest), or the languages, whose removed translations close.
   */
  recheckAll(): void {
    const served = new Set<string>(this.gate.languages().targets);
    const removed = new Set<Connection>();
    for (const connection of this.connections) {
      const { lang } = connection.document;
      // Its rows stay: the version comes back if the language is added again.
      if (lang !== '' && !served.has(lang)) removed.add(connection);
    }
    for (const connection of removed) connection.close(CLOSE_FORBIDDEN, REASON_LANGUAGE_REMOVED);
    this.recheck((connection) => !removed.has(connection));
  }

  private recheck(concerned: (connection: Connection) => boolean): void {
    const people = new Map<number, Person | null>();
    const sections = new Map<string, SectionRef | null>();
    for (const connection of [...this.connections]) {
      if (!concerned(connection)) continue;
      const personId = connection.person.id;
      const sectionId = connection.document.sectionId;
      if (!people.has(personId)) people.set(personId, this.gate.person(personId));
      if (!sections.has(sectionId)) sections.set(sectionId, this.gate.section(sectionId));
      const person = people.get(personId) ?? null;
      const section = sections.get(sectionId) ?? null;
      const access = person && section ? sectionAccess(person, section) : null;
      if (!person || access === null) {
        connection.close(person?.active === false ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN, REASON_ACCESS_REVOKED);
        continue;
      }
      Object.assign(connection.person, person);
      if (connection.access !== access) connection.setAccess(access);
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

  /** The people with a connection open now. */
  connectedPeople(): Set<number> {
    return new Set([...this.connections].map((connection) => connection.person.id));
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Connections to a section in any language, for tests that check what a connection was refused. */
  connectionsOf(sectionId: string): Connection[] {
    return [...this.connections].filter((c) => c.document.sectionId === sectionId);
  }

  private ping(): void {
    for (const connection of this.connections) connection.ping();
  }

  /** Closes every connection (the section documents are the store's to unload). */
  close(): void {
    clearInterval(this.pinger);
    for (const connection of this.connections) connection.close(CLOSE_SHUTDOWN, 'server shutting down');
    this.wss.close();
  }
}

/**
 * The section and language a /collab/ URL names: `/collab/<sectionId>` is the source language's
 * document (lang ''), `/collab/<sectionId>/<lang>` a translation's, `lang` as written (the upgrade
 * serves it only if it is a target language). Null when it names no section.
 */
function documentFromUrl(url: string): { sectionId: string; lang: string } | null {
  const path = url.split('?')[0];
  if (!path.startsWith(COLLAB_PATH)) return null;
  let parts: string[];
  try {
    parts = path.slice(COLLAB_PATH.length).split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
  const [id, lang, ...rest] = parts;
  if (rest.length > 0 || !/^[a-z0-9-]{1,64}$/.test(id)) return null;
  return { sectionId: id, lang: lang ?? '' };
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
