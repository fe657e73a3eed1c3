/**
 * socket.io carries events to browsers, never commands. A socket joins the workspace room and its
 * person's room at the handshake, and a section's room only when the policy lets it read it.
 */
import type { Server as HttpServer } from 'node:http';
import { type DefaultEventsMap, Server, type Socket } from 'socket.io';
import type { ClientToServerEvents, JoinReply, ServerToClientEvents } from '../../shared/api/events';
import { maySection } from '../../shared/policy';
import type { AuditLog } from '../domain/audit';
import type { People, PersonRecord } from '../domain/people';
import type { Sections } from '../domain/sections';
import type { Sessions } from '../domain/sessions';
import type { WorkspaceEventBus } from '../events';
import { isSameOrigin } from '../transport/origin';
import { sessionToken } from '../transport/session-cookie';

export const WORKSPACE_ROOM = 'workspace';
export const sectionRoom = (sectionId: string) => `section:${sectionId}`;
export const personRoom = (personId: number) => `person:${personId}`;

interface Deps {
  publicUrl: string | null;
  sessions: Sessions;
  sections: Sections;
  people: People;
  audit: AuditLog;
  events: WorkspaceEventBus;
}

/** What the server keeps on each socket: whose it is, and which session opened it. */
interface SocketData {
  personId: number;
  sessionToken: string | undefined;
}

type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;
type Ack = (reply: JoinReply) => void;

/** The events announced to a section's room, to the workspace room, and to one person's room. */
type SectionEvent = 'thread:changed' | 'versions:changed';
type WorkspaceEvent = 'section:updated' | 'section:open-comments' | 'settings:changed' | 'glossary:changed';
type PersonEvent = 'notification:new' | 'export:progress' | 'me:changed';
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>;

export class Realtime {
  readonly io: LiveServer;

  constructor(httpServer: HttpServer, private readonly deps: Deps) {
    this.io = new Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>(httpServer, {
      serveClient: false,
      // Our own /collab upgrades share this server; engine.io must not close them.
      destroyUpgrade: false,
      maxHttpBufferSize: 64 * 1024,
      allowRequest: (req, callback) => {
        if (!isSameOrigin(req, deps.publicUrl)) return callback('origin not allowed', false);
        callback(null, deps.sessions.resolve(sessionToken(req)) !== null);
      },
    });
    this.io.use((socket, next) => {
      const person = deps.sessions.resolve(sessionToken(socket.request));
      if (!person) return next(new Error('sign in first'));
      socket.data.personId = person.id;
      socket.data.sessionToken = sessionToken(socket.request);
      next();
    });
    this.io.on('connection', (socket) => this.connect(socket));
    deps.events.on('person-signed-out', (personId) => {
      this.io.in(personRoom(personId)).disconnectSockets(true);
    });
    deps.events.on('person-changed', (personId) => this.recheck(personId));
    deps.events.on('session-ended', (token) => {
      for (const socket of this.io.sockets.sockets.values()) if (socket.data.sessionToken === token) socket.disconnect(true);
    });
  }

  /** The people with a live socket now. */
  connectedPeople(): Set<number> {
    return new Set([...this.io.sockets.sockets.values()].map((socket) => socket.data.personId));
  }

  private person(socket: LiveSocket): PersonRecord | null {
    const person = this.deps.people.find(socket.data.personId);
    return person?.active ? person : null;
  }

  private connect(socket: LiveSocket): void {
    void socket.join([WORKSPACE_ROOM, personRoom(socket.data.personId)]);
    // The event map says what a well-behaved client sends; anyone may send anything, so check.
    socket.on('section:join', (sectionId: unknown, ack?: unknown) => {
      const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => undefined;
      const person = this.person(socket);
      const section = typeof sectionId === 'string' ? this.deps.sections.find(sectionId) : null;
      if (!section) return reply({ ok: false, error: 'no such section' });
      if (!maySection(person, 'read', section)) {
        this.deps.audit.record({
          actorId: person?.id ?? null,
          action: 'denied',
          target: `section:${section.id}`,
          detail: { action: 'join room' },
        });
        return reply({ ok: false, error: 'not allowed' });
      }
      void socket.join(sectionRoom(section.id));
      reply({ ok: true });
    });
    socket.on('section:leave', (sectionId: unknown) => {
      if (typeof sectionId === 'string') void socket.leave(sectionRoom(sectionId));
    });
  }

  /** After a change of rights: drop the person's sockets, or the rooms they may no longer read. */
  private async recheck(personId: number): Promise<void> {
    const person = this.deps.people.find(personId);
    if (!person?.active) {
      this.io.in(personRoom(personId)).disconnectSockets(true);
      return;
    }
    for (const socket of await this.io.in(personRoom(personId)).fetchSockets()) {
      for (const room of socket.rooms) {
        if (!room.startsWith('section:')) continue;
        const section = this.deps.sections.find(room.slice('section:'.length));
        if (!section || !maySection(person, 'read', section)) socket.leave(room);
      }
    }
    this.toPerson(personId, 'me:changed');
  }

  /** Announces an event to everybody who may read the section. */
  toSection<E extends SectionEvent>(sectionId: string, event: E, ...payload: Payload<E>): void {
    this.io.to(sectionRoom(sectionId)).emit(event, ...payload);
  }

  /** Whether anybody has the workspace open (so that building what they would be sent is worth it). */
  workspaceWatched(): boolean {
    return (this.io.sockets.adapter.rooms.get(WORKSPACE_ROOM)?.size ?? 0) > 0;
  }

  toWorkspace<E extends WorkspaceEvent>(event: E, ...payload: Payload<E>): void {
    this.io.to(WORKSPACE_ROOM).emit(event, ...payload);
  }

  /** Announces an event to one person, on every device they have open. */
  toPerson<E extends PersonEvent>(personId: number, event: E, ...payload: Payload<E>): void {
    this.io.to(personRoom(personId)).emit(event, ...payload);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.io.close(() => resolve());
    });
  }
}
