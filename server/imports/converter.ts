/**
 * Converting Word files off the event loop. A 20 MB file with a long document is seconds of
 * unzipping, XML and HTML parsing: on the event loop, every keystroke's fan-out would wait.
 *
 * One thread converts, one file at a time, with a memory limit of its own (a file that makes the
 * converter run wild ends its thread, not the server) and a time limit. Starting it costs seconds
 * (it loads mammoth, linkedom and the schema), so it is started when the first file comes and kept
 * while files keep coming — a preview is followed by the import itself — then stopped after
 * `idleMs` without work, since imports are rare and an idle thread only holds memory. A few files
 * may wait their turn; more are refused as busy. A thread that dies fails the file it held, and
 * the next file starts a new one.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { typeScriptWorker } from '../worker-thread';
import type { ConversionMessage, ConversionTask } from './conversion-thread';
import { ImportRefused } from './errors';
import type { Conversion, ConversionOptions } from './conversion';

export interface WordConverterOptions {
  /** A conversion still running after this long has its thread stopped and fails. Default 60 s. */
  timeoutMs?: number;
  /** An idle thread is stopped after this long. Default 2 minutes. */
  idleMs?: number;
  /** Files that may wait for the one being converted. Default 4. */
  queue?: number;
  /** The thread's heap limit in MB. Default 512. */
  heapMb?: number;
}

/** The converter has too many files waiting: the person can retry in a moment. */
export class ConverterBusy extends Error {}

interface Pending {
  resolve(conversion: Conversion): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class WordConverter {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private closed = false;

  constructor(private readonly options: WordConverterOptions = {}) {}

  /** Converts on the thread, after the files before it. */
  convert(bytes: Buffer, options: Omit<ConversionOptions, 'newId'>): Promise<Conversion> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    if (this.waiting > (this.options.queue ?? 4)) {
      return Promise.reject(new ConverterBusy('Other Word files are being imported just now. Try again in a minute.'));
    }
    this.waiting += 1;
    const mine = this.turn.then(() => {
      this.waiting -= 1;
      return this.run(bytes, options);
    });
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /** Stops the thread; a conversion in flight fails. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (worker) {
      this.lost(worker, new Error('the server is shutting down'));
      await worker.terminate();
    }
  }

  private run(bytes: Buffer, options: Omit<ConversionOptions, 'newId'>): Promise<Conversion> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker ?? this.start();
    return new Promise<Conversion>((resolve, reject) => {
      const timeoutMs = this.options.timeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        this.lost(worker, new ImportRefused(422, `Reading this file took longer than ${timeoutMs / 1000} s and was given up. Try importing a long document in parts.`, 'too-slow'));
        void worker.terminate();
      }, timeoutMs);
      timer.unref();
      this.pending = { resolve, reject, timer };
      worker.ref();
      // One copy of the bytes, in a buffer of their own, which is then moved to the thread.
      const copy = new Uint8Array(bytes.byteLength);
      copy.set(bytes);
      worker.postMessage({ bytes: copy.buffer, options } satisfies ConversionTask, [copy.buffer]);
    });
  }

  private start(): Worker {
    const worker = typeScriptWorker(path.join(__dirname, 'conversion-thread.ts'), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? 512 },
    });
    this.worker = worker;
    worker.on('message', (message: ConversionMessage) => {
      const pending = this.finish(worker);
      if (!pending) return;
      if (message.type === 'done') pending.resolve(message.conversion);
      else if (message.type === 'refused') pending.reject(new ImportRefused(message.status, message.message, message.code));
      else pending.reject(new Error(`converting the Word file failed: ${message.message}`));
    });
    worker.on('error', (error) => {
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.lost(worker, outOfMemory ? new ImportRefused(413, 'Reading this file needs more memory than an import may take. Try importing it in parts.', 'too-large') : error);
    });
    worker.on('exit', (code) => this.lost(worker, new Error(`the conversion thread stopped (exit code ${code})`)));
    return worker;
  }

  /** The file on the thread is done: its callbacks, and the idle timer started. */
  private finish(worker: Worker): Pending | null {
    if (this.worker !== worker) return null;
    const pending = this.pending;
    this.pending = null;
    if (pending) clearTimeout(pending.timer);
    worker.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && !this.pending) {
        this.worker = null;
        void worker.terminate();
      }
    }, this.options.idleMs ?? 120_000);
    this.idleTimer.unref();
    return pending;
  }

  /** The thread is gone (or given up): the file it held fails, the next starts a new thread. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const pending = this.pending;
    this.pending = null;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
