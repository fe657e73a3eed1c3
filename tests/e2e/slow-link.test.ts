/**
 * What a page sends over the groups' slow links (#21): the dashboard loads without the editor,
 * every script and style comes compressed, and a page whose code has not arrived (a dropped
 * connection on the way) says so and loads when asked again. Timings over an emulated 3G link are
 * the bench's phase (i), not a test: here only what is sent.
 */
import type { Browser, BrowserContext, Response } from 'playwright-core';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, newContext, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await workspace?.stop();
});

async function signedIn(): Promise<BrowserContext> {
  const person = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const context = await newContext(browser);
  contexts.push(context);
  await signInAs(context, workspace, person);
  return context;
}

interface Sent {
  url: string;
  encoding: string | undefined;
  bytes: number;
}

/** The scripts and styles a page fetched, with their encoding and size as sent. */
function watchAssets(responses: Response[]): Promise<Sent[]> {
  return Promise.all(
    responses
      .filter((response) => /\/assets\/.*\.(js|css)$/.test(new URL(response.url()).pathname))
      .map(async (response) => {
        const headers = await response.allHeaders();
        return { url: new URL(response.url()).pathname, encoding: headers['content-encoding'], bytes: Number(headers['content-length'] ?? 0) };
      }),
  );
}

test('the dashboard loads without the editor, and every script and style comes compressed', async () => {
  const context = await signedIn();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(`${workspace.url}/`);
  await page.locator('.dashboard-link').first().waitFor();
  const dashboard = await watchAssets(responses);
  expect(dashboard.length).toBeGreaterThan(0);
  for (const asset of dashboard) expect({ url: asset.url, encoding: asset.encoding }).toEqual({ url: asset.url, encoding: 'br' });
  // The editor's chunk (ProseMirror, y-prosemirror, the section page) is not among them.
  expect(dashboard.map((asset) => asset.url).filter((url) => /\/assets\/(section|schema|translation)-/.test(url))).toEqual([]);
  // Under 100 KB as sent: about 2 s at 400 kbit/s (the whole client was 640 KB uncompressed).
  expect(dashboard.reduce((sum, asset) => sum + asset.bytes, 0)).toBeLessThan(100 * 1024);

  // Opening a section fetches the editor's code then, compressed too, and the section works.
  responses.length = 0;
  await page.locator('.dashboard-link').first().click();
  await page.locator('.connection-connected').waitFor();
  await page.locator('.ProseMirror').waitFor();
  const section = await watchAssets(responses);
  expect(section.some((asset) => /\/assets\/section-/.test(asset.url))).toBe(true);
  for (const asset of section) expect(asset.encoding).toBe('br');
  expect(errors).toEqual([]);
});

test("a page whose code does not arrive says so, and loads when asked again", async () => {
  const context = await signedIn();
  const page = await context.newPage();
  let refuse = true;
  // The connection drops while the section's code is on its way (once).
  await page.route(/\/assets\/section-[^/]*\.js$/, (route) => (refuse ? route.abort('connectionreset') : route.continue()));
  await page.goto(`${workspace.url}/`);
  await page.locator('.dashboard-link').first().waitFor();
  await page.locator('.dashboard-link', { hasText: /national|Kazakhstan|Казахстан/i }).first().click();
  const alert = page.locator('.problem[role="alert"]');
  await alert.waitFor();
  await expect(alert.innerText()).resolves.toContain('The server cannot be reached');
  refuse = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.locator('.connection-connected').waitFor();
  await page.locator('.ProseMirror').waitFor();
  await expect(page.locator('.problem').count()).resolves.toBe(0);
});
