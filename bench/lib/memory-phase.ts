/**
 * (d) Memory over open/close cycles, on our server only: sections opened and closed tens of
 * thousands of times (a client connects, receives the section, closes; the section unloads as soon
 * as nobody has it open) must leave nothing behind. The server's heap after a GC is taken once the
 * first tenth of the cycles (at least 2,500) has warmed everything up, and again at the end, both
 * times at rest (every section unloaded again).
 */
import { connectorFor } from './clients';
import { round, sleep } from './fanout';
import { type Settings, withServer } from './scenarios';
import { shortSectionUpdate } from './seeds';
import { type RunningServer, benchSection, prepareStorage } from './servers';

const SECTIONS = 8;
const WORKERS = 16;
/** About 4,000 characters each: a few KB of state. */
const SECTION_CHARACTERS = 4000;
/** Sections unload this long after their last connection closed (`SECTION_IDLE_MS`). */
const IDLE_MS = 1;
const MB = 1024 * 1024;
/** Cycles before the baseline, at least (or half of a short run). */
const WARM_CYCLES = 2500;

export interface AtRest {
  heapUsedMb: number;
  rssMb: number;
  /** Sections still loaded (0 once idle ones have unloaded). */
  documents: number;
}

export interface CyclesPhase {
  cycles: number;
  workers: number;
  sections: number;
  sectionStateBytes: number;
  /** Cycles before the baseline: the first 10 %, at least 2,500 (or half of a short run). */
  warmCycles: number;
  /** After the first `warmCycles`. */
  baseline: AtRest;
  end: AtRest;
  heapGrowthMb: number;
  rssGrowthMb: number;
  /** Over the measured 90 %. */
  seconds: number;
  cyclesPerSecond: number;
  failedCycles: number;
  firstFailure: string | null;
}

/** Waits (up to 10 s) for every section to unload, then the server's memory after a GC. */
async function atRest(server: RunningServer): Promise<AtRest> {
  const deadline = performance.now() + 10_000;
  while ((await server.stats()).documents > 0 && performance.now() < deadline) await sleep(50);
  const stats = await server.stats({ gc: true });
  return { heapUsedMb: round(stats.heapUsed / MB, 2), rssMb: round(stats.rss / MB, 1), documents: stats.documents };
}

/** The memory phase: `settings.openCloseCycles` cycles by 16 workers over 8 short sections. */
export async function cyclesPhase(settings: Settings, log: (line: string) => void): Promise<CyclesPhase> {
  const update = shortSectionUpdate(SECTION_CHARACTERS);
  const seed = new Map(Array.from({ length: SECTIONS }, (_, i) => [benchSection(i + 1), update]));
  const total = settings.openCloseCycles;
  // The heap settles only after ~2,000 cycles (measured: +0.8 MB from 500 to 2,500 cycles, +0.1 MB
  // from 2,500 to 15,000): a quick run's 10 % would count that warm-up as growth.
  const warm = Math.max(Math.round(total / 10), Math.min(WARM_CYCLES, Math.round(total / 2)));
  return withServer(
    'ours',
    'memory',
    settings,
    (storage) => prepareStorage(storage, { sections: SECTIONS, seed }),
    async (server) => {
      const connector = await connectorFor(server);
      let next = 0;
      let failedCycles = 0;
      let firstFailure: string | null = null;
      const cyclesUntil = async (end: number) => {
        const worker = async () => {
          while (next < end) {
            const i = next++;
            try {
              const client = await connector.thin(benchSection((i % SECTIONS) + 1), null);
              try {
                await client.whenSynced(10_000);
              } finally {
                client.close();
              }
            } catch (error) {
              failedCycles++;
              firstFailure ??= error instanceof Error ? error.message : String(error);
              if (failedCycles > 100) throw new Error(`more than 100 open/close cycles failed, the first: ${firstFailure}`);
            }
          }
        };
        await Promise.all(Array.from({ length: WORKERS }, worker));
      };
      await cyclesUntil(warm);
      const baseline = await atRest(server);
      const started = performance.now();
      await cyclesUntil(total);
      const seconds = (performance.now() - started) / 1000;
      const end = await atRest(server);
      const result: CyclesPhase = {
        cycles: total,
        warmCycles: warm,
        workers: WORKERS,
        sections: SECTIONS,
        sectionStateBytes: update.length,
        baseline,
        end,
        heapGrowthMb: round(end.heapUsedMb - baseline.heapUsedMb, 2),
        rssGrowthMb: round(end.rssMb - baseline.rssMb, 1),
        seconds: round(seconds, 1),
        cyclesPerSecond: Math.round((total - warm) / seconds),
        failedCycles,
        firstFailure,
      };
      log(
        `  ours: ${total} open/close cycles (${WORKERS} at a time over ${SECTIONS} sections of ${update.length} bytes), ` +
          `${result.cyclesPerSecond}/s; heap after GC ${baseline.heapUsedMb} → ${end.heapUsedMb} MB (from ${warm} cycles on), ` +
          `RSS ${baseline.rssMb} → ${end.rssMb} MB, sections loaded at the end ${end.documents}` +
          `${failedCycles ? `; ${failedCycles} cycles failed: ${firstFailure}` : ''}`,
      );
      return result;
    },
    { env: { SECTION_IDLE_MS: String(IDLE_MS) } },
  );
}
