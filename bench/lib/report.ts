/** The results table: ours beside each peer, with ours/peer ratios, as text and as JSON. */
import type { ExportPhase } from './export-phase';
import { cpuUsPerInsert } from './fanout';
import type { CyclesPhase } from './memory-phase';
import type { ColdLoadPhase, FanoutPhase, ThroughputPhase } from './scenarios';
import type { ValidationPhase } from './validation';
import { SERVER_KINDS, SERVER_LABELS, type ServerKind } from './servers';

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
  /** Measured on our server only: the peers' columns show a dash. */
  oursOnly?: boolean;
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

const cpuPerInsert = (f: FanoutPhase['single'] | undefined) => (f ? cpuUsPerInsert(f) : undefined);

/** A row of our server alone. */
function oursRow(id: string, metric: string, unit: string, value: number | null | undefined, note: string): Row {
  return { id, metric, unit, better: 'lower', values: { ours: value ?? null }, ratios: {}, note, oursOnly: true };
}

export function buildRows(
  results: Partial<Record<ServerKind, ServerResults>>,
  exports: ExportPhase | null,
  validation: ValidationPhase | null = null,
  cycles: CyclesPhase | null = null,
): Row[] {
  const rows: Row[] = [
    row('a.p50.1x50', '(a) fan-out p50, 1 section × 50 editors, 5 chars/s each', 'ms', 'lower', results, (r) => r.fanout?.single.p50Ms),
    row('a.p99.1x50', '(a) fan-out p99, 1 section × 50 editors', 'ms', 'lower', results, (r) => r.fanout?.single.p99Ms),
    row('a.p50.10x20', '(a) fan-out p50, 10 sections × 20 editors', 'ms', 'lower', results, (r) => r.fanout?.many.p50Ms),
    row('a.p99.10x20', '(a) fan-out p99, 10 sections × 20 editors', 'ms', 'lower', results, (r) => r.fanout?.many.p99Ms),
    row('a.cpu.1x50', '(a) server CPU per typed insert, 1 × 50 (fan-out to 49)', 'µs', 'lower', results, (r) => cpuPerInsert(r.fanout?.single)),
    row('b.max', '(b) most editors in one section at p99 < 100 ms', 'editors', 'higher', results, (r) => r.fanout?.maxEditors, results.ours?.fanout?.rampPinning),
    row('c.first', '(c) cold load seph-blog1, connect → whole state received: first section after a start', 'ms', 'lower', results, (r) => r.cold?.firstLoadMedianMs),
    row('c.next', '(c) same, further sections, median', 'ms', 'lower', results, (r) => r.cold?.laterLoadMedianMs),
    row('c.full', '(c) connect → synced for a y-websocket provider (adds the client applying it), median', 'ms', 'lower', results, (r) => r.cold?.fullClientLoadMedianMs),
    row('d.rss1', '(d) RSS per loaded seph-blog1 section (10 loaded)', 'MB', 'lower', results, (r) => r.cold?.perSection.rssMb),
    row('d.heap1', '(d) heap used per loaded section (10 loaded)', 'MB', 'lower', results, (r) => r.cold?.perSection.heapUsedMb),
    row('d.rss10', '(d) RSS with 10 loaded sections', 'MB', 'lower', results, (r) => r.cold?.tenSections.rssMb),
    row('d.heap10', '(d) heap used with 10 loaded sections', 'MB', 'lower', results, (r) => r.cold?.tenSections.heapUsedMb),
    row(
      'd.state.read',
      '(d) heap per loaded section as a multiple of its encoded state, sections being read',
      '× state',
      'lower',
      results,
      (r) => r.cold?.perSectionMultiple.read.heap,
      multipleNote(results.ours?.cold, 'read'),
    ),
    row(
      'd.state.edited',
      '(d) same, after one typed character in each section',
      '× state',
      'lower',
      results,
      (r) => r.cold?.perSectionMultiple.edited.heap,
      multipleNote(results.ours?.cold, 'edited'),
    ),
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
  if (cycles) {
    rows.push(
      oursRow(
        'd.cycles',
        `(d) heap growth over ${cycles.cycles.toLocaleString('en-US')} open/close cycles (after GC, from the warm baseline to the end)`,
        'MB',
        cycles.heapGrowthMb,
        `${cycles.baseline.heapUsedMb} → ${cycles.end.heapUsedMb} MB heap from cycle ${cycles.warmCycles}, RSS ${cycles.baseline.rssMb} → ${cycles.end.rssMb} MB; ` +
          `${cycles.end.documents} sections loaded at the end; ${cycles.workers} at a time over ${cycles.sections} sections of ${cycles.sectionStateBytes} bytes` +
          `${cycles.failedCycles ? `; ${cycles.failedCycles} cycles failed: ${cycles.firstFailure}` : ''}`,
      ),
      { ...oursRow('d.cycles.rate', '(d) open/close cycles per second (connect, sync, close)', 'cycles/s', cycles.cyclesPerSecond, `over ${cycles.seconds} s`), better: 'higher' },
    );
  }
  const exportNote = exports?.note ?? 'not run';
  rows.push(
    oursRow('g.export.docx', '(g) export of the full master, DOCX (median of 3)', 'ms', exports?.docxMs, exports?.docxRunsMs.length ? `runs ${exports.docxRunsMs.join(', ')} ms; ${exportNote}` : exportNote),
    oursRow('g.export.pdf', '(g) export of the full master, PDF (median of 3)', 'ms', exports?.pdfMs, exports?.pdfRunsMs.length ? `runs ${exports.pdfRunsMs.join(', ')} ms; warm-up ${exports.warmupMs} ms` : exportNote),
    oursRow(
      'g.export.fanout',
      '(g) fan-out p99 of 20 editors in another section while exports run, as a multiple of its idle p99',
      '× idle',
      exports?.fanoutRatio,
      exports?.idle && exports.during
        ? `idle p99 ${exports.idle.p99Ms} ms (p50 ${exports.idle.p50Ms}), during exports p99 ${exports.during.p99Ms} ms (p50 ${exports.during.p50Ms}); ${exports.exportsDuring} exports finished meanwhile`
        : exportNote,
    ),
  );
  rows.push({
    id: 'h.validation',
    metric: '(h) checking an incoming update (client ids, schema), as a ratio to applying it',
    unit: '× apply',
    better: 'lower',
    values: { ours: validation?.ratio ?? null },
    ratios: {},
    note: validation ? `${validation.checkUsPerUpdate} µs check, ${validation.applyUsPerUpdate} µs apply per update over ${validation.updates} updates` : 'not run',
    oursOnly: true,
  });
  return rows;
}

function multipleNote(cold: ColdLoadPhase | undefined, which: 'read' | 'edited'): string | undefined {
  if (!cold) return undefined;
  const m = cold.perSectionMultiple[which];
  return `ours: heap with buffers ${m.heapAndExternal}× (state ${cold.updateBytes} bytes, ${cold.sectionsLoaded} sections loaded)`;
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
    ...kinds.map((k) => ((r.oursOnly || r.id.startsWith('h.') || r.id.startsWith('i.')) && k !== 'ours' ? '—' : fmt(r.values[k]))),
    ...peers.map((k) => fmtRatio(r.ratios[k])),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const render = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [render(header), `|${widths.map((w, i) => (i < 2 ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`, ...lines.map(render)].join('\n');
}
