/**
 * Exports render on threads of their own, never on the event loop. Rendered in process, one PDF of
 * a section holding a 3 MB paragraph held the event loop for 25 s (1 MB of words: 1.2 s): every
 * request and every keystroke's fan-out waited. On a thread, the event loop only copies the
 * document over (structured clone) and takes the file's bytes back (transferred, not copied).
 *
 * Threads start when the first export needs one, or ahead of it (`warm`, which the server calls
 * once it is up: loading the renderers and their fonts takes a thread about a second, which the
 * first export of the day should not wait for), one export at a time each. A thread that dies (a
 * crash, out of memory, or stopped past `timeoutMs`) fails the export it held with the reason, and
 * the next export starts a new thread. Callers render at most `size` at once: `ExportJobs` keeps
 * the queue of what waits.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '../worker-thread';
import type { ExportFormat, MasterDocument, RenderOptions, SectionProgress } from './model';
import type { RenderTask, RenderThreadMessage } from './render-thread';
import { yieldToLoop } from './steps';

export interface RenderPoolOptions {
  /** Threads, each rendering one export at a time. Default 1: on two cores the other is the event loop's. */
  size?: number;
  /** A render still running after this long has its thread stopped and fails. Default 10 minutes. */
  timeoutMs?: number;
  /** The module each thread runs (tests give one that crashes). Default `render-thread.ts`. */
  thread?: string;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * A render makes short-lived objects by the million (a line, a glyph run, a fragment per word):
 * with V8's default young generation a master PDF spent a sixth of its time in scavenges. A larger
 * one (memory it takes only while rendering) made the same PDF about a fifth faster.
 */
const YOUNG_GENERATION_MB = 96;

interface Running {
  resolve(file: Buffer): void;
  reject(error: Error): void;
  onProgress?: SectionProgress;
  timer: NodeJS.Timeout;
}

/** One thread (started when first needed, again after it died) and the render it holds, if any. */
interface Slot {
  worker: Worker | null;
  running: Running | null;
}

export class RenderPool {
  readonly size: number;
  private readonly slots: Slot[];
  private closed = false;
  /** Numbers the renders handed over, so a thread never mixes one's sections into the next. */
  private tasks = 0;

  constructor(private readonly options: RenderPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? 1));
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, running: null }));
  }

  /** Threads running now (started and not dead); for tests. */
  get threads(): number {
    return this.slots.filter((slot) => slot.worker).length;
  }

  /**
   * Renders as `renderExport` does, on a free thread, with progress after each section. Rejects
   * when all `size` threads are busy (the caller's bound was broken) or the pool is closed.
   */
  readonly render = (document: MasterDocument, format: ExportFormat, options: RenderOptions, onProgress?: SectionProgress): Promise<Buffer> => {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    const slot = this.slots.find((candidate) => !candidate.running);
    if (!slot) return Promise.reject(new Error(`all ${this.size} render threads are busy`));
    return new Promise<Buffer>((resolve, reject) => {
      const worker = slot.worker ?? this.start(slot);
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => this.stop(slot, `it took longer than ${timeoutMs / 1000} s`), timeoutMs);
      timer.unref();
      slot.running = { resolve, reject, onProgress, timer };
      // While it renders, the thread keeps the process up (a script awaiting its export exits after it).
      worker.ref();
      void this.send(slot, worker, document, format, options);
    });
  };

  /**
   * Hands the document over section by section, letting the event loop run between them: copying
   * a whole master (ten sections of 57,000 characters) is 6–10 ms of structured clone, which the
   * keystrokes of everybody typing would wait for; a section is about one.
   */
  private async send(slot: Slot, worker: Worker, document: MasterDocument, format: ExportFormat, options: RenderOptions): Promise<void> {
    const { sections, ...rest } = document;
    const task = this.tasks++;
    try {
      for (const section of sections) {
        worker.postMessage({ kind: 'section', task, section } satisfies RenderTask);
        await yieldToLoop();
        // The thread died or the pool closed meanwhile: the export has failed already.
        if (slot.worker !== worker || !slot.running) return;
      }
      worker.postMessage({ kind: 'render', task, document: { ...rest, sections: [] }, format, options } satisfies RenderTask);
    } catch (error) {
      // Something in the document that cannot be cloned: a bug of the caller, told to it.
      if (slot.worker === worker) this.finish(slot)?.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Starts the threads that are not running yet, so that the next exports do not wait for them. */
  warm(): void {
    if (this.closed) return;
    for (const slot of this.slots) if (!slot.worker) this.start(slot);
  }

  /** Stops every thread; renders in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        if (!worker) return;
        this.lost(slot, worker, 'the server is shutting down');
        await worker.terminate();
      }),
    );
  }

  private start(slot: Slot): Worker {
    const worker = typeScriptWorker(this.options.thread ?? path.join(__dirname, 'render-thread.ts'), {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    slot.worker = worker;
    // An idle thread never keeps the process alive.
    worker.unref();
    worker.on('message', (message: RenderThreadMessage) => {
      if (slot.worker === worker) this.received(slot, message);
    });
    worker.on('error', (error) => this.lost(slot, worker, error.message));
    worker.on('exit', (code) => this.lost(slot, worker, `exit code ${code}`));
    return worker;
  }

  private received(slot: Slot, message: RenderThreadMessage): void {
    if (message.type === 'progress') {
      slot.running?.onProgress?.(message.done, message.total);
      return;
    }
    const running = this.finish(slot);
    if (message.type === 'done') running?.resolve(Buffer.from(message.bytes));
    else running?.reject(new Error(message.message));
  }

  /** Frees the slot for the next render; returns the render it held. */
  private finish(slot: Slot): Running | null {
    const { running } = slot;
    slot.running = null;
    if (running) clearTimeout(running.timer);
    slot.worker?.unref();
    return running;
  }

  /** The slot's thread is gone: the render it held fails with the reason, and the next render starts a new thread. */
  private lost(slot: Slot, worker: Worker, why: string): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    const running = this.finish(slot);
    running?.reject(new Error(`the render thread stopped: ${why}`));
    if (!this.closed) console.error(`[exports] a render thread stopped (${why}); the next export starts a new one`);
  }

  private stop(slot: Slot, why: string): void {
    const worker = slot.worker;
    if (!worker) return;
    this.lost(slot, worker, why);
    void worker.terminate();
  }
}
