/** Export jobs: queued, rendered section by section with progress, kept for a while, then gone. */
import { ExportError } from '../../server/exports/errors';
import { exportFileName } from '../../server/exports/file-name';
import { type ExportJob, ExportJobs } from '../../server/exports/jobs';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { ExportRequest } from '../../server/exports/model';
import { richSectionJSON } from '../support/sample-content';

const GENERATED = new Date('2026-11-23T09:30:00Z');
const source = MemoryMasterSource.forOutline(() => ({ current: richSectionJSON() }), { now: () => GENERATED });
const request = (change: Partial<ExportRequest> = {}): ExportRequest => ({
  scope: 'master',
  state: 'approved',
  format: 'md',
  includeComments: false,
  includeApprovalRecord: true,
  locale: 'en',
  ...change,
});

function refusal(run: () => unknown): ExportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExportError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('export jobs', () => {
  let clock: number;
  let events: { job: ExportJob; personId: number }[];
  let jobs: ExportJobs;

  beforeEach(() => {
    clock = GENERATED.getTime();
    events = [];
    jobs = new ExportJobs({ now: () => clock, onProgress: (job, personId) => events.push({ job, personId }) });
  });
  afterEach(() => jobs.close());

  it('go from queued to done with progress rising from 0 to 1, one step per section', async () => {
    const job = jobs.create(request(), 7, source.load('approved'));
    expect(job).toMatchObject({ status: 'queued', progress: 0, error: null, expiresAt: null });
    const done = await jobs.settled(job.id);
    expect(done).toMatchObject({ status: 'done', progress: 1 });
    expect(events.every((event) => event.personId === 7 && event.job.id === job.id)).toBe(true);
    const progress = events.map((event) => event.job.progress);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(events.filter((event) => event.job.status === 'running' && event.job.progress > 0)).toHaveLength(10);
    expect(events.map((event) => event.job.status)).toEqual(['queued', 'running', ...Array(10).fill('running'), 'done']);
  });

  it('keep the finished file for its owner for 15 minutes, then answer that it expired', async () => {
    const job = jobs.create(request(), 7, source.load('approved'));
    await jobs.settled(job.id);
    const file = jobs.file(job.id, 7);
    expect(file.fileName).toBe('International-Migration-Law-and-Return-Migration_master_approved_2026-11-23.md');
    expect(file.contentType).toBe('text/markdown; charset=utf-8');
    expect(file.body.toString('utf8')).toMatch(/^# International Migration Law and Return Migration/);
    expect(jobs.find(job.id, 7)?.expiresAt).toBe(new Date(clock + 15 * 60_000).toISOString());

    clock += 15 * 60_000 - 1;
    expect(jobs.file(job.id, 7).body.length).toBeGreaterThan(0);
    clock += 1;
    expect(refusal(() => jobs.file(job.id, 7))).toMatchObject({ status: 410 });
    expect(jobs.find(job.id, 7)?.status).toBe('done');
    clock += 60 * 60_000;
    expect(jobs.find(job.id, 7)).toBeNull();
    expect(refusal(() => jobs.file(job.id, 7))).toMatchObject({ status: 404 });
  });

  it('are invisible to everyone but their owner', async () => {
    const job = jobs.create(request(), 7, source.load('approved'));
    await jobs.settled(job.id);
    expect(jobs.find(job.id, 8)).toBeNull();
    expect(refusal(() => jobs.file(job.id, 8))).toMatchObject({ status: 404 });
    expect(jobs.find('no-such-job', 7)).toBeNull();
  });

  it('answer 409 for a file that is not ready yet', async () => {
    let release: () => void = () => undefined;
    const waiting = new ExportJobs({
      render: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return Buffer.from('late');
      },
    });
    const job = waiting.create(request(), 7, source.load('approved'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(waiting.find(job.id, 7)?.status).toBe('running');
    expect(refusal(() => waiting.file(job.id, 7))).toMatchObject({ status: 409, code: 'not-ready' });
    release();
    await waiting.settled(job.id);
    expect(waiting.file(job.id, 7).body.toString()).toBe('late');
    waiting.close();
  });

  it('fail with an error a person can read', async () => {
    const failing = new ExportJobs({ render: async () => Promise.reject(new Error('font file missing')) });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const job = failing.create(request({ format: 'pdf' }), 7, source.load('approved'));
    const failed = await failing.settled(job.id);
    quiet.mockRestore();
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.error).toBe('The PDF file could not be built (font file missing). Try again, or choose another format.');
    expect(refusal(() => failing.file(job.id, 7))).toMatchObject({ status: 409, code: 'export-failed' });
    failing.close();
  });

  it('limit how many unfinished exports one person may have', () => {
    const blocked = new ExportJobs({ render: () => new Promise(() => undefined) });
    for (let i = 0; i < 3; i++) blocked.create(request(), 7, source.load('approved'));
    expect(refusal(() => blocked.create(request(), 7, source.load('approved')))).toMatchObject({ status: 429 });
    expect(blocked.create(request(), 8, source.load('approved')).status).toBe('queued');
    blocked.close();
  });

  it('let the event loop run between sections', async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    const job = jobs.create(request({ format: 'html' }), 7, source.load('approved'));
    setImmediate(tick);
    await jobs.settled(job.id);
    running = false;
    expect(ticks).toBeGreaterThanOrEqual(10);
  });
});

describe('export file names', () => {
  it('say course, scope, state and date in ASCII', () => {
    const title = 'International Migration Law and Return Migration';
    expect(exportFileName(title, { scope: 'master', state: 'approved', format: 'docx' }, GENERATED)).toBe(
      'International-Migration-Law-and-Return-Migration_master_approved_2026-11-23.docx',
    );
    expect(exportFileName(title, { scope: { sectionId: 'national-kz' }, state: 'current', format: 'pdf' }, GENERATED)).toBe(
      'International-Migration-Law-and-Return-Migration_national-kz_current_2026-11-23.pdf',
    );
    expect(exportFileName('Köші-қон: Türkmen «hukuk»', { scope: 'master', state: 'current', format: 'md' }, GENERATED)).toBe(
      'Koshi-qon-Turkmen-hukuk_master_current_2026-11-23.md',
    );
    expect(exportFileName('Миграция', { scope: { sectionId: '../x' }, state: 'current', format: 'html' }, GENERATED)).toBe(
      'Migratsiya_x_current_2026-11-23.html',
    );
    expect(exportFileName('', { scope: 'master', state: 'current', format: 'md' }, GENERATED)).toBe('syllabus_master_current_2026-11-23.md');
  });

  it('transliterate a Russian course title instead of dropping it', () => {
    expect(exportFileName('Международное миграционное право и возвратная миграция', { scope: 'master', state: 'approved', format: 'pdf' }, GENERATED)).toBe(
      'Mezhdunarodnoe-migratsionnoe-pravo-i-vozvratnaya-migratsiya_master_approved_2026-11-23.pdf',
    );
    expect(exportFileName('Ҳуқуқи муҳоҷират: Ўзбекистон', { scope: 'master', state: 'current', format: 'md' }, GENERATED)).toBe(
      'Huquqi-muhojirat-Uzbekiston_master_current_2026-11-23.md',
    );
  });
});
