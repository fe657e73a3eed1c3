/**
 * The targets of issue #21, each judged from one run: ours against the peers measured in the same
 * run, round by round where they were measured in rounds. A target whose measurement did not run
 * (or ran too few rounds to judge) is listed with `met: null`, so that a full run names every one.
 */
import type { ExportPhase } from './export-phase';
import type { CyclesPhase } from './memory-phase';
import type { Goal, ServerResults } from './report';
import type { RoundsRun } from './scenarios';
import { SERVER_LABELS, type ServerKind } from './servers';
import type { ValidationPhase } from './validation';

/** What one run measured, as the goals read it. */
export interface Measured {
  results: Partial<Record<ServerKind, ServerResults>>;
  exports: ExportPhase | null;
  validation: ValidationPhase | null;
  cycles: CyclesPhase | null;
}

/** Paired rounds a fan-out ratio needs before it is judged (a full run has 6, the order rotated). */
const ROUNDS_NEEDED = 6;

function ratio(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`;
}

function notMeasured(goal: string, target: string, why = 'not measured in this run'): Goal {
  return { goal, target, value: why, met: null };
}

/**
 * The median, with an even count the mean of the two middle values (stats.ts's nearest rank would
 * take the lower one: of six rounds, the third best ratio for us, not the middle).
 */
function middle(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** Ours/peer per round (both measured in it), their median, and the rounds ours was lower in. */
export function pairedRatios(ours: number[], peer: number[]): { median: number; lower: number; rounds: number } {
  const ratios = ours.slice(0, peer.length).map((value, round) => value / peer[round]);
  return { median: middle(ratios), lower: ratios.filter((r) => r < 1).length, rounds: ratios.length };
}

/** Fan-out p50 and p99 at one size, ≤ `limit` × the peer's, each judged as the median of per-round ratios. */
function fanoutGoal(ours: RoundsRun | undefined, peer: RoundsRun | undefined, peerKind: ServerKind, size: string, limit: number): Goal {
  const goal = `fan-out p50 and p99 at ${size} ≤ ${limit}× ${SERVER_LABELS[peerKind]}`;
  const target = `ours/peer per round, median over ≥ ${ROUNDS_NEEDED} rounds, ≤ ${limit} for p50 and for p99`;
  if (!ours || !peer) return notMeasured(goal, target);
  const p50 = pairedRatios(ours.runsP50Ms, peer.runsP50Ms);
  const p99 = pairedRatios(ours.runsP99Ms, peer.runsP99Ms);
  const enough = p99.rounds >= ROUNDS_NEEDED;
  const value =
    `p50 ${ratio(p50.median)} (lower in ${p50.lower} of ${p50.rounds}; medians ${ours.p50Ms} vs ${peer.p50Ms} ms), ` +
    `p99 ${ratio(p99.median)} (lower in ${p99.lower} of ${p99.rounds}; medians ${ours.p99Ms} vs ${peer.p99Ms} ms)` +
    (enough ? '' : `; only ${p99.rounds} round(s), not judged`);
  return { goal, target, value, met: enough ? p50.median <= limit && p99.median <= limit : null };
}

/** Every #21 target this harness measures (the slow-link ones are slow-link.ts's). */
export function goals({ results, exports, validation, cycles }: Measured): Goal[] {
  const ours = results.ours;
  const ref = results['y-websocket-v1'];
  const list: Goal[] = [];

  for (const [peerKind, limit] of [
    ['y-websocket-v1', 0.8],
    ['hocuspocus', 0.7],
  ] as const) {
    const peer = results[peerKind]?.fanout;
    list.push(fanoutGoal(ours?.fanout?.single, peer?.single, peerKind, '1×50', limit));
    list.push(fanoutGoal(ours?.fanout?.many, peer?.many, peerKind, '10×20', limit));
  }

  {
    const goal = 'server CPU per typed insert (1×50) ≤ 1.1× the in-memory reference';
    const target = `ours/reference per round, median over ≥ ${ROUNDS_NEEDED} rounds, ≤ 1.1`;
    const o = ours?.fanout?.single;
    const r = ref?.fanout?.single;
    if (!o || !r) list.push(notMeasured(goal, target));
    else {
      const cpu = pairedRatios(o.runsCpuUsPerInsert, r.runsCpuUsPerInsert);
      const enough = cpu.rounds >= ROUNDS_NEEDED;
      list.push({
        goal,
        target,
        value:
          `${ratio(cpu.median)} (lower in ${cpu.lower} of ${cpu.rounds}; per round ${o.runsCpuUsPerInsert.join(', ')} vs ${r.runsCpuUsPerInsert.join(', ')} µs)` +
          (enough ? '' : `; only ${cpu.rounds} round(s), not judged`),
        met: enough ? cpu.median <= 1.1 : null,
      });
    }
  }

  {
    const goal = '≥ 400 editors in one section at p99 < 100 ms, the load generator on its own core';
    const target = '≥ 400 editors, nothing lost, probes converged';
    const f = ours?.fanout;
    list.push(
      f && f.ramp
        ? { goal, target, value: `${f.maxEditors} (${f.rampStoppedBecause}; ${f.rampPinning})`, met: f.maxEditors >= 400 }
        : notMeasured(goal, target),
    );
  }

  {
    const goal = 'provider-synced cold load of seph-blog1 (row c.full) ≤ 0.7× the in-memory reference';
    const target = 'ours/reference of the medians ≤ 0.7';
    const o = ours?.cold;
    const r = ref?.cold;
    if (!o || !r) list.push(notMeasured(goal, target));
    else {
      const value = o.fullClientLoadMedianMs / r.fullClientLoadMedianMs;
      list.push({
        goal,
        target,
        value: `${ratio(value)} (${o.fullClientLoadMedianMs} vs ${r.fullClientLoadMedianMs} ms, medians of ${o.fullClientLoadsMs.length} and ${r.fullClientLoadsMs.length}; ~${o.clientApplyMedianMs} ms of it the client applying the state)`,
        met: value <= 0.7,
      });
    }
  }

  {
    const goal = 'full-master export (10 sections of seph-blog1 size) < 1 s for DOCX and for PDF';
    const target = '< 1,000 ms each, median of 3';
    if (!exports?.available || exports.docxMs === null || exports.pdfMs === null) list.push(notMeasured(goal, target, exports?.note));
    else {
      list.push({
        goal,
        target,
        value: `DOCX ${exports.docxMs} ms (${exports.docxRunsMs.join(', ')}), PDF ${exports.pdfMs} ms (${exports.pdfRunsMs.join(', ')})`,
        met: exports.docxMs < 1000 && exports.pdfMs < 1000,
      });
    }
    const fanGoal = 'fan-out p99 in another section while the master is exported ≤ 1.2× its idle value';
    const fanTarget = 'p99 during exports ÷ p99 idle ≤ 1.2 (20 editors)';
    if (!exports?.idle || !exports.during || exports.fanoutRatio === null) list.push(notMeasured(fanGoal, fanTarget, exports?.note));
    else {
      list.push({
        goal: fanGoal,
        target: fanTarget,
        value: `${ratio(exports.fanoutRatio)} (${exports.during.p99Ms} vs ${exports.idle.p99Ms} ms; ${exports.exportsDuring} exports finished meanwhile)`,
        met: exports.fanoutRatio <= 1.2,
      });
    }
  }

  {
    const goal = 'validating an update (client ids, schema; row h) ≤ 1.2× applying it';
    const target = 'check/apply ≤ 1.2';
    list.push(
      validation
        ? {
            goal,
            target,
            value: `${validation.ratio}× (${validation.checkUsPerUpdate} vs ${validation.applyUsPerUpdate} µs per update)`,
            met: validation.ratio <= 1.2,
          }
        : notMeasured(goal, target),
    );
    const suggestGoal = "judging a suggestion (row h') ≤ 1.2× applying it";
    const suggestion = validation?.suggestParagraph;
    list.push(
      suggestion
        ? {
            goal: suggestGoal,
            target,
            value: `${suggestion.ratio}× (${suggestion.checkUsPerUpdate} vs ${suggestion.applyUsPerUpdate} µs per update, a paragraph of ${suggestion.characters} characters)`,
            met: suggestion.ratio <= 1.2,
          }
        : notMeasured(suggestGoal, target),
    );
  }

  {
    const goal = 'memory per loaded section ≤ 2× its encoded state (sections being read)';
    const target = 'server heap per section ÷ encoded state ≤ 2';
    const o = ours?.cold;
    if (!o) list.push(notMeasured(goal, target));
    else {
      const { read, edited } = o.perSectionMultiple;
      list.push({
        goal,
        target,
        value:
          `read ${ratio(read.heap)}, edited ${ratio(edited.heap)} (heap with buffers: ${ratio(read.heapAndExternal)}, ${ratio(edited.heapAndExternal)}; ` +
          `state ${Math.round(o.updateBytes / 1024)} KiB, 10 sections loaded)`,
        met: read.heap <= 2,
      });
    }
    const cyclesGoal = 'no memory growth over 50,000 open/close cycles';
    const cyclesTarget = 'heap after GC grows ≤ 1 MB from the warm baseline (10 % of the cycles, at least 2,500) to the end, every section unloaded';
    if (!cycles) list.push(notMeasured(cyclesGoal, cyclesTarget));
    else {
      list.push({
        goal: cyclesGoal,
        target: cyclesTarget,
        value:
          `${cycles.heapGrowthMb} MB heap (${cycles.baseline.heapUsedMb} → ${cycles.end.heapUsedMb} MB from cycle ${cycles.warmCycles}), RSS ${cycles.rssGrowthMb} MB; ` +
          `${cycles.cycles.toLocaleString('en-US')} cycles at ${cycles.cyclesPerSecond}/s; ${cycles.end.documents} sections loaded at the end` +
          `${cycles.failedCycles ? `; ${cycles.failedCycles} cycles failed` : ''}${cycles.cycles < 50_000 ? ' (quick: fewer cycles)' : ''}`,
        met: cycles.heapGrowthMb <= 1 && cycles.end.documents === 0 && cycles.failedCycles === 0,
      });
    }
  }
  return list;
}
