/**
 * Checkpoints the workspace database's write-ahead log on a thread of its own.
 *
 * With SQLite's default, the connection that commits the 1,000th page of the WAL copies it into
 * the database file right there, fsyncs included: on the event loop, under a few hundred editors,
 * that was a 10–30 ms stall every few hundred milliseconds, and it alone put the fan-out p99 at
 * twice the in-memory reference server's. Commits themselves never fsync in WAL mode with
 * synchronous=NORMAL, so with checkpoints on this thread the event loop does no disk syncs at
 * all, and a commit still survives kill -9 the moment it returns. Under typing without pauses the
 * thread also starts the log over now and then (see checkpoint-thread.ts), which holds commits back
 * for about a millisecond.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '../worker-thread';
import type { Db } from './client';
import type { CheckpointThreadMessage, CheckpointThreadSetup, CheckpointTiming } from './checkpoint-thread';

const TIMING: CheckpointTiming = {
  // Often enough that each pass copies little; a pass with nothing to copy costs microseconds.
  intervalMs: 200,
  // Half the backstop: the thread starts the log over well before the connection would step in.
  restartAfterPages: 5_000,
};
/**
 * The server's own connection still checkpoints past this many WAL pages (SQLite's default: 1,000):
 * a backstop for when the thread falls behind or has stopped, not the way it normally happens.
 */
const BACKSTOP_PAGES = 10_000;
const DEFAULT_PAGES = 1_000;

/** After the thread stops unexpectedly it is started again, waiting longer each time up to a minute. */
const RESTART_DELAYS_MS = [1_000, 5_000, 15_000, 60_000];
/** A failing pass (a full disk) is logged once a minute, not at every pass. */
const LOG_REPEAT_MS = 60_000;

export class WalCheckpointer {
  private worker: Worker | null = null;
  private closed = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private lastLogged = new Map<string, number>();
  /**
   * Settles true once the first thread has its connection open and its timer running, false if it
   * stopped first. The server does not wait for it (the backstop covers the first moments); tests do.
   */
  readonly running: Promise<boolean>;

  /**
   * @param db the server's connection, whose own checkpoints become the backstop
   * @param timing only tests change it, to make the thread's work visible in a few hundred commits
   */
  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly timing: CheckpointTiming = TIMING,
  ) {
    this.running = this.start();
  }

  /** Whether a thread is checkpointing now (false while it waits to be started again). */
  get active(): boolean {
    return this.worker !== null;
  }

  private start(): Promise<boolean> {
    const setup: CheckpointThreadSetup = { file: this.file, ...this.timing };
    const worker = typeScriptWorker(path.join(__dirname, 'checkpoint-thread.ts'), { workerData: setup });
    this.worker = worker;
    // It must never keep the process alive: the server closes it on the way out.
    worker.unref();
    const running = new Promise<boolean>((resolve) => {
      worker.once('message', (message: CheckpointThreadMessage) => resolve(message === 'ready'));
      worker.once('exit', () => resolve(false));
    });
    worker.on('message', (message: CheckpointThreadMessage) => {
      if (message === 'ready') {
        this.restarts = 0;
        this.db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
      } else this.log(`a checkpoint failed (${message.failed}); committed rows stay in the log, and it tries again`);
    });
    worker.on('error', (error) => this.log(`the WAL checkpointer failed: ${error.message}`));
    worker.on('exit', (code) => this.stopped(worker, `exited with code ${code}`));
    this.db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    return running;
  }

  /**
   * Without the thread, the server's connection checkpoints as SQLite does by default, until the
   * thread is started again.
   */
  private stopped(worker: Worker, why: string): void {
    if (this.closed || this.worker !== worker) return;
    this.worker = null;
    this.db.$client.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)];
    this.restarts++;
    console.error(`[db] the WAL checkpointer stopped (${why}); the server checkpoints on its own connection, and the thread restarts in ${delay / 1000} s`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closed) void this.start();
    }, delay);
    this.restartTimer.unref();
  }

  private log(line: string): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(line) ?? 0) < LOG_REPEAT_MS) return;
    this.lastLogged.set(line, now);
    console.error(`[db] ${line}`);
  }

  /** For tests: stops the thread as a crash would, so that its restart can be seen. */
  crashForTest(): void {
    void this.worker?.terminate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timeout = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timeout);
  }
}
