/**
 * Server and load generator on cores of their own (`taskset`), so that what a step measures is the
 * server's capacity and not two processes sharing two cores. The server child is started under
 * `taskset -c <server>`; this process, every thread of it, is pinned to the other core for as long
 * as the measurement lasts, and given its former cores back afterwards.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface CoreSplit {
  server: string;
  generator: string;
}

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The cores for the server and for this process, or why they cannot be split. */
export function coreSplit(): CoreSplit | { reason: string } {
  if (os.cpus().length < 2) return { reason: 'one core only' };
  if (!hasTaskset()) return { reason: 'no taskset on this machine' };
  return { server: '1', generator: '0' };
}

/** The cores this process may run on now, as `taskset -c` lists them. */
function currentCores(): string {
  const out = execFileSync('taskset', ['-c', '-p', String(process.pid)], { encoding: 'utf8' });
  return /list:\s*(\S+)/.exec(out)?.[1] ?? `0-${os.cpus().length - 1}`;
}

/** Pins every thread of this process to `cores`; returns how to give it its former cores back. */
export function pinThisProcess(cores: string): () => void {
  const before = currentCores();
  execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' });
  return () => execFileSync('taskset', ['-a', '-p', '-c', before, String(process.pid)], { stdio: 'ignore' });
}
