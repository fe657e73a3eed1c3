/**
 * Starting real workspace servers for tests: in this process on an ephemeral port, or as a child
 * process (for kill -9), always on a temporary DATA_DIR.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type WorkspaceServer, startServer } from '../../server/app';
import { type Config, configFromEnv } from '../../server/config';
import type { GroupCode, Role } from '../../shared/workspace';

export const ROOT = path.resolve(__dirname, '../..');

export function tempDataDir(label = 'workspace'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `syllabus-${label}-`));
}

export interface TestWorkspace {
  server: WorkspaceServer;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real server in this process, on 127.0.0.1 and a free port. */
export async function startTestWorkspace(overrides: Partial<Config> = {}): Promise<TestWorkspace> {
  const dataDir = overrides.dataDir ?? tempDataDir();
  const config: Config = {
    ...configFromEnv({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: null,
    log: false,
    // A test server renders few exports, if any: a thread started for each would only cost the suite.
    warmExportsAfterMs: null,
    ...overrides,
  };
  const server = await startServer(config);
  return { server, url: server.url, dataDir, stop: () => server.close() };
}

export interface TestPerson {
  id: number;
  email: string;
  password: string;
  role: Role;
  group: GroupCode;
  name: string;
}

let counter = 0;

/** Adds a person directly through the people service (as `npm run admin -- add-user` does). */
export async function addTestPerson(
  workspace: TestWorkspace,
  role: Role,
  group: GroupCode,
  name = `${role} ${group} ${++counter}`,
): Promise<TestPerson> {
  const email = `${role}.${group}.${++counter}.${Date.now()}@example.test`.toLowerCase();
  const password = 'correct horse battery staple';
  const person = await workspace.server.services.people.add({ email, name, role, group, password }, null);
  return { id: person.id, email, password, role, group, name };
}

/**
 * Creates people on a data directory and signs each in, with a server in this process that is
 * stopped again: for tests whose server runs as a child process on that directory. Sessions are
 * stored, so the returned cookies work against the child.
 */
export async function signedInPeopleOn(
  dataDir: string,
  people: { role: Role; group: GroupCode; name: string }[],
): Promise<{ people: TestPerson[]; cookies: string[] }> {
  const setup = await startTestWorkspace({ dataDir });
  try {
    const added = await Promise.all(people.map(({ role, group, name }) => addTestPerson(setup, role, group, name)));
    const cookies: string[] = [];
    for (const person of added) cookies.push(await signIn(setup.url, person.email, person.password));
    return { people: added, cookies };
  } finally {
    await setup.stop();
  }
}

/** Signs in over HTTP like a browser; returns the Cookie header value. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(url).origin },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.get('set-cookie');
  if (!setCookie) throw new Error('no session cookie');
  return setCookie.split(';')[0];
}

/** A JSON request with the headers our same-origin rule asks for. */
export function api(url: string, cookie: string | null) {
  return async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}/api${route}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        Origin: new URL(url).origin,
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** Polls until `check` returns true, or fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ChildWorkspace {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Whether a child server has neither exited nor been killed yet. */
export function isRunning(child: ChildWorkspace): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

/** Sends `signal` to a child server still running, and waits until it has exited. */
export async function stopWorkspace(child: ChildWorkspace, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (isRunning(child)) child.process.kill(signal);
  await child.exited;
}

/** `npm start`'s server (without the client build) as a child process on DATA_DIR. */
export async function spawnWorkspace(dataDir: string, port = 0, env: NodeJS.ProcessEnv = {}): Promise<ChildWorkspace> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', CLIENT_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const start = Date.now();
  while (!/serving on http:\/\/[^:]+:(\d+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (Date.now() - start > 20_000) throw new Error(`server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const actualPort = Number(/serving on http:\/\/[^:]+:(\d+)/.exec(output)![1]);
  return { url: `http://127.0.0.1:${actualPort}`, port: actualPort, process: child, output: () => output, exited };
}
