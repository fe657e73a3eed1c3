/**
 * The live-event channel (socket.io). It carries no commands: the client only listens, and joins
 * the room of the section it shows. Rooms are re-joined after every reconnect, since the server
 * forgets them with the old socket.
 */
import { type Socket, io } from 'socket.io-client';

type Listener = () => void;

export class Realtime {
  private socket: Socket | null = null;
  private section: string | null = null;
  private readonly meChanged = new Set<Listener>();
  private readonly refused = new Set<Listener>();

  /** Opens the channel for the signed-in person (the session cookie authenticates it). */
  connect(): void {
    if (this.socket) return;
    // WebSocket only: the server checks Origin on the handshake, and browsers send it on a
    // WebSocket upgrade but not on the same-origin GETs of long polling.
    const socket = io({ transports: ['websocket'], path: '/socket.io' });
    socket.on('connect', () => {
      if (this.section) this.emitJoin(this.section);
    });
    socket.on('connect_error', () => {
      // The handshake is refused without a session; let the app find out whether it ended.
      if (!socket.active) for (const listener of this.refused) listener();
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

  /** The server refused the channel for good (most likely the session ended). */
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
