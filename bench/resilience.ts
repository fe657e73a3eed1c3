/**
 * `npm run bench -- --resilience`: the resilience suite (tests/integration/resilience-*.test.ts
 * and durability.test.ts) under jest, one file at a time, in its long form (RESILIENCE_LONG=1:
 * more cycles, messages, steps, seeds and kills, as each file reads it). With --quick, the same
 * files as `npm test` runs them. Jest's output is streamed as it comes.
 *
 * RESILIENCE_SEED, when set, passes through to the seeded files (to replay a failing run).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

/** Path patterns (regular expressions, as jest reads its arguments) of the suite's files. */
export const RESILIENCE_TESTS = ['tests/integration/resilience-[^/]+\\.test\\.ts$', 'tests/integration/durability\\.test\\.ts$'];

/** Runs the resilience suite; resolves with whether every test passed. */
export function runResilience(options: { quick: boolean }): Promise<boolean> {
  const env: NodeJS.ProcessEnv = { ...process.env, RESILIENCE_LONG: options.quick ? '0' : '1' };
  console.log(`Resilience suite (${options.quick ? 'quick: as npm test runs it' : 'long: RESILIENCE_LONG=1'})`);
  const started = Date.now();
  return new Promise((resolve) => {
    const jest = spawn(process.execPath, [JEST, '--runInBand', ...RESILIENCE_TESTS], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    // Ctrl-C reaches jest through the terminal; let it finish cleaning up its servers.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    jest.on('error', (error) => {
      console.error(`could not start jest: ${error.message}`);
      process.off('SIGINT', ignore);
      resolve(false);
    });
    jest.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      const minutes = ((Date.now() - started) / 60_000).toFixed(1);
      const outcome = code === 0 ? 'passed' : `failed (${signal ? `signal ${signal}` : `exit code ${code}`})`;
      console.log(`Resilience suite ${outcome} in ${minutes} min`);
      resolve(code === 0);
    });
  });
}
