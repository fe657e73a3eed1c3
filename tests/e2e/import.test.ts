/**
 * "Import from Word" in the browser (#18): a KZ member opens the dialog on the section page,
 * chooses a .docx, sees the preview (the text drawn read-only, the comment that becomes a thread,
 * what is lost) and appends it; the text arrives in the editor, the comment in the threads. A
 * bad file is refused with a message in the dialog. Works at 390 px wide.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as docx from 'docx';
import type { Browser, Page } from 'playwright-core';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import { editorText, launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

const { CommentRangeEnd, CommentRangeStart, CommentReference, Document, FootnoteReferenceRun, HeadingLevel, ImageRun, Packer, Paragraph, TextRun } = docx;
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let workspace: TestWorkspace;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  [workspace, browser] = await Promise.all([startBrowserWorkspace(), launchBrowser()]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-e2e-'));
  const document = new Document({
    comments: { children: [{ id: 0, author: 'Гульнара Ахметова', children: [new Paragraph('Cite the 2011 law.')] }] },
    footnotes: { 1: { children: [new Paragraph('Закон о миграции, ст. 5.')] } },
    sections: [
      {
        children: [
          new Paragraph({ text: 'Возвратная миграция', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun('Статья 5'), new FootnoteReferenceRun(1), new TextRun(' applies to '), new CommentRangeStart(0), new TextRun('readmission'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] }), new TextRun('.')] }),
          new Paragraph({ children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } })] }),
        ],
      },
    ],
  });
  fs.writeFileSync(path.join(dir, 'draft.docx'), await Packer.toBuffer(document));
  fs.writeFileSync(path.join(dir, 'notes.docx'), 'not a Word file');
});

afterAll(async () => {
  await browser?.close();
  await workspace?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(`${name}.png`), fullPage: false });
}

test('a member previews a Word draft and appends it; a bad file is refused in the dialog', async () => {
  const member = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  const context = await newContext(browser);
  await signInAs(context, workspace, member);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 860 });
  await openSection(page, workspace, 'national-kz');
  await page.getByRole('button', { name: 'Import from Word' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a Word file' });
  await dialog.getByLabel('Word file (.docx)').setInputFiles(path.join(dir, 'notes.docx'));
  await dialog.getByRole('alert').waitFor();
  expect(await dialog.getByRole('alert').textContent()).toContain('not a Word (.docx) file');
  await shoot(page, 'import-refused-390');

  await dialog.getByLabel('Word file (.docx)').setInputFiles(path.join(dir, 'draft.docx'));
  await dialog.getByRole('heading', { name: 'What will arrive' }).waitFor({ timeout: 60_000 });
  const preview = dialog.getByRole('document', { name: 'Preview of the imported text' });
  expect(await preview.locator('h1').textContent()).toBe('Возвратная миграция');
  expect(await preview.locator('.footnote').textContent()).toBe('Закон о миграции, ст. 5.');
  expect(await dialog.locator('.import-lost').textContent()).toContain('1 image is left out');
  expect(await dialog.locator('.import-comments').textContent()).toContain('Гульнара Ахметова on “readmission”');
  // The section is empty: replacing is offered too.
  expect(await dialog.getByRole('button', { name: 'Replace (empty section only)' }).isEnabled()).toBe(true);
  await shoot(page, 'import-preview-390');
  await page.setViewportSize({ width: 1280, height: 860 });
  await shoot(page, 'import-preview-1280');

  await dialog.getByRole('button', { name: 'Append at the end' }).click();
  await dialog.getByRole('status').filter({ hasText: 'The file was imported.' }).waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await waitForText(page, 'Возвратная миграция', 10_000);
  expect(await editorText(page)).toContain('applies to readmission.');
  await page.locator('.comment-thread, .thread').filter({ hasText: 'Word comment by Гульнара Ахметова' }).first().waitFor({ timeout: 10_000 });
  await shoot(page, 'import-done-1280');
  expect(errors).toEqual([]);
}, 120_000);
