/**
 * Sections come and go: thousands of connections open and close over 200 sections, a few of which
 * cannot be loaded (a corrupt row in their update log). Every refused upgrade is a 500, and
 * afterwards nothing is left: no loaded section, no connection, no timer, no memory.
 *
 * `npm test` runs 10,000 cycles; `npm run bench -- --resilience` runs 50,000 (RESILIENCE_LONG=1).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import * as Y from 'yjs';
import { docUpdates, sections } from '../../server/db/schema';
import { LeanWebSocket, UpgradeRefused } from '../support/lean-socket';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, waitFor } from '../support/workspace';

const LONG = process.env.RESILIENCE_LONG === '1';
const CYCLES = LONG ? 50_000 : 10_000;
const SECTIONS = 200;
const LANES = 8;
const sectionId = (n: number) => `bench-${String(n).padStart(3, '0')}`;
/** Every 40th section has a corrupt row in its update log. */
const corrupt = (n: number) => n % 40 === 7;

jest.setTimeout(LONG ? 600_000 : 120_000);

/** Forces a full GC: --expose-gc when jest was started with it, else V8's flag set at runtime. */
function gcFunction(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** Intervals created during this file and not cleared since (so that leaks are seen, and cleaned up). */
const live = new Set<NodeJS.Timeout>();
const realSetInterval = global.setInterval;
const realClearInterval = global.clearInterval;

let workspace: TestWorkspace;
let cookie: string;

let quietErrors: jest.SpyInstance;

beforeAll(async () => {
  // The server logs every refused load with its stack; thousands of them are expected here.
  const error = console.error.bind(console);
  quietErrors = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('[collab] loading')) return;
    error(...args);
  });
  global.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const handle = realSetInterval(...args);
    live.add(handle);
    return handle;
  }) as typeof setInterval;
  global.clearInterval = ((handle: NodeJS.Timeout | string | number | undefined) => {
    live.delete(handle as NodeJS.Timeout);
    realClearInterval(handle as NodeJS.Timeout);
  }) as typeof clearInterval;

  workspace = await startTestWorkspace({ sectionIdleMs: 20 });
  const member = await addTestPerson(workspace, 'member', 'KG', 'Door Opener');
  cookie = await signIn(workspace.url, member.email, member.password);
  const db = workspace.server.db;
  const content = new Y.Doc();
  content.getText('notes').insert(0, 'A section that opens and closes. '.repeat(20));
  const update = Buffer.from(Y.encodeStateAsUpdate(content));
  for (let n = 1; n <= SECTIONS; n++) {
    db.insert(sections).values({ id: sectionId(n), part: 1, position: 100 + n, title: `Bench ${n}`, groupCode: null }).run();
    db.insert(docUpdates)
      .values({ sectionId: sectionId(n), update: corrupt(n) ? Buffer.from([0xff, 0xff, 0xff, 0xff]) : update })
      .run();
  }
});

afterAll(async () => {
  await workspace.stop();
  // Whatever leaked would keep jest from exiting.
  for (const handle of live) realClearInterval(handle);
  global.setInterval = realSetInterval;
  global.clearInterval = realClearInterval;
  quietErrors.mockRestore();
});

/** Opens a collab connection; resolves with 101 once the server's greeting arrived (then closes), or the refusal's status. */
async function openAndClose(n: number): Promise<number> {
  let ws: LeanWebSocket;
  try {
    ws = await LeanWebSocket.connect({
      host: '127.0.0.1',
      port: workspace.server.port,
      path: `/collab/${sectionId(n)}`,
      headers: { Cookie: cookie, Origin: workspace.url },
    });
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no greeting from ${sectionId(n)}`)), 10_000);
    ws.onmessage = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  ws.close();
  return 101;
}

/** `count` cycles over the sections, LANES at a time; returns the statuses seen per kind of section. */
async function cycles(count: number, offset = 0): Promise<{ good: Map<number, number>; bad: Map<number, number> }> {
  const good = new Map<number, number>();
  const bad = new Map<number, number>();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const n = ((i + offset) * 7919) % SECTIONS + 1;
      const status = await openAndClose(n);
      const tally = corrupt(n) ? bad : good;
      tally.set(status, (tally.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  return { good, bad };
}

async function settled(): Promise<void> {
  await waitFor(() => workspace.server.collab.connectionCount === 0, 'every connection to close', 10_000);
  await waitFor(() => workspace.server.sections.loaded === 0, 'every section to unload', 10_000);
}

function heapAfterGc(gc: () => void): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

test(`${CYCLES.toLocaleString('en-US')} open/close cycles over ${SECTIONS} sections leave no section loaded, no connection and no memory behind`, async () => {
  const gc = gcFunction();
  // Warm up (JIT, prepared statements, module state) before taking the baseline.
  await cycles(400);
  await settled();
  const baseline = gc ? heapAfterGc(gc) : null;

  const started = Date.now();
  const { good, bad } = await cycles(CYCLES, 400);
  const elapsed = Date.now() - started;
  console.log(`${CYCLES} cycles in ${elapsed} ms (${Math.round((CYCLES / elapsed) * 1000)}/s)`);
  // Every good section opened; every corrupt one was refused with 500, never opened.
  expect([...good.keys()]).toEqual([101]);
  expect([...bad.keys()]).toEqual([500]);
  expect(bad.get(500)).toBeGreaterThan(0);

  await settled();
  if (baseline === null || gc === null) {
    console.warn('memory check skipped: no way to force a garbage collection in this process');
    return;
  }
  const after = heapAfterGc(gc);
  console.log(`heap after GC: ${(baseline / 1e6).toFixed(1)} MB before, ${(after / 1e6).toFixed(1)} MB after`);
  expect(after).toBeLessThanOrEqual(baseline * 1.1);
});

test('a section whose log cannot be loaded is refused with 500 and leaves no document, presence or timer behind', async () => {
  await settled();
  const before = new Set(live);
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) statuses.push(await openAndClose(7));
  expect(new Set(statuses)).toEqual(new Set([500]));
  // A good section too, to show that ordinary loads and unloads clear their timers.
  expect(await openAndClose(8)).toBe(101);
  await settled();
  expect(workspace.server.sections.loaded).toBe(0);
  const leaked = [...live].filter((handle) => !before.has(handle));
  expect(leaked).toHaveLength(0);
});
