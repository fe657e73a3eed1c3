/**
 * The benchmark's scenarios, each server a child process on fresh storage: fan-out latency with
 * every server running and measured in turn, the others one server at a time. Each returns plain
 * numbers for the report.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { traceUpdate } from '../../tests/support/traces';
import { type Connector, connectorFor } from './clients';
import { type FanoutOptions, type FanoutResult, SectionGroup, Tracker, cpuUsPerInsert, measureFanout, round, sleep } from './fanout';
import { coreSplit, pinThisProcess } from './pinning';
import {
  type RunningServer,
  type ServerKind,
  type StartOptions,
  benchSection,
  directorySize,
  newStorage,
  prepareStorage,
  startServerProcess,
} from './servers';
import { median } from './stats';
import { type ThinEditor, readUpdateClocks } from './thin-client';
import { recordedTrace } from './trace-updates';

export interface Settings {
  quick: boolean;
  /** Wall-clock budget for the ramp of one server, ms. */
  rampBudgetMs: number;
  rampSteps: number[];
  /** Whether the ramp puts the server and the load generator on cores of their own (`taskset`). */
  rampPinned: boolean;
  singleSection: FanoutOptions;
  rampStep: FanoutOptions;
  manySections: FanoutOptions;
  probesPerSection: number;
  /** Rounds of the 1 × 50 and 10 × 20 measurements (every server in each); the median p99 is reported. */
  fanoutRepeats: number;
  coldRestarts: number;
  /** Cold loads timed with a full client (a provider applying the state). */
  fullClientLoads: number;
  loadedSections: number;
  /** How many of seph-blog1's transactions the throughput run replays (all of them by default). */
  replayTxns: number;
  replayWindow: number;
  /** Open/close cycles of the memory phase (a thin client connects, syncs, closes). */
  openCloseCycles: number;
  /** Extra node flags for the server processes (profiling). */
  serverFlags: (kind: ServerKind, phase: string) => string[];
}

const P99_GOAL_MS = 100;

/** (a) and (b) together, as the report reads them. */
export type FanoutPhase = PairedFanout & Ramp;

/** A run of (a) with every round's p50, p99 and server CPU per insert beside it, in round order. */
export type RoundsRun = FanoutResult & { runsP50Ms: number[]; runsP99Ms: number[]; runsCpuUsPerInsert: number[] };

/**
 * The run whose p99 is the median of the runs' (one machine hiccup does not decide a p99), and
 * every round's values, which the goals compare with a peer's round by round.
 */
function medianRun(runs: FanoutResult[]): RoundsRun {
  const sorted = [...runs].sort((a, b) => a.p99Ms - b.p99Ms);
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)],
    runsP50Ms: runs.map((r) => r.p50Ms),
    runsP99Ms: runs.map((r) => r.p99Ms),
    runsCpuUsPerInsert: runs.map(cpuUsPerInsert),
  };
}

function passes(result: FanoutResult): boolean {
  return result.incomplete === 0 && result.p99Ms < P99_GOAL_MS && result.converged;
}

/** One server on fresh storage for `run`, stopped and its storage removed afterwards. */
export async function withServer<T>(
  kind: ServerKind,
  phase: string,
  settings: Settings,
  prepare: (storage: ReturnType<typeof newStorage>) => Promise<void>,
  run: (server: RunningServer, storage: ReturnType<typeof newStorage>, restart: (o?: StartOptions) => Promise<RunningServer>) => Promise<T>,
  start: StartOptions = {},
): Promise<T> {
  const storage = newStorage(kind);
  await prepare(storage);
  let server = await startServerProcess(storage, { nodeFlags: settings.serverFlags(kind, phase), ...start });
  try {
    return await run(server, storage, async (o = {}) => {
      await server.stop();
      server = await startServerProcess(storage, { nodeFlags: settings.serverFlags(kind, phase), ...o });
      return server;
    });
  } finally {
    await server.stop();
    fs.rmSync(storage.dir, { recursive: true, force: true });
  }
}

/** (a) for one server: the median runs of the rounds, and every run's p99. */
export interface PairedFanout {
  single: RoundsRun;
  many: RoundsRun;
}

/** A server of the paired measurement, with its clients connected. */
interface Contender {
  kind: ServerKind;
  storage: ReturnType<typeof newStorage>;
  server: RunningServer;
  tracker: Tracker;
  one: SectionGroup | null;
  ten: SectionGroup[];
  singles: FanoutResult[];
  manies: FanoutResult[];
}

/**
 * (a): 1 section × 50 editors and 10 sections × 20, with every server running at once and measured
 * in turn, round after round, the order rotating each round. This machine's latencies drift by up
 * to 2× over minutes; measured server after server, that drift decided which server "won" a p99.
 * Interleaved, it weighs on every server alike; each p99 reported is the median of the rounds.
 */
export async function pairedFanoutPhase(
  kinds: ServerKind[],
  settings: Settings,
  log: (line: string) => void,
): Promise<Partial<Record<ServerKind, PairedFanout>>> {
  const contenders: Contender[] = [];
  try {
    for (const kind of kinds) {
      const storage = newStorage(kind);
      await prepareStorage(storage, { sections: 20 });
      const server = await startServerProcess(storage, { nodeFlags: settings.serverFlags(kind, 'fanout') });
      const contender: Contender = { kind, storage, server, tracker: new Tracker(), one: null, ten: [], singles: [], manies: [] };
      contenders.push(contender);
      const connector = await connectorFor(server);
      contender.one = new SectionGroup(benchSection(1), connector, contender.tracker);
      await contender.one.growTo(50, settings.probesPerSection);
      contender.ten = Array.from({ length: 10 }, (_, i) => new SectionGroup(benchSection(2 + i), connector, contender.tracker));
      for (const group of contender.ten) await group.growTo(20, settings.probesPerSection);
    }
    // A short unrecorded round first: a server's first seconds of typing (compiling its hot paths,
    // growing its buffers) are no part of its steady state.
    for (const c of contenders) {
      await measureFanout(c.server, c.tracker, [c.one!], settings.rampStep);
      await measureFanout(c.server, c.tracker, c.ten, settings.rampStep);
    }
    for (let round = 0; round < settings.fanoutRepeats; round++) {
      const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
      for (const c of order) c.singles.push(await measureFanout(c.server, c.tracker, [c.one!], settings.singleSection));
      for (const c of order) c.manies.push(await measureFanout(c.server, c.tracker, c.ten, settings.manySections));
      const p50p99 = (r: FanoutResult) => `${r.p50Ms}/${r.p99Ms}`;
      log(
        `  round ${round + 1}: p50/p99 1×50 ${order.map((c) => `${c.kind} ${p50p99(c.singles.at(-1)!)}`).join(', ')}; ` +
          `10×20 ${order.map((c) => `${c.kind} ${p50p99(c.manies.at(-1)!)}`).join(', ')} ms`,
      );
    }
  } finally {
    for (const c of contenders) {
      c.one?.destroy();
      for (const group of c.ten) group.destroy();
      await c.server.stop();
      fs.rmSync(c.storage.dir, { recursive: true, force: true });
    }
  }
  const results: Partial<Record<ServerKind, PairedFanout>> = {};
  for (const c of contenders) {
    results[c.kind] = { single: medianRun(c.singles), many: medianRun(c.manies) };
    log(
      `  ${c.kind}: 1×50 p50 ${results[c.kind]!.single.p50Ms} ms, p99 ${results[c.kind]!.single.p99Ms} ms; ` +
        `10×20 p50 ${results[c.kind]!.many.p50Ms} ms, p99 ${results[c.kind]!.many.p99Ms} ms (medians of ${c.singles.length} rounds)`,
    );
  }
  return results;
}

export interface Ramp {
  ramp: FanoutResult[];
  /** The most editors one section held with p99 under 100 ms and nothing lost (0: not even the first step). */
  maxEditors: number;
  rampStoppedBecause: string;
  /** Where the server and the load generator ran: each on a core of its own, or why not. */
  rampPinning: string;
}

/**
 * (b): one section, editors added step by step while p99 stays under 100 ms, the server on one core
 * and this process (the load generator) on the other where the machine allows it.
 */
export async function rampPhase(kind: ServerKind, settings: Settings, log: (line: string) => void): Promise<Ramp> {
  const split = settings.rampPinned ? coreSplit() : { reason: 'turned off (--no-pin)' };
  const pinned = 'server' in split;
  const rampPinning = pinned ? `server on core ${split.server}, load generator on core ${split.generator} (taskset)` : `not pinned: ${split.reason}`;
  log(`  ${kind} ramp: ${rampPinning}`);
  return withServer(
    kind,
    'ramp',
    settings,
    (storage) => prepareStorage(storage, { sections: 1 }),
    async (server) => {
      const restore = pinned ? pinThisProcess(split.generator) : () => undefined;
      const tracker = new Tracker();
      let one: SectionGroup | null = null;
      const ramp: FanoutResult[] = [];
      let maxEditors = 0;
      let stopped = 'every step passed';
      try {
        one = new SectionGroup(benchSection(1), await connectorFor(server), tracker);
        const rampStart = performance.now();
        for (const size of settings.rampSteps) {
          if (performance.now() - rampStart > settings.rampBudgetMs) {
            stopped = `time budget (${settings.rampBudgetMs / 1000} s) spent`;
            break;
          }
          try {
            await one.growTo(size, settings.probesPerSection);
          } catch (error) {
            stopped = `${size} editors could not connect: ${String(error)}`;
            break;
          }
          let step: FanoutResult;
          try {
            step = await measureFanout(server, tracker, [one], settings.rampStep);
          } catch (error) {
            // A saturated server cannot even answer for its CPU time: that step failed, not the phase.
            stopped = `${size} editors: the server stopped answering (${error instanceof Error ? error.message : String(error)})`;
            log(`  ${kind} ramp ${size}: ${stopped}`);
            break;
          }
          ramp.push(step);
          log(
            `  ${kind} ramp ${size}: p50 ${step.p50Ms} ms, p99 ${step.p99Ms} ms, lost ${step.incomplete}, server CPU ${step.serverCpuPercent}%, ` +
              `load generator CPU ${step.harnessCpuPercent}% (event-loop delay p99 ${step.harnessLoopDelayP99Ms} ms)`,
          );
          if (!passes(step)) {
            stopped = `${size} editors: p99 ${step.p99Ms} ms${step.incomplete ? `, ${step.incomplete} inserts not delivered in time` : ''}${step.converged ? '' : ', probes diverged'}`;
            break;
          }
          maxEditors = size;
        }
      } finally {
        one?.destroy();
        restore();
      }
      return { ramp, maxEditors, rampStoppedBecause: stopped, rampPinning };
    },
    pinned ? { cpus: split.server } : {},
  );
}

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

export interface ColdLoadPhase {
  /** Connect → the whole state received, for the first section opened after each (re)start, ms. */
  firstLoadsMs: number[];
  firstLoadMedianMs: number;
  /** Connect → the whole state received, for further sections opened one after the other, ms. */
  laterLoadsMs: number[];
  laterLoadMedianMs: number;
  /** Connect → synced for a y-websocket provider, which also applies the state to its Y.Doc, ms. */
  fullClientLoadsMs: number[];
  fullClientLoadMedianMs: number;
  /** What applying the state to a Y.Doc costs this process (the client's share of the above), ms. */
  clientApplyMedianMs: number;
  baseline: Memory;
  oneSection: Memory;
  tenSections: Memory;
  perSection: Memory;
  sectionsLoaded: number;
  textMatches: boolean;
  updateBytes: number;
  /** The ten sections once each had one typed character (the server now holds them as edited documents). */
  tenEdited: Memory;
  /**
   * Server memory per loaded section as a multiple of its encoded state (`updateBytes`): while the
   * sections are only read (clients synced and connected), and after one edit in each.
   */
  perSectionMultiple: { read: StateMultiple; edited: StateMultiple };
}

/** Memory per section ÷ its encoded state: the JS heap alone, and heap plus memory outside it (buffers). */
export interface StateMultiple {
  heap: number;
  heapAndExternal: number;
}

const MB = 1024 * 1024;

function memory(stats: { rss: number; heapUsed: number }): Memory {
  return { rssMb: round(stats.rss / MB), heapUsedMb: round(stats.heapUsed / MB) };
}

type MemoryStats = { heapUsed: number; external: number };

/** What `sections` loaded sections added to `before`, per section, as a multiple of `stateBytes`. */
function stateMultiple(before: MemoryStats, after: MemoryStats, sections: number, stateBytes: number): StateMultiple {
  const per = (bytes: number) => round(bytes / sections / stateBytes, 2);
  return {
    heap: per(after.heapUsed - before.heapUsed),
    heapAndExternal: per(after.heapUsed + after.external - before.heapUsed - before.external),
  };
}

/** Connect → synced for a full client (a WebsocketProvider applying everything to its Y.Doc). */
async function fullClientLoad(connector: Connector, section: string): Promise<{ ms: number; text: string }> {
  const started = performance.now();
  const client = connector.connect(section);
  await client.synced(30_000);
  const ms = performance.now() - started;
  const text = client.doc.getText('text').toString();
  client.destroy();
  return { ms: round(ms), text };
}

/** Connect → the whole state received, by a protocol client that keeps the connection open. */
async function stateReceived(connector: Connector, section: string): Promise<{ ms: number; client: ThinEditor }> {
  const started = performance.now();
  const client = await connector.thin(section, null);
  await client.whenSynced(30_000);
  return { ms: round(performance.now() - started), client };
}

/**
 * (c) and (d): cold load of seph-blog1 written into each server's storage, and memory per loaded
 * section. "Cold" is a section the server has not loaded since it started. Two clocks: the time to
 * the whole state at the client (what the server controls), and the time until a y-websocket
 * provider is synced, which adds the client's own ~60 ms of applying a 338 KB update.
 */
export async function coldLoadPhase(kind: ServerKind, settings: Settings, log: (line: string) => void): Promise<ColdLoadPhase> {
  const update = traceUpdate('seph-blog1');
  const { endContent } = recordedTrace('seph-blog1');
  const count = settings.loadedSections;
  const fullLoads = settings.fullClientLoads;
  const total = count + settings.coldRestarts + fullLoads;
  const seed = new Map(Array.from({ length: total }, (_, i) => [benchSection(i + 1), update]));
  const clientApply: number[] = [];
  for (let i = 0; i < 5; i++) {
    const doc = new Y.Doc();
    const started = performance.now();
    Y.applyUpdate(doc, update);
    clientApply.push(performance.now() - started);
    doc.destroy();
  }
  return withServer(
    kind,
    'cold',
    settings,
    (storage) => prepareStorage(storage, { sections: total, seed }),
    async (first, _storage, restart) => {
      let server = first;
      const firstLoadsMs: number[] = [];
      let textMatches = true;
      // Each restart: the first section opened in a fresh process.
      for (let r = 0; r < settings.coldRestarts; r++) {
        if (r > 0) server = await restart();
        const connector = await connectorFor(server);
        await sleep(300);
        const load = await stateReceived(connector, benchSection(count + 1 + r));
        firstLoadsMs.push(load.ms);
        load.client.close();
      }
      server = await restart();
      const connector = await connectorFor(server);
      await sleep(300);
      // One unrecorded load first, of a section measured above (cold again in this process): the
      // load generator's first provider sync pays for compiling Yjs's apply and encode paths, which
      // is the generator's cost, not the server's, and fell on whichever server came first.
      await fullClientLoad(connector, benchSection(count + 1));
      const fullClientLoadsMs: number[] = [];
      for (let i = 0; i < fullLoads; i++) {
        const load = await fullClientLoad(connector, benchSection(count + settings.coldRestarts + 1 + i));
        fullClientLoadsMs.push(load.ms);
        textMatches &&= load.text === endContent;
      }
      server = await restart();
      const fresh = await connectorFor(server);
      await sleep(300);
      const baselineStats = await server.stats({ gc: true });
      const baseline = memory(baselineStats);
      const open: ThinEditor[] = [];
      const laterLoadsMs: number[] = [];
      let oneSection = baseline;
      try {
        for (let i = 1; i <= count; i++) {
          const load = await stateReceived(fresh, benchSection(i));
          laterLoadsMs.push(load.ms);
          open.push(load.client);
          // Servers may build the document just after answering: let them, before the next.
          await sleep(150);
          if (i === 1) oneSection = memory(await server.stats({ gc: true }));
        }
        const stats = await server.stats({ gc: true });
        const tenSections = memory(stats);
        // One typed character in each: a server that serves stored bytes to readers builds the document now.
        for (const client of open) client.type('x');
        await sleep(300);
        const editedStats = await server.stats({ gc: true });
        const read = stateMultiple(baselineStats, stats, count, update.length);
        const edited = stateMultiple(baselineStats, editedStats, count, update.length);
        log(
          `  ${kind} cold load: first after start ${firstLoadsMs.join(', ')} ms; next ${count}: median ${median(laterLoadsMs)} ms; ` +
            `full client median ${median(fullClientLoadsMs)} ms; RSS ${baseline.rssMb} → ${tenSections.rssMb} MB; ` +
            `heap per section ${read.heap}× its state read, ${edited.heap}× edited (with buffers ${read.heapAndExternal}×, ${edited.heapAndExternal}×)`,
        );
        return {
          firstLoadsMs,
          firstLoadMedianMs: median(firstLoadsMs),
          laterLoadsMs,
          laterLoadMedianMs: median(laterLoadsMs),
          fullClientLoadsMs,
          fullClientLoadMedianMs: median(fullClientLoadsMs),
          clientApplyMedianMs: round(median(clientApply)),
          baseline,
          oneSection,
          tenSections,
          perSection: {
            rssMb: round((tenSections.rssMb - baseline.rssMb) / count),
            heapUsedMb: round((tenSections.heapUsedMb - baseline.heapUsedMb) / count),
          },
          sectionsLoaded: stats.documents,
          textMatches,
          updateBytes: update.length,
          tenEdited: memory(editedStats),
          perSectionMultiple: { read, edited },
        };
      } finally {
        for (const client of open) client.close();
      }
    },
  );
}

export interface ThroughputPhase {
  updates: number;
  seconds: number;
  updatesPerSecond: number;
  serverCpuPercent: number;
  /** What "accepted" means for this server's storage. */
  durability: string;
  /** Bytes on disk after the replay, once the section was unloaded and the server stopped. */
  storageBytes: number | null;
  /** Bytes of the section's own stored state (ours: its doc_updates rows; hocuspocus: its documents row). */
  sectionStateBytes: number | null;
  storageDetail: string;
  /** The empty storage before the replay (ours: a workspace with schema and people). */
  emptyStorageBytes: number | null;
  textMatches: boolean;
}

const DURABILITY: Record<ServerKind, string> = {
  ours: 'every update committed to SQLite (WAL) before it is broadcast',
  'y-websocket-v1': 'none: in memory only (YPERSISTENCE unset)',
  hocuspocus: 'debounced: whole document stored 2 s after the last change, at most every 10 s',
};

/** (e) and (f): replay seph-blog1 as fast as the server accepts it, then measure what is on disk. */
export async function throughputPhase(kind: ServerKind, settings: Settings, log: (line: string) => void): Promise<ThroughputPhase> {
  const { updates, endContent } = recordedTrace('seph-blog1');
  const replay = updates.slice(0, settings.replayTxns);
  const section = benchSection(1);
  return withServer(
    kind,
    'throughput',
    settings,
    (storage) => prepareStorage(storage, { sections: 2 }),
    async (server, storage) => {
      const emptyStorageBytes = kind === 'y-websocket-v1' ? null : directorySize(storage.dir);
      const connector = await connectorFor(server);
      const observer = await connector.thin(section, null);
      const writer = await connector.thin(section, null);
      const writerClient = clientOf(replay[0]);
      const lastInsert = lastInsertIndex(replay);
      await Promise.all([observer.whenSynced(), writer.whenSynced()]);
      // Progress is read from what the observer receives: the writer's clocks in each relayed
      // update (hocuspocus merges the updates of one event-loop turn into one message, so messages
      // cannot be counted). A txn counts once an insert at or after it has come back: one
      // connection's updates are applied in order, so everything before it was applied too.
      const confirmedAt = confirmingClocks(replay);
      let observed = 0;
      let maxClock = 0;
      let wake: (() => void) | null = null;
      observer.onUpdate = (update) => {
        readUpdateClocks(update, (client, _from, to) => {
          if (client === writerClient && to > maxClock) maxClock = to;
        });
        while (observed < replay.length && confirmedAt[observed] <= maxClock) observed++;
        if (wake) {
          const w = wake;
          wake = null;
          w();
        }
      };
      const before = await server.stats();
      const started = performance.now();
      const deadline = started + 240_000;
      let sent = 0;
      while (observed < lastInsert + 1 && performance.now() < deadline) {
        while (sent < replay.length && sent - observed < settings.replayWindow) writer.sendUpdate(replay[sent++]);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000);
        });
      }
      // Trailing delete-only txns carry no clock: they are checked by reading the text back below.
      if (observed === lastInsert + 1) observed = replay.length;
      const seconds = (performance.now() - started) / 1000;
      const after = await server.stats();
      writer.close();
      observer.close();
      if (observed < replay.length) log(`  ${kind}: only ${observed} of ${replay.length} updates came back in time`);
      // A real client reads the result back.
      const check = connector.connect(section);
      await check.synced(30_000);
      const expected = settings.replayTxns >= updates.length ? endContent : null;
      const text = check.doc.getText('text').toString();
      const textMatches = expected === null ? text.length > 0 : text === expected;
      check.destroy();
      // Unload and stop: what stays on disk.
      let storageBytes: number | null = null;
      let sectionStateBytes: number | null = null;
      let storageDetail = 'nothing is stored';
      if (kind === 'ours') {
        await sleep(1500); // SECTION_IDLE_MS=1000: the section unloads and its log is merged
        await server.stop();
        storageBytes = directorySize(storage.dir);
        const db = new Database(path.join(storage.dir, 'workspace.sqlite'), { readonly: true });
        const rows = db.prepare('SELECT count(*) AS n, coalesce(sum(length("update")), 0) AS bytes FROM doc_updates WHERE section_id = ?').get(section) as {
          n: number;
          bytes: number;
        };
        const versions = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'versions'").get() as { n: number };
        let versionBytes = 0;
        if (versions.n > 0) {
          versionBytes = (db.prepare('SELECT coalesce(sum(length(state)), 0) AS bytes FROM versions WHERE section_id = ?').get(section) as { bytes: number }).bytes;
        }
        const pages = db.pragma('page_count', { simple: true }) as number;
        const free = db.pragma('freelist_count', { simple: true }) as number;
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.close();
        sectionStateBytes = rows.bytes;
        storageDetail =
          `${rows.n} doc_updates row(s), ${kb(rows.bytes)}; automatic version snapshot ${kb(versionBytes)}; ` +
          `${free} of ${pages} pages free (${kb(free * pageSize)} reusable, no VACUUM)`;
      } else if (kind === 'hocuspocus') {
        await server.call('flush');
        await sleep(500);
        await server.stop();
        const file = path.join(storage.dir, 'hocuspocus.sqlite');
        storageBytes = directorySize(storage.dir);
        const db = new Database(file, { readonly: true });
        const row = db.prepare('SELECT length(data) AS bytes FROM documents WHERE name = ?').get(section) as { bytes: number } | undefined;
        db.close();
        storageDetail = `one documents row of ${kb(row?.bytes ?? 0)} (the whole state, rewritten on every store)`;
        sectionStateBytes = row?.bytes ?? 0;
      }
      const updatesPerSecond = Math.round(observed / seconds);
      log(`  ${kind} replay: ${observed} updates in ${seconds.toFixed(1)} s = ${updatesPerSecond}/s; storage ${storageBytes === null ? 'n/a' : kb(storageBytes)}`);
      return {
        updates: observed,
        seconds: round(seconds, 2),
        updatesPerSecond,
        serverCpuPercent: round(((after.cpuMicros - before.cpuMicros) / 1000 / (seconds * 1000)) * 100),
        durability: DURABILITY[kind],
        storageBytes,
        sectionStateBytes,
        storageDetail,
        emptyStorageBytes,
        textMatches,
      };
    },
  );
}

/** The author's clock after each update (the updates of one author, in order). */
function clocksAfterEachUpdate(updates: Uint8Array[]): number[] {
  let clock = 0;
  return updates.map((update) => {
    readUpdateClocks(update, (_client, _from, to) => {
      if (to > clock) clock = to;
    });
    return clock;
  });
}

/**
 * Per update, the author's clock whose arrival proves it was applied: its own end clock when it
 * inserts, else that of the next update that inserts (Infinity for trailing delete-only updates).
 */
function confirmingClocks(updates: Uint8Array[]): number[] {
  const clocks = clocksAfterEachUpdate(updates);
  const confirm = new Array<number>(updates.length);
  let next = Number.POSITIVE_INFINITY;
  for (let i = updates.length - 1; i >= 0; i--) {
    if (clocks[i] > (i === 0 ? 0 : clocks[i - 1])) next = clocks[i];
    confirm[i] = next;
  }
  return confirm;
}

function lastInsertIndex(updates: Uint8Array[]): number {
  const clocks = clocksAfterEachUpdate(updates);
  let last = 0;
  for (let i = 1; i < clocks.length; i++) if (clocks[i] > clocks[i - 1]) last = i;
  return last;
}

function clientOf(update: Uint8Array): number {
  let found = -1;
  readUpdateClocks(update, (client) => {
    if (found < 0) found = client;
  });
  return found;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KiB`;
}
