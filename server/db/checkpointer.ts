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
import { Worker } from 'node:worker_threads';
import type { Db } from './client';
import type { CheckpointThreadSetup, CheckpointTiming } from './checkpoint-thread';

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

export class WalCheckpointer {
  private readonly worker: Worker;
  private closed = false;
  /**
   * Settles true once the thread has its connection open and its timer running, false if it
   * stopped first. The server does not wait for it (the backstop covers the first moments); tests do.
   */
  readonly running: Promise<boolean>;

  /**
   * @param db the server's connection, whose own checkpoints become the backstop
   * @param timing only tests change it, to make the thread's work visible in a few hundred commits
   */
  constructor(
    private readonly db: Db,
    file: string,
    timing: CheckpointTiming = TIMING,
  ) {
    const setup: CheckpointThreadSetup = { file, ...timing };
    // The thread runs our TypeScript as the server does (tsx), whether the server was started by
    // `node --import tsx` or inside jest.
    const bootstrap =
      `require(${JSON.stringify(require.resolve('tsx/cjs'))});` +
      `require(${JSON.stringify(path.join(__dirname, 'checkpoint-thread.ts'))});`;
    this.worker = new Worker(bootstrap, { eval: true, workerData: setup });
    // It must never keep the process alive: the server closes it on the way out.
    this.worker.unref();
    this.running = new Promise((resolve) => {
      this.worker.once('message', (message) => resolve(message === 'ready'));
      this.worker.once('exit', () => resolve(false));
    });
    this.worker.on('error', (error) => this.stopped(error.message));
    this.worker.on('exit', (code) => this.stopped(`exited with code ${code}`));
    db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  }

  /** Without the thread, the server's connection checkpoints as SQLite does by default. */
  private stopped(why: string): void {
    if (this.closed) return;
    this.closed = true;
    console.error(`[db] the WAL checkpointer stopped (${why}); the server checkpoints on its own connection`);
    this.db.$client.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('close');
    const timeout = setTimeout(() => void this.worker.terminate(), 5_000);
    await exited;
    clearTimeout(timeout);
  }
}
