/**
 * The master document: all ten sections in order with a contents list built from their titles
 * and headings; text written in a section appears there live; "approved texts" marks drafts that
 * are not approved yet; the export panel produces the Word and PDF files.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { SYLLABUS_OUTLINE } from '../../shared/workspace';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn } from '../support/workspace';
import { launchBrowser, newContext, screenshotPath, signInAs, startBrowserWorkspace, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
const writers: CollabClient[] = [];

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  writers.forEach((writer) => writer.destroy());
  await browser?.close();
  await workspace?.stop();
});

async function masterOf(person: TestPerson): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const errors = watchErrors(page);
  await page.goto(`${workspace.url}/master`);
  await page.getByRole('heading', { level: 1, name: 'Master document' }).waitFor();
  return { page, errors };
}

test('all ten sections in order with contents; text written in a section appears live, headings join the contents', async () => {
  const [reader, writerPerson] = await Promise.all([
    addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков'),
    addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова'),
  ]);
  const { page, errors } = await masterOf(reader);
  // The heading is drawn before the sections arrive (on a slow link, seconds before).
  await page.locator('.master-section').nth(9).waitFor();
  await expect(page.locator('.master-section').count()).resolves.toBe(10);
  const titles = await page.locator('.master-section h3').allTextContents();
  expect(titles.map((title) => title.trim())).toEqual(SYLLABUS_OUTLINE.map((section) => section.title));
  const toc = page.getByRole('navigation', { name: 'Contents' });
  for (const section of SYLLABUS_OUTLINE) await toc.getByRole('link', { name: section.title, exact: true }).waitFor();

  // A member writes in the Kazakhstan section (a real y-websocket client, as the editor is).
  const writer = connectCollab(workspace.url, 'national-kz', await signIn(workspace.url, writerPerson.email, writerPerson.password));
  writers.push(writer);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Закон «О миграции населения»' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Көші-қон құқығы: әділдік, ғылым, қызмет.' }] },
      ],
    },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  const kz = page.locator('.master-section[data-section="national-kz"]');
  await kz.getByText('Көші-қон құқығы: әділдік, ғылым, қызмет.').waitFor();
  // The section's own heading sits below the section title in the outline.
  await kz.getByRole('heading', { level: 4, name: 'Закон «О миграции населения»' }).waitFor();
  const headingLink = toc.getByRole('link', { name: 'Закон «О миграции населения»' });
  await headingLink.waitFor();

  // Typing continues: each keystroke-sized update shows up.
  const paragraph = (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(1) as Y.XmlElement).get(0) as Y.XmlText;
  for (const word of [' Закон', ' от', ' 22 июля 2011 года.']) paragraph.insert(paragraph.length, word);
  await kz.getByText('Көші-қон құқығы: әділдік, ғылым, қызмет. Закон от 22 июля 2011 года.').waitFor();

  // A contents link moves the reader (and the focus) to the heading.
  await headingLink.click();
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Закон «О миграции населения»');
  expect(new URL(page.url()).pathname).toBe('/master');

  // Approved texts: nothing is approved yet, so every section shows its draft, marked as such.
  const mode = page.getByRole('group', { name: 'Which text to show' });
  await mode.getByLabel('Approved texts').check();
  await page.getByText('Draft — not yet approved').nth(9).waitFor();
  await expect(page.getByText('Draft — not yet approved').count()).resolves.toBe(10);
  await kz.getByText('Закон от 22 июля 2011 года.').waitFor();
  await page.screenshot({ path: screenshotPath('master-document.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('approved texts show what was approved, with who approved it; the current draft shows later edits', async () => {
  const [lead, member, iom, tspc] = await Promise.all([
    addTestPerson(workspace, 'lead', 'KG', 'Гүлнара Өмүрбекова'),
    addTestPerson(workspace, 'member', 'KG', 'Нурлан Абдыкадыров'),
    addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller'),
    addTestPerson(workspace, 'reviewer', 'TSPC', 'Азамат Исаков'),
  ]);
  const writer = connectCollab(workspace.url, 'national-kg', await signIn(workspace.url, member.email, member.password));
  writers.push(writer);
  await synced(writer);
  prosemirrorJSONToYXmlFragment(
    schema,
    { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Миграция укугу: ң ө ү.' }] }] },
    writer.doc.getXmlFragment(CONTENT_FRAGMENT),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  const as = async (person: TestPerson) => api(workspace.url, await signIn(workspace.url, person.email, person.password));
  expect((await (await as(lead))('POST', '/sections/national-kg/submit', { message: 'Ready' })).status).toBe(200);
  expect((await (await as(iom))('POST', '/sections/national-kg/decision', { decision: 'approved' })).status).toBe(200);
  expect((await (await as(tspc))('POST', '/sections/national-kg/decision', { decision: 'approved' })).status).toBe(200);

  const { page, errors } = await masterOf(member);
  const kg = page.locator('.master-section[data-section="national-kg"]');
  await kg.getByText('Миграция укугу: ң ө ү.').waitFor();
  const text = (writer.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.insert(text.length, ' Жаңы редакция.');
  await kg.getByText('Миграция укугу: ң ө ү. Жаңы редакция.').waitFor();
  await kg.getByText('Approved, changed since').waitFor();

  await page.getByRole('group', { name: 'Which text to show' }).getByLabel('Approved texts').check();
  await kg.locator('.approved-mark').waitFor();
  const mark = (await kg.locator('.approved-mark').textContent())?.replace(/\s+/g, ' ').trim();
  expect(mark).toMatch(/^Approved text — (IOM: Anna Keller, .*; TSPC: Азамат Исаков, |TSPC: Азамат Исаков, .*; IOM: Anna Keller, )/);
  await kg.locator('.master-text').getByText('Миграция укугу: ң ө ү.', { exact: true }).waitFor();
  await page.getByText('Draft — not yet approved').nth(8).waitFor();
  await expect(page.getByText('Draft — not yet approved').count()).resolves.toBe(9);
  await page.getByRole('group', { name: 'Which text to show' }).getByLabel('Current drafts').check();
  await kg.getByText('Миграция укугу: ң ө ү. Жаңы редакция.').waitFor();
  expect(errors).toEqual([]);
});

test('the master document is exported as Word and as PDF from the page, and the files arrive', async () => {
  const member = await addTestPerson(workspace, 'member', 'TJ', 'Фарида Раҳимова');
  const { page, errors } = await masterOf(member);
  const panel = page.getByRole('region', { name: 'Export' });

  for (const { label, extension, magic } of [
    { label: 'Word (.docx)', extension: '.docx', magic: 'PK' },
    { label: 'PDF', extension: '.pdf', magic: '%PDF' },
  ]) {
    await panel.getByLabel(label, { exact: true }).check();
    await panel.getByRole('button', { name: 'Export', exact: true }).click();
    const link = panel.getByRole('link', { name: /^Download / });
    await link.waitFor({ timeout: 20_000 });
    const fileName = await link.getAttribute('download');
    expect(fileName).toMatch(new RegExp(`\\${extension}$`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const file = fs.readFileSync((await download.path())!);
    expect(file.length).toBeGreaterThan(1000);
    expect(file.subarray(0, magic.length).toString('latin1')).toBe(magic);
  }
  await panel.screenshot({ path: screenshotPath('master-export.png') });

  // Approved texts only: the sections without one are left out, and the title page says so.
  await panel.getByLabel('Approved texts', { exact: true }).check();
  const drafts = panel.getByLabel('Sections not yet approved (as marked drafts)');
  expect(await drafts.isChecked()).toBe(true);
  await drafts.uncheck();
  await panel.getByLabel('Markdown', { exact: true }).check();
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  const link = panel.getByRole('link', { name: /^Download / });
  await link.waitFor({ timeout: 20_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const markdown = fs.readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain('not included: no approved text yet');
  expect(markdown).not.toContain('Draft — not yet approved');
  expect(errors).toEqual([]);
}, 40_000);
