/**
 * What every benchmarked server process shares: it tells the parent its port when it listens,
 * answers "stats" with its own memory and CPU (after a GC when asked), and stops on "stop" or SIGTERM.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface ServerStats {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** process.cpuUsage() in microseconds, user + system. */
  cpuMicros: number;
  /** Event-loop delay since the last stats with reset, in ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  documents: number;
}

export type ParentMessage = { cmd: 'stats'; gc?: boolean; resetLoop?: boolean; id: number } | { cmd: 'stop'; id: number } | { cmd: 'call'; name: string; id: number };

export function serveIpc(handlers: {
  documents: () => number;
  stop: () => Promise<void>;
  calls?: Record<string, () => Promise<unknown> | unknown>;
}): { ready(port: number): void } {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const deadline = setTimeout(() => process.exit(2), 10_000);
    deadline.unref();
    await handlers.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('disconnect', () => void stop());
  process.on('message', (raw) => {
    const message = raw as ParentMessage;
    const reply = (body: unknown) => process.send?.({ id: message.id, body });
    void (async () => {
      try {
        if (message.cmd === 'stats') {
          if (message.gc && global.gc) {
            global.gc();
            await new Promise((resolve) => setImmediate(resolve));
            global.gc();
          }
          const memory = process.memoryUsage();
          const cpu = process.cpuUsage();
          const stats: ServerStats = {
            rss: memory.rss,
            heapUsed: memory.heapUsed,
            heapTotal: memory.heapTotal,
            external: memory.external,
            arrayBuffers: memory.arrayBuffers,
            cpuMicros: cpu.user + cpu.system,
            loopDelayP99Ms: loop.percentile(99) / 1e6,
            loopDelayMaxMs: loop.max / 1e6,
            documents: handlers.documents(),
          };
          if (message.resetLoop) loop.reset();
          reply(stats);
        } else if (message.cmd === 'stop') {
          reply({ stopping: true });
          await stop();
        } else if (message.cmd === 'call') {
          const call = handlers.calls?.[message.name];
          reply(call ? await call() : { error: `no call ${message.name}` });
        }
      } catch (error) {
        reply({ error: String(error) });
      }
    })();
  });
  void performance;
  return { ready: (port) => process.send?.({ ready: true, port }) };
}
