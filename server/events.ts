/**
 * The in-process event bus: domain services announce what happened, and the realtime and collab
 * layers react (push to browsers, re-check open connections). Data flows one way: nothing here
 * calls back into the services.
 */
import { EventEmitter } from 'node:events';
import type { Notification } from './domain/notifications';

export interface WorkspaceEvents {
  /** A person's role, group or active flag changed, or they were removed. */
  'person-changed': [personId: number];
  /** One session ended (signed out in one browser): its live connections must close. */
  'session-ended': [token: string];
  /** All of a person's sessions ended (sign-out everywhere, deactivation). */
  'person-signed-out': [personId: number];
  /** A section's text changed (throttled per section). */
  'section-edited': [sectionId: string, personId: number | null];
  /** A comment thread was created or changed (reply, edit, delete, resolve). */
  'thread-changed': [sectionId: string, threadId: number];
  /** A section was submitted, withdrawn or decided, or its approval went stale or fresh. */
  'section-status-changed': [sectionId: string];
  /** A version of a section was saved (by hand, on review, automatically, or by a restore). */
  'version-saved': [sectionId: string];
  /** The deadline or the required organisations changed. */
  'settings-changed': [];
  'notification-created': [personId: number, notification: Notification];
}

export class WorkspaceEventBus extends EventEmitter<WorkspaceEvents> {}
