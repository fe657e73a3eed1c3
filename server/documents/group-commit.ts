/**
 * Group commit: the batches of every section written in one turn of the event loop are committed
 * in one SQLite transaction, and only then broadcast. One commit (one write to the WAL) per turn
 * instead of one per section keeps the update log's cost flat as more sections are typed in at
 * once; a crash still loses nothing anybody has seen, because nothing is sent before the commit.
 */

/** A section document as the group commit sees it. */
export interface Committable {
  /** Appends its batch (inside the caller's transaction); returns how to broadcast it, or null. */
  commitBatch(): (() => void) | null;
  /** The commit failed: nobody may see the batch. */
  fail(error: unknown): void;
  /** Milliseconds until its next batch may be broadcast (0: at once); see `SectionDocument`. */
  broadcastDueIn?(): number;
}

export class GroupCommit {
  private readonly waiting = new Set<Committable>();
  /** Documents whose batch waits for their next broadcast to be due. */
  private readonly resting = new Set<Committable>();
  private scheduled = false;

  /** @param transaction runs `work` in one database transaction (rolled back if it throws). */
  constructor(private readonly transaction: (work: () => void) => void) {}

  /** Commits `document`'s batch with the others' once this turn's reads are done. */
  schedule(document: Committable): void {
    if (this.resting.has(document)) return;
    const wait = document.broadcastDueIn?.() ?? 0;
    if (wait > 0) {
      this.resting.add(document);
      setTimeout(() => {
        this.resting.delete(document);
        this.schedule(document);
      }, wait);
      return;
    }
    this.waiting.add(document);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.run);
  }

  readonly run = (): void => {
    this.scheduled = false;
    const documents = [...this.waiting];
    this.waiting.clear();
    const broadcasts: (() => void)[] = [];
    let reached = 0;
    const work = () => {
      for (const document of documents) {
        reached++;
        const broadcast = document.commitBatch();
        if (broadcast) broadcasts.push(broadcast);
      }
    };
    try {
      // One section's batch is one INSERT, which SQLite commits atomically by itself: BEGIN and
      // COMMIT around it would add a fifth to the commit's cost, on every keystroke of a lone writer.
      if (documents.length === 1) work();
      else this.transaction(work);
    } catch (error) {
      // Rolled back for every document that had reached it (the one that threw included): each
      // closes its connections, whose clients send again. The rest had nothing in it.
      // If none was reached (BEGIN itself failed), the first fails, so a failing database cannot
      // reschedule the same batch turn after turn.
      const failed = Math.max(reached, 1);
      for (const document of documents.slice(0, failed)) document.fail(error);
      for (const document of documents.slice(failed)) this.schedule(document);
      return;
    }
    for (const broadcast of broadcasts) {
      try {
        broadcast();
      } catch (error) {
        // Stored already; one section's listener must not keep the others' updates from going out.
        console.error('[collab] broadcasting a committed batch failed', error);
      }
    }
  };
}
