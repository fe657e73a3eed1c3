/**
 * Comparisons keep the document's shape in the browser: two versions with a word made bold and a
 * changed table cell compare as the document (a <strong>, a <table> with the changed cell marked),
 * and "who wrote what" follows a colleague's typing while it is open.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import type { Version } from '../../shared/api';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import type { GroupCode, Role } from '../../shared/workspace';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { ROOT, type TestPerson, type TestWorkspace, addTestPerson, api, signIn, waitFor } from '../support/workspace';
import { launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

let workspace: TestWorkspace;
let browser: Browser;
const clients: CollabClient[] = [];

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
});

afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await browser?.close();
  await workspace?.stop();
});

type Mark = { type: string; attrs?: Record<string, unknown> };
const text = (value: string, ...marks: Mark[]) => (marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const cell = (value: string, type = 'table_cell') => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [para(text(value))] });
const item = (value: string) => ({ type: 'list_item', content: [para(text(value))] });

/** The section as first saved, and after an edit: a word made bold, a cell changed, a list item added. */
function syllabus(edited: boolean) {
  const link = { type: 'link', attrs: { href: 'https://www.iom.int/', title: null } };
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [text('Модуль 4. Содействие добровольному возвращению')] },
      para(
        text('Программа охватывает '),
        edited ? text('реинтеграцию', { type: 'bold' }) : text('реинтеграцию'),
        text(' мигрантов и сотрудничество с '),
        text('МОМ', link),
        text(' (Assisted voluntary return, '),
        text('AVRR', { type: 'italic' }),
        text(').'),
      ),
      {
        type: 'bullet_list',
        content: edited ? [item('Лекции'), item('Семинары'), item('Практикум')] : [item('Лекции'), item('Семинары')],
      },
      {
        type: 'table',
        content: [
          { type: 'table_row', content: [cell('Тема', 'table_header'), cell('Часы', 'table_header')] },
          { type: 'table_row', content: [cell('Migration law'), cell(edited ? '6' : '4')] },
          { type: 'table_row', content: [cell('Reintegration'), cell('2')] },
        ],
      },
    ],
  };
}

async function personOn(sectionId: string, role: Role, group: GroupCode, name: string): Promise<{ person: TestPerson; cookie: string }> {
  const person = await addTestPerson(workspace, role, group, name);
  return { person, cookie: await signIn(workspace.url, person.email, person.password) };
}

async function browserOf(person: TestPerson, sectionId: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSection(page, workspace, sectionId);
  return { page, errors };
}

async function collab(cookie: string, sectionId: string): Promise<CollabClient> {
  const client = connectCollab(workspace.url, sectionId, cookie);
  clients.push(client);
  await synced(client);
  return client;
}

const serverText = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);

test('two versions with a word made bold and a changed table cell compare as the document', async () => {
  const { person, cookie } = await personOn('national-kg', 'member', 'KG', 'Алия Токтогулова');
  const writer = await collab(cookie, 'national-kg');
  const fragment = writer.doc.getXmlFragment(CONTENT_FRAGMENT);
  const save = async (label: string) => {
    const saved = await api(workspace.url, cookie)('POST', '/sections/national-kg/versions', { label });
    expect(saved.status).toBe(201);
    return saved.body as Version;
  };
  writer.doc.transact(() => fragment.delete(0, fragment.length));
  prosemirrorJSONToYXmlFragment(schema, syllabus(false), fragment);
  await waitFor(() => serverText('national-kg').includes('Reintegration'), 'the first text on the server');
  const first = await save('Черновик');
  writer.doc.transact(() => fragment.delete(0, fragment.length));
  prosemirrorJSONToYXmlFragment(schema, syllabus(true), fragment);
  await waitFor(() => serverText('national-kg').includes('Практикум'), 'the edited text on the server');
  const second = await save('После семинара');

  const { page, errors } = await browserOf(person, 'national-kg');
  await waitForText(page, 'Практикум');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.locator('.version', { hasText: 'После семинара' }).waitFor();
  await page.locator('#compare-from').selectOption(String(first.id));
  await page.locator('#compare-to').selectOption(String(second.id));
  await page.locator('.version-compare button[type=submit]').click();
  await page.getByRole('heading', { name: 'Comparison' }).waitFor();
  const diff = page.locator('.diff-text');
  await diff.locator('table').waitFor();

  // The word made bold is bold, and marked as a formatting change; the link and italics stay.
  await expect(diff.locator('.diff-format strong').textContent()).resolves.toBe('реинтеграцию');
  await expect(diff.locator('.diff-format').getAttribute('title')).resolves.toBe('Formatting changed; before: plain text');
  await expect(diff.locator('a[href="https://www.iom.int/"]').textContent()).resolves.toBe('МОМ');
  await expect(diff.locator('em').first().textContent()).resolves.toBe('AVRR');
  await expect(diff.locator('h2').textContent()).resolves.toContain('Модуль 4');
  // The list is a list, with the new item inserted.
  await expect(diff.locator('ul > li').allTextContents()).resolves.toEqual(['Лекции', 'Семинары', expect.stringContaining('Практикум')]);
  await expect(diff.locator('ul > li ins').textContent()).resolves.toBe('Практикум');
  // The table is a table: three rows of two cells, the changed one in place and marked.
  await expect(diff.locator('table tr').count()).resolves.toBe(3);
  await expect(diff.locator('table tr:nth-child(1) th').allTextContents()).resolves.toEqual(['Тема', 'Часы']);
  const changed = diff.locator('td.diff-cell-changed');
  await expect(changed.count()).resolves.toBe(1);
  await expect(diff.locator('table tr:nth-child(2) td:nth-child(2)').getAttribute('class')).resolves.toContain('diff-cell-changed');
  await expect(changed.locator('del').textContent()).resolves.toBe('4');
  await expect(changed.locator('ins').textContent()).resolves.toBe('6');
  await expect(changed.locator('.visually-hidden').textContent()).resolves.toBe('Changed cell:');
  await expect(page.locator('.reading-summary').textContent()).resolves.toContain('1 formatting change');

  await page.locator('.reading').screenshot({ path: path.join(ROOT, 'docs/screenshot-diff.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('.reading').screenshot({ path: screenshotPath('diff-390.png') });
  // At 390 px the table scrolls inside the text, not the page.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(fs.existsSync(path.join(ROOT, 'docs/screenshot-diff.png'))).toBe(true);
  expect(errors).toEqual([]);
}, 60_000);

test('who wrote what follows a colleague who types while it is open', async () => {
  const reader = await personOn('national-tm', 'member', 'TM', 'Aýna Orazowa');
  const typist = await personOn('national-tm', 'member', 'TM', 'Merdan Ataýew');
  const { page, errors } = await browserOf(reader.person, 'national-tm');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Who wrote what' }).click();
  await page.locator('.attribution-legend, .attribution-text').first().waitFor();

  const client = await collab(typist.cookie, 'national-tm');
  const fragment = client.doc.getXmlFragment(CONTENT_FRAGMENT);
  const paragraph = new Y.XmlElement('paragraph');
  const words = new Y.XmlText();
  paragraph.insert(0, [words]);
  fragment.push([paragraph]);
  // Typed a word at a time, as a person would, over a few seconds.
  for (const word of ['Türkmenistanyň ', 'migrasiýa ', 'kanunçylygy ']) {
    words.insert(words.length, word);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  const passage = page.locator('.authored[title="Merdan Ataýew"]');
  await passage.first().waitFor({ timeout: 8000 });
  await expect(page.locator('.attribution-legend .legend-name').allTextContents()).resolves.toContain('Merdan Ataýew');
  // Later typing arrives too (the view is refreshed again, at most every 2 s).
  words.insert(words.length, 'we halkara hukugy.');
  await page.locator('.attribution-text', { hasText: 'halkara hukugy.' }).waitFor({ timeout: 8000 });
  expect(errors).toEqual([]);
}, 40_000);
