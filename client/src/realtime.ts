/**
 * The live-event channel (socket.io). It carries no commands: the client only listens, and joins
 * the room of the section it shows. Rooms are re-joined after every reconnect, since the server
 * forgets them with the old socket.
 */
import { type Socket, io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/api';

type Listener = () => void;
type EventListener = (payload: never) => void;
/** The channel as the shared event map types it: what the server announces, and what we may say. */
type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** The server's events that carry a payload a page may listen for. */
type LiveEvent = Exclude<keyof ServerToClientEvents, 'me:changed'>;

export class Realtime {
  private socket: LiveSocket | null = null;
  private section: string | null = null;
  private readonly meChanged = new Set<Listener>();
  private readonly refused = new Set<Listener>();
  private readonly events = new Map<string, Set<EventListener>>();
  private readonly reconnected = new Set<Listener>();
  /** Kept across `reconnect()`: a new socket after a refusal has missed events all the same. */
  private connectedBefore = false;

  /** Opens the channel for the signed-in person (the session cookie authenticates it). */
  connect(): void {
    if (this.socket) return;
    // WebSocket only: the server checks Origin on the handshake, and browsers send it on a
    // WebSocket upgrade but not on the same-origin GETs of long polling.
    const socket: LiveSocket = io({ transports: ['websocket'], path: '/socket.io' });
    socket.on('connect', () => {
      if (this.section) this.emitJoin(this.section);
      // Events sent while we were away are lost: pages re-read what they show.
      if (this.connectedBefore) for (const listener of this.reconnected) listener();
      this.connectedBefore = true;
    });
    // One dispatcher for the workspace's own events, so pages can listen before a (re)connect.
    socket.onAny((event: string, payload: unknown) => {
      for (const listener of this.events.get(event) ?? []) (listener as (payload: unknown) => void)(payload);
    });
    socket.on('connect_error', () => {
      // The handshake is refused without a session; let the app find out whether it ended.
      if (!socket.active) for (const listener of this.refused) listener();
    });
    socket.on('disconnect', (reason) => {
      // The server closes the channel of a session that ended (signed out elsewhere), and
      // socket.io does not come back after that by itself: the same question as a refusal.
      if (reason === 'io server disconnect') for (const listener of this.refused) listener();
    });
    socket.on('me:changed', () => {
      for (const listener of this.meChanged) listener();
    });
    this.socket = socket;
  }

  disconnect(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.section = null;
    this.connectedBefore = false;
  }

  /**
   * Opens the channel again for the same person after they signed in again: socket.io does not
   * retry a handshake the server refused, and the old socket carries the old cookie. The section's
   * room is joined again, and the reconnect listeners are told (events were missed meanwhile).
   */
  reconnect(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.connect();
  }

  joinSection(sectionId: string): void {
    if (this.section && this.section !== sectionId) this.leaveSection(this.section);
    this.section = sectionId;
    if (this.socket?.connected) this.emitJoin(sectionId);
  }

  leaveSection(sectionId: string): void {
    if (this.section !== sectionId) return;
    this.section = null;
    this.socket?.emit('section:leave', sectionId);
  }

  /** Your rights changed (role, group, deactivation): refetch yourself and what you show. */
  onMeChanged(listener: Listener): () => void {
    this.meChanged.add(listener);
    return () => this.meChanged.delete(listener);
  }

  /**
   * A live event from the server ('section:updated', 'notification:new', ...), its payload typed by
   * the shared event map; returns a function that stops listening.
   */
  on<E extends LiveEvent>(event: E, listener: ServerToClientEvents[E]): () => void {
    let listeners = this.events.get(event);
    if (!listeners) this.events.set(event, (listeners = new Set()));
    listeners.add(listener as EventListener);
    return () => listeners.delete(listener as EventListener);
  }

  /** The channel came back after a drop: what was announced meanwhile was missed. */
  onReconnect(listener: Listener): () => void {
    this.reconnected.add(listener);
    return () => this.reconnected.delete(listener);
  }

  /** The server refused or closed the channel for good (most likely the session ended). */
  onRefused(listener: Listener): () => void {
    this.refused.add(listener);
    return () => this.refused.delete(listener);
  }

  private emitJoin(sectionId: string): void {
    this.socket?.timeout(5000).emit('section:join', sectionId, () => {
      // A refused join only means no live events for this section; the page works without them.
    });
  }
}
