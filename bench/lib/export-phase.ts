/**
 * (g) Export of the full master (10 sections of seph-blog1's size) on our server: how long a DOCX
 * and a PDF take from the request to the file being ready, and what exporting does to the people
 * typing meanwhile: the fan-out p99 of 20 editors in another section while exports run back to
 * back, against the same group's p99 with nothing exported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { signIn } from '../../tests/support/workspace';
import { connectorFor } from './clients';
import { type FanoutResult, SectionGroup, Tracker, measureFanout, round, sleep } from './fanout';
import { type Settings, withServer } from './scenarios';
import { masterSeed } from './seeds';
import { BENCH_PASSWORD, ROOT, type RunningServer, benchEmail, benchSection, prepareStorage } from './servers';
import { median } from './stats';

type Format = 'docx' | 'pdf';

export interface ExportPhase {
  available: boolean;
  note: string;
  /** The first export after the start, not counted (pdf). */
  warmupMs: number | null;
  docxRunsMs: number[];
  pdfRunsMs: number[];
  /** Medians of the runs, request → file ready. */
  docxMs: number | null;
  pdfMs: number | null;
  /** 20 editors typing in a bench section, nothing exported. */
  idle: FanoutResult | null;
  /** The same group while master exports run one after the other, the formats alternating. */
  during: FanoutResult | null;
  /** Exports that finished while `during` was measured (its warm-up and drain included). */
  exportsDuring: number;
  /** during p99 ÷ idle p99. */
  fanoutRatio: number | null;
}

const POLL_MS = 20;
const EXPORT_TIMEOUT_MS = 120_000;
const RUNS_PER_FORMAT = 3;

type Outcome = { ok: true; ms: number } | { ok: false; why: string };

/** One export of the master: POST, then polled every 20 ms until it is done; timed end to end. */
async function timedExport(server: RunningServer, headers: Record<string, string>, format: Format): Promise<Outcome> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/exports`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ scope: 'master', state: 'current', format }),
  });
  if (response.status >= 300) {
    const body = await response.text();
    return { ok: false, why: `POST /api/exports answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}` };
  }
  const job = (await response.json()) as { id: string; status: string; error: string | null };
  let { status, error } = job;
  while (status !== 'done' && status !== 'failed' && performance.now() - started < EXPORT_TIMEOUT_MS) {
    await sleep(POLL_MS);
    const poll = await fetch(`${server.url}/api/exports/${job.id}`, { headers });
    if (poll.status >= 300) return { ok: false, why: `GET /api/exports/:id answered ${poll.status}` };
    ({ status, error } = (await poll.json()) as { status: string; error: string | null });
  }
  if (status !== 'done') return { ok: false, why: `${format} export ${status}${error ? `: ${error}` : ''}` };
  return { ok: true, ms: round(performance.now() - started) };
}

function unavailable(note: string): ExportPhase {
  return {
    available: false,
    note,
    warmupMs: null,
    docxRunsMs: [],
    pdfRunsMs: [],
    docxMs: null,
    pdfMs: null,
    idle: null,
    during: null,
    exportsDuring: 0,
    fanoutRatio: null,
  };
}

/** (g), on our server only (the peers have no exports). */
export async function exportPhase(settings: Settings, log: (line: string) => void): Promise<ExportPhase> {
  if (!fs.existsSync(path.join(ROOT, 'server/exports'))) return unavailable('n/a (exports not built)');
  return withServer(
    'ours',
    'export',
    settings,
    (storage) => prepareStorage(storage, { sections: 1, seed: masterSeed() }),
    async (server) => {
      const cookie = await signIn(server.url, benchEmail(1), BENCH_PASSWORD);
      const headers = { 'Content-Type': 'application/json', Origin: server.url, Cookie: cookie };
      const tracker = new Tracker();
      const group = new SectionGroup(benchSection(1), await connectorFor(server), tracker);
      try {
        await group.growTo(20, settings.probesPerSection);
        const warmup = await timedExport(server, headers, 'pdf');
        if (!warmup.ok) return unavailable(`n/a (${warmup.why})`);
        log(`  ours master export, warm-up (pdf): ${warmup.ms} ms`);
        const runs: Record<Format, number[]> = { docx: [], pdf: [] };
        for (const format of ['docx', 'pdf'] as const) {
          for (let i = 0; i < RUNS_PER_FORMAT; i++) {
            const outcome = await timedExport(server, headers, format);
            if (!outcome.ok) return { ...unavailable(`n/a (${outcome.why})`), warmupMs: warmup.ms, ...runsOf(runs) };
            runs[format].push(outcome.ms);
          }
          log(`  ours master export (${format}): ${runs[format].join(', ')} ms`);
        }
        const fanout = { ...settings.manySections, measureMs: 6000 };
        // Typing's first seconds on a fresh server (compiling its hot paths) are no part of either measurement.
        await measureFanout(server, tracker, [group], settings.rampStep);
        const idle = await measureFanout(server, tracker, [group], fanout);
        let exporting = true;
        let exportsDuring = 0;
        const failures: string[] = [];
        const exportsLoop = (async () => {
          for (let i = 0; exporting; i++) {
            const outcome = await timedExport(server, headers, i % 2 === 0 ? 'pdf' : 'docx');
            if (outcome.ok) exportsDuring++;
            else {
              failures.push(outcome.why);
              await sleep(100);
            }
          }
        })();
        let during: FanoutResult;
        try {
          during = await measureFanout(server, tracker, [group], fanout);
        } finally {
          exporting = false;
          await exportsLoop;
        }
        const fanoutRatio = idle.p99Ms > 0 && Number.isFinite(idle.p99Ms) ? round(during.p99Ms / idle.p99Ms, 2) : null;
        log(
          `  fan-out p99 of 20 editors in another section: idle ${idle.p99Ms} ms, during exports ${during.p99Ms} ms (${fanoutRatio}×; ` +
            `${exportsDuring} exports finished meanwhile${failures.length ? `, ${failures.length} failed: ${failures[0]}` : ''})`,
        );
        return {
          available: true,
          note: 'the master: 10 sections of ~57k characters each (seph-blog1), request → file ready',
          warmupMs: warmup.ms,
          ...runsOf(runs),
          idle,
          during,
          exportsDuring,
          fanoutRatio,
        };
      } finally {
        group.destroy();
      }
    },
  );
}

function runsOf(runs: Record<Format, number[]>): Pick<ExportPhase, 'docxRunsMs' | 'pdfRunsMs' | 'docxMs' | 'pdfMs'> {
  return {
    docxRunsMs: runs.docx,
    pdfRunsMs: runs.pdf,
    docxMs: runs.docx.length ? median(runs.docx) : null,
    pdfMs: runs.pdf.length ? median(runs.pdf) : null,
  };
}
