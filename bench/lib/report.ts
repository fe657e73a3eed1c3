/** The results table: ours beside each peer, with ours/peer ratios, as text and as JSON. */
import type { ColdLoadPhase, ExportPhase, FanoutPhase, ThroughputPhase } from './scenarios';
import type { ValidationPhase } from './validation';
import { SERVER_KINDS, SERVER_LABELS, type ServerKind } from './servers';
import { median } from './stats';

export interface ServerResults {
  fanout?: FanoutPhase;
  cold?: ColdLoadPhase;
  throughput?: ThroughputPhase;
}

export interface Row {
  id: string;
  metric: string;
  unit: string;
  better: 'lower' | 'higher';
  values: Partial<Record<ServerKind, number | null>>;
  /** ours / peer, for each peer with a value. */
  ratios: Partial<Record<ServerKind, number | null>>;
  note?: string;
}

export interface Goal {
  goal: string;
  target: string;
  value: string;
  met: boolean | null;
}

type Pick = (r: ServerResults) => number | null | undefined;

function row(id: string, metric: string, unit: string, better: Row['better'], results: Partial<Record<ServerKind, ServerResults>>, pick: Pick, note?: string): Row {
  const values: Row['values'] = {};
  for (const kind of SERVER_KINDS) {
    const r = results[kind];
    if (!r) continue;
    const v = pick(r);
    values[kind] = v === undefined ? null : v;
  }
  const ratios: Row['ratios'] = {};
  const ours = values.ours;
  for (const kind of SERVER_KINDS) {
    if (kind === 'ours' || values[kind] === undefined) continue;
    const peer = values[kind];
    ratios[kind] = ours === null || ours === undefined || peer === null || peer === undefined || peer === 0 || !Number.isFinite(peer) ? null : ours / peer;
  }
  return { id, metric, unit, better, values, ratios, note };
}

const cpuPerInsert = (f: FanoutPhase['single'] | undefined) =>
  f ? Math.round(((f.serverCpuPercent / 100) * f.measuredMs * 1000) / Math.max(1, f.opsCounted)) : undefined;

export function buildRows(results: Partial<Record<ServerKind, ServerResults>>, exports: ExportPhase | null, validation: ValidationPhase | null = null): Row[] {
  const rows: Row[] = [
    row('a.p50.1x50', '(a) fan-out p50, 1 section × 50 editors, 5 chars/s each', 'ms', 'lower', results, (r) => r.fanout?.single.p50Ms),
    row('a.p99.1x50', '(a) fan-out p99, 1 section × 50 editors', 'ms', 'lower', results, (r) => r.fanout?.single.p99Ms),
    row('a.p50.10x20', '(a) fan-out p50, 10 sections × 20 editors', 'ms', 'lower', results, (r) => r.fanout?.many.p50Ms),
    row('a.p99.10x20', '(a) fan-out p99, 10 sections × 20 editors', 'ms', 'lower', results, (r) => r.fanout?.many.p99Ms),
    row('a.cpu.1x50', '(a) server CPU per typed insert, 1 × 50 (fan-out to 49)', 'µs', 'lower', results, (r) => cpuPerInsert(r.fanout?.single)),
    row('b.max', '(b) most editors in one section at p99 < 100 ms', 'editors', 'higher', results, (r) => r.fanout?.maxEditors),
    row('c.first', '(c) cold load seph-blog1, connect → whole state received: first section after a start', 'ms', 'lower', results, (r) => r.cold?.firstLoadMedianMs),
    row('c.next', '(c) same, further sections, median', 'ms', 'lower', results, (r) => r.cold?.laterLoadMedianMs),
    row('c.full', '(c) connect → synced for a y-websocket provider (adds the client applying it), median', 'ms', 'lower', results, (r) => r.cold?.fullClientLoadMedianMs),
    row('d.rss1', '(d) RSS per loaded seph-blog1 section (10 loaded)', 'MB', 'lower', results, (r) => r.cold?.perSection.rssMb),
    row('d.heap1', '(d) heap used per loaded section (10 loaded)', 'MB', 'lower', results, (r) => r.cold?.perSection.heapUsedMb),
    row('d.rss10', '(d) RSS with 10 loaded sections', 'MB', 'lower', results, (r) => r.cold?.tenSections.rssMb),
    row('d.heap10', '(d) heap used with 10 loaded sections', 'MB', 'lower', results, (r) => r.cold?.tenSections.heapUsedMb),
    row('e.ups', '(e) sustained accepted updates/s (seph-blog1 replay)', 'updates/s', 'higher', results, (r) => r.throughput?.updatesPerSecond),
    row(
      'f.state',
      "(f) the section's stored state after the trace (compacted)",
      'KiB',
      'lower',
      results,
      (r) => (r.throughput?.sectionStateBytes === null || r.throughput?.sectionStateBytes === undefined ? null : Math.round(r.throughput.sectionStateBytes / 1024)),
    ),
    row(
      'f.bytes',
      '(f) database files after the trace (ours: the whole workspace)',
      'KiB',
      'lower',
      results,
      (r) => (r.throughput?.storageBytes === null || r.throughput?.storageBytes === undefined ? null : Math.round(r.throughput.storageBytes / 1024)),
    ),
  ];
  rows.push({
    id: 'g.export',
    metric: '(g) export of the full master',
    unit: 'ms',
    better: 'lower',
    values: { ours: exports?.masterExportMs ?? null },
    ratios: {},
    note: exports?.note ?? 'not run',
  });
  rows.push({
    id: 'h.validation',
    metric: '(h) checking an incoming update (client ids, schema), as a ratio to applying it',
    unit: '× apply',
    better: 'lower',
    values: { ours: validation?.ratio ?? null },
    ratios: {},
    note: validation ? `${validation.checkUsPerUpdate} µs check, ${validation.applyUsPerUpdate} µs apply per update over ${validation.updates} updates` : 'not run',
  });
  return rows;
}

function fmt(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return String(Math.round(value * 10) / 10);
}

function fmtRatio(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value.toFixed(2)}×`;
}

/** A fixed-width text table (also valid Markdown). */
export function renderTable(rows: Row[], kinds: ServerKind[]): string {
  const peers = kinds.filter((k) => k !== 'ours');
  const header = ['metric', 'unit', ...kinds.map((k) => SERVER_LABELS[k]), ...peers.map((k) => `ours/${k}`)];
  const lines = rows.map((r) => [
    r.metric,
    `${r.unit} (${r.better} is better)`,
    ...kinds.map((k) => ((r.id === 'g.export' || r.id.startsWith('h.')) && k !== 'ours' ? '—' : fmt(r.values[k]))),
    ...peers.map((k) => fmtRatio(r.ratios[k])),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [render(header), `|${widths.map((w, i) => (i < 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`, ...lines.map(render)].join('\n');
}

export function goals(results: Partial<Record<ServerKind, ServerResults>>, validation: ValidationPhase | null = null): Goal[] {
  const ours = results.ours;
  const ref = results['y-websocket-v1'];
  const list: Goal[] = [];
  if (validation) {
    list.push({
      goal: 'checking an incoming update costs at most 1.2× applying it',
      target: 'check/apply ≤ 1.2',
      value: `${validation.ratio}× (${validation.checkUsPerUpdate} vs ${validation.applyUsPerUpdate} µs per update)`,
      met: validation.ratio <= 1.2,
    });
  }
  if (ours?.fanout && ref?.fanout) {
    // Judged round by round: both servers were measured in each round, minutes apart at most,
    // while this machine drifts by more than the difference between them over a whole run.
    const single = pairedRatios(ours.fanout.single.runsP99Ms, ref.fanout.single.runsP99Ms);
    const many = pairedRatios(ours.fanout.many.runsP99Ms, ref.fanout.many.runsP99Ms);
    list.push({
      goal: 'p99 fan-out no worse than the in-memory reference, while persisting every update',
      target: 'ours/reference p99, median over the rounds, ≤ 1',
      value:
        `1×50: ${fmtRatio(single.median)} (lower in ${single.lower} of ${single.rounds} rounds; medians ${ours.fanout.single.p99Ms} vs ${ref.fanout.single.p99Ms} ms), ` +
        `10×20: ${fmtRatio(many.median)} (lower in ${many.lower} of ${many.rounds}; medians ${ours.fanout.many.p99Ms} vs ${ref.fanout.many.p99Ms} ms)`,
      met: single.median <= 1 && many.median <= 1,
    });
  }
  if (ours?.fanout) {
    list.push({
      goal: 'at least 200 editors in one section at p99 < 100 ms',
      target: '≥ 200',
      value: `${ours.fanout.maxEditors} (${ours.fanout.rampStoppedBecause})`,
      met: ours.fanout.maxEditors >= 200,
    });
  }
  if (ours?.cold) {
    list.push({
      goal: 'cold load of the seph-blog1 section under 50 ms',
      target: '< 50 ms',
      value:
        `whole state at the client: first after start ${ours.cold.firstLoadMedianMs} ms (median of ${ours.cold.firstLoadsMs.length}), ` +
        `further ${ours.cold.laterLoadMedianMs} ms; a provider synced: ${ours.cold.fullClientLoadMedianMs} ms, of which ` +
        `~${ours.cold.clientApplyMedianMs} ms is the client applying the state (Yjs, in the load generator)`,
      met: ours.cold.firstLoadMedianMs < 50 && ours.cold.laterLoadMedianMs < 50,
    });
  }
  return list;
}

/** Ours/reference per round (both measured in it), their median, and the rounds ours was lower in. */
function pairedRatios(ours: number[], reference: number[]): { median: number; lower: number; rounds: number } {
  const ratios = ours.slice(0, reference.length).map((value, round) => value / reference[round]);
  return { median: median(ratios), lower: ratios.filter((ratio) => ratio < 1).length, rounds: ratios.length };
}
