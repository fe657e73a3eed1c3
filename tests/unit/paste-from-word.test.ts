/**
 * Paste from Word and LibreOffice (#18): footnotes arrive as our footnotes at their references,
 * the notes at the end are gone, and Word's comments are handed over with their words, author
 * and text, their markup gone from the text. The samples are clipboard HTML as Word (Windows,
 * read by Chromium) and LibreOffice Writer (Linux) put it there.
 */
import { schema } from '../../shared/schema';
import { htmlOf, parseHtml } from '../../client/src/editor/html-tree';
import { findQuote, fromWord } from '../../client/src/editor/paste-from-word';

const WORD_HEAD = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List
href="file:///C:/Users/aigerim/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<style>
<!--
p.MsoFootnoteText, li.MsoFootnoteText, div.MsoFootnoteText
	{mso-style-link:"Текст сноски Знак";
	margin:0cm;
	font-size:10.0pt;}
span.MsoFootnoteReference
	{vertical-align:super;}
-->
</style>
</head>

<body lang=RU style='tab-interval:35.4pt;word-wrap:break-word'>
<!--StartFragment-->
`;
const WORD_TAIL = `
<!--EndFragment-->
</body>

</html>`;

const WORD_FOOTNOTES = `${WORD_HEAD}
<p class=MsoNormal>Порядок реадмиссии определяется Соглашением между
Республикой Казахстан и Российской Федерацией<a style='mso-footnote-id:ftn1'
href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference><span style='font-size:12.0pt;line-height:107%;
font-family:"Times New Roman",serif;mso-fareast-font-family:Calibri;mso-ansi-language:
RU;mso-fareast-language:EN-US'>[1]</span></span><![endif]></span></span></a> и Законом «О
миграции населения»<a style='mso-footnote-id:
ftn2' href="#_ftn2" name="_ftnref2" title=""><span class=MsoFootnoteReference><span
style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference><span style='font-size:12.0pt'>[2]</span></span><![endif]></span></span></a>.<o:p></o:p></p>

<p class=MsoNormal>Return migration: assisted voluntary return<a
style='mso-endnote-id:edn1' href="#_edn1" name="_ednref1" title=""><span
class=MsoEndnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoEndnoteReference>[i]</span><![endif]></span></span></a>.<o:p></o:p></p>

<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>

<hr align=left size=1 width="33%">

<![endif]>

<div style='mso-element:footnote' id=ftn1>

<p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1"
name="_ftn1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:
footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference><span
style='font-size:10.0pt;line-height:107%'>[1]</span></span><![endif]></span></span></a>
Соглашение от 30 ноября 2012&nbsp;года, <i>ст. 3</i>.<o:p></o:p></p>

</div>

<div style='mso-element:footnote' id=ftn2>

<p class=MsoFootnoteText><a style='mso-footnote-id:ftn2' href="#_ftnref2"
name="_ftn2" title=""><span class=MsoFootnoteReference><span style='mso-special-character:
footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference><span
style='font-size:10.0pt'>[2]</span></span><![endif]></span></span></a>
Закон Республики Казахстан от 22 июля 2011 года № 477-IV.<o:p></o:p></p>

<p class=MsoFootnoteText>Редакция от 2024 года.<o:p></o:p></p>

</div>

</div>

<div style='mso-element:endnote-list'><![if !supportEndnotes]><br clear=all>

<hr align=left size=1 width="33%">

<![endif]>

<div style='mso-element:endnote' id=edn1>

<p class=MsoEndnoteText><a style='mso-endnote-id:edn1' href="#_ednref1"
name="_edn1" title=""><span class=MsoEndnoteReference><span style='mso-special-character:
footnote'><![if !supportFootnotes]><span class=MsoEndnoteReference>[i]</span><![endif]></span></span></a>
IOM, <a href="https://www.iom.int/assisted-voluntary-return-and-reintegration">AVRR</a> framework.<o:p></o:p></p>

</div>

</div>
${WORD_TAIL}`;

const WORD_COMMENTS = `${WORD_HEAD}
<p class=MsoNormal><a style='mso-comment-reference:АС_1;mso-comment-date:20260612T1012'>Программа
курса</a><span class=MsoCommentReference><span style='font-size:8.0pt;line-height:107%'><a
style='mso-comment-reference:АС_1;mso-comment-date:20260612T1012'>&nbsp;</a><span
style='mso-special-character:comment'>&nbsp;<![if !supportAnnotations]><a
href="#_msocom_1" language=JavaScript id="_anchor_1"
onmouseover="msoCommentShow('_anchor_1','_com_1')"
onmouseout="msoCommentHide('_com_1')" class=msocomanchor name="_msoanchor_1">[АС1]</a><![endif]></span></span></span>
рассчитана на 36 часов.<o:p></o:p></p>

<p class=MsoNormal>The <a style='mso-comment-reference:IR_2;mso-comment-date:20260613T0900'>final
assessment</a><o:p></o:p></p>

<p class=MsoNormal><span style='mso-comment-continuation:2'>is an essay</span><span
class=MsoCommentReference><span style='font-size:8.0pt'><span style='mso-special-character:comment'>&nbsp;<![if !supportAnnotations]><a
href="#_msocom_2" language=JavaScript id="_anchor_2" class=msocomanchor
name="_msoanchor_2">[IR2]</a><![endif]></span></span></span> of 2000 words.<o:p></o:p></p>

<div style='mso-element:comment-list'><![if !supportAnnotations]>

<hr class=msocomoff align=left size=1 width="33%">

<![endif]>

<div style='mso-element:comment'><![if !supportAnnotations]>

<div id="_com_1" class=msocomtxt language=JavaScript
onmouseover="msoCommentShow('_anchor_1','_com_1')"
onmouseout="msoCommentHide('_com_1')"><![endif]>

<div><![if !supportAnnotations]><a name="_msocom_1"></a><![endif]><span
style='mso-comment-author:"Айгерим Сапарова"'></span>

<p class=MsoCommentText><span class=MsoCommentReference><span style='font-size:
8.0pt'><span style='mso-special-character:comment'>&nbsp;</span></span></span>Уточнить
число часов с&nbsp;TSPC.<o:p></o:p></p>

<p class=MsoCommentText>Второй абзац.<o:p></o:p></p>

</div>

<![if !supportAnnotations]></div>

<![endif]></div>

<div style='mso-element:comment'><![if !supportAnnotations]>

<div id="_com_2" class=msocomtxt language=JavaScript><![endif]>

<div><![if !supportAnnotations]><a name="_msocom_2"></a><![endif]><span
style='mso-comment-author:&quot;Ian Reed&quot;'></span>

<p class=MsoCommentText><span class=MsoCommentReference><span style='font-size:
8.0pt'><span style='mso-special-character:comment'>&nbsp;</span></span></span>Say
how it is <b>graded</b>.<o:p></o:p></p>

</div>

<![if !supportAnnotations]></div>

<![endif]></div>

</div>
${WORD_TAIL}`;

const LIBREOFFICE = `<!DOCTYPE html>
<html>
<head>
	<meta http-equiv="content-type" content="text/html; charset=utf-8"/>
	<title></title>
	<meta name="generator" content="LibreOffice 7.6.4.1 (Linux)"/>
	<style type="text/css">
		@page { size: 21cm 29.7cm; margin: 2cm }
		p { line-height: 115%; margin-bottom: 0.25cm; background: transparent }
		a.sdfootnoteanc { font-size: 57% }
	</style>
</head>
<body lang="ru-RU" link="#000080" vlink="#800000" dir="ltr"><p style="line-height: 100%; margin-bottom: 0cm">
Кыргыз Республикасынын тышкы миграция жөнүндө мыйзамы<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>
and the readmission agreement<a class="sdendnoteanc" name="sdendnote1anc" href="#sdendnote1sym"><sup>i</sup></a>.</p>
<p style="line-height: 100%; margin-bottom: 0cm">Türkmenistanyň kanuny<sup><a class="sdfootnoteanc" name="sdfootnote2anc" href="#sdfootnote2sym">2</a></sup> güýje girdi.</p>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>Закон
Кыргызской Республики «О внешней миграции» от 17 июля 2000 года № 61.</p>
<p class="sdfootnote">See <b>ст. 12</b>.</p>
</div><div id="sdfootnote2"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote2sym" href="#sdfootnote2anc">2</a>&#160;Migrasiýa
hakynda kanun, 2012.</p>
</div><div id="sdendnote1"><p class="sdendnote"><a class="sdendnotesym" name="sdendnote1sym" href="#sdendnote1anc">i</a>Readmission
agreement, Bishkek, 2014.</p>
</div>
</body>
</html>`;

/** The notes as pasted: each `<span data-footnote>`'s content, white space as the browser shows it. */
function notesIn(html: string): string[] {
  return [...html.matchAll(/<span data-footnote="">([\s\S]*?)<\/span>(?![^<]*<\/span>)/g)].map((match) =>
    match[1]
      .replace(/<!--[\s\S]*?-->|<![^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** What a reader sees of the pasted HTML: no tags, no comments, white space collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>|<title>[\s\S]*?<\/title>/g, '')
    .replace(/<!--[\s\S]*?-->|<![^>]*>|<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the tag tree', () => {
  test.each([
    ['Word', WORD_FOOTNOTES],
    ['Word with comments', WORD_COMMENTS],
    ['LibreOffice', LIBREOFFICE],
    ['broken markup', '<p>one<p>two</b> <li>three <![if x]> & <3 </div>'],
  ])('gives back the %s clipboard byte for byte', (_name, html) => {
    expect(htmlOf(parseHtml(html))).toBe(html);
  });
});

describe('Word footnotes', () => {
  const pasted = fromWord(WORD_FOOTNOTES).html;

  test('each reference becomes a footnote holding its note, without the note’s own number', () => {
    expect(notesIn(pasted)).toEqual([
      'Соглашение от 30 ноября 2012&nbsp;года, <i>ст. 3</i>.',
      'Закон Республики Казахстан от 22 июля 2011 года № 477-IV. Редакция от 2024 года.',
      'IOM, <a href="https://www.iom.int/assisted-voluntary-return-and-reintegration">AVRR</a> framework.',
    ]);
  });

  test('the footnotes stand where the references stood', () => {
    expect(pasted).toMatch(/Российской Федерацией<span data-footnote="">/);
    expect(pasted).toMatch(/миграции населения»<span data-footnote="">Закон[\s\S]*?<\/span>\.<o:p><\/o:p><\/p>/);
    expect(pasted).toMatch(/assisted voluntary return<span data-footnote="">/);
  });

  test('the notes at the end, Word’s numbers and its rule above the notes are gone', () => {
    expect(pasted).not.toMatch(/mso-element:(foot|end)note/);
    expect(pasted).not.toMatch(/mso-(foot|end)note-id/);
    expect(pasted).not.toContain('<hr');
    expect(visibleText(pasted)).not.toMatch(/\[(1|2|i)\]/);
  });

  test('the text around the notes is untouched', () => {
    expect(pasted.startsWith(WORD_HEAD)).toBe(true);
    expect(pasted).toContain('<p class=MsoNormal>Порядок реадмиссии определяется Соглашением между\nРеспубликой Казахстан');
  });
});

describe('LibreOffice footnotes and endnotes', () => {
  const pasted = fromWord(LIBREOFFICE).html;

  test('each reference becomes a footnote with its note, paragraphs run on', () => {
    expect(notesIn(pasted)).toEqual([
      'Закон Кыргызской Республики «О внешней миграции» от 17 июля 2000 года № 61. See <b>ст. 12</b>.',
      'Readmission agreement, Bishkek, 2014.',
      'Migrasiýa hakynda kanun, 2012.',
    ]);
  });

  test('a superscript that held only the number goes with it; the notes at the end go', () => {
    expect(pasted).toContain('Türkmenistanyň kanuny<span data-footnote="">');
    expect(pasted).not.toContain('<sup>');
    expect(pasted).not.toMatch(/id="sd(foot|end)note\d"/);
    expect(pasted).not.toMatch(/class="sd(foot|end)note(anc|sym)"/);
  });
});

describe('Word comments', () => {
  const { html, comments } = fromWord(WORD_COMMENTS);

  test('come out with their words, author and text', () => {
    expect(comments).toEqual([
      { quote: 'Программа курса', author: 'Айгерим Сапарова', body: 'Уточнить число часов с TSPC.\nВторой абзац.' },
      { quote: 'final assessment is an essay', author: 'Ian Reed', body: 'Say how it is graded.' },
    ]);
  });

  test('leave the commented words in the text and nothing of their markup', () => {
    expect(visibleText(html)).toBe('Программа курса рассчитана на 36 часов. The final assessment is an essay of 2000 words.');
    expect(html).not.toMatch(/mso-comment|msocom|MsoCommentReference|mso-element:comment/);
  });
});

test('HTML from anywhere else passes through unchanged', () => {
  const html = '<meta charset="utf-8"><p>Plain <b>text</b> with a <a href="#_ftn1">link</a> and [1].</p>';
  expect(fromWord(html)).toEqual({ html, comments: [] });
});

test('a reference whose note was not copied stays as it was', () => {
  const html = `<p>Text<a style='mso-footnote-id:ftn7' href="#_ftn7" name="_ftnref7">[7]</a>.</p>`;
  expect(fromWord(html).html).toBe(html);
});

test('the quoted words are found in the pasted text, however Word spaced them', () => {
  const doc = schema.node('doc', null, [
    schema.node('paragraph', null, [schema.text('Вводный абзац.')]),
    schema.node('paragraph', null, [
      schema.text('Программа\u00a0курса'),
      schema.node('footnote', null, [schema.text('Программа курса')]),
      schema.text(' рассчитана на 36 часов.'),
    ]),
  ]);
  const second = doc.child(0).nodeSize;
  const place = findQuote(doc, second, doc.content.size, 'Программа  курса');
  expect(place).toEqual({ from: second + 1, to: second + 1 + 'Программа курса'.length });
  expect(doc.textBetween(place!.from, place!.to)).toBe('Программа\u00a0курса');
  expect(findQuote(doc, second, doc.content.size, 'not there')).toBeNull();
});
