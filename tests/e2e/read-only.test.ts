/**
 * Who may not write a section reads it with a notice that says why, and typing changes nothing;
 * the owning group writes. A change of rights takes effect in the open page, without a reload.
 */
import type { Browser, Page } from 'playwright-core';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestPerson, type TestWorkspace, addTestPerson } from '../support/workspace';
import {
  editorText,
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

async function open(role: Role, group: GroupCode, sectionId: string): Promise<{ page: Page; person: TestPerson; errors: string[] }> {
  const person = await addTestPerson(workspace, role, group);
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSection(page, workspace, sectionId);
  return { page, person, errors };
}

async function expectReadOnly(page: Page, reason: string): Promise<void> {
  const notice = page.getByRole('note');
  // The connection turns read-only as soon as the server says so; the person's new group (which
  // the reason names) arrives by its own event a moment later.
  await notice.filter({ hasText: reason }).waitFor();
  await expect(notice.textContent()).resolves.toContain('You can read this section but not edit it');
  await expect(page.locator('.ProseMirror').getAttribute('contenteditable')).resolves.toBe('false');
  await expect(page.getByRole('toolbar').count()).resolves.toBe(0);
  const before = await editorText(page);
  await page.locator('.ProseMirror').click();
  await page.keyboard.type('should not appear');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  expect(await editorText(page)).toBe(before);
}

test('the owning group writes, a reviewer and another country read with a notice saying why', async () => {
  const owner = await open('member', 'KZ', 'national-kz');
  await expect(owner.page.getByRole('note').count()).resolves.toBe(0);
  await owner.page.locator('.ProseMirror').click();
  await owner.page.keyboard.type('Written by the Kazakh working group');
  await waitForText(owner.page, 'Written by the Kazakh working group');

  // A reviewer does not write the text either: what they type is a suggestion the group decides on.
  const reviewer = await open('reviewer', 'IOM', 'national-kz');
  await waitForText(reviewer.page, 'Written by the Kazakh working group');
  await expect(reviewer.page.getByRole('note').textContent()).resolves.toContain('You can suggest changes here');
  await reviewer.page.locator('.ProseMirror p').first().click();
  await reviewer.page.keyboard.press('End');
  await reviewer.page.keyboard.type(' as proposed');
  await owner.page.locator('.ProseMirror ins.suggestion', { hasText: 'as proposed' }).waitFor();
  await reviewer.page.screenshot({ path: screenshotPath('read-only-reviewer.png') });

  const uzbek = await open('member', 'UZ', 'national-kz');
  await expectReadOnly(uzbek.page, 'only the Kazakhstan working group and coordinators edit this section');

  // Nothing the readers typed reached the section, for the owner or after a reload.
  await owner.page.keyboard.type('.');
  await waitForText(owner.page, '.');
  const written = await editorText(owner.page);
  await waitForText(reviewer.page, written);
  await uzbek.page.reload();
  await uzbek.page.locator('.connection-connected').waitFor();
  await waitForText(uzbek.page, written);
  expect(await editorText(uzbek.page)).not.toContain('should not appear');
  expect(await editorText(owner.page)).not.toContain('should not appear');
  expect([...owner.errors, ...reviewer.errors, ...uzbek.errors]).toEqual([]);
});

test('moving a member to another group makes the open section read-only at once, and back', async () => {
  const member = await open('member', 'KZ', 'national-kz');
  await expect(member.page.locator('.ProseMirror').getAttribute('contenteditable')).resolves.toBe('true');

  workspace.server.services.people.update(member.person.id, { group: 'UZ' }, null);
  await member.page.getByRole('note').waitFor();
  await expectReadOnly(member.page, 'only the Kazakhstan working group');

  workspace.server.services.people.update(member.person.id, { group: 'KZ' }, null);
  await member.page.getByRole('note').waitFor({ state: 'detached' });
  await member.page.locator('.ProseMirror[contenteditable=true]').waitFor();
  await member.page.locator('.ProseMirror').click();
  await member.page.keyboard.type('Back in the Kazakh group');
  await waitForText(member.page, 'Back in the Kazakh group');
  expect(member.errors).toEqual([]);
});
