/**
 * The render pool: exports render on a thread of their own into the same file as in this process;
 * a thread that dies fails only the export it held, and the next export gets a new thread; and
 * the jobs waiting for a thread are bounded, the next one refused in words a person can act on.
 */
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ExportError } from '../../server/exports/errors';
import { renderExport } from '../../server/exports/formats';
import { type ExportJob, ExportJobs } from '../../server/exports/jobs';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import { EXPORT_FORMATS, type ExportRequest, type MasterDocument, type RenderOptions } from '../../server/exports/model';
import { RenderPool } from '../../server/exports/render-pool';
import { richSectionJSON } from '../support/sample-content';

const MISBEHAVING = path.join(__dirname, '../support/misbehaving-render-thread.ts');
const OPTIONS: RenderOptions = { state: 'current', includeComments: true, includeApprovalRecord: true, locale: 'ru' };
const GENERATED = new Date('2026-09-14T16:45:00Z');

function master(courseTitle?: string): MasterDocument {
  return MemoryMasterSource.forOutline(
    (outline) => ({
      current: richSectionJSON(),
      openComments: outline.id === 'regional-1' ? [{ quote: 'Тоҷикӣ', body: 'Тоҷикӣ or Тоҷики?', author: 'Фарида', createdAt: '2026-09-01T09:00:00Z', replies: [] }] : [],
    }),
    { courseTitle, now: () => GENERATED },
  ).load('current');
}

const request = (personId: number): [ExportRequest, number, MasterDocument] => [
  { scope: 'master', state: 'current', format: 'md', includeComments: false, includeApprovalRecord: false, locale: 'en' },
  personId,
  master(),
];

/** The text of every part of a DOCX file but its properties (which hold the time it was made). */
function docxText(file: Buffer): string {
  const parts = unzipSync(new Uint8Array(file));
  return Object.keys(parts)
    .filter((name) => name.endsWith('.xml') && name !== 'docProps/core.xml')
    .sort()
    .map((name) => strFromU8(parts[name]).replace(/<[^>]+>/g, ' '))
    .join('\n');
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the render to fail');
}

describe('the render pool', () => {
  let pool: RenderPool;
  let quiet: jest.SpyInstance;

  beforeEach(() => {
    quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await pool?.close();
    quiet.mockRestore();
  });

  it('renders every format into the very file this process renders, reporting each section', async () => {
    pool = new RenderPool();
    expect(pool.threads).toBe(0);
    const document = master();
    for (const format of EXPORT_FORMATS) {
      const progress: number[] = [];
      const onThread = await pool.render(document, format, OPTIONS, (done) => progress.push(done));
      const inProcess = await renderExport(document, format, OPTIONS);
      // The same bytes, the generation date included (a Date, cloned to the thread). DOCX files
      // differ from one render to the next (relationship ids, times) but not in their text.
      if (format === 'docx') expect(docxText(onThread)).toBe(docxText(inProcess));
      else expect(onThread.equals(inProcess)).toBe(true);
      expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    expect(pool.threads).toBe(1);
  });

  it('starts its threads ahead of the first export when warmed, and renders on them', async () => {
    pool = new RenderPool({ size: 2 });
    pool.warm();
    expect(pool.threads).toBe(2);
    pool.warm();
    expect(pool.threads).toBe(2);
    const file = await pool.render(master(), 'md', OPTIONS);
    expect(file.toString('utf8')).toContain('Тоҷикӣ or Тоҷики?');
    expect(pool.threads).toBe(2);
    await pool.close();
    pool.warm();
    expect(pool.threads).toBe(0);
  });

  it('fails an export whose section cannot be handed over, and renders the next on the same thread without any of it', async () => {
    pool = new RenderPool();
    const broken = master();
    // Something no thread can be sent (a caller's bug): the second section is refused half way.
    broken.sections[1] = { ...broken.sections[1], content: { type: 'doc', content: [], toJSON: () => null } as never };
    const error = await failure(pool.render(broken, 'md', OPTIONS));
    expect(error.message).toMatch(/could not be cloned/);
    expect(pool.threads).toBe(1);
    const document = master();
    const onThread = await pool.render(document, 'md', OPTIONS);
    expect(onThread.equals(await renderExport(document, 'md', OPTIONS))).toBe(true);
  });

  it('fails the export whose thread exits, and renders the next one on a new thread', async () => {
    pool = new RenderPool({ thread: MISBEHAVING });
    const error = await failure(pool.render(master('exit'), 'pdf', OPTIONS));
    expect(error.message).toBe('the render thread stopped: exit code 3');
    expect(pool.threads).toBe(0);
    const file = await pool.render(master(), 'md', OPTIONS);
    expect(file.toString('utf8')).toContain('Тоҷикӣ or Тоҷики?');
  });

  it('fails the export whose thread throws, with what it threw', async () => {
    pool = new RenderPool({ thread: MISBEHAVING });
    const error = await failure(pool.render(master('throw'), 'docx', OPTIONS));
    expect(error.message).toBe('the render thread stopped: the renderer blew up');
    expect((await pool.render(master(), 'html', OPTIONS)).toString('utf8')).toContain('<!doctype html>');
  });

  it('stops a thread that renders for too long, and fails its export', async () => {
    pool = new RenderPool({ timeoutMs: 5 });
    const error = await failure(pool.render(master(), 'pdf', OPTIONS));
    expect(error.message).toBe('the render thread stopped: it took longer than 0.005 s');
    expect(pool.threads).toBe(0);
  });

  it('fails what it renders when closed, and renders nothing after', async () => {
    pool = new RenderPool();
    const rendering = failure(pool.render(master(), 'pdf', OPTIONS));
    await pool.close();
    expect((await rendering).message).toBe('the render thread stopped: the server is shutting down');
    expect((await failure(pool.render(master(), 'md', OPTIONS))).message).toBe('the server is shutting down');
  });
});

describe('export jobs on the render pool', () => {
  let jobs: ExportJobs;
  let quiet: jest.SpyInstance;

  beforeEach(() => {
    quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jobs?.close();
    quiet.mockRestore();
  });

  it('refuse a job beyond the bounded queue with 429, and take jobs again once the queue moves', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    jobs = new ExportJobs({ maxQueued: 2, render: async (...args) => (await gate, renderExport(...args)) });
    const first = jobs.create(...request(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.find(first.id, 1)?.status).toBe('running');
    const waiting = [jobs.create(...request(2)), jobs.create(...request(3))];

    let refusal: unknown;
    try {
      jobs.create(...request(4));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ExportError);
    expect(refusal).toMatchObject({ status: 429, code: 'exports-busy', message: 'the server is busy with other exports just now: try again in a minute' });

    release();
    await jobs.settled(first.id);
    expect(jobs.create(...request(4)).status).toBe('queued');
    for (const job of waiting) expect(await jobs.settled(job.id)).toMatchObject({ status: 'done' });
  });

  it('fail the job whose thread dies in words a person can read, and finish the next job', async () => {
    const events: ExportJob[] = [];
    jobs = new ExportJobs({ pool: { thread: MISBEHAVING }, onProgress: (job) => events.push(job) });
    const [exportRequest] = request(7);
    const crashed = jobs.create({ ...exportRequest, format: 'pdf' }, 7, master('exit'));
    const next = jobs.create(exportRequest, 7, master());
    expect(await jobs.settled(crashed.id)).toMatchObject({
      status: 'failed',
      error: 'The PDF file could not be built (the render thread stopped: exit code 3). Try again, or choose another format.',
    });
    expect(await jobs.settled(next.id)).toMatchObject({ status: 'done', progress: 1 });
    expect(jobs.file(next.id, 7).body.toString('utf8')).toMatch(/^# International Migration Law and Return Migration/);
    expect(events.filter((job) => job.id === next.id).map((job) => job.status)).toEqual(['queued', 'running', ...Array(10).fill('running'), 'done']);
  });
});
