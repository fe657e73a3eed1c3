/**
 * Follows the stream of stored edits: forgets stale content snapshots, records who edited last,
 * and announces (at most once a second per section) that a section's dashboard row changed, so
 * that "approved, changed since" and "last edited by" reach every screen while people type.
 * While a section is being typed in, "last edited" is written when the burst starts and then once
 * a second at most: a database write per keystroke of every editor would cost more than the
 * keystroke itself.
 */
import type { WorkspaceEventBus } from '../events';
import type { SectionContent } from './section-content';
import type { Sections } from './sections';

const ANNOUNCE_EVERY_MS = 1_000;

interface Burst {
  authors: Set<number>;
  timer: NodeJS.Timeout;
  /** When the last edit of the burst was made (the timer may have been set for an earlier one). */
  lastEditAt: number;
}

interface LastEdit {
  by: number;
  at: Date;
  written: boolean;
}

export class SectionActivity {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly bursts = new Map<string, Burst>();
  private readonly lastEdits = new Map<string, LastEdit>();
  private readonly announceQueue = new Set<string>();

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
    if (personId !== null) this.lastEdits.set(sectionId, { by: personId, at: new Date(), written: false });
    this.extendBurst(sectionId, personId);
    if (this.pending.has(sectionId)) return;
    // The first edit after a quiet second is written at once; later ones when the second is over.
    this.writeLastEdit(sectionId);
    const timer = setTimeout(() => {
      this.pending.delete(sectionId);
      this.queueAnnouncement(sectionId);
    }, ANNOUNCE_EVERY_MS);
    timer.unref();
    this.pending.set(sectionId, timer);
  }

  /**
   * Sections typed in together reach their second together; each announcement builds a dashboard
   * row (a few queries and the section's content), so they go out one per turn of the event loop,
   * letting the keystrokes waiting on sockets through in between.
   */
  private queueAnnouncement(sectionId: string): void {
    // A section still waiting from its previous second is announced once, with what is current then.
    if (this.announceQueue.has(sectionId)) return;
    this.announceQueue.add(sectionId);
    if (this.announceQueue.size === 1) setImmediate(this.announceNext);
  }

  private readonly announceNext = (): void => {
    const sectionId: string | undefined = this.announceQueue.values().next().value;
    if (sectionId === undefined) return;
    this.announceQueue.delete(sectionId);
    try {
      this.writeLastEdit(sectionId);
      if (this.sections.find(sectionId)) this.events.emit('section-status-changed', sectionId);
    } catch (error) {
      console.error(`[activity] announcing ${sectionId} failed`, error);
    }
    if (this.announceQueue.size > 0) setImmediate(this.announceNext);
  };

  private writeLastEdit(sectionId: string): void {
    const last = this.lastEdits.get(sectionId);
    if (!last || last.written) return;
    last.written = true;
    try {
      this.sections.recordEdit(sectionId, last.by, last.at);
    } catch (error) {
      console.error(`[activity] recording the last edit of ${sectionId} failed`, error);
    }
  }

  private extendBurst(sectionId: string, personId: number | null): void {
    const now = Date.now();
    const burst = this.bursts.get(sectionId);
    if (burst) {
      // One timer per burst, re-armed when it fires early, not one per keystroke.
      burst.lastEditAt = now;
      if (personId !== null) burst.authors.add(personId);
      return;
    }
    const fresh: Burst = { authors: new Set(personId === null ? [] : [personId]), lastEditAt: now, timer: this.burstTimer(sectionId, this.quietMs) };
    this.bursts.set(sectionId, fresh);
  }

  private burstTimer(sectionId: string, delayMs: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const burst = this.bursts.get(sectionId);
      if (!burst) return;
      const quietFor = Date.now() - burst.lastEditAt;
      if (quietFor < this.quietMs) burst.timer = this.burstTimer(sectionId, this.quietMs - quietFor);
      else this.endBurst(sectionId);
    }, delayMs);
    timer.unref();
    return timer;
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
    this.announceQueue.clear();
    for (const sectionId of [...this.lastEdits.keys()]) this.writeLastEdit(sectionId);
    for (const sectionId of [...this.bursts.keys()]) {
      clearTimeout(this.bursts.get(sectionId)!.timer);
      this.endBurst(sectionId);
    }
  }
}
