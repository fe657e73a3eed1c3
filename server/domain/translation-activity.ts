/**
 * Follows the stream of stored edits to translations (#19): a section's dashboard row carries its
 * translations' progress, so it is announced again, at most once a second per section, while
 * someone translates. The source's edits have `SectionActivity`, which also saves versions and
 * records "last edited": neither applies to a translation.
 */
import type { WorkspaceEventBus } from '../events';

const ANNOUNCE_EVERY_MS = 1_000;

export class TranslationActivity {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly events: WorkspaceEventBus) {}

  /** A translation of the section was stored: its row is announced when the second is over. */
  edited(sectionId: string): void {
    if (this.pending.has(sectionId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(sectionId);
      this.events.emit('section-status-changed', sectionId);
    }, ANNOUNCE_EVERY_MS);
    timer.unref();
    this.pending.set(sectionId, timer);
  }

  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
