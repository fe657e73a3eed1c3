/**
 * Turns what the domain services announce on the event bus into socket.io events for the people
 * concerned: a section's readers, the whole workspace, or one person.
 */
import type { Comments } from '../domain/comments';
import type { Dashboard } from '../domain/dashboard';
import type { Sections } from '../domain/sections';
import type { WorkspaceEventBus } from '../events';
import type { Realtime } from './realtime';

export function announce(
  events: WorkspaceEventBus,
  realtime: Realtime,
  deps: { comments: Comments; dashboard: Dashboard; sections: Sections },
): void {
  const sectionUpdated = (sectionId: string) => {
    // A row costs a few queries and a read of the section: nobody watching, nothing to build.
    if (!realtime.workspaceWatched()) return;
    const section = deps.sections.find(sectionId);
    if (!section) return;
    const row = deps.dashboard.row(section);
    realtime.toWorkspace('section:updated', row);
  };
  events.on('section-status-changed', sectionUpdated);
  // A section page re-reads its section on 'section:updated' ("suggestions only" on or off).
  events.on('section-rules-changed', sectionUpdated);
  events.on('version-saved', (sectionId) => realtime.toSection(sectionId, 'versions:changed', { sectionId }));
  events.on('settings-changed', () => {
    const { deadline, daysLeft, requiredOrganisations } = deps.dashboard.overview();
    realtime.toWorkspace('settings:changed', { deadline, daysLeft, requiredOrganisations });
  });
  events.on('thread-changed', (sectionId, threadId) => {
    const thread = deps.comments.thread(threadId);
    if (thread) realtime.toSection(sectionId, 'thread:changed', thread);
    realtime.toWorkspace('section:open-comments', { sectionId, open: deps.comments.openCounts().get(sectionId) ?? 0 });
  });
  events.on('notification-created', (personId, notification) => {
    realtime.toPerson(personId, 'notification:new', notification);
  });
}
