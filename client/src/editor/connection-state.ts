/**
 * What the person should know about the link to the server, derived from the y-websocket
 * provider: are my changes reaching the others, and if not, are they safe? Edits made while
 * disconnected stay in the local Y.Doc and y-websocket sends them at the next sync; this only
 * tracks that there are some, so the indicator can say so until the server has them.
 */
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

export type ConnectionStatus =
  | 'connecting'
  | 'connected'
  | 'syncing'
  | 'reconnecting'
  | 'offline'
  | 'offline-unsynced'
  | 'closed';

/** Failed attempts in a row after which "reconnecting" becomes "offline". */
const ATTEMPTS_BEFORE_OFFLINE = 3;

export class ConnectionState {
  /** Local changes made while the server could not receive them. */
  unsynced = false;
  /** The close code when the server ended the connection for good (4401, 4403, 4400). */
  closedCode: number | null = null;
  private everSynced = false;
  private failedAttempts = 0;
  private destroyed = false;
  private readonly cleanup: (() => void)[] = [];
  private readonly onChange: () => void;

  constructor(
    private readonly provider: WebsocketProvider,
    doc: Y.Doc,
    changed: () => void,
  ) {
    // An event being delivered still reaches a listener removed during it (the page closed by an
    // earlier listener of the same close): after `destroy` nothing is passed on.
    const onChange = (this.onChange = () => {
      if (!this.destroyed) changed();
    });
    const onStatus = () => onChange();
    const onSync = (synced: boolean) => {
      if (!synced) return onChange();
      this.everSynced = true;
      this.failedAttempts = 0;
      this.unsynced = false;
      onChange();
    };
    const onClose = () => {
      this.failedAttempts++;
      onChange();
    };
    const onClosed = (event: { code: number }) => {
      this.closedCode = event.code;
      onChange();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider || provider.wsconnected || this.unsynced) return;
      this.unsynced = true;
      onChange();
    };
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    doc.on('update', onUpdate);
    window.addEventListener('online', onStatus);
    window.addEventListener('offline', onStatus);
    this.cleanup.push(
      () => provider.off('status', onStatus),
      () => provider.off('sync', onSync),
      () => provider.off('connection-close', onClose),
      () => provider.off('closed', onClosed),
      () => doc.off('update', onUpdate),
      () => window.removeEventListener('online', onStatus),
      () => window.removeEventListener('offline', onStatus),
    );
  }

  get status(): ConnectionStatus {
    const provider = this.provider;
    if (this.closedCode !== null && !provider.shouldConnect) return 'closed';
    if (provider.wsconnected) {
      if (provider.synced) return 'connected';
      if (this.unsynced) return 'syncing';
      return this.everSynced ? 'reconnecting' : 'connecting';
    }
    if (this.unsynced) return 'offline-unsynced';
    if (!navigator.onLine || this.failedAttempts >= ATTEMPTS_BEFORE_OFFLINE) return 'offline';
    return this.everSynced ? 'reconnecting' : 'connecting';
  }

  /** Has this page ever received the server's copy of the section? */
  get hasSynced(): boolean {
    return this.everSynced;
  }

  /** Tries again at once after the server closed the connection for good (a retry button). */
  retry(): void {
    this.closedCode = null;
    this.failedAttempts = 0;
    this.provider.connect();
    this.onChange();
  }

  destroy(): void {
    this.destroyed = true;
    for (const undo of this.cleanup) undo();
  }
}
