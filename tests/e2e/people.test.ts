/**
 * People management in the browser: a coordinator invites someone, who opens the link in their
 * own browser, sets a name and password and lands signed in; the coordinator moves someone to
 * another group and deactivates them after a confirmation; a member who opens /people reads that
 * it is not for them, and the server refuses them too.
 */
import type { Browser, Page } from 'playwright-core';
import { type TestPerson, type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
let coordinator: TestPerson;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Madina Coordinator');
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
});

async function pageOf(person: TestPerson | null, path: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  if (person) await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${workspace.url}${path}`);
  return { page, errors };
}

/** Answers the confirmation a change asks for. */
async function confirm(page: Page, question: string, answer: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: question });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: answer }).click();
  await dialog.waitFor({ state: 'detached' });
}

test('a coordinator invites a lead; the invitee opens the link, sets a password and lands signed in', async () => {
  const { page, errors } = await pageOf(coordinator, '/people');
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await page.getByLabel('E-mail').fill('gulnara.omurbekova@example.test');
  await page.locator('#invite-role').selectOption('lead');
  // Only country groups are offered to a lead.
  await expect(page.locator('#invite-group option').allTextContents()).resolves.toEqual(['Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan', 'Uzbekistan']);
  await page.locator('#invite-group').selectOption('KG');
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await page.locator('#invite-link').inputValue();
  expect(link).toMatch(new RegExp(`^${workspace.url}/invite/[A-Za-z0-9_-]{16,}$`));
  await expect(page.locator('.invite-result').textContent()).resolves.toContain('Works once; valid until');
  await page.getByRole('table').filter({ hasText: 'gulnara.omurbekova@example.test' }).waitFor();

  const invitee = await pageOf(null, new URL(link).pathname);
  await invitee.page.getByRole('heading', { level: 1, name: 'Join the syllabus workspace' }).waitFor();
  await expect(invitee.page.locator('.signin-intro').first().textContent()).resolves.toContain(
    'gulnara.omurbekova@example.test is invited as Working-group lead, Kyrgyzstan.',
  );
  await invitee.page.getByLabel('Your name').fill('Гүлнара Өмүрбекова');
  await invitee.page.getByLabel('Password', { exact: true }).fill('short');
  await invitee.page.getByLabel('Repeat the password').fill('different');
  await invitee.page.getByRole('button', { name: 'Create account and sign in' }).click();
  await invitee.page.getByText('The password needs at least 10 characters.').waitFor();
  await expect(invitee.page.getByText('The two passwords are not the same.').count()).resolves.toBe(1);
  await expect(invitee.page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
  await invitee.page.screenshot({ path: screenshotPath('invite-validation.png') });

  await invitee.page.getByLabel('Password', { exact: true }).fill('кыргыз-тили-2026');
  await invitee.page.getByLabel('Repeat the password').fill('кыргыз-тили-2026');
  await invitee.page.getByRole('button', { name: 'Create account and sign in' }).click();
  await invitee.page.getByRole('heading', { level: 1, name: 'Regional syllabus' }).waitFor();
  expect(new URL(invitee.page.url()).pathname).toBe('/');
  await expect(invitee.page.locator('.who-name').textContent()).resolves.toBe('Гүлнара Өмүрбекова');
  await expect(invitee.page.locator('.who-role').textContent()).resolves.toContain('Working-group lead');

  // The link worked once: opened again, it says so.
  const again = await pageOf(null, new URL(link).pathname);
  await again.page.getByText('This invitation has already been used.').waitFor();
  const unknown = await pageOf(null, '/invite/AAAAAAAAAAAAAAAAAAAAAAAA');
  await unknown.page.getByText('This invitation link is not valid.').waitFor();
  expect([...errors, ...invitee.errors, ...again.errors, ...unknown.errors]).toEqual([]);
});

test('a coordinator moves a member to another group and deactivates them after confirming', async () => {
  const member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const { page, errors } = await pageOf(coordinator, '/people');
  const group = page.getByLabel('Group of Айгерім Сапарова');
  await group.waitFor();
  await group.selectOption('KG');
  await confirm(page, 'Move Айгерім Сапарова to Kyrgyzstan?', 'Move');
  await page.getByRole('status').filter({ hasText: 'Айгерім Сапарова now belongs to Kyrgyzstan.' }).waitFor();
  expect(workspace.server.services.people.find(member.id)?.group).toBe('KG');

  // A role change keeps the group where it fits and picks a valid one where it does not.
  await page.getByLabel('Role of Айгерім Сапарова').selectOption('reviewer');
  await confirm(page, 'Change the role of Айгерім Сапарова?', 'Change role');
  await page.getByRole('status').filter({ hasText: 'Айгерім Сапарова is now: Reviewer, IOM.' }).waitFor();
  expect(workspace.server.services.people.find(member.id)).toMatchObject({ role: 'reviewer', group: 'IOM' });
  await page.getByLabel('Role of Айгерім Сапарова').selectOption('member');
  await confirm(page, 'Change the role of Айгерім Сапарова?', 'Change role');
  await page.getByRole('status').filter({ hasText: 'Айгерім Сапарова is now: Working-group member, Kazakhstan.' }).waitFor();

  // Deactivating asks first; cancelling changes nothing.
  await page.getByRole('button', { name: 'Deactivate Айгерім Сапарова' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate Айгерім Сапарова?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(workspace.server.services.people.find(member.id)?.active).toBe(true);

  await page.getByRole('button', { name: 'Deactivate Айгерім Сапарова' }).click();
  await dialog.waitFor();
  await page.screenshot({ path: screenshotPath('people-deactivate.png') });
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('status').filter({ hasText: 'Айгерім Сапарова is deactivated.' }).waitFor();
  expect(workspace.server.services.people.find(member.id)?.active).toBe(false);
  await page.getByRole('button', { name: 'Reactivate Айгерім Сапарова' }).waitFor();
  // Your own role and account cannot be changed from here.
  await expect(page.getByLabel('Role of Madina Coordinator').isDisabled()).resolves.toBe(true);
  await expect(page.getByRole('button', { name: 'Deactivate Madina Coordinator' }).isDisabled()).resolves.toBe(true);
  expect(errors).toEqual([]);
});

test('a group change asks first: cancelling keeps the group, confirming moves them, and Undo moves them back', async () => {
  const member = await addTestPerson(workspace, 'member', 'KZ', 'Aigerim Bekova');
  const { page, errors } = await pageOf(coordinator, '/people');
  const group = page.getByLabel('Group of Aigerim Bekova');
  await group.waitFor();

  await group.selectOption('UZ');
  const dialog = page.getByRole('dialog', { name: 'Move Aigerim Bekova to Uzbekistan?' });
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toContain('Aigerim Bekova leaves Kazakhstan and joins Uzbekistan.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect(group.inputValue()).resolves.toBe('KZ');
  expect(workspace.server.services.people.find(member.id)?.group).toBe('KZ');

  await group.selectOption('UZ');
  await confirm(page, 'Move Aigerim Bekova to Uzbekistan?', 'Move');
  const toast = page.locator('.undo-toast');
  await toast.filter({ hasText: 'Aigerim Bekova now belongs to Uzbekistan.' }).waitFor();
  expect(workspace.server.services.people.find(member.id)?.group).toBe('UZ');
  await page.screenshot({ path: screenshotPath('people-undo.png') });

  await toast.getByRole('button', { name: 'Undo the change for Aigerim Bekova' }).click();
  await page.getByRole('status').filter({ hasText: 'Undone: Aigerim Bekova is Working-group member, Kazakhstan again.' }).waitFor();
  await toast.waitFor({ state: 'detached' });
  expect(workspace.server.services.people.find(member.id)).toMatchObject({ role: 'member', group: 'KZ' });
  await expect(group.inputValue()).resolves.toBe('KZ');
  expect(errors).toEqual([]);
});

test('the undo offer goes away by itself after ten seconds', async () => {
  await addTestPerson(workspace, 'member', 'TM', 'Maral Annayeva');
  const { page, errors } = await pageOf(coordinator, '/people');
  await page.clock.install();
  await page.getByLabel('Group of Maral Annayeva').selectOption('TJ');
  await confirm(page, 'Move Maral Annayeva to Tajikistan?', 'Move');
  const toast = page.locator('.undo-toast');
  await toast.waitFor();
  await page.clock.runFor(9_000);
  await expect(toast.count()).resolves.toBe(1);
  await page.clock.runFor(1_500);
  await toast.waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
});

test('a coordinator gives themselves their real name in place of the placeholder', async () => {
  // The coordinator the workspace was created with, whose password was printed once.
  const seeded = workspace.server.firstCoordinator!;
  const record = workspace.server.services.people.findByEmail(seeded.email)!;
  const first: TestPerson = { ...seeded, id: record.id, role: record.role, group: record.group, name: record.name };
  expect(first.name).toBe('Project coordinator');
  const { page, errors } = await pageOf(first, '/people');
  await page.getByRole('button', { name: 'Edit the name of Project coordinator' }).click();
  const input = page.getByLabel('New name for Project coordinator');
  await input.fill('   ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Enter a name.').waitFor();
  await input.fill('Anna Keller');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'The name is now Anna Keller.' }).waitFor();
  await page.getByRole('button', { name: 'Edit the name of Anna Keller' }).waitFor();
  expect(workspace.server.services.people.find(first.id)?.name).toBe('Anna Keller');
  expect(errors).toEqual([]);
});

test('a member who opens /people is told it is for coordinators, and the server refuses them', async () => {
  const member = await addTestPerson(workspace, 'member', 'TJ', 'Фарида Раҳимова');
  const { page, errors } = await pageOf(member, '/people');
  await page.getByRole('alert').filter({ hasText: 'Only coordinators manage people.' }).waitFor();
  await expect(page.getByRole('link', { name: 'People' }).count()).resolves.toBe(0);
  await expect(page.getByRole('link', { name: 'Audit log' }).count()).resolves.toBe(0);
  await page.goto(`${workspace.url}/audit`);
  await page.getByRole('alert').filter({ hasText: 'Only coordinators read the audit log.' }).waitFor();
  // Hiding is a courtesy; the server is what says no.
  const origin = { Origin: new URL(workspace.url).origin };
  expect((await page.request.get(`${workspace.url}/api/invitations`)).status()).toBe(403);
  expect((await page.request.post(`${workspace.url}/api/invitations`, { data: { email: 'x@example.test', role: 'member', group: 'TJ' }, headers: origin })).status()).toBe(403);
  expect((await page.request.get(`${workspace.url}/api/audit`)).status()).toBe(403);
  expect(errors).toEqual([]);
});
