/**
 * What the import reads from Word's XML itself, where mammoth says nothing: comment ranges,
 * tracked changes (never accepted on the way in), list numbering, Word's comment threads; and how
 * the markers become suggestion marks and comment positions in the converted document.
 */
import { schema } from '../../shared/schema';
import { ListCounter, readListStarts } from '../../server/imports/list-numbering';
import { applyTrackedChanges, takeOutMarkers } from '../../server/imports/tracked-changes';
import { readWordComments } from '../../server/imports/word-comments';
import { MARKER_PATTERN, marker, markWordXml, newMarkingState } from '../../server/imports/word-markers';

const body = (xml: string) => `<w:document><w:body>${xml}</w:body></w:document>`;
const p = (xml: string) => `<w:p>${xml}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
/** The text a reader of the marked XML would see, with markers as «code:value». */
const visible = (xml: string) =>
  [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<\/w:p>/g)]
    .map((match) => (match[0] === '</w:p>' ? '¶' : match[1]))
    .join('')
    .replace(MARKER_PATTERN, (_, code: string, value: string) => `«${code}:${value}»`);
const mark = (xml: string) => {
  const state = newMarkingState();
  return { xml: markWordXml(xml, state, { markComments: true, markLists: true }), state };
};

describe('markers in Word XML', () => {
  test('a comment range inside a paragraph is marked where it starts and ends', () => {
    const { xml } = mark(body(p(`${r('Read ')}<w:commentRangeStart w:id="4"/>${r('the law')}<w:commentRangeEnd w:id="4"/><w:r><w:commentReference w:id="4"/></w:r>${r('.')}`)));
    expect(visible(xml)).toBe('Read «cs:4»the law«ce:4»«cr:4».¶');
  });

  test('a comment range that starts and ends between paragraphs moves into them', () => {
    const { xml } = mark(body(`<w:commentRangeStart w:id="1"/>${p(r('First'))}${p(r('Second'))}<w:commentRangeEnd w:id="1"/>${p(r('Third'))}`));
    expect(visible(xml)).toBe('«cs:1»First¶Second«ce:1»¶Third¶');
  });

  test("a tracked deletion's words stay readable and both kinds are bracketed, with their Word authors", () => {
    const { xml, state } = mark(
      body(p(`${r('Keep ')}<w:ins w:id="7" w:author="Boris" w:date="2026-11-02T10:00:00Z">${r('new')}</w:ins><w:del w:id="8" w:author="Айгуль"><w:r><w:delText>old</w:delText></w:r></w:del>`)),
    );
    expect(visible(xml)).toBe('Keep «is:1»new«ie:1»«ds:2»old«de:2»¶');
    expect(xml).not.toMatch(/w:del\b|w:delText/);
    expect(state.changes).toEqual([
      { number: 1, kind: 'insertion', author: 'Boris', date: '2026-11-02T10:00:00Z' },
      { number: 2, kind: 'deletion', author: 'Айгуль', date: null },
    ]);
  });

  test('a deleted paragraph mark keeps the paragraphs apart, and is counted', () => {
    const { xml, state } = mark(body(`<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr>${r('One')}</w:p>${p(r('Two'))}`));
    expect(xml).not.toContain('<w:del');
    expect(visible(xml)).toBe('One¶Two¶');
    expect(state.paragraphMarks).toBe(1);
  });

  test('formatting changes are counted and their old properties left out', () => {
    const { xml, state } = mark(body(p(`<w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="A"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>bold</w:t></w:r>`)));
    expect(state.formatting).toBe(1);
    expect(xml).toContain('<w:b/>');
    expect(xml).not.toContain('<w:i/>');
  });

  test('list paragraphs are marked with their list and level after their properties', () => {
    const { xml } = mark(body(`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr></w:pPr>${r('Item')}</w:p>`));
    expect(visible(xml)).toBe('«li:5.1»Item¶');
    expect(xml.indexOf('</w:pPr>')).toBeLessThan(xml.indexOf('\uE8A0'));
  });

  test("the file's own private-use marker characters cannot pose as ours", () => {
    const { xml } = mark(body(p(r('\uE8A0cs:9\uE8A1text'))));
    expect(visible(xml)).toBe('cs:9text¶');
  });
});

describe('list numbering', () => {
  const numbering = `<w:numbering>
    <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="3"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/></w:lvl></w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
  </w:numbering>`;

  test('items count from their level\'s start, go on after an interruption, and restart deeper levels', () => {
    const counter = new ListCounter(readListStarts(numbering));
    expect([counter.next('1', 0), counter.next('1', 1), counter.next('1', 1), counter.next('1', 0), counter.next('1', 1), counter.next('1', 0)]).toEqual([3, 1, 2, 4, 1, 5]);
    expect(counter.next('2', 0)).toBe(10);
    expect(counter.next('9', 0)).toBe(1);
  });
});

describe('Word comments', () => {
  test('authors, dates, words, replies and done come from comments.xml and commentsExtended.xml', () => {
    const comments = `<w:comments>
      <w:comment w:id="0" w:author="Гульнара" w:date="2026-11-01T10:00:00Z"><w:p w14:paraId="AA"><w:r><w:t>Cite the law</w:t></w:r></w:p><w:p w14:paraId="AB"><w:r><w:t>&amp; its article.</w:t></w:r></w:p></w:comment>
      <w:comment w:id="1" w:author="Boris"><w:p w14:paraId="BB"><w:r><w:t>Done.</w:t></w:r></w:p></w:comment>
    </w:comments>`;
    const extended = '<w15:commentsEx><w15:commentEx w15:paraId="AB" w15:done="1"/><w15:commentEx w15:paraId="BB" w15:paraIdParent="AB"/></w15:commentsEx>';
    expect(readWordComments(comments, extended)).toEqual([
      { id: '0', author: 'Гульнара', date: '2026-11-01T10:00:00Z', text: 'Cite the law\n& its article.', parent: null, done: true },
      { id: '1', author: 'Boris', date: null, text: 'Done.', parent: '0', done: false },
    ]);
    expect(readWordComments(null, null)).toEqual([]);
  });
});

describe('markers in the converted document', () => {
  const paragraph = (text: string) => schema.node('paragraph', null, [schema.text(text)]);

  test('are taken out, each placed where it stood, and tracked changes become suggestion marks of the importer', () => {
    const doc = schema.node('doc', null, [
      paragraph(`Keep ${marker('is', 1)}new words${marker('ie', 1)} and ${marker('cs', 0)}${marker('ds', 2)}old${marker('de', 2)}${marker('ce', 0)}.`),
    ]);
    const { doc: clean, markers } = takeOutMarkers(doc);
    expect(clean.textContent).toBe('Keep new words and old.');
    const at = (code: string) => markers.find((m) => m.code === code)!.at;
    expect(clean.textBetween(at('cs'), at('ce'))).toBe('old');
    const { doc: marked, applied } = applyTrackedChanges(
      clean,
      markers,
      [
        { number: 1, kind: 'insertion', author: 'Boris', date: null },
        { number: 2, kind: 'deletion', author: 'Boris', date: null },
      ],
      { author: 42, at: 1_700_000_000_000 },
    );
    expect(applied).toBe(2);
    const runs = (marked.firstChild!.toJSON() as { content: { text: string; marks?: { type: string; attrs: { id: string; author: number; at: number } }[] }[] }).content;
    const suggested = runs.filter((run) => run.marks).map((run) => [run.text, run.marks![0].type, run.marks![0].attrs.author, run.marks![0].attrs.at]);
    expect(suggested).toEqual([
      ['new words', 'insertion', 42, 1_700_000_000_000],
      ['old', 'deletion', 42, 1_700_000_000_000],
    ]);
    const ids = runs.filter((run) => run.marks).map((run) => run.marks![0].attrs.id);
    ids.forEach((id) => expect(id).toMatch(/^42-[a-z0-9]+-[a-z0-9]+$/));
    expect(new Set(ids).size).toBe(2);
  });
});
