/** Small edges of the HTTP surface: malformed addresses, and what the built client may not publish. */
import fs from 'node:fs';
import path from 'node:path';
import { type TestWorkspace, addTestPerson, signIn, startTestWorkspace, tempDataDir } from '../support/workspace';

let workspace: TestWorkspace;
let cookie: string;
const clientDir = tempDataDir('client');

beforeAll(async () => {
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Syllabus</title>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js.map'), '{"sources":["secret.ts"]}');
  workspace = await startTestWorkspace({ clientDir });
  const person = await addTestPerson(workspace, 'member', 'KG');
  cookie = await signIn(workspace.url, person.email, person.password);
});
afterAll(async () => {
  await workspace.stop();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

test('a malformed %-escape in the address is answered as such, not as bad JSON', async () => {
  const response = await fetch(`${workspace.url}/api/sections/%E0%A4%A`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: 'the address has a malformed %-escape', code: 'invalid-address' });
});

test('source maps are never served, while the scripts are', async () => {
  expect((await fetch(`${workspace.url}/assets/app-abc123.js`)).status).toBe(200);
  const map = await fetch(`${workspace.url}/assets/app-abc123.js.map`);
  expect(map.status).toBe(404);
  expect(await map.text()).not.toContain('secret.ts');
});

const built = path.resolve(__dirname, '../../dist/client/assets');
// `npm test` builds the client first; `npm run test:integration` alone may not have.
(fs.existsSync(built) ? test : test.skip)('the build writes no source maps', () => {
  expect(fs.readdirSync(built).filter((file) => file.endsWith('.map'))).toEqual([]);
});
