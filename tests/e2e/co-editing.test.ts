/**
 * Two people of the same working group write one section at the same time, each in their own
 * browser: both see both texts, each other's named cursor, and the text survives a reload.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function personPage(name: string): Promise<{ page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, 'member', 'KZ', name);
  const context = await newContext(browser);
  contexts.push(context);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  return { page, errors: watchErrors(page) };
}

test('two Kazakh members write the Kazakhstan section together and see each other', async () => {
  const aigerim = await personPage('Айгерім Сапарова');
  const erlan = await personPage('Ерлан Жұмабаев');
  await Promise.all([openSection(aigerim.page, workspace, 'national-kz'), openSection(erlan.page, workspace, 'national-kz')]);

  const first = 'Закон «О миграции населения»: қазақ тілі әғқңөұүһі';
  await aigerim.page.locator('.ProseMirror').click();
  await aigerim.page.keyboard.type(first);
  await waitForText(erlan.page, first);

  const second = 'Reintegration support for returning migrants';
  await erlan.page.locator('.ProseMirror').click();
  await erlan.page.keyboard.press('Control+End');
  await erlan.page.keyboard.press('Enter');
  await erlan.page.keyboard.type(second);
  await waitForText(aigerim.page, second);
  await waitForText(erlan.page, first);

  // Each sees the other's caret labelled with the other's name, and both in the presence list.
  await aigerim.page.locator('.ProseMirror-yjs-cursor-label', { hasText: 'Ерлан Жұмабаев' }).waitFor();
  await erlan.page.locator('.ProseMirror-yjs-cursor-label', { hasText: 'Айгерім Сапарова' }).waitFor();
  await expect(aigerim.page.locator('.presence-list').textContent()).resolves.toContain('Ерлан Жұмабаев');
  await expect(aigerim.page.locator('.presence-list').textContent()).resolves.toContain('Айгерім Сапарова (you)');
  await aigerim.page.screenshot({ path: screenshotPath('co-editing.png') });

  await aigerim.page.reload();
  await aigerim.page.locator('.connection-connected').waitFor();
  await waitForText(aigerim.page, first);
  await waitForText(aigerim.page, second);
  expect([...aigerim.errors, ...erlan.errors]).toEqual([]);
});

