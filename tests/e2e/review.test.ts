/**
 * The review workflow in the browser: the lead submits, IOM and then TSPC approve, and when a
 * member changes one character afterwards every open page says "changed since approval" without a
 * reload, and the comparison with the approved text shows that character.
 */
import type { Browser, Page } from 'playwright-core';
import type { GroupCode, Role } from '../../shared/workspace';
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

async function personOn(sectionId: string, role: Role, group: GroupCode, name?: string): Promise<{ page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, role, group, name);
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSection(page, workspace, sectionId);
  return { page, errors };
}

async function approve(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /Review/ }).click();
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('button', { name: 'Approve this text' }).click();
  await page.locator('.decision.is-approved').first().waitFor();
}

test('submitted, approved by IOM and TSPC, then one changed character makes it "changed since approval" live', async () => {
  // Everyone opens the section at once; the observer, a colleague, is never reloaded.
  const [member, observer, lead, iom, tspc] = await Promise.all([
    personOn('national-uz', 'member', 'UZ', 'Dilnoza Karimova'),
    personOn('national-uz', 'member', 'UZ'),
    personOn('national-uz', 'lead', 'UZ', 'Oʻtkir Gʻulomov'),
    personOn('national-uz', 'reviewer', 'IOM', 'Anna Keller'),
    personOn('national-uz', 'reviewer', 'TSPC', 'Азамат Исаков'),
  ]);
  const text = 'Oʻzbekiston: mehnat migratsiyasi toʻgʻrisidagi qonun, 2023.';
  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.type(text);
  await waitForText(observer.page, text);

  await lead.page.getByRole('tab', { name: /Review/ }).click();
  await lead.page.getByRole('button', { name: 'Submit for review' }).click();
  await lead.page.getByLabel('Message to the reviewers (optional)').fill('First complete draft of the Uzbek section.');
  await lead.page.locator('.review-form').getByRole('button', { name: 'Submit for review' }).click();
  await lead.page.locator('.section-status .status-in_review').waitFor();
  await observer.page.locator('.section-status .status-in_review').waitFor();

  await approve(iom.page);
  await approve(tspc.page);
  await observer.page.locator('.section-status .status-approved').waitFor();
  await expect(observer.page.locator('.stale-badge').count()).resolves.toBe(0);

  // One character: the year 2023 becomes 2024.
  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.press('Control+End');
  await member.page.keyboard.press('ArrowLeft');
  await member.page.keyboard.press('Backspace');
  await member.page.keyboard.type('4');
  await waitForText(member.page, '2024.');

  for (const page of [observer.page, iom.page]) {
    await page.locator('.section-status .stale-badge', { hasText: 'Changed since approval' }).waitFor({ timeout: 8000 });
    await page.getByText('Approved, changed since approval — needs re-approval').waitFor();
  }
  await observer.page.getByRole('tab', { name: /Review/ }).click();
  await observer.page.locator('.decision.is-outdated', { hasText: 'Judged an earlier text' }).first().waitFor();

  await observer.page.locator('.stale-banner').getByRole('button', { name: 'Show changes' }).click();
  await observer.page.getByRole('heading', { name: 'Changes since approval' }).waitFor();
  await expect(observer.page.locator('.diff-text .diff-del').allTextContents()).resolves.toEqual(['2023']);
  await expect(observer.page.locator('.diff-text .diff-ins').allTextContents()).resolves.toEqual(['2024']);
  await expect(observer.page.locator('.reading-summary').textContent()).resolves.toContain('2 changes: 1 insertion, 1 deletion');
  await observer.page.screenshot({ path: screenshotPath('review-changed-since-approval.png') });

  await observer.page.locator('.stale-banner').getByRole('button', { name: 'Show approved text' }).click();
  await observer.page.getByRole('heading', { name: 'Approved text' }).waitFor();
  await observer.page.locator('.reading-paper', { hasText: '2023.' }).waitFor();
  await observer.page.getByRole('button', { name: 'Back to the live text' }).click();
  await waitForText(observer.page, '2024.');
  expect([...member.errors, ...observer.errors, ...lead.errors, ...iom.errors, ...tspc.errors]).toEqual([]);
}, 40_000);
