/**
 * `npm run bench`: our collab server beside the y-websocket 1.x reference server (in memory) and
 * hocuspocus 4 with its SQLite extension, each a child process on 127.0.0.1, driven by the same
 * load generator in this process. Fan-out latency (a) runs all servers at once and measures them in
 * turn, round after round; the other phases run one server at a time, phase by phase (so that the
 * three servers of one phase run within the same minute or two).
 *
 *   npm run bench                  the full run (~15 minutes)
 *   npm run bench -- --quick       a ~1 minute smoke run
 *   npm run bench -- --resilience  the long resilience suite instead (see bench/resilience.ts)
 *   options: --servers=ours,y-websocket-v1,hocuspocus  --phases=fanout,cold,throughput,export,validation,memory,slow-link
 *            --profile (servers write V8 CPU profiles to bench/results/profiles/)
 *            --no-pin (the ramp without taskset: server and load generator share every core)
 *
 * Results: a table on stdout, and JSON in bench/results/<timestamp>.json and latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ExportPhase, exportPhase } from './lib/export-phase';
import { goals } from './lib/goals';
import { type CyclesPhase, cyclesPhase } from './lib/memory-phase';
import { type Row, type ServerResults, buildRows, renderTable } from './lib/report';
import { type Settings, coldLoadPhase, pairedFanoutPhase, rampPhase, throughputPhase } from './lib/scenarios';
import { SERVER_KINDS, SERVER_LABELS, type ServerKind } from './lib/servers';
import { type SlowLinkPhase, slowLinkGoals, slowLinkPhase, slowLinkRows } from './lib/slow-link';
import { runResilience } from './resilience';
import { type ValidationPhase, validationPhase } from './lib/validation';

const RESULTS_DIR = path.resolve(__dirname, 'results');

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function option(name: string): string | null {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : null;
}

function settingsFor(quick: boolean, profileDir: string | null, rampPinned: boolean): Settings {
  const serverFlags = (kind: ServerKind, phase: string) =>
    // One directory per server and phase: Node names the files itself, one per thread (tsx's loader
    // runs in a worker thread of its own, and a fixed name would let it overwrite the main thread's).
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, `${kind}-${phase}`)}`] : [];
  if (quick) {
    return {
      quick,
      rampBudgetMs: Number(process.env.BENCH_RAMP_BUDGET_MS ?? 15_000),
      rampSteps: (process.env.BENCH_RAMP_STEPS ?? '50,100,200').split(',').map(Number),
      rampPinned,
      singleSection: { typingRate: 5, warmupMs: 500, measureMs: 3000, drainMs: 2000 },
      rampStep: { typingRate: 5, warmupMs: 500, measureMs: 2000, drainMs: 2000 },
      manySections: { typingRate: 5, warmupMs: 500, measureMs: 3000, drainMs: 2000 },
      probesPerSection: 2,
      fanoutRepeats: 1,
      coldRestarts: 1,
      fullClientLoads: 3,
      loadedSections: 10,
      replayTxns: 15_000,
      replayWindow: 500,
      openCloseCycles: 5_000,
      serverFlags,
    };
  }
  return {
    quick,
    // Enough for every step to 800 editors (#21 asks for 400).
    rampBudgetMs: 90_000,
    rampSteps: [50, 100, 200, 300, 400, 500, 600, 800],
    rampPinned,
    singleSection: { typingRate: 5, warmupMs: 1000, measureMs: 8000, drainMs: 3000 },
    rampStep: { typingRate: 5, warmupMs: 1000, measureMs: 3000, drainMs: 2000 },
    manySections: { typingRate: 5, warmupMs: 1000, measureMs: 8000, drainMs: 3000 },
    probesPerSection: 2,
    // A multiple of the number of servers: each is measured first, second and last equally often.
    // Latencies after a server has sat idle a minute or more are 2–4× higher for every server (measured
    // 80 s against 10 s idle: ours 18 vs 5–7 ms, the reference 23–51 vs 10–12 ms), and the last in a
    // round has sat idle longest.
    fanoutRepeats: 6,
    coldRestarts: 3,
    fullClientLoads: 5,
    loadedSections: 10,
    replayTxns: Number.POSITIVE_INFINITY,
    replayWindow: 500,
    openCloseCycles: 50_000,
    serverFlags,
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

async function main(): Promise<void> {
  process.setMaxListeners(0);
  if (flag('resilience')) {
    const ok = await runResilience({ quick: flag('quick') });
    process.exit(ok ? 0 : 1);
  }
  const quick = flag('quick');
  const kinds = (option('servers')?.split(',') ?? SERVER_KINDS).filter((k): k is ServerKind => (SERVER_KINDS as string[]).includes(k));
  if (!kinds.includes('ours')) kinds.unshift('ours');
  const phases = option('phases')?.split(',') ?? ['fanout', 'cold', 'throughput', 'export', 'validation', 'memory', 'slow-link'];
  const profileDir = flag('profile') ? path.join(RESULTS_DIR, 'profiles') : null;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const settings = settingsFor(quick, profileDir, !flag('no-pin'));
  const log = (line: string) => console.log(line);
  const startedAt = new Date();
  const load: { phase: string; loadavg1: number }[] = [];
  const noteLoad = (phase: string) => load.push({ phase, loadavg1: Math.round(os.loadavg()[0] * 100) / 100 });
  console.log(`Benchmark (${quick ? 'quick' : 'full'}) on ${os.cpus().length} cores, Node ${process.version}; servers: ${kinds.join(', ')}`);
  if (os.loadavg()[0] > os.cpus().length * 0.5) {
    console.log(`  note: the machine is already busy (load average ${os.loadavg()[0].toFixed(2)}); latencies will suffer for every server alike`);
  }
  const results: Partial<Record<ServerKind, ServerResults>> = {};
  for (const kind of kinds) results[kind] = {};
  const failures: string[] = [];
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      failures.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`  ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };
  if (phases.includes('fanout')) {
    console.log(`\n(a) fan-out latency: every server running, measured in turn, ${settings.fanoutRepeats} round(s)`);
    noteLoad('fanout');
    let paired: Awaited<ReturnType<typeof pairedFanoutPhase>> = {};
    await attempt('fanout', async () => void (paired = await pairedFanoutPhase(kinds, settings, log)));
    console.log('\n(b) the most editors in one section');
    for (const kind of kinds) {
      noteLoad(`ramp ${kind}`);
      const fanout = paired[kind];
      // A failed ramp keeps the paired rounds: their goals are judged all the same.
      if (fanout) results[kind]!.fanout = { ...fanout, ramp: [], maxEditors: 0, rampStoppedBecause: 'the ramp failed', rampPinning: 'n/a' };
      await attempt(`ramp ${kind}`, async () => {
        const ramp = await rampPhase(kind, settings, log);
        if (fanout) results[kind]!.fanout = { ...fanout, ...ramp };
      });
    }
  }
  const serverPhases: { name: string; title: string; run: (kind: ServerKind) => Promise<void> }[] = [
    {
      name: 'cold',
      title: '(c, d) cold load of seph-blog1 and memory per loaded section',
      run: async (kind) => void (results[kind]!.cold = await coldLoadPhase(kind, settings, log)),
    },
    {
      name: 'throughput',
      title: `(e, f) sustained updates/s replaying seph-blog1${Number.isFinite(settings.replayTxns) ? ` (first ${settings.replayTxns} txns)` : ''}, and storage after it`,
      run: async (kind) => void (results[kind]!.throughput = await throughputPhase(kind, settings, log)),
    },
  ];
  // Phase by phase, every server in turn: the servers of one phase run within the same minute or two.
  for (const phase of serverPhases.filter((p) => phases.includes(p.name))) {
    console.log(`\n${phase.title}`);
    for (const kind of kinds) {
      noteLoad(`${phase.name} ${kind}`);
      await attempt(`${phase.name} ${kind}`, () => phase.run(kind));
    }
  }
  let exports: ExportPhase | null = null;
  if (phases.includes('export')) {
    console.log('\n(g) export of the full master, and fan-out in another section meanwhile');
    noteLoad('export');
    await attempt('export', async () => {
      const phase = await exportPhase(settings, log);
      exports = phase;
      console.log(`  ${phase.note}${phase.available ? `: DOCX ${phase.docxMs} ms, PDF ${phase.pdfMs} ms (medians)` : ''}`);
    });
  }
  let validation: ValidationPhase | null = null;
  if (phases.includes('validation')) {
    console.log('\n(h) checking an incoming update (client ids, schema) against applying it');
    await attempt('validation', async () => void (validation = validationPhase(quick, log)));
  }
  let cycles: CyclesPhase | null = null;
  if (phases.includes('memory')) {
    console.log(`\n(d) memory over ${settings.openCloseCycles.toLocaleString('en-US')} open/close cycles (ours)`);
    noteLoad('memory');
    await attempt('memory', async () => void (cycles = await cyclesPhase(settings, log)));
  }
  let slowLink: SlowLinkPhase | null = null;
  if (phases.includes('slow-link')) {
    console.log('\n(i) first and repeat visits over a slow link (Chromium network emulation)');
    noteLoad('slow-link');
    await attempt('slow-link', async () => void (slowLink = await slowLinkPhase(log)));
  }
  noteLoad('end');
  const rows: Row[] = buildRows(results, exports, validation, cycles);
  const suggestion = (validation as ValidationPhase | null)?.suggestParagraph;
  rows.push({
    id: 'h.suggestion',
    metric: "(h') judging a reviewer's suggestion (#17) in a paragraph of syllabus size, as a ratio to applying it",
    unit: '× apply',
    better: 'lower',
    values: { ours: suggestion?.ratio ?? null },
    ratios: {},
    note: suggestion
      ? `${suggestion.checkUsPerUpdate} µs judging, ${suggestion.applyUsPerUpdate} µs apply per update over ${suggestion.updates} updates (${suggestion.characters} characters); one paragraph of ${(validation as ValidationPhase | null)?.suggestWorst?.characters} characters: ${(validation as ValidationPhase | null)?.suggestWorst?.ratio}×`
      : 'not run',
  });
  rows.push(...slowLinkRows(slowLink));
  const table = renderTable(rows, kinds);
  const goalList = [...goals({ results, exports, validation, cycles }), ...slowLinkGoals(slowLink)];
  console.log('\nResults (ours/peer: below 1× is better where lower is better, above 1× where higher is better)\n');
  console.log(table);
  console.log('\nDurability during (e):');
  for (const kind of kinds) {
    const t = results[kind]?.throughput;
    if (t) console.log(`  ${SERVER_LABELS[kind]}: ${t.durability}; storage: ${t.storageDetail}`);
  }
  console.log('\nGoals for our server:');
  for (const goal of goalList) {
    const verdict = goal.met === null ? 'not judged' : goal.met ? 'met' : 'MISSED';
    console.log(`  [${verdict}] ${goal.goal}: ${goal.value} (target ${goal.target})`);
  }
  const exportFanout = exports as ExportPhase | null;
  const harness = kinds
    .map((kind) => results[kind]?.fanout)
    .filter((f) => f !== undefined)
    .flatMap((f) => [f.single, f.many, ...f.ramp])
    .concat(exportFanout?.idle ?? [], exportFanout?.during ?? [])
    .reduce((max, r) => Math.max(max, r.harnessLoopDelayP99Ms), 0);
  console.log(`\nLoad generator: worst event-loop delay p99 during a measurement ${harness} ms; machine load average: ${load.map((l) => `${l.phase} ${l.loadavg1}`).join(', ')}`);
  if (failures.length > 0) console.log(`\nFailed parts:\n  ${failures.join('\n  ')}`);
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: machine(),
    load,
    settings: { ...settings, replayTxns: Number.isFinite(settings.replayTxns) ? settings.replayTxns : 'all', serverFlags: undefined },
    servers: Object.fromEntries(kinds.map((k) => [k, SERVER_LABELS[k]])),
    table: rows,
    goals: goalList,
    results,
    validation,
    exports,
    cycles,
    slowLink,
    failures,
    tableText: table,
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = path.join(RESULTS_DIR, `${stamp}${quick ? '-quick' : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nSaved ${path.relative(process.cwd(), file)} and bench/results/latest.json (${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s)`);
  process.exit(failures.length > 0 ? 1 : 0);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
