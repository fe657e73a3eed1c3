/**
 * Password guessing against the real server: a concurrent burst is counted as it arrives (only a
 * few guesses are checked at all), and a flood from one address never locks the person out from
 * their own.
 */
import http from 'node:http';
import { type TestPerson, type TestWorkspace, addTestPerson, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
let person: TestPerson;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  person = await addTestPerson(workspace, 'member', 'TM', 'Aýna');
});
afterAll(() => workspace.stop());

/** POST /api/session from a chosen loopback address (127.0.0.0/8), as another computer would. */
function signInFrom(localAddress: string, password: string): Promise<number> {
  const url = new URL(`${workspace.url}/api/session`);
  const body = JSON.stringify({ email: person.email, password });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'Content-Type': 'application/json', Origin: url.origin, 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

test('200 concurrent guesses, the right password among them: only the first few are checked, the rest wait', async () => {
  const passwords = Array.from({ length: 200 }, (_, i) => (i === 150 ? person.password : `guess ${i}`));
  const statuses = await Promise.all(passwords.map((password) => signInFrom('127.0.0.2', password)));
  const checked = statuses.filter((status) => status !== 429);
  expect(checked.length).toBeLessThanOrEqual(5);
  expect(statuses[150]).toBe(429);
  expect(statuses.filter((status) => status === 200)).toHaveLength(0);
});

test('after that flood, the person still signs in from their own address at once', async () => {
  expect(await signInFrom('127.0.0.3', person.password)).toBe(200);
  // The flooding address still waits.
  expect(await signInFrom('127.0.0.2', person.password)).toBe(429);
});
