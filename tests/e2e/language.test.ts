/** Switching the interface to Russian changes every label at once, and the choice is remembered. */
import type { Browser } from 'playwright-core';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import {
  launchBrowser,
  newContext,
  openSection,
  screenshotPath,
  signInAs,
  startBrowserWorkspace,
  waitForText,
  watchErrors,
} from './browser';

let workspace: TestWorkspace;
let browser: Browser;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

test('a member switches to Russian; the page and the editor follow, and a reload keeps it', async () => {
  const person = await addTestPerson(workspace, 'member', 'KG', 'Нурлан Абдыкадыров');
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);

  await page.goto(workspace.url);
  await page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { level: 1, name: 'Региональная учебная программа' }).waitFor();
  await page.getByRole('button', { name: 'Выйти' }).waitFor();
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru');
  await page.screenshot({ path: screenshotPath('workspace-ru.png'), fullPage: true });

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Региональная учебная программа' }).waitFor();
  await expect(page.getByRole('button', { name: 'Русский' }).getAttribute('aria-pressed')).resolves.toBe('true');

  // On a section the editor keeps its text through a switch of language; only labels change.
  await openSection(page, workspace, 'national-kg');
  await page.getByRole('toolbar', { name: 'Форматирование' }).waitFor();
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('Кыргыз тили: ң ө ү');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('toolbar', { name: 'Formatting' }).waitFor();
  await expect(page.getByRole('textbox', { name: 'Section text' }).count()).resolves.toBe(1);
  await waitForText(page, 'Кыргыз тили: ң ө ү');
  expect(errors).toEqual([]);
});
