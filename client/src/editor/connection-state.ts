/**
 * What the person should know about the link to the server, derived from the y-websocket
 * provider and checked by asking the server: are my changes on the server, and if not, how many
 * are not and since when has nothing been saved? Edits made while disconnected stay in the local
 * Y.Doc and y-websocket sends them at the next sync; this counts them until the server has them.
 *
 * The link is watched three ways, so the status is honest within about two seconds:
 * - the browser's `offline` event closes the connection at once (it would otherwise look open
 *   until TCP gave up) and `online` opens it again at once, without waiting for a back-off;
 * - a heartbeat: when nothing has arrived for `ASK_WHEN_QUIET_MS`, the page sends a sync step 1
 *   (our state vector), which the server always answers with a sync step 2. The server's own
 *   keep-alive is a WebSocket ping that the browser answers without telling the page, and
 *   y-websocket's watchdog (a fixed 30 s, not an option in y-websocket 3) only notices silence;
 *   an unanswered question is noticed after `NO_ANSWER_MS` (longer for the first answer on a
 *   connection, and not while we are still uploading), and the connection is opened again;
 * - the same question after local changes confirms them (see `unsaved`).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import {
  type Access,
  CLOSE_FORBIDDEN,
  CLOSE_MALFORMED,
  CLOSE_TOO_LARGE,
  CLOSE_UNAUTHENTICATED,
  CLOSE_UPDATE_REFUSED,
  MESSAGE_SYNC,
} from '../../../shared/collab-protocol';
import type { MessageKey } from '../../../shared/i18n';
import { locale, plural, t } from '../i18n';

/** Why the server closed a section's connection, in the person's words (the section and translation pages). */
export const CLOSE_REASON: Record<number, MessageKey> = {
  [CLOSE_UNAUTHENTICATED]: 'connection.reason.unauthenticated',
  [CLOSE_FORBIDDEN]: 'connection.reason.forbidden',
  [CLOSE_MALFORMED]: 'connection.reason.malformed',
  [CLOSE_UPDATE_REFUSED]: 'connection.reason.refused',
  [CLOSE_TOO_LARGE]: 'connection.reason.tooLarge',
};

/** Closes after which trying again would be refused again: the page says what to do instead. */
export const NO_RETRY = new Set([CLOSE_UNAUTHENTICATED, CLOSE_UPDATE_REFUSED, CLOSE_TOO_LARGE]);

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
/** Nothing received for this long while connected: ask the server something (the heartbeat). */
const ASK_WHEN_QUIET_MS = 2_000;
/** A question unanswered for this long: the link is dead though the socket looks open. */
const NO_ANSWER_MS = 5_000;
/**
 * The first answer on a connection may carry the whole section (everything we lack) over a slow
 * link, and nothing arrives before all of it has: it is given as long as y-websocket's own watchdog.
 */
const FIRST_ANSWER_MS = 30_000;
/** After a local change, ask for a confirmation this soon (one question per this interval while typing). */
const CONFIRM_AFTER_MS = 250;
/** Changes sent over a working connection show as "sending" only once unconfirmed for this long. */
const SENDING_AFTER_MS = 1_000;
const TICK_MS = 500;

export interface ConnectionOptions {
  /** What the server lets this connection do now (its changes are confirmed only if it may edit). */
  access?: () => Access;
  /** The origin of updates read from this device's copy of the section (not changes of this page). */
  localCopyOrigin?: () => unknown;
  /** The text is here from this device's copy, though the server has not been reached yet. */
  hasLocalText?: () => boolean;
  /** Every change the server lacks is written to this device's copy (closing the page loses nothing). */
  heldLocally?: () => boolean;
  /** The number of unconfirmed changes changed (at every keystroke: keep it cheap). */
  unsavedChanged?: (count: number) => void;
}

/** A sync step 1 this page sent and the server has not answered yet. */
interface Question {
  /** `sent` when it was asked: what its answer confirms. */
  confirms: number;
  at: number;
}

export class ConnectionState {
  /** The close code when the server ended the connection for good (4401, 4403, 4400). */
  closedCode: number | null = null;
  /** When a change of this page last reached the server (null: none has yet). */
  lastSaved: Date | null = null;
  private everSynced = false;
  private failedAttempts = 0;
  private destroyed = false;
  /** The page closed the connection because the browser went offline; `online` opens it again. */
  private pausedOffline = false;
  /** Local changes made on this page (see `unsaved`). */
  private made = 0;
  /** `made` as far as all of them have been written to the current socket. */
  private sent = 0;
  /** `made` as far as the server has confirmed them. */
  private confirmed = 0;
  /** When the oldest unconfirmed change may have been made (for `SENDING_AFTER_MS`). */
  private unsavedSince = 0;
  /** The server has sent its sync step 1 on this socket and been answered with everything it lacks. */
  private caughtUp = false;
  private questions: Question[] = [];
  /** The server has answered a question on this socket (see `FIRST_ANSWER_MS`). */
  private answeredHere = false;
  /** When this page last still had bytes to send: an answer waits behind our own upload. */
  private lastUploading = 0;
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly ticker: ReturnType<typeof setInterval>;
  /** The status last announced to screen readers (see `announced`). */
  private announcedStatus: ConnectionStatus = 'connecting';
  private shown = '';
  private readonly cleanup: (() => void)[] = [];
  private readonly changed: () => void;

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly doc: Y.Doc,
    changed: () => void,
    private readonly options: ConnectionOptions = {},
  ) {
    this.changed = changed;
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') {
        // y-websocket sends its own sync step 1 right after this event: its answer confirms
        // nothing new (what we made offline goes out only when the server's step 1 comes).
        this.questions = [{ confirms: this.confirmed, at: Date.now() }];
        this.answeredHere = false;
        this.caughtUp = false;
        this.sent = this.confirmed;
      }
      this.notify();
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        this.everSynced = true;
        this.failedAttempts = 0;
      }
      this.notify();
    };
    const onClose = () => {
      this.failedAttempts++;
      // What was written to a socket that closed may never have arrived.
      this.questions = [];
      this.caughtUp = false;
      this.sent = this.confirmed;
      this.notify();
    };
    const onClosed = (event: { code: number }) => {
      this.closedCode = event.code;
      this.notify();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // The local copy loading is not a change of this page: what it holds unsent is `carry`'d.
      if (origin === provider || (origin !== null && origin === options.localCopyOrigin?.())) return;
      if (this.made === this.confirmed) this.unsavedSince = Date.now();
      this.made++;
      // y-websocket wrote it to the open socket (its listener runs first); it follows everything
      // before it only once the server's step 1 has been answered.
      if (provider.wsconnected && this.caughtUp) {
        this.sent = this.made;
        this.confirmSoon(CONFIRM_AFTER_MS);
      }
      options.unsavedChanged?.(this.unsaved);
      this.notify();
    };
    const onOffline = () => {
      if (provider.shouldConnect) {
        this.pausedOffline = true;
        provider.disconnect();
      }
      this.notify();
    };
    const onOnline = () => {
      if (this.pausedOffline) {
        this.pausedOffline = false;
        provider.connect();
      }
      this.notify();
    };

    // The server answers every sync step 1 with a step 2, in the order asked, and only after it has
    // committed everything the connection sent before (SectionDocument.stateFor): an answer
    // confirms the changes written before its question.
    const handleSync = provider.messageHandlers[MESSAGE_SYNC];
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, ...rest) => {
      const type = decoding.peekVarUint(decoder);
      handleSync(encoder, decoder, ...rest);
      if (type === syncProtocol.messageYjsSyncStep1) {
        // The answer (every change the server lacks) goes out when this handler returns.
        this.caughtUp = true;
        this.sent = this.made;
        if (this.sent > this.confirmed) this.confirmSoon(0);
      } else if (type === syncProtocol.messageYjsSyncStep2) {
        this.answered();
      }
    };

    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onClosed);
    doc.on('update', onUpdate);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.cleanup.push(
      () => (provider.messageHandlers[MESSAGE_SYNC] = handleSync),
      () => provider.off('status', onStatus),
      () => provider.off('sync', onSync),
      () => provider.off('connection-close', onClose),
      () => provider.off('closed', onClosed),
      () => doc.off('update', onUpdate),
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
      () => clearInterval(this.ticker),
      () => this.confirmTimer !== null && clearTimeout(this.confirmTimer),
    );
    if (provider.wsconnected) onStatus({ status: 'connected' });
  }

  /**
   * The local changes the server has not confirmed yet. A change is one transaction on this
   * page's Y.Doc that did not come from the server: a keystroke, a paste, a formatting command, an
   * undo. The server has a change once it answers a sync step 1 sent after the change was written
   * to the same socket (it reads a connection's messages in order and answers a step 1 only after
   * committing what came before). Counted rather than read off state vectors, which advance with
   * inserted items only: someone who only deleted would see "0 changes".
   */
  get unsaved(): number {
    return this.made - this.confirmed;
  }

  get status(): ConnectionStatus {
    const provider = this.provider;
    if (this.closedCode !== null && !provider.shouldConnect) return 'closed';
    const unsaved = this.unsaved;
    if (this.pausedOffline || !navigator.onLine) return unsaved > 0 ? 'offline-unsynced' : 'offline';
    if (provider.wsconnected) {
      if (!this.everSynced) return 'connecting';
      // Changes the server refused are the page's to explain (`refused`), not "sending" for ever.
      if (this.refused) return 'connected';
      // Typing over a working connection is confirmed within a fraction of a second: the status
      // does not blink "sending" at every keystroke, only when confirmations are late.
      if (unsaved > 0 && (!provider.synced || Date.now() - this.unsavedSince >= SENDING_AFTER_MS)) return 'syncing';
      return provider.synced ? 'connected' : 'reconnecting';
    }
    if (this.failedAttempts >= ATTEMPTS_BEFORE_OFFLINE) return unsaved > 0 ? 'offline-unsynced' : 'offline';
    return this.everSynced || this.options.hasLocalText?.() ? 'reconnecting' : 'connecting';
  }

  /**
   * The status as screen readers are told it: state changes, never counts. A save that takes a
   * moment while the connection works ("connected" → "syncing" → "connected") is not news.
   */
  get announced(): ConnectionStatus {
    return this.announcedStatus;
  }

  /** Every change the server lacks is on this device's disk too. */
  get heldLocally(): boolean {
    return this.options.heldLocally?.() ?? false;
  }

  /** Has this page ever received the server's copy of the section? */
  get hasSynced(): boolean {
    return this.everSynced;
  }

  /**
   * Counts changes a previous page made in the local copy that the server had not confirmed:
   * they go up with this page's first sync and are counted until the server confirms them.
   */
  carry(count: number): void {
    if (count <= 0) return;
    if (this.made === this.confirmed) this.unsavedSince = Date.now();
    this.made += count;
    this.options.unsavedChanged?.(this.unsaved);
    if (this.caughtUp) {
      this.sent = this.made;
      this.confirmSoon(0);
    }
    this.notify();
  }

  /**
   * The server no longer takes our changes (rights taken away while we were offline) and some
   * have not reached it: they stay here, and the page says what can be done with them.
   */
  get refused(): boolean {
    if (this.unsaved === 0) return false;
    // Closed for a change the server will not take (4422: not allowed here, or not a suggestion on a
    // suggest-only connection): what it refused is among the unsent changes.
    if (this.closedCode === CLOSE_UPDATE_REFUSED) return true;
    return this.options.access?.() === 'read-only' && this.caughtUp;
  }

  /** Tries again at once after the server closed the connection for good (a retry button). */
  retry(): void {
    this.closedCode = null;
    this.failedAttempts = 0;
    this.provider.connect();
    this.notify();
  }

  destroy(): void {
    this.destroyed = true;
    for (const undo of this.cleanup) undo();
  }

  /** Asks the server for what we lack: the answer is the heartbeat and the confirmation. */
  private ask(): void {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || ws === null || ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
    this.questions.push({ confirms: this.caughtUp ? this.sent : this.confirmed, at: Date.now() });
  }

  /** Asks for a confirmation of what was sent, unless a question already covers it. */
  private confirmSoon(delayMs: number): void {
    if (this.confirmTimer !== null) return;
    this.confirmTimer = setTimeout(() => {
      this.confirmTimer = null;
      const last = this.questions[this.questions.length - 1];
      if (this.destroyed || this.sent <= Math.max(this.confirmed, last?.confirms ?? 0)) return;
      this.ask();
    }, delayMs);
  }

  private answered(): void {
    const question = this.questions.shift();
    this.answeredHere = true;
    // A read-only connection's changes are dropped by the server, which still answers: an answer
    // then confirms nothing (`refused` tells the page).
    if (question && question.confirms > this.confirmed && this.options.access?.() !== 'read-only') {
      this.confirmed = question.confirms;
      this.lastSaved = new Date();
      this.options.unsavedChanged?.(this.unsaved);
      // Whatever is still unconfirmed was made after that question was asked.
      if (this.unsaved > 0) {
        this.unsavedSince = question.at;
        this.confirmSoon(CONFIRM_AFTER_MS);
      }
    }
    this.notify();
  }

  private tick(): void {
    const provider = this.provider;
    const ws = provider.ws;
    if (provider.wsconnected && ws !== null) {
      const oldest = this.questions[0];
      const now = Date.now();
      if (ws.bufferedAmount > 0) this.lastUploading = now;
      const waiting = oldest ? now - Math.max(oldest.at, this.lastUploading) : 0;
      if (waiting > (this.answeredHere ? NO_ANSWER_MS : FIRST_ANSWER_MS)) {
        // The socket looks open but nothing answers: start again (what was not confirmed is
        // sent again after the next sync step 1).
        provider.disconnect();
        provider.connect();
      } else if (!oldest && now - provider.wsLastMessageReceived >= ASK_WHEN_QUIET_MS) {
        this.ask();
      }
    }
    this.notify();
  }

  /** Tells the page when anything it shows may have changed (not at every keystroke while saved). */
  private notify(): void {
    if (this.destroyed) return;
    const status = this.status;
    if (!(status === 'syncing' && this.announcedStatus === 'connected')) this.announcedStatus = status;
    const minute = this.lastSaved ? Math.floor(this.lastSaved.getTime() / 60_000) : 0;
    const shown = [status, this.announcedStatus, this.everSynced, minute, status === 'connected' ? 0 : this.unsaved, this.refused].join('|');
    // An event being delivered still reaches a listener removed during it (the page closed by an
    // earlier listener of the same close): after `destroy` nothing is passed on.
    if (shown === this.shown) return;
    this.shown = shown;
    this.changed();
  }
}

/** "14:03" today, with the date on another day. */
function clockTime(date: Date): string {
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(locale(), today ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

/**
 * The status line in the interface language: what is happening, how many changes are not on the
 * server yet, and when a change of this page last was ("Offline — 3 changes not yet on the
 * server, last saved 14:01"). Closed connections are worded by the page (it knows the reasons).
 */
export function connectionText(state: ConnectionState, access: Access): string {
  const status = state.status;
  const saved = state.lastSaved ? clockTime(state.lastSaved) : null;
  const unsaved = state.unsaved;
  const details: string[] = [];
  let head: string;
  switch (status) {
    case 'connected':
      if (access === 'read-only') return t('connection.connectedReadOnly');
      return saved ? t('connection.saved', { time: saved }) : t('connection.connected');
    case 'syncing':
      head = plural('connection.sending', unsaved);
      break;
    case 'reconnecting':
    case 'offline':
    case 'offline-unsynced':
      head = t(status === 'reconnecting' ? 'connection.state.reconnecting' : 'connection.offline');
      if (unsaved > 0) details.push(plural('connection.unsaved', unsaved));
      if (unsaved > 0 && state.heldLocally) details.push(t('connection.keptHere'));
      break;
    default:
      return t('connection.connecting');
  }
  if (saved) details.push(t('connection.lastSaved', { time: saved }));
  if (details.length > 0) return t('connection.withDetails', { state: head, details: details.join(t('connection.detailsSeparator')) });
  return status === 'reconnecting' ? t('connection.reconnecting') : head;
}

const ANNOUNCEMENT: Record<Exclude<ConnectionStatus, 'closed'>, MessageKey> = {
  connecting: 'connection.connecting',
  connected: 'connection.connected',
  syncing: 'connection.syncing',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
  'offline-unsynced': 'connection.offlineUnsynced',
};

/**
 * What a screen reader is told when the state changes: the state, without counts or times
 * (closed connections are worded by the page).
 */
export function connectionAnnouncement(state: ConnectionState, access: Access): string {
  const status = state.announced;
  if (status === 'closed') return '';
  return t(status === 'connected' && access === 'read-only' ? 'connection.connectedReadOnly' : ANNOUNCEMENT[status]);
}
