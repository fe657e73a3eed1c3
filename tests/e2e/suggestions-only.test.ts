/**
 * "Suggestions only" (#17) in the browser: the KZ lead turns it on in the review tab, and the KZ
 * member's open page switches to suggesting at once, with a notice that says why; off, and back.
 * A coordinator lets other groups suggest on a country's section from the dashboard.
 */
import type { Browser, Page } from 'playwright-core';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, newContext, openSection, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
const SHOTS = process.env.SUGGESTIONS_ONLY_SHOTS;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function open(role: Role, group: GroupCode, path: string | null): Promise<{ page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, role, group);
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  if (path) await openSection(page, workspace, path);
  else await page.goto(workspace.url);
  return { page, errors };
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 860 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

test('the KZ lead turns suggestions only on, and the KZ member’s open page suggests at once; off again', async () => {
  const lead = await open('lead', 'KZ', 'national-kz');
  const member = await open('member', 'KZ', 'national-kz');
  const reviewer = await open('reviewer', 'IOM', 'national-kz');
  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.type('Written directly.');

  await lead.page.getByRole('tab', { name: /Review/ }).click();
  const toggle = lead.page.getByRole('switch', { name: 'Suggestions only' });
  await expect(toggle.isChecked()).resolves.toBe(false);
  await toggle.check();
  await lead.page.waitForFunction(() => document.querySelector('.notice.is-suggesting') !== null);
  await member.page.waitForFunction(() => document.querySelector('.notice.is-suggesting')?.textContent?.includes('suggestions only'));
  await shoot(lead.page, 'lead-on');
  await shoot(member.page, 'member-on');
  await reviewer.page.getByRole('tab', { name: /Review/ }).click();
  await reviewer.page.waitForFunction(() => document.querySelector('.suggestions-only-on') !== null);
  await expect(reviewer.page.getByRole('switch', { name: 'Suggestions only' }).count()).resolves.toBe(0);

  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.press('End');
  await member.page.keyboard.type(' Proposed.');
  await member.page.waitForFunction(() => document.querySelector('.ProseMirror ins, .ProseMirror .suggested-insertion') !== null);

  await toggle.uncheck();
  await member.page.waitForFunction(() => document.querySelector('.notice.is-suggesting') === null);
  for (const { errors } of [lead, member, reviewer]) expect(errors).toEqual([]);
});

test('a coordinator lets other groups suggest on a country’s section from the dashboard', async () => {
  const coordinator = await open('coordinator', 'IOM', null);
  const uz = await open('member', 'UZ', 'national-kz');
  await expect(uz.page.locator('.ProseMirror').getAttribute('contenteditable')).resolves.toBe('false');
  const setting = coordinator.page.getByRole('checkbox', { name: 'Members of other groups may suggest on a country’s section' });
  await setting.check();
  await coordinator.page.getByText('Saved').first().waitFor().catch(() => undefined);
  await shoot(coordinator.page, 'dashboard-setting');
  await uz.page.waitForFunction(() => document.querySelector('.notice.is-suggesting') !== null);
  await expect(uz.page.locator('.ProseMirror').getAttribute('contenteditable')).resolves.toBe('true');
  await setting.uncheck();
  await uz.page.waitForFunction(() => document.querySelector('.ProseMirror')?.getAttribute('contenteditable') === 'false');
  for (const { errors } of [coordinator, uz]) expect(errors).toEqual([]);
});
