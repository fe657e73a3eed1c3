/**
 * Follows the stream of stored edits: forgets stale content snapshots, records who edited last,
 * and announces (at most once a second per section) that a section's dashboard row changed, so
 * that "approved, changed since" and "last edited by" reach every screen while people type.
 */
import type { WorkspaceEventBus } from '../events';
import type { SectionContent } from './section-content';
import type { Sections } from './sections';

const ANNOUNCE_EVERY_MS = 1_000;

interface Burst {
  authors: Set<number>;
  timer: NodeJS.Timeout;
}

export class SectionActivity {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly bursts = new Map<string, Burst>();

  /**
   * @param quietMs how long a section must be quiet after a burst of editing before the burst is
   *   saved as an automatic version (`saveBurst`).
   */
  constructor(
    private readonly sections: Sections,
    private readonly content: SectionContent,
    private readonly events: WorkspaceEventBus,
    private readonly quietMs: number,
    private readonly saveBurst: (sectionId: string, authors: number[]) => void,
  ) {}

  edited(sectionId: string, personId: number | null): void {
    this.content.invalidate(sectionId);
    if (personId !== null) this.sections.recordEdit(sectionId, personId);
    this.extendBurst(sectionId, personId);
    if (this.pending.has(sectionId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(sectionId);
      if (this.sections.find(sectionId)) this.events.emit('section-status-changed', sectionId);
    }, ANNOUNCE_EVERY_MS);
    timer.unref();
    this.pending.set(sectionId, timer);
  }

  private extendBurst(sectionId: string, personId: number | null): void {
    const burst = this.bursts.get(sectionId);
    if (burst) clearTimeout(burst.timer);
    const authors = burst?.authors ?? new Set<number>();
    if (personId !== null) authors.add(personId);
    const timer = setTimeout(() => this.endBurst(sectionId), this.quietMs);
    timer.unref();
    this.bursts.set(sectionId, { authors, timer });
  }

  private endBurst(sectionId: string): void {
    const burst = this.bursts.get(sectionId);
    this.bursts.delete(sectionId);
    if (!burst) return;
    try {
      this.saveBurst(sectionId, [...burst.authors]);
    } catch (error) {
      console.error(`[versions] saving the automatic version of ${sectionId} failed`, error);
    }
  }

  /** Saves every unfinished burst (at shutdown) and stops the timers. */
  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const sectionId of [...this.bursts.keys()]) {
      clearTimeout(this.bursts.get(sectionId)!.timer);
      this.endBurst(sectionId);
    }
  }
}
