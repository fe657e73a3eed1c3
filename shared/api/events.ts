/**
 * The live events of socket.io, as typed event maps for `Server<ClientToServerEvents,
 * ServerToClientEvents>` and `io<ServerToClientEvents, ClientToServerEvents>`. socket.io carries
 * no commands: the client only joins and leaves the room of the section it shows.
 */
import type { Thread } from './comments';
import type { DashboardOverview, DashboardRow } from './dashboard';
import type { ExportJob } from './exports';
import type { GlossaryChanged } from './glossary';
import type { Notification } from './notifications';

/** 'settings:changed': the deadline or the required organisations changed. */
export type SettingsAnnouncement = Pick<DashboardOverview, 'deadline' | 'daysLeft' | 'requiredOrganisations'>;

/** 'section:open-comments': a section's count of unresolved threads changed. */
export interface OpenCommentCount {
  sectionId: string;
  open: number;
}

/** 'versions:changed': a version of the section was saved. */
export interface VersionsChanged {
  sectionId: string;
}

/** The answer to 'section:join'. */
export type JoinReply = { ok: true } | { ok: false; error: string };

/** What the server announces, to the rooms concerned (`workspace`, `section:<id>`, `person:<id>`). */
export interface ServerToClientEvents {
  /** Workspace room: a section's status, approvals or row changed. */
  'section:updated': (row: DashboardRow) => void;
  'section:open-comments': (count: OpenCommentCount) => void;
  'settings:changed': (settings: SettingsAnnouncement) => void;
  /** Workspace room: a glossary entry was proposed, edited, approved or deleted (#20). */
  'glossary:changed': (change: GlossaryChanged) => void;
  /** Section room. */
  'thread:changed': (thread: Thread) => void;
  'versions:changed': (change: VersionsChanged) => void;
  /** Person room. */
  'notification:new': (notification: Notification) => void;
  /** Your rights changed (role, group, deactivation): refetch yourself and what you show. */
  'me:changed': () => void;
  /** Your export job moved on. */
  'export:progress': (job: ExportJob) => void;
}

/** What a client may say: which section's events it wants. */
export interface ClientToServerEvents {
  /** Joins the section's room if the policy lets the person read it. */
  'section:join': (sectionId: string, ack: (reply: JoinReply) => void) => void;
  'section:leave': (sectionId: string) => void;
}
