/**
 * The in-process event bus: domain services announce what happened, and the realtime and collab
 * layers react (push to browsers, re-check open connections). Data flows one way: nothing here
 * calls back into the services.
 */
import { EventEmitter } from 'node:events';
import type { Notification } from '../shared/api/notifications';

export interface WorkspaceEvents {
  /** A person's role, group or active flag changed, or they were removed. */
  'person-changed': [personId: number];
  /** One session ended (signed out in one browser): its live connections must close. */
  'session-ended': [token: string];
  /** All of a person's sessions ended (sign-out everywhere, deactivation). */
  'person-signed-out': [personId: number];
  /** A section's text changed (throttled per section). */
  'section-edited': [sectionId: string, personId: number | null];
  /**
   * A translation of a section changed (#19): the document `<sectionId>/<lang>`. Apart from
   * 'section-edited' because versions, search, suggestion bookkeeping and "last edited" are the
   * source text's, and would store or index a translation as the section.
   */
  'translation-edited': [sectionId: string, lang: string, personId: number | null];
  /** A comment thread was created or changed (reply, edit, delete, resolve). */
  'thread-changed': [sectionId: string, threadId: number];
  /** A section was submitted, withdrawn or decided, or its approval went stale or fresh. */
  'section-status-changed': [sectionId: string];
  /** A section's "suggestions only" changed: its open connections are re-checked, its pages told. */
  'section-rules-changed': [sectionId: string];
  /** A version of a section was saved (by hand, on review, automatically, or by a restore). */
  'version-saved': [sectionId: string];
  /** The deadline, the required organisations, whether other groups may suggest, or the languages changed. */
  'settings-changed': [];
  /** A notification for one person, in its wire shape (realtime pushes it as 'notification:new'). */
  'notification-created': [personId: number, notification: Notification];
}

export class WorkspaceEventBus extends EventEmitter<WorkspaceEvents> {
  /** Announcements held back while a command's transaction runs, in the order they were made. */
  private held: (() => void)[] | null = null;

  override emit<K extends keyof WorkspaceEvents>(event: K, ...args: WorkspaceEvents[K]): boolean {
    if (this.held) {
      // The listeners act on stored data (push it, re-check connections): they must wait for the commit.
      this.held.push(() => super.emit(event, ...(args as never)));
      return this.listenerCount(event) > 0;
    }
    return super.emit(event, ...(args as never));
  }

  /**
   * Runs `work` (a transaction) with every announcement held; they are made, in order, once it
   * returns, and dropped if it throws (the change they announce was rolled back). Nested calls
   * join the outer one.
   */
  holding<T>(work: () => T): T {
    if (this.held) return work();
    const held: (() => void)[] = [];
    this.held = held;
    let result: T;
    try {
      result = work();
    } finally {
      this.held = null;
    }
    for (const announce of held) announce();
    return result;
  }
}
