/**
 * Footnotes (#18) in two browsers: two members of the Kazakh group insert footnotes at the same
 * time, one before and one after the other's; both see the same numbers in document order and the
 * same notes, and what one types into a note shows in the other's open note. A reviewer (who can
 * only suggest) reads the notes but cannot insert one. Screenshots at phone and desktop width.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { GroupCode, Role } from '../../shared/workspace';
import { type TestWorkspace, addTestPerson } from '../support/workspace';
import { launchBrowser, newContext, openSection, screenshotPath, signInAs, startBrowserWorkspace, waitForText, watchErrors } from './browser';

const SECTION = 'national-kz';
const PARAGRAPHS = ['Introduction to the module.', 'Readmission agreements in force.', 'Closing remarks.'];

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

async function personPage(role: Role, group: GroupCode, name: string): Promise<{ page: Page; errors: string[] }> {
  const person = await addTestPerson(workspace, role, group, name);
  const context = await newContext(browser);
  contexts.push(context);
  await signInAs(context, workspace, person);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openSection(page, workspace, SECTION);
  return { page, errors };
}

/** The numbers shown on the markers, in the order of the text. */
function markerNumbers(page: Page): Promise<string[]> {
  return page.locator('#section-text .footnote-number').allTextContents();
}

/** The Notes list under the text: "number: note" in order. */
function notesList(page: Page): Promise<string[]> {
  return page.locator('.footnote-notes .footnote-note').evaluateAll((items) =>
    items.map((item) => `${item.querySelector('.footnote-note-number')?.textContent}: ${item.querySelector('.footnote-note-text')?.textContent}`),
  );
}

/** Polls until `read` gives `expected` (colleagues' changes arrive over the network). */
async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen: T = await read();
  while (Date.now() < deadline) {
    seen = await read();
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(seen).toEqual(expected);
}

/** Where the caret is: its paragraph and how many characters of text precede it there (-1, -1: no caret). */
function caretPlace(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const selection = window.getSelection();
    const paragraphs = [...document.querySelectorAll('#section-text > p')];
    const index = paragraphs.findIndex((paragraph) => selection?.anchorNode && paragraph.contains(selection.anchorNode));
    if (!selection?.anchorNode || index < 0) return [-1, -1];
    const range = document.createRange();
    range.setStart(paragraphs[index], 0);
    range.setEnd(selection.anchorNode, selection.anchorOffset);
    const before = range.cloneContents();
    // Colleagues' cursors carry their names, and markers their numbers: not text of the paragraph.
    for (const extra of before.querySelectorAll('.ProseMirror-yjs-cursor, .footnote-marker')) extra.remove();
    return [index, before.textContent?.length ?? 0];
  });
}

/**
 * Puts the caret `offset` characters into a paragraph of the text, and checks that it stayed
 * there. The keys move the browser's caret, which ProseMirror reads a moment later; a colleague's
 * cursor moving in that moment redraws the text with the caret ProseMirror knew, so a fast run of
 * keys can end elsewhere (a person's keys are far slower). It is put again until it is where asked.
 */
async function caretAt(page: Page, paragraph: number, offset: number): Promise<void> {
  let place: [number, number] = [-1, -1];
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.locator('#section-text > p').nth(paragraph).click();
    await page.keyboard.press('Home');
    for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(150);
    place = await caretPlace(page);
    if (place[0] === paragraph && place[1] === offset) return;
  }
  throw new Error(`the caret would not stay at ${offset} in paragraph ${paragraph}: it is at ${place[1]} in paragraph ${place[0]}`);
}

/** The footnote numbers shown in each paragraph, in order. */
function markersByParagraph(page: Page): Promise<string[][]> {
  return page
    .locator('#section-text > p')
    .evaluateAll((paragraphs) => paragraphs.map((paragraph) => [...paragraph.querySelectorAll('.footnote-number')].map((number) => number.textContent ?? '')));
}

/** The open note's editor has the focus: what is typed goes into the note. */
async function noteHasFocus(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.classList.contains('footnote-text') ?? false, null, { timeout: 8000 });
}

test('two members insert footnotes at once before and after each other; numbers, notes and typing agree', async () => {
  const aigerim = await personPage('member', 'KZ', 'Айгерім Сапарова');
  const erlan = await personPage('member', 'KZ', 'Ерлан Жұмабаев');

  await aigerim.page.locator('#section-text').click();
  await aigerim.page.keyboard.type(PARAGRAPHS.join('\n'));
  await waitForText(erlan.page, PARAGRAPHS[2]);

  // Aigerim in the middle paragraph, Erlan in the first (before hers); both press the shortcut at
  // once. (Not in one paragraph: y-prosemirror 1.3 splits a paragraph's text around an inline
  // node, and two splits of one text at the same moment duplicate some of it, for any inline node.)
  await Promise.all([caretAt(aigerim.page, 1, 'Readmission agreements'.length), caretAt(erlan.page, 0, 'Introduction'.length)]);
  await Promise.all([aigerim.page.keyboard.press('Control+Alt+f'), erlan.page.keyboard.press('Control+Alt+f')]);
  // A new note opens for writing at once.
  await Promise.all([noteHasFocus(aigerim.page), noteHasFocus(erlan.page)]);
  await Promise.all([aigerim.page.keyboard.type('Закон о миграции, ст. 3'), erlan.page.keyboard.type('Соглашение 2012 года')]);
  await Promise.all([aigerim.page.keyboard.press('Escape'), erlan.page.keyboard.press('Escape')]);
  // Escape gives the caret back to the text.
  await erlan.page.waitForFunction(() => document.activeElement?.id === 'section-text', null, { timeout: 8000 });

  // Erlan adds one after hers with the toolbar button, at the end of the last paragraph, while
  // Aigerim goes on writing her note.
  await caretAt(erlan.page, 2, PARAGRAPHS[2].length);
  await aigerim.page.locator('#section-text .footnote-number').last().click();
  await noteHasFocus(aigerim.page);
  await Promise.all([
    (async () => {
      await erlan.page.locator('[data-tool="footnote"]').click();
      await noteHasFocus(erlan.page);
      await erlan.page.keyboard.type('IOM AVRR framework');
      await erlan.page.keyboard.press('Enter');
    })(),
    aigerim.page.keyboard.type(' (ред. 2024)'),
  ]);
  await aigerim.page.keyboard.press('Escape');

  const text = 'Introduction to the module.Readmission agreements in force.Closing remarks.';
  for (const person of [aigerim, erlan]) {
    await until(() => markerNumbers(person.page), ['1', '2', '3']);
    // Each note where it was written: Erlan's first in the first paragraph, Aigerim's in the middle one, Erlan's second at the end.
    await until(() => markersByParagraph(person.page), [['1'], ['2'], ['3']]);
    await until(() => notesList(person.page), ['1: Соглашение 2012 года', '2: Закон о миграции, ст. 3 (ред. 2024)', '3: IOM AVRR framework']);
    await until(() => person.page.locator('#section-text').evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const extra of copy.querySelectorAll('.ProseMirror-yjs-cursor, .footnote-marker')) extra.remove();
      return copy.textContent;
    }), text);
  }

  // Erlan keeps Aigerim's note open while she adds to it: her words appear in his open note.
  await erlan.page.locator('#section-text .footnote-number', { hasText: '2' }).click();
  await noteHasFocus(erlan.page);
  await aigerim.page.locator('#section-text .footnote-number', { hasText: '2' }).click();
  await noteHasFocus(aigerim.page);
  await aigerim.page.keyboard.press('End');
  await aigerim.page.keyboard.type('; ст. 5');
  await until(() => erlan.page.locator('.footnote-popover .footnote-text').innerText(), 'Закон о миграции, ст. 3 (ред. 2024); ст. 5');
  await until(() => notesList(erlan.page), ['1: Соглашение 2012 года', '2: Закон о миграции, ст. 3 (ред. 2024); ст. 5', '3: IOM AVRR framework']);
  await aigerim.page.screenshot({ path: screenshotPath('footnotes-desktop.png') });

  // A note's number in the Notes list goes to its marker in the text.
  await aigerim.page.keyboard.press('Escape');
  await aigerim.page.locator('.footnote-notes .footnote-note-number', { hasText: '3' }).click();
  await aigerim.page.waitForFunction(
    () => document.querySelector('#section-text .footnote-marker.ProseMirror-selectednode .footnote-number')?.textContent === '3',
    null,
    { timeout: 8000 },
  );
  // Enter on the selected marker opens its note.
  await aigerim.page.keyboard.press('Enter');
  await noteHasFocus(aigerim.page);
  await aigerim.page.keyboard.press('Escape');

  // At phone width the note opens inside the window, under its number.
  await aigerim.page.setViewportSize({ width: 390, height: 844 });
  await aigerim.page.locator('#section-text .footnote-number', { hasText: '3' }).click();
  await noteHasFocus(aigerim.page);
  const box = (await aigerim.page.locator('.footnote-popover').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const marker = (await aigerim.page.locator('#section-text .footnote-number', { hasText: '3' }).boundingBox())!;
  expect(box.y).toBeGreaterThan(marker.y);
  await aigerim.page.screenshot({ path: screenshotPath('footnotes-390.png') });
  await aigerim.page.keyboard.press('Escape');
  await aigerim.page.locator('.footnote-notes').scrollIntoViewIfNeeded();
  await aigerim.page.screenshot({ path: screenshotPath('footnotes-notes-390.png') });

  // The notes are in the section's text: a reload shows them again, numbered the same.
  await erlan.page.reload();
  await erlan.page.locator('.connection-connected').waitFor();
  await until(() => notesList(erlan.page), ['1: Соглашение 2012 года', '2: Закон о миграции, ст. 3 (ред. 2024); ст. 5', '3: IOM AVRR framework']);

  // A reviewer only suggests: the notes can be read, not written, and no footnote can be inserted.
  const reviewer = await personPage('reviewer', 'IOM', 'Ian Reed');
  await until(() => markerNumbers(reviewer.page), ['1', '2', '3']);
  await expect(reviewer.page.locator('[data-tool="footnote"]').getAttribute('aria-disabled')).resolves.toBe('true');
  await reviewer.page.locator('#section-text .footnote-number', { hasText: '1' }).click();
  await expect(reviewer.page.locator('.footnote-popover .footnote-text').getAttribute('contenteditable')).resolves.toBe('false');
  await expect(reviewer.page.locator('.footnote-popover .footnote-text').innerText()).resolves.toBe('Соглашение 2012 года');

  expect([...aigerim.errors, ...erlan.errors, ...reviewer.errors]).toEqual([]);
}, 120_000);

test('a paste from Word keeps its footnote as a footnote, not as "[1]" text', async () => {
  const member = await personPage('member', 'KG', 'Айбек Осмонов');
  await member.page.goto(`${workspace.url}/sections/national-kg`);
  await member.page.locator('.connection-connected').waitFor();
  await member.page.locator('#section-text').click();
  await member.page.keyboard.type('Кыргызстан.');
  // The clipboard as Word on Windows fills it: the reference, and the note at the end.
  const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=RU><!--StartFragment-->
<p class=MsoNormal>Закон о внешней миграции<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span
class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> действует.<o:p></o:p></p>
<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all><hr align=left size=1 width="33%"><![endif]>
<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference>[1]</span><![endif]></span></span></a> Закон КР от 17 июля 2000 года № 61.<o:p></o:p></p></div></div>
<!--EndFragment--></body></html>`;
  await member.page.locator('#section-text').evaluate((editor, clipboard) => {
    const data = new DataTransfer();
    data.setData('text/html', clipboard);
    data.setData('text/plain', 'Закон о внешней миграции[1] действует.');
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await until(() => notesList(member.page), ['1: Закон КР от 17 июля 2000 года № 61.']);
  await waitForText(member.page, 'Закон о внешней миграции1 действует.');
  expect(await member.page.locator('#section-text').innerText()).not.toContain('[1]');
  expect(member.errors).toEqual([]);
}, 60_000);

test('a Word comment that comes with a paste opens as a thread on its words, headed by its author', async () => {
  const member = await personPage('member', 'TJ', 'Фарзона Раҳимова');
  await member.page.goto(`${workspace.url}/sections/national-tj`);
  await member.page.locator('.connection-connected').waitFor();
  await member.page.locator('#section-text').click();
  // Word's clipboard for "Программа курса рассчитана на 36 часов." with a comment on "Программа курса".
  const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body lang=RU><!--StartFragment-->
<p class=MsoNormal><a style='mso-comment-reference:АС_1;mso-comment-date:20260612T1012'>Программа
курса</a><span class=MsoCommentReference><span style='font-size:8.0pt'><a
style='mso-comment-reference:АС_1;mso-comment-date:20260612T1012'>&nbsp;</a><span
style='mso-special-character:comment'>&nbsp;<![if !supportAnnotations]><a
href="#_msocom_1" id="_anchor_1" class=msocomanchor name="_msoanchor_1">[АС1]</a><![endif]></span></span></span>
рассчитана на 36 часов.<o:p></o:p></p>
<div style='mso-element:comment-list'><![if !supportAnnotations]><hr class=msocomoff align=left size=1 width="33%"><![endif]>
<div style='mso-element:comment'><![if !supportAnnotations]><div id="_com_1" class=msocomtxt><![endif]>
<div><![if !supportAnnotations]><a name="_msocom_1"></a><![endif]><span style='mso-comment-author:"Айгерим Сапарова"'></span>
<p class=MsoCommentText><span class=MsoCommentReference><span style='font-size:8.0pt'><span
style='mso-special-character:comment'>&nbsp;</span></span></span>Уточнить число часов с TSPC.<o:p></o:p></p>
</div><![if !supportAnnotations]></div><![endif]></div></div>
<!--EndFragment--></body></html>`;
  await member.page.locator('#section-text').evaluate((editor, clipboard) => {
    const data = new DataTransfer();
    data.setData('text/html', clipboard);
    data.setData('text/plain', 'Программа курса[АС1] рассчитана на 36 часов.');
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await waitForText(member.page, 'Программа курса рассчитана на 36 часов.');
  const card = member.page.locator('.thread-quote', { hasText: 'Программа курса' });
  await card.waitFor();
  await member.page.getByText('Айгерим Сапарова (a comment in Word): Уточнить число часов с TSPC.').waitFor();
  // The thread sits on the quoted words in the text.
  await member.page.locator('#section-text .comment-highlight', { hasText: 'Программа курса' }).first().waitFor();
  expect(await member.page.locator('#section-text').innerText()).not.toContain('[АС1]');
  expect(member.errors).toEqual([]);
}, 60_000);
