/**
 * Fan-out latency: editors type into shared sections at a steady rate, and every insert is followed
 * until every other client of its section has it. An insert is one character, so it is one Yjs
 * clock of its author: (clientID, clock) names it, and a receiver learns which clocks of which
 * clients it just got (a provider from its transaction's before/after state vectors, a thin client
 * from the update's header). Latency = the last arrival minus the local insert time, on one clock
 * (every client lives in this process).
 *
 * Each section has a few real WebsocketProviders ("probes": full Y.Docs, typing at random places,
 * their documents checked for convergence at the end) and a crowd of thin protocol clients
 * (thin-client.ts), so that the load generator stays cheaper than the server it loads.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { type BenchClient, type Connector, allSynced } from './clients';
import type { RunningServer } from './servers';
import { percentile } from './stats';
import type { ThinEditor } from './thin-client';

interface Op {
  sent: number;
  remaining: number;
  last: number;
  counted: boolean;
}

const CLOCK_SPACE = 2 ** 21;

/** Every insert in flight, across all sections. */
export class Tracker {
  private readonly ops = new Map<number, Op>();
  private counting = false;

  readonly arrived = (client: number, from: number, to: number): void => {
    const now = performance.now();
    for (let clock = from; clock < to; clock++) {
      const op = this.ops.get(client * CLOCK_SPACE + clock);
      if (op !== undefined) {
        op.remaining--;
        op.last = now;
      }
    }
  };

  sent(client: number, clock: number, receivers: number): void {
    this.ops.set(client * CLOCK_SPACE + clock, { sent: performance.now(), remaining: receivers, last: 0, counted: this.counting });
  }

  setCounting(on: boolean): void {
    this.counting = on;
  }

  pendingCounted(): number {
    let n = 0;
    for (const op of this.ops.values()) if (op.counted && op.remaining > 0) n++;
    return n;
  }

  latencies(): { values: number[]; incomplete: number } {
    const values: number[] = [];
    let incomplete = 0;
    for (const op of this.ops.values()) {
      if (!op.counted) continue;
      if (op.remaining > 0) {
        incomplete++;
        values.push(Number.POSITIVE_INFINITY);
      } else values.push(op.last - op.sent);
    }
    values.sort((a, b) => a - b);
    return { values, incomplete };
  }

  clear(): void {
    this.ops.clear();
  }
}

export class SectionGroup {
  readonly probes: BenchClient[] = [];
  readonly thin: ThinEditor[] = [];
  private readonly unwatch: (() => void)[] = [];

  constructor(
    readonly section: string,
    private readonly connector: Connector,
    private readonly tracker: Tracker,
  ) {}

  get size(): number {
    return this.probes.length + this.thin.length;
  }

  /** Adds real providers, and waits for them to sync. */
  async addProbes(count: number): Promise<void> {
    const fresh: BenchClient[] = [];
    for (let i = 0; i < count; i++) {
      const client = this.connector.connect(this.section);
      const onTransaction = (tr: Y.Transaction) => {
        if (tr.origin !== client.provider) return;
        tr.afterState.forEach((after, id) => {
          const before = tr.beforeState.get(id) ?? 0;
          if (after > before && id !== client.doc.clientID) this.tracker.arrived(id, before, after);
        });
      };
      client.doc.on('afterTransaction', onTransaction);
      this.unwatch.push(() => client.doc.off('afterTransaction', onTransaction));
      fresh.push(client);
    }
    this.probes.push(...fresh);
    await allSynced(fresh, 30_000);
  }

  /** Adds thin clients, in batches, each synced before the next batch. */
  async addThin(count: number, batch = 50): Promise<void> {
    for (let added = 0; added < count; added += batch) {
      const fresh = await Promise.all(
        Array.from({ length: Math.min(batch, count - added) }, () => this.connector.thin(this.section, this.tracker.arrived)),
      );
      this.thin.push(...fresh);
      await Promise.all(fresh.map((editor) => editor.whenSynced(30_000)));
    }
  }

  /** Grows the group to `size` clients, `probes` of them real providers. */
  async growTo(size: number, probes: number): Promise<void> {
    const wantProbes = Math.min(probes, size);
    if (this.probes.length < wantProbes) await this.addProbes(wantProbes - this.probes.length);
    if (this.size < size) await this.addThin(size - this.size);
  }

  /** Whether every probe holds the same text. */
  converged(): boolean {
    const texts = this.probes.map((probe) => probe.doc.getText('bench').toString());
    return texts.every((text) => text === texts[0]);
  }

  destroy(): void {
    for (const off of this.unwatch) off();
    for (const probe of this.probes) probe.destroy();
    for (const editor of this.thin) editor.close();
    this.probes.length = 0;
    this.thin.length = 0;
  }
}

export interface FanoutResult {
  sections: number;
  editorsPerSection: number;
  editors: number;
  probesPerSection: number;
  /** Inserts per second each editor was asked to type. */
  typingRate: number;
  measuredMs: number;
  opsCounted: number;
  /** Achieved inserts per second over all editors. */
  opsPerSecond: number;
  /** Inserts that had not reached every other client when the drain time ran out. */
  incomplete: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Whether every probe of every section held the same text afterwards. */
  converged: boolean;
  serverCpuPercent: number;
  serverLoopDelayP99Ms: number;
  harnessCpuPercent: number;
  harnessLoopDelayP99Ms: number;
  /** Typing ticks the load generator could not keep on time (it was busy). */
  lateTypingTicks: number;
}

export interface FanoutOptions {
  typingRate: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const letter = () => LETTERS[Math.floor(Math.random() * 26)];

/** Everybody in `groups` types for warmup + measure; the latencies of the measured inserts. */
export async function measureFanout(
  server: RunningServer,
  tracker: Tracker,
  groups: SectionGroup[],
  options: FanoutOptions,
): Promise<FanoutResult> {
  tracker.clear();
  tracker.setCounting(false);
  type Editor = { due: number; receivers: number; type: () => void };
  const editors: Editor[] = [];
  for (const group of groups) {
    const receivers = group.size - 1;
    for (const probe of group.probes) {
      const { doc } = probe;
      const text = doc.getText('bench');
      editors.push({
        due: 0,
        receivers,
        type: () => {
          tracker.sent(doc.clientID, Y.getState(doc.store, doc.clientID), receivers);
          text.insert(Math.floor(Math.random() * (text.length + 1)), letter());
        },
      });
    }
    for (const thin of group.thin) {
      editors.push({
        due: 0,
        receivers,
        type: () => {
          tracker.sent(thin.clientId, thin.nextClock, receivers);
          thin.type(letter());
        },
      });
    }
  }
  const interval = 1000 / options.typingRate;
  const start = performance.now();
  for (const editor of editors) editor.due = start + Math.random() * interval;
  let late = 0;
  const typing = setInterval(() => {
    const now = performance.now();
    for (const editor of editors) {
      if (editor.due > now) continue;
      if (now - editor.due > interval) {
        late++;
        editor.due = now;
      }
      editor.due += interval;
      editor.type();
    }
  }, 2);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  try {
    await sleep(options.warmupMs);
    tracker.setCounting(true);
    late = 0;
    loop.enable();
    const serverBefore = await server.stats({ resetLoop: true });
    const serverBeforeAt = performance.now();
    const cpuBefore = process.cpuUsage();
    const measureStart = performance.now();
    await sleep(options.measureMs);
    tracker.setCounting(false);
    const measuredMs = performance.now() - measureStart;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = await server.stats();
    // A saturated server answers late: its CPU is divided by the time between its two answers.
    const serverSpanMs = performance.now() - serverBeforeAt;
    loop.disable();
    const lateTypingTicks = late;
    clearInterval(typing);
    const drainUntil = performance.now() + options.drainMs;
    while (tracker.pendingCounted() > 0 && performance.now() < drainUntil) await sleep(20);
    // Let the probes settle before comparing their documents.
    await sleep(200);
    const { values, incomplete } = tracker.latencies();
    tracker.clear();
    return {
      sections: groups.length,
      editorsPerSection: Math.round(editors.length / groups.length),
      editors: editors.length,
      probesPerSection: Math.round(groups.reduce((n, g) => n + g.probes.length, 0) / groups.length),
      typingRate: options.typingRate,
      measuredMs: Math.round(measuredMs),
      opsCounted: values.length,
      opsPerSecond: Math.round((values.length / measuredMs) * 1000),
      incomplete,
      p50Ms: round(percentile(values, 50)),
      p99Ms: round(percentile(values, 99)),
      maxMs: round(values.length ? values[values.length - 1] : Number.NaN),
      converged: groups.every((group) => group.converged()),
      serverCpuPercent: round(((serverAfter.cpuMicros - serverBefore.cpuMicros) / 1000 / serverSpanMs) * 100),
      serverLoopDelayP99Ms: round(serverAfter.loopDelayP99Ms),
      harnessCpuPercent: round(((cpu.user + cpu.system) / 1000 / measuredMs) * 100),
      harnessLoopDelayP99Ms: round(loop.percentile(99) / 1e6),
      lateTypingTicks,
    };
  } finally {
    clearInterval(typing);
  }
}

/** Server CPU per typed insert over a measurement, µs (its CPU share × time ÷ inserts counted). */
export function cpuUsPerInsert(result: FanoutResult): number {
  return Math.round(((result.serverCpuPercent / 100) * result.measuredMs * 1000) / Math.max(1, result.opsCounted));
}

export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
