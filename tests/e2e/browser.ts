/**
 * Browser tests drive Debian's Chromium (never a downloaded one) against a real workspace server
 * in this process that serves the built client.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { ROOT, type TestPerson, type TestWorkspace, startTestWorkspace } from '../support/workspace';

/** The built client; a separate build (`vite build --outDir …`) can be tested with E2E_CLIENT_DIR. */
export const CLIENT_DIR = process.env.E2E_CLIENT_DIR ?? path.join(ROOT, 'dist/client');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/screenshots');

/**
 * Builds the client unless a build is there (`npm test` builds it first). Test files run in
 * parallel workers, so one builds under a lock directory and the others wait for its result.
 */
export async function ensureClientBuilt(): Promise<void> {
  const index = path.join(CLIENT_DIR, 'index.html');
  if (fs.existsSync(index)) return;
  const lock = path.join(ROOT, 'dist/.client-build-lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let owner = false;
  try {
    fs.mkdirSync(lock);
    owner = true;
  } catch {
    // Someone else is building.
  }
  if (owner) {
    try {
      execSync('npx vite build --logLevel warn', { cwd: ROOT, stdio: 'inherit' });
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
    return;
  }
  const start = Date.now();
  while (!fs.existsSync(index) || fs.existsSync(lock)) {
    if (Date.now() - start > 120_000) throw new Error('the client build did not finish');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A workspace server with the built client, for one test file. */
export async function startBrowserWorkspace(): Promise<TestWorkspace> {
  await ensureClientBuilt();
  return startTestWorkspace({ clientDir: CLIENT_DIR });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (cookies, storage) with a fixed size and an English browser language. */
export function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
}

/**
 * Signs a browser profile in through the API, as the sign-in form does, so tests that are not
 * about signing in start on the page they are about.
 */
export async function signInAs(context: BrowserContext, workspace: TestWorkspace, person: TestPerson): Promise<void> {
  const response = await context.request.post(`${workspace.url}/api/session`, {
    data: { email: person.email, password: person.password },
    headers: { Origin: new URL(workspace.url).origin },
  });
  if (response.status() !== 200) throw new Error(`sign-in failed: ${response.status()}`);
}

/** Opens a section and waits until its text has synced and can be edited (or is read-only). */
export async function openSection(page: Page, workspace: TestWorkspace, sectionId: string): Promise<void> {
  await page.goto(`${workspace.url}/sections/${sectionId}`);
  await page.locator('.connection-connected').waitFor();
  await page.locator('.ProseMirror').waitFor();
}

/** The section's text as written, without colleagues' cursor labels. */
export function editorText(page: Page): Promise<string> {
  return page.locator('.ProseMirror').evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const cursor of copy.querySelectorAll('.ProseMirror-yjs-cursor')) cursor.remove();
    return (copy.textContent ?? '').replace(/\u2060/g, '');
  });
}

/** Waits until the section text contains `text` (typed here or arriving from a colleague). */
export async function waitForText(page: Page, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await editorText(page);
    if (seen.includes(text)) return;
    await page.waitForTimeout(50);
  }
  throw new Error(`expected the section text to contain "${text}", saw "${seen}"`);
}

/** Collects page errors, so a test can assert that none happened. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
