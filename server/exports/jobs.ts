/**
 * Exports run as jobs, so a master PDF never holds a request open or the event loop: the route
 * queues a job and answers at once; the job renders on a thread of the render pool (as many at once
 * as it has threads; at most 20 wait, beyond that starting one is refused) and reports progress
 * section by section; the finished file is kept for its owner to download for a while (15 minutes
 * by default), then dropped.
 */
import { randomUUID } from 'node:crypto';
import type { ExportJob } from '../../shared/api/exports';
import { ExportError } from './errors';
import { exportFileName } from './file-name';
import { FORMATS, type renderExport } from './formats';
import type { ExportRequest, MasterDocument } from './model';
import { RenderPool, type RenderPoolOptions } from './render-pool';
import { yieldToLoop } from './steps';

/** What the owner sees of a job (over HTTP and in live progress events): the wire contract's shape. */
export type { ExportJob, ExportJobStatus } from '../../shared/api/exports';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

type Render = typeof renderExport;

export interface ExportJobsOptions {
  /** How long a finished file stays downloadable. Default 15 minutes. */
  ttlMs?: number;
  /** The clock (tests move it on). */
  now?: () => number;
  /** Called whenever a job changes: queued, started, each section, done or failed. */
  onProgress?: (job: ExportJob, personId: number) => void;
  /** Unfinished jobs one person may have at once. Default 3. */
  maxPendingPerPerson?: number;
  /** Jobs that may wait for a render thread, everybody's together. Default 20. */
  maxQueued?: number;
  /** The render threads (how many: `size`, default 1). */
  pool?: RenderPoolOptions;
  /** Renders in this process instead, one job at a time (tests give one that fails or waits). */
  render?: Render;
}

interface JobRecord {
  job: ExportJob;
  personId: number;
  request: ExportRequest;
  document: MasterDocument;
  file: ExportFile | null;
  expiresAt: number | null;
  /** Resolves once the job is done or failed. */
  finished: Promise<void>;
  settle(): void;
}

const DEFAULT_TTL_MS = 15 * 60_000;
/** An expired job is still known (410, not 404) this long after its file is dropped. */
const FORGET_AFTER_MS = 60 * 60_000;
const SWEEP_MS = 60_000;
const DEFAULT_MAX_QUEUED = 20;

export class ExportJobs {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly queue: JobRecord[] = [];
  private running = 0;
  private readonly sweeper: ReturnType<typeof setInterval>;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly pool: RenderPool | null;
  private readonly render: Render;
  /** Jobs rendering at once: one per render thread. */
  private readonly concurrency: number;

  constructor(private readonly options: ExportJobsOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
    if (options.render) {
      this.pool = null;
      this.render = options.render;
    } else {
      this.pool = new RenderPool(options.pool);
      this.render = this.pool.render;
    }
    this.concurrency = this.pool?.size ?? 1;
    // Files are dropped even when nobody asks about them again; the timer never keeps the process up.
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Queues an export of `document` (already read from the source) for `personId`. */
  create(request: ExportRequest, personId: number, document: MasterDocument): ExportJob {
    this.sweep();
    const pending = [...this.jobs.values()].filter((r) => r.personId === personId && !finished(r.job)).length;
    if (pending >= (this.options.maxPendingPerPerson ?? 3)) {
      throw new ExportError(429, 'wait for your running exports to finish before starting another', 'too-many-exports');
    }
    if (this.queue.length >= (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)) {
      throw new ExportError(429, 'the server is busy with other exports just now: try again in a minute', 'exports-busy');
    }
    let settle = () => {};
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const record: JobRecord = {
      job: {
        id: randomUUID(),
        status: 'queued',
        progress: 0,
        fileName: exportFileName(document.courseTitle, request, document.generatedAt, document.language),
        error: null,
        expiresAt: null,
      },
      personId,
      request,
      document,
      file: null,
      expiresAt: null,
      finished: settled,
      settle,
    };
    this.jobs.set(record.job.id, record);
    this.queue.push(record);
    this.announce(record);
    // Rendering starts on a later turn of the event loop: the request that queued it answers first.
    void yieldToLoop().then(() => this.next());
    return { ...record.job };
  }

  /** The job, if it exists and belongs to this person (others are told it does not exist). */
  find(id: string, personId: number): ExportJob | null {
    this.sweep();
    const record = this.jobs.get(id);
    return record && record.personId === personId ? { ...record.job } : null;
  }

  /** The finished file: 404 unknown or not yours, 409 not ready (or failed), 410 expired. */
  file(id: string, personId: number): ExportFile {
    const job = this.find(id, personId);
    if (!job) throw new ExportError(404, 'no such export', 'not-found');
    if (job.status === 'failed') throw new ExportError(409, job.error ?? 'the export failed', 'export-failed');
    if (job.status !== 'done') throw new ExportError(409, 'the export is not ready yet', 'not-ready');
    const file = this.jobs.get(id)?.file;
    if (!file) throw new ExportError(410, 'the export has expired: start it again', 'expired');
    return file;
  }

  /** Resolves when the job has finished (done or failed). For tests and shutdown. */
  async settled(id: string): Promise<ExportJob | null> {
    await this.jobs.get(id)?.finished;
    const record = this.jobs.get(id);
    return record ? { ...record.job } : null;
  }

  /** Starts the render threads ahead of the first export (see `RenderPool.warm`). */
  warm(): void {
    this.pool?.warm();
  }

  /** Stops the render threads (jobs still rendering fail) and the sweeper. */
  close(): void {
    clearInterval(this.sweeper);
    void this.pool?.close();
  }

  /** Starts queued jobs, oldest first, while a render thread is free. */
  private next(): void {
    while (this.running < this.concurrency && this.queue.length) {
      const record = this.queue.shift()!;
      this.running++;
      void this.run(record).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  private async run(record: JobRecord): Promise<void> {
    const { request, document } = record;
    this.update(record, { status: 'running' });
    try {
      const body = await this.render(document, request.format, request, (done, total) => {
        // The last share is the packing of the file after the last section.
        this.update(record, { progress: done / (total + 1) });
      });
      record.file = { fileName: record.job.fileName, contentType: FORMATS[request.format].contentType, body };
      record.expiresAt = this.now() + this.ttlMs;
      this.update(record, { status: 'done', progress: 1, expiresAt: new Date(record.expiresAt).toISOString() });
    } catch (error) {
      console.error(`[exports] ${record.job.fileName} failed`, error);
      const reason = error instanceof Error && error.message ? error.message.slice(0, 200) : 'unknown error';
      record.expiresAt = this.now() + this.ttlMs;
      this.update(record, {
        status: 'failed',
        error: `The ${request.format.toUpperCase()} file could not be built (${reason}). Try again, or choose another format.`,
        expiresAt: new Date(record.expiresAt).toISOString(),
      });
    } finally {
      // The document is only needed while rendering; the file is what is kept.
      record.document = { ...document, sections: [] };
      record.settle();
    }
  }

  private update(record: JobRecord, change: Partial<ExportJob>): void {
    record.job = { ...record.job, ...change };
    this.announce(record);
  }

  private announce(record: JobRecord): void {
    try {
      this.options.onProgress?.({ ...record.job }, record.personId);
    } catch (error) {
      console.error('[exports] progress listener failed', error);
    }
  }

  /** Drops the files of expired jobs, and forgets jobs long expired. */
  private sweep(): void {
    const now = this.now();
    for (const [id, record] of this.jobs) {
      if (record.expiresAt === null || now < record.expiresAt) continue;
      record.file = null;
      if (now >= record.expiresAt + FORGET_AFTER_MS) this.jobs.delete(id);
    }
  }
}

function finished(job: ExportJob): boolean {
  return job.status === 'done' || job.status === 'failed';
}
