/**
 * The three servers under test, each as a child process of the benchmark (so that its CPU and
 * memory are its own), with the storage each one needs prepared before it starts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { UpdateLog } from '../../server/documents/update-log';
import { openDatabase } from '../../server/db/client';
import { docUpdates, sections } from '../../server/db/schema';
import { AuditLog } from '../../server/domain/audit';
import { People } from '../../server/domain/people';
import { ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import type { ServerStats } from '../servers/child-ipc';

export const ROOT = path.resolve(__dirname, '../..');

export type ServerKind = 'ours' | 'y-websocket-v1' | 'hocuspocus';
export const SERVER_KINDS: ServerKind[] = ['ours', 'y-websocket-v1', 'hocuspocus'];

export const SERVER_LABELS: Record<ServerKind, string> = {
  ours: 'ours (SQLite update log)',
  'y-websocket-v1': 'y-websocket 1.5 (in memory)',
  hocuspocus: 'hocuspocus 4 + SQLite',
};

export const BENCH_PASSWORD = 'bench password, long enough';
export const BENCH_PEOPLE = 8;

/** Section ids every server uses: valid ids of ours (lower case, digits, dashes). */
export function benchSection(n: number): string {
  return `bench-${String(n).padStart(3, '0')}`;
}

export function benchEmail(n: number): string {
  return `bench.editor.${n}@example.test`;
}

/** Where a server keeps its state for one benchmark run. */
export interface Storage {
  kind: ServerKind;
  dir: string;
}

export function newStorage(kind: ServerKind): Storage {
  return { kind, dir: fs.mkdtempSync(path.join(os.tmpdir(), `syllabus-bench-${kind}-`)) };
}

/**
 * Prepares a server's storage before it starts: for ours, the workspace with bench people and
 * `sections` regional sections; for every server, `seed` documents written straight into its
 * storage (ours: one doc_updates row, hocuspocus: its documents table, y-websocket: a file its
 * persistence hook reads).
 */
export async function prepareStorage(
  storage: Storage,
  options: { sections: number; seed?: Map<string, Uint8Array> },
): Promise<void> {
  const seed = options.seed ?? new Map<string, Uint8Array>();
  if (storage.kind === 'ours') {
    const db = openDatabase(storage.dir);
    const people = new People(db, new AuditLog(db), new WorkspaceEventBus());
    await ensureWorkspace(db, people);
    for (let i = 1; i <= BENCH_PEOPLE; i++) {
      if (!people.findByEmail(benchEmail(i))) {
        await people.add({ email: benchEmail(i), name: `Bench editor ${i}`, role: 'member', group: 'KZ', password: BENCH_PASSWORD }, null);
      }
    }
    for (let i = 1; i <= options.sections; i++) {
      db.insert(sections)
        .values({ id: benchSection(i), part: 1, position: 100 + i, title: `Bench section ${i}`, groupCode: null })
        .onConflictDoNothing()
        .run();
    }
    // Written as the server writes them (one row each, with its checksum).
    const log = new UpdateLog(db);
    for (const [section, update] of seed) {
      db.delete(docUpdates).where(eq(docUpdates.sectionId, section)).run();
      log.append(section, update);
    }
    db.$client.close();
  } else if (storage.kind === 'hocuspocus') {
    const db = new Database(path.join(storage.dir, 'hocuspocus.sqlite'));
    db.exec('CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))');
    const upsert = db.prepare('INSERT INTO "documents" ("name", "data") VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data');
    for (const [section, update] of seed) upsert.run(section, Buffer.from(update));
    db.close();
  } else {
    for (const [section, update] of seed) fs.writeFileSync(path.join(storage.dir, `${section}.bin`), update);
  }
}

export interface RunningServer {
  kind: ServerKind;
  port: number;
  url: string;
  process: ChildProcess;
  output(): string;
  stats(options?: { gc?: boolean; resetLoop?: boolean }): Promise<ServerStats>;
  call(name: string): Promise<unknown>;
  /** Graceful stop (SIGTERM-like over IPC); resolves with the time it took, in ms. */
  stop(): Promise<number>;
  kill(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=...']. */
  nodeFlags?: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * CPUs the server may run on (`taskset -c` syntax, e.g. '1'). taskset sets the affinity and execs
   * node in place: the child keeps its pid and the IPC channel's descriptor, so stats and stop work.
   */
  cpus?: string;
}

const ENTRY: Record<ServerKind, string> = {
  ours: 'bench/servers/ours.ts',
  'y-websocket-v1': 'bench/servers/y-websocket-v1.ts',
  hocuspocus: 'bench/servers/hocuspocus.ts',
};

export async function startServerProcess(storage: Storage, options: StartOptions = {}): Promise<RunningServer> {
  const { kind } = storage;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    LOG: '0',
    // The export thread starts with the first export, not 2 s after the start as in production: a
    // thread compiling its renderers in the middle of a cold load or a memory reading is no part of
    // either (the export phase warms it with an unrecorded export first).
    ...(kind === 'ours' ? { DATA_DIR: storage.dir, SECTION_IDLE_MS: '1000', CLIENT_DIR: '', WARM_EXPORTS_AFTER_MS: 'off' } : {}),
    ...(kind === 'hocuspocus' ? { BENCH_HOCUSPOCUS_DB: path.join(storage.dir, 'hocuspocus.sqlite') } : {}),
    ...(kind === 'y-websocket-v1' ? { BENCH_V1_SEED_DIR: storage.dir } : {}),
    ...options.env,
  };
  delete env.YPERSISTENCE;
  const nodeArgs = ['--expose-gc', ...(options.nodeFlags ?? []), '--import', 'tsx', path.join(ROOT, ENTRY[kind])];
  const child = spawn(options.cpus ? 'taskset' : process.execPath, options.cpus ? ['-c', options.cpus, process.execPath, ...nodeArgs] : nodeArgs, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let nextId = 1;
  const pending = new Map<number, (body: unknown) => void>();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 30 s: ${output}`)), 30_000);
    child.on('message', (raw) => {
      const message = raw as { ready?: boolean; port?: number; id?: number; body?: unknown };
      if (message.ready) {
        clearTimeout(timer);
        resolve(message.port!);
      } else if (message.id !== undefined) {
        pending.get(message.id)?.(message.body);
        pending.delete(message.id);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited with ${code}: ${output}`));
    });
  });
  const ask = <T>(message: Record<string, unknown>, timeoutMs = 60_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${kind}: no answer to ${JSON.stringify(message)}`));
      }, timeoutMs);
      pending.set(id, (body) => {
        clearTimeout(timer);
        resolve(body as T);
      });
      child.send({ ...message, id });
    });
  const running: RunningServer = {
    kind,
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    stats: (o = {}) => ask<ServerStats>({ cmd: 'stats', gc: o.gc ?? false, resetLoop: o.resetLoop ?? false }),
    call: (name) => ask({ cmd: 'call', name }),
    stop: async () => {
      const started = performance.now();
      if (child.exitCode !== null || child.signalCode !== null) return 0;
      child.send({ cmd: 'stop', id: 0 });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      return performance.now() - started;
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  return running;
}

/** Total size of the files under a directory, in bytes. */
export function directorySize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : fs.statSync(full).size;
  }
  return total;
}
