/**
 * Follows the stream of stored edits: forgets stale content snapshots, records who edited last,
 * and announces (at most once a second per section) that a section's dashboard row changed, so
 * that "approved, changed since" and "last edited by" reach every screen while people type.
 */
import type { WorkspaceEventBus } from '../events';
import type { SectionContent } from './section-content';
import type { Sections } from './sections';

const ANNOUNCE_EVERY_MS = 1_000;

export class SectionActivity {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sections: Sections,
    private readonly content: SectionContent,
    private readonly events: WorkspaceEventBus,
  ) {}

  edited(sectionId: string, personId: number | null): void {
    this.content.invalidate(sectionId);
    if (personId !== null) this.sections.recordEdit(sectionId, personId);
    if (this.pending.has(sectionId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(sectionId);
      if (this.sections.find(sectionId)) this.events.emit('section-status-changed', sectionId);
    }, ANNOUNCE_EVERY_MS);
    timer.unref();
    this.pending.set(sectionId, timer);
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
