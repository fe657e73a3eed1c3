/**
 * A page that shows the whole syllabus read as data (the outcomes matrix, the comparison): it
 * reads again a moment after sections change (a burst of typing is one read, not one per
 * keystroke) and at once after the live channel reconnects, and stops when the page is left.
 */
import type { Realtime } from '../realtime';

/** How long after a section changed the page reads again: typing comes in bursts. */
const RELOAD_DELAY_MS = 600;

export class LiveData {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly stops: (() => void)[] = [];
  disposed = false;

  /** `changed` says whether a section's change concerns the page (by default every change does). */
  constructor(
    realtime: Realtime,
    private readonly load: () => void,
    options: { changed?: (part: number) => boolean; settings?: boolean } = {},
  ) {
    this.stops.push(
      realtime.on('section:updated', (row) => {
        if (!options.changed || options.changed(row.part)) this.soon();
      }),
      realtime.onReconnect(() => load()),
    );
    if (options.settings) this.stops.push(realtime.on('settings:changed', () => load()));
  }

  private soon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.disposed) this.load();
    }, RELOAD_DELAY_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const stop of this.stops) stop();
  }
}
