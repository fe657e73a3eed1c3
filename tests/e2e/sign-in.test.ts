/** Signing in through the form: a wrong password is explained, a right one leads to the work. */
import type { Browser } from 'playwright-core';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

test('a wrong password is refused with a readable message', async () => {
  const person = await addTestPerson(workspace, 'member', 'TJ');
  const page = await (await newContext(browser)).newPage();
  const errors = watchErrors(page);
  await page.goto(workspace.url);
  await page.waitForURL(/\/signin$/);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('The e-mail or password is not correct.');
  await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.screenshot({ path: screenshotPath('sign-in-failed.png') });
  expect(errors).toEqual([]);
});

test('signing in from a section link leads back to that section; an unknown section says so', async () => {
  const person = await addTestPerson(workspace, 'lead', 'TM', 'Aýna Şükürowa');
  const page = await (await newContext(browser)).newPage();
  const errors = watchErrors(page);
  await page.goto(`${workspace.url}/sections/national-tm`);
  await page.waitForURL(/\/signin\?next=/);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: /Turkmenistan/ }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sections/national-tm');
  await expect(page.locator('.who-name').textContent()).resolves.toBe('Aýna Şükürowa');

  await page.getByRole('link', { name: 'Workspace' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
  // The heading is drawn before the dashboard's data arrives: wait for the rows themselves.
  await page.locator('.section-row').nth(9).waitFor();
  await expect(page.locator('.section-row').count()).resolves.toBe(10);

  await page.goto(`${workspace.url}/sections/no-such-section`);
  await page.getByRole('heading', { name: 'This section does not exist.' }).waitFor();
  expect(errors).toEqual([]);
});

test('signing out ends the session: the workspace asks to sign in again', async () => {
  const person = await addTestPerson(workspace, 'reviewer', 'TSPC');
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${workspace.url}/signin`);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/signin$/);
  await page.goto(workspace.url);
  await page.waitForURL(/\/signin$/);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
});
