/**
 * XLIFF 2.0 for translators (#19): the file we write is read by another implementation (npm
 * `xliff`, as a CAT tool would read it) with our ids and texts; a file edited there and sent back
 * changes exactly the units whose target changed; files for another section, language or source,
 * and files that are not XLIFF 2 (a DOCTYPE above all), are refused before anything is applied.
 */
import { MAX_REFERENCE_LABEL, schema } from '../../shared/schema';
import { type JsonNode, sourceUnits, textHash, translationStatus, unitBlocks } from '../../shared/translations';
import { applyXliff } from '../../server/translations/xliff-apply';
import { XliffRefused } from '../../server/translations/xliff-profile';
import { type XliffExpectation, readXliff } from '../../server/translations/xliff-read';
import { writeXliff } from '../../server/translations/xliff-write';
import { parseXml } from '../../server/translations/xml';

interface XliffJs {
  sourceLanguage: string;
  targetLanguage: string;
  resources: Record<string, Record<string, { source: unknown; target?: unknown; note?: string; additionalAttributes?: Record<string, string> }>>;
}
type Callback<T> = (error: Error | null, result: T) => void;
// The npm `xliff` package has no types; its CommonJS entries through the package's exports map.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const xliff2js = require('xliff/xliff2js') as (xml: string, callback: Callback<XliffJs>) => void;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const js2xliff = require('xliff/js2xliff') as (js: XliffJs, callback: Callback<string>) => void;
const parse = (xml: string) => new Promise<XliffJs>((resolve, reject) => xliff2js(xml, (error, result) => (error ? reject(error) : resolve(result))));
const build = (js: XliffJs) => new Promise<string>((resolve, reject) => js2xliff(js, (error, result) => (error ? reject(error) : resolve(result))));

const text = (value: string, marks?: JsonNode['marks']): JsonNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const doc = (...content: JsonNode[]): JsonNode => ({ type: 'doc', content });
const p = (id: string, ...content: (JsonNode | string)[]): JsonNode => ({
  type: 'paragraph',
  attrs: { id },
  content: content.map((part) => (typeof part === 'string' ? text(part) : part)),
});
const tr = (id: string, source: string, words: string, confirmed: string | null): JsonNode => ({
  type: 'paragraph',
  attrs: { id, source, sourceHash: confirmed === null ? null : textHash(confirmed), sourceText: confirmed },
  content: words ? [text(words)] : [],
});

const SECTION = 'regional-1';

/** A Russian source of plain paragraphs, a heading and a list. */
const source = doc(
  { type: 'heading', attrs: { level: 2, id: 'thead' }, content: [text('Возвратная миграция')] },
  p('tp1', 'Первый абзац о миграции.'),
  { type: 'bullet_list', attrs: { id: 'tlist' }, content: [{ type: 'list_item', attrs: { id: 'titem' }, content: [p('tli', 'Пункт списка.')] }] },
  p('tp2', 'Второй абзац.'),
  p('tp3', 'Третий абзац.'),
);

/** Its English translation: heading, tp1 and the list item current, tp2 stale, tp3 missing. */
const english = doc(
  { type: 'heading', attrs: { level: 2, id: 'e0', source: 'thead', sourceHash: textHash('Возвратная миграция'), sourceText: 'Возвратная миграция' }, content: [text('Return migration')] },
  tr('e1', 'tp1', 'The first paragraph on migration.', 'Первый абзац о миграции.'),
  { type: 'bullet_list', attrs: { id: 'e2', source: 'tlist' }, content: [{ type: 'list_item', attrs: { id: 'e3', source: 'titem' }, content: [tr('e4', 'tli', 'A list item.', 'Пункт списка.')] }] },
  tr('e5', 'tp2', 'The second paragraph.', 'Второй абзац (старый).'),
);

const expectation = (json: JsonNode = source): XliffExpectation => ({ file: SECTION, trgLang: 'en', units: new Set(sourceUnits(json).map((unit) => unit.id)) });
const exported = () => writeXliff({ file: SECTION, srcLang: 'ru', trgLang: 'en', source, translation: english });

/** Each textblock's JSON by id: to see which blocks an import changed. */
const blocksById = (json: JsonNode) => new Map(unitBlocks(json).map(({ node }) => [String(node.attrs?.id), JSON.stringify(node)]));

function refusal(action: () => unknown): XliffRefused {
  try {
    action();
  } catch (error) {
    if (error instanceof XliffRefused) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the file we write, read by another XLIFF implementation', () => {
  test('units carry the source ids and the source texts; current units their translation, stale ones a note, missing ones no target', async () => {
    const xml = exported();
    const js = await parse(xml);
    expect([js.sourceLanguage, js.targetLanguage]).toEqual(['ru', 'en']);
    const units = js.resources[SECTION];
    expect(Object.keys(units)).toEqual(sourceUnits(source).map((unit) => unit.id));
    for (const unit of sourceUnits(source)) expect(units[unit.id].source).toBe(unit.text);
    expect(units.thead.target).toBe('Return migration');
    expect(units.thead.additionalAttributes).toEqual({ name: 'heading' });
    expect(units.tp2).toMatchObject({ target: 'The second paragraph.', note: 'needs update' });
    expect(units.tp3.target).toBeUndefined();
    expect(xml).toContain('<segment state="translated">');
    expect(xml).toMatch(/<unit id="tp3" name="paragraph"><segment state="initial"><source>Третий абзац.<\/source><\/segment><\/unit>/);
  });

  test('one target edited in another tool and sent back: exactly that block changes, and it is current', async () => {
    const js = await parse(exported());
    js.resources[SECTION].tp1.target = 'The first paragraph about migration.';
    const units = readXliff(await build(js), expectation());
    const result = applyXliff(english, source, units);
    expect([result.updated, result.inserted, result.unchanged]).toEqual([1, 0, 4]);
    const before = blocksById(english);
    const after = blocksById(result.json as unknown as JsonNode);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after.keys()].filter((id) => after.get(id) !== before.get(id))).toEqual(['e1']);
    const status = translationStatus(source, result.json);
    expect(status.aligned.map((unit) => [unit.source.id, unit.status])).toEqual([
      ['thead', 'current'],
      ['tp1', 'current'],
      ['tli', 'current'],
      ['tp2', 'stale'],
      ['tp3', 'missing'],
    ]);
    // The input is not touched.
    expect(JSON.stringify(english)).not.toContain('about migration');
  });

  test('a target for a missing unit is inserted after the translation of the unit before it, current', async () => {
    const js = await parse(exported());
    js.resources[SECTION].tp3.target = 'The third paragraph.';
    const result = applyXliff(english, source, readXliff(await build(js), expectation()), () => 'enew');
    expect([result.updated, result.inserted, result.unchanged]).toEqual([0, 1, 4]);
    const top = (result.json as unknown as JsonNode).content!;
    expect(top[top.length - 1]).toEqual({
      type: 'paragraph',
      attrs: { id: 'enew', source: 'tp3', sourceHash: textHash('Третий абзац.'), sourceText: 'Третий абзац.' },
      content: [text('The third paragraph.')],
    });
    expect(translationStatus(source, result.json).missing).toBe(0);
    schema.nodeFromJSON(result.json).check();
  });

  test('a unit translated as two blocks is exported joined; changed, the first block takes the target and the second goes', async () => {
    const twoBlocks = doc(tr('e1a', 'tp1', 'The first paragraph', 'Первый абзац о миграции.'), tr('e1b', 'tp1', 'on migration.', 'Первый абзац о миграции.'));
    const js = await parse(writeXliff({ file: SECTION, srcLang: 'ru', trgLang: 'en', source, translation: twoBlocks }));
    expect(js.resources[SECTION].tp1.target).toBe('The first paragraph on migration.');
    js.resources[SECTION].tp1.target = 'One paragraph on migration.';
    const result = applyXliff(twoBlocks, source, readXliff(await build(js), expectation()));
    expect(result.updated).toBe(1);
    expect((result.json as unknown as JsonNode).content!.map((block) => [block.attrs?.id, block.content?.[0].text])).toEqual([['e1a', 'One paragraph on migration.']]);
  });

  test('a whole file into an empty translation: every unit inserted, in source order, all current', async () => {
    const empty = doc({ type: 'paragraph' });
    const js = await parse(writeXliff({ file: SECTION, srcLang: 'ru', trgLang: 'en', source, translation: empty }));
    for (const [id, unit] of Object.entries(js.resources[SECTION])) unit.target = `EN ${id}`;
    let n = 0;
    const result = applyXliff(empty, source, readXliff(await build(js), expectation()), () => `e${++n}`);
    expect([result.updated, result.inserted, result.unchanged]).toEqual([0, 5, 0]);
    const top = (result.json as unknown as JsonNode).content!;
    expect(top.map((block) => [block.type, block.attrs?.source, block.content?.[0].text])).toEqual([
      ['heading', 'thead', 'EN thead'],
      ['paragraph', 'tp1', 'EN tp1'],
      ['paragraph', 'tli', 'EN tli'],
      ['paragraph', 'tp2', 'EN tp2'],
      ['paragraph', 'tp3', 'EN tp3'],
    ]);
    expect(translationStatus(source, result.json).current).toBe(5);
    schema.nodeFromJSON(result.json).check();
  });

  test('a file translated from an older source comes back stale: its hash is the file’s source, not the current one', async () => {
    const js = await parse(exported());
    js.resources[SECTION].tp1.source = 'Первый абзац (как было).';
    js.resources[SECTION].tp1.target = 'The first paragraph, retranslated.';
    const result = applyXliff(english, source, readXliff(await build(js), expectation()));
    const unit = translationStatus(source, result.json).aligned.find((aligned) => aligned.source.id === 'tp1')!;
    expect(unit.status).toBe('stale');
    expect(unit.previousText).toBe('Первый абзац (как было).');
  });

  test('open suggestions in the translation: a unit is judged by its settled text, and blocks no unit changes keep theirs', async () => {
    const suggested = structuredClone(english);
    const insertion = { type: 'insertion', attrs: { id: 's1', author: 7, at: 0 } };
    suggested.content![1].content!.push(text(' (proposed)', [insertion]));
    suggested.content![3].content!.push(text(' (also proposed)', [insertion]));
    const js = await parse(exported());
    js.resources[SECTION].tp2.target = 'The second paragraph, revised.';
    const result = applyXliff(suggested, source, readXliff(await build(js), expectation()));
    expect([result.updated, result.inserted, result.unchanged]).toEqual([1, 0, 4]);
    const top = (result.json as unknown as JsonNode).content!;
    expect(top[1]).toEqual(suggested.content![1]);
    expect(top[3].content).toEqual([text('The second paragraph, revised.')]);
  });

  test('a file sent back unedited changes nothing, and a stale unit stays stale', async () => {
    const result = applyXliff(english, source, readXliff(await build(await parse(exported())), expectation()));
    expect([result.updated, result.inserted, result.unchanged]).toEqual([0, 0, 5]);
    expect(result.json).toEqual(english);
  });
});

describe('refused files: nothing of them is applied', () => {
  test('a unit the source does not have (it changed since the export): ids-mismatch, naming the unit', async () => {
    const js = await parse(exported());
    js.resources[SECTION].tdeleted = { source: 'Удалённый абзац.', target: 'A deleted paragraph.' };
    js.resources[SECTION]['tgone~fn1'] = { source: 'Сноска.', target: 'A note.' };
    const error = refusal(() => readXliff(xmlOf(js), expectation()));
    expect(error.code).toBe('ids-mismatch');
    expect(error.message).toContain('tdeleted');
    expect(error.message).toContain('tgone~fn1');
  });

  test('a unit whose block was deleted from the source since the export: ids-mismatch', async () => {
    const xml = exported();
    const without = doc(...source.content!.filter((block) => block.attrs?.id !== 'tp2'));
    expect(refusal(() => readXliff(xml, expectation(without))).code).toBe('ids-mismatch');
  });

  test('a file for another section: ids-mismatch; into another language: language-mismatch', async () => {
    const js = await parse(exported());
    expect(refusal(() => readXliff(xmlOf({ ...js, resources: { 'regional-2': js.resources[SECTION] } }), expectation())).code).toBe('ids-mismatch');
    const kazakh = refusal(() => readXliff(xmlOf({ ...js, targetLanguage: 'kk' }), expectation()));
    expect(kazakh.code).toBe('language-mismatch');
    expect(kazakh.message).toContain('"kk"');
    // A region is fine: "en-GB" is English.
    expect(readXliff(xmlOf({ ...js, targetLanguage: 'en-GB' }), expectation())).toHaveLength(5);
  });

  test('a unit given twice: ids-mismatch', () => {
    const xml = exported().replace('<unit id="tp2"', '<unit id="tp1"');
    expect(refusal(() => readXliff(xml, expectation())).code).toBe('ids-mismatch');
  });

  test('a DOCTYPE is refused outright, entities and all (no expansion)', () => {
    const laughs = '<!DOCTYPE xliff [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
    const xml = exported().replace('<?xml version="1.0" encoding="UTF-8"?>', `<?xml version="1.0" encoding="UTF-8"?>\n${laughs}`).replace('Return migration', '&lol2;');
    const error = refusal(() => readXliff(xml, expectation()));
    expect(error.code).toBe('not-xliff');
    expect(error.message).toContain('DOCTYPE');
    expect(refusal(() => readXliff('<!doctype html><html></html>', expectation())).code).toBe('not-xliff');
  });

  test('XLIFF 1.2, other XML, broken XML and undeclared entities are not-xliff', () => {
    const old = '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ru" target-language="en" datatype="plaintext" original="x"><body/></file></xliff>';
    for (const xml of [old, '<html><body>Hi</body></html>', exported().slice(0, -20), exported().replace('Return migration', 'Return &nbsp; migration'), 'not XML at all']) {
      expect(refusal(() => readXliff(xml, expectation())).code).toBe('not-xliff');
    }
  });
});

describe('inline content through our own writer and reader', () => {
  const link = { type: 'link', attrs: { href: 'https://www.iom.int/', title: null } };
  const rich = doc(
    p(
      'tp1',
      text('Закон', [{ type: 'bold' }]),
      ' ',
      text('о миграции', [{ type: 'bold' }, { type: 'italic' }]),
      { type: 'hard_break' },
      text('МОМ', [link]),
      { type: 'footnote', content: [text('Закон № 477-IV, '), text('ст. 12', [{ type: 'italic' }])] },
      ', см. ',
      { type: 'cross_reference', attrs: { section: 'regional-3', target: 'tq1w2e3r4t', label: '1.3 Возвратная миграция' } },
      ' H',
      text('2', [{ type: 'subscript' }]),
      'O & <теги> "кавычки"',
    ),
  );
  const richEnglish = doc({
    type: 'paragraph',
    attrs: { id: 'e1', source: 'tp1', sourceHash: textHash('old'), sourceText: 'old' },
    content: [
      text('The law', [{ type: 'bold' }]),
      ' ',
      text('on migration', [{ type: 'bold' }, { type: 'underline' }]),
      { type: 'hard_break' },
      text('IOM', [link]),
      { type: 'footnote', content: [text('Law No. 477-IV, '), text('art. 12', [{ type: 'italic' }])] },
      ', see ',
      { type: 'cross_reference', attrs: { section: 'regional-3', target: 'tq1w2e3r4t', label: '1.3 Return migration' } },
      ' H',
      text('2', [{ type: 'subscript' }]),
      text('O & <tags> "quotes"', [{ type: 'strike' }]),
    ].map((part) => (typeof part === 'string' ? text(part) : part)),
  });

  test('marks, a line break, a link, a footnote and a cross-reference are written as the profile says', () => {
    const xml = writeXliff({ file: SECTION, srcLang: 'ru', trgLang: 'en', source: rich, translation: richEnglish });
    expect(xml).toContain(
      '<source><pc id="1" type="fmt" subType="xlf:b">Закон</pc> <pc id="2" type="fmt" subType="xlf:b"><pc id="3" type="fmt" subType="xlf:i">о миграции</pc></pc><ph id="4" type="fmt" subType="xlf:lb"/>',
    );
    expect(xml).toContain('<pc id="5" type="link" dataRefStart="d1">МОМ</pc><ph id="fn1" type="other" subType="syl:fn"/>');
    expect(xml).toContain('<pc id="7" type="fmt" subType="syl:s">O &amp; &lt;tags&gt; "quotes"</pc></target>');
    expect(xml).toContain('<ph id="r1" type="other" subType="syl:xref" disp="1.3 Возвратная миграция" dataRef="d2"/>');
    expect(xml).toContain('<originalData><data id="d1">https://www.iom.int/</data><data id="d2">regional-3#tq1w2e3r4t</data></originalData>');
    expect(xml).toContain('O &amp; &lt;теги&gt; "кавычки"');
    expect(xml).toContain('<unit id="tp1~fn1" name="footnote">');
    // Well-formed for another reader too, with the footnote as a unit of its own.
    return parse(xml).then((js) => expect(Object.keys(js.resources[SECTION])).toEqual(['tp1', 'tp1~fn1']));
  });

  test('read back, the target is the translation’s inline content, and the unit is left untouched', () => {
    const xml = writeXliff({ file: SECTION, srcLang: 'ru', trgLang: 'en', source: rich, translation: richEnglish });
    const [unit] = readXliff(xml, expectation(rich));
    expect(unit.id).toBe('tp1');
    expect(unit.target).toEqual(richEnglish.content![0].content);
    expect(unit.sourceText).toBe(sourceUnits(rich)[0].text);
    const result = applyXliff(richEnglish, rich, [unit]);
    expect([result.updated, result.unchanged]).toEqual([0, 1]);
    expect(result.json).toEqual(richEnglish);
  });

  test('a translator’s change to the footnote alone updates the block, keeping everything else', () => {
    // The unit was stale, so exported as state="initial"; the translator's tool marks it translated when done.
    const xml = writeXliff({ file: SECTION, srcLang: 'ru', trgLang: 'en', source: rich, translation: richEnglish })
      .replace('Law No. 477-IV, ', 'Law no. 477-IV of 2011, ')
      .replaceAll('state="initial"', 'state="translated"');
    const result = applyXliff(richEnglish, rich, readXliff(xml, expectation(rich)));
    expect(result.updated).toBe(1);
    const block = (result.json as unknown as JsonNode).content![0];
    expect(block.content!.find((node) => node.type === 'footnote')!.content![0].text).toBe('Law no. 477-IV of 2011, ');
    expect(block.content!.filter((node) => node.type === 'cross_reference')).toHaveLength(1);
    expect(block.attrs).toMatchObject({ id: 'e1', source: 'tp1', sourceHash: sourceUnits(rich)[0].hash });
    schema.nodeFromJSON(result.json).check();
  });

  test('an unsafe link is read as plain text, an over-long reference label is cut, an unknown code is left out', () => {
    const xml = exported()
      .replace('<target>The first paragraph on migration.</target>', `<target><pc id="1" type="link" dataRefStart="dx">click</pc> <ph id="r1" type="other" subType="syl:xref" disp="${'x'.repeat(400)}" dataRef="dy"/><ph id="9" type="other" subType="acme:thing"/><sc id="5"/>end</target>`)
      .replace('<unit id="tp1" name="paragraph">', '<unit id="tp1" name="paragraph"><originalData><data id="dx">javascript:alert(1)</data><data id="dy">regional-3#thead</data></originalData>');
    const unit = readXliff(xml, expectation()).find((read) => read.id === 'tp1')!;
    expect(unit.target![0]).toEqual(text('click '));
    expect(unit.target![1]).toMatchObject({ type: 'cross_reference', attrs: { section: 'regional-3', target: 'thead' } });
    expect(String(unit.target![1].attrs!.label)).toHaveLength(MAX_REFERENCE_LABEL);
    expect(unit.target![2]).toEqual(text('end'));
    expect(unit.target).toHaveLength(3);
  });

  test('the XML reader: entities, character references, CDATA, comments and namespaces', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a xmlns="urn:x" xmlns:b="urn:y"><b:c k="1 &amp; &#x32;">A&lt;&#66;<![CDATA[<C>]]></b:c></a>');
    expect(root).toMatchObject({ local: 'a', namespace: 'urn:x' });
    const child = root.children[0] as { local: string; namespace: string; attributes: Map<string, string>; children: string[] };
    expect([child.local, child.namespace, child.attributes.get('k'), child.children.join('')]).toEqual(['c', 'urn:y', '1 & 2', 'A<B<C>']);
  });
});

/** js2xliff is asynchronous only in form: it calls back at once, so refusals can be checked synchronously. */
function xmlOf(js: XliffJs): string {
  let xml = '';
  js2xliff(js, (error, result) => {
    if (error) throw error;
    xml = result;
  });
  if (!xml) throw new Error('js2xliff did not call back at once');
  return xml;
}

describe('units translated in part, and drafts', () => {
  /** tp1's unit as two segments: the first with a target, the second as given. */
  const twoSegments = (second: string) =>
    exported().replace(
      /<segment state="translated"><source>Первый абзац о миграции\.<\/source><target>The first paragraph on migration\.<\/target><\/segment>/,
      `<segment><source>Первый абзац</source><target>The first paragraph</target></segment><segment><source> о миграции.</source>${second}</segment>`,
    );

  test('the export says a unit may not be split into segments', () => {
    expect(exported()).toMatch(/<file id="regional-1" original="sections\/regional-1" canResegment="no">/);
  });

  test('a unit whose second segment has no target is refused as partial-unit, naming the unit; nothing is read', () => {
    const xml = twoSegments('');
    expect(xml).toContain('<source> о миграции.</source></segment>');
    const error = refusal(() => readXliff(xml, expectation()));
    expect(error.code).toBe('partial-unit');
    expect(error.message).toContain('tp1');
  });

  test('a unit split into segments that all have a target is read whole, against its whole source', () => {
    const [unit] = readXliff(twoSegments('<target> on migration, revised.</target>'), expectation()).filter((read) => read.id === 'tp1');
    expect(unit.target).toEqual([text('The first paragraph on migration, revised.')]);
    expect(unit.sourceText).toBe('Первый абзац о миграции.');
    expect(unit.confirmed).toBe(true);
  });

  test('a changed target in a segment left state="initial" comes back unconfirmed, so the unit needs review, not current', () => {
    const draft = exported().replace(
      '<segment state="translated"><source>Первый абзац о миграции.</source><target>The first paragraph on migration.</target>',
      '<segment state="initial"><source>Первый абзац о миграции.</source><target>The first paragraph, a draft.</target>',
    );
    const units = readXliff(draft, expectation());
    expect(units.find((unit) => unit.id === 'tp1')!.confirmed).toBe(false);
    const result = applyXliff(english, source, units);
    expect(result.updated).toBe(1);
    const block = unitBlocks(result.json).find(({ node }) => node.attrs?.source === 'tp1')!.node;
    expect(block.attrs).toMatchObject({ id: 'e1', sourceHash: null, sourceText: null });
    expect(translationStatus(source, result.json).aligned.find((unit) => unit.source.id === 'tp1')!.status).toBe('stale');
    // The same target marked translated is current.
    const final = applyXliff(english, source, readXliff(draft.replace('<segment state="initial"><source>Первый', '<segment state="translated"><source>Первый'), expectation()));
    expect(translationStatus(source, final.json).aligned.find((unit) => unit.source.id === 'tp1')!.status).toBe('current');
  });

  test('a new unit inserted from a draft is unconfirmed too', () => {
    const draft = exported().replace('<segment state="initial"><source>Третий абзац.</source></segment>', '<segment state="initial"><source>Третий абзац.</source><target>Third, draft.</target></segment>');
    const result = applyXliff(english, source, readXliff(draft, expectation()));
    expect(result.inserted).toBe(1);
    expect(unitBlocks(result.json).find(({ node }) => node.attrs?.source === 'tp3')!.node.attrs).toMatchObject({ sourceHash: null, sourceText: null });
  });
});

describe('hostile XML is refused as not-xliff, never a crash', () => {
  const withTarget = (target: string) => exported().replace('<target>The first paragraph on migration.</target>', `<target>${target}</target>`);

  test('only the five predefined entities: "&constructor;" is no entity', () => {
    expect(() => parseXml('<a>&constructor;</a>')).toThrow('unknown entity');
    expect(refusal(() => readXliff(withTarget('x &constructor; y'), expectation())).code).toBe('not-xliff');
    expect(refusal(() => readXliff(withTarget('x &toString; y'), expectation())).code).toBe('not-xliff');
  });

  test('character references and <cp> may not carry controls or lone surrogates; tab, line feed and astral characters may', () => {
    for (const bad of ['&#1;', '&#x1F;', '&#xD800;', '&#57343;', '&#xFFFE;', '<cp hex="0001"/>', '<cp hex="D83D"/>', '<cp hex="zz"/>', '<cp hex="110000"/>']) {
      expect(refusal(() => readXliff(withTarget(`a${bad}b`), expectation())).code).toBe('not-xliff');
    }
    const unit = readXliff(withTarget('a&#9;b&#x1F600;<cp hex="1F642"/>'), expectation()).find((read) => read.id === 'tp1')!;
    expect(unit.target).toEqual([text('a\tb😀🙂')]);
  });

  test('a subType that is not prefix:value ("constructor") is refused; a well-formed unknown one is left out', () => {
    const error = refusal(() => readXliff(withTarget('<pc id="1" type="fmt" subType="constructor">x</pc>'), expectation()));
    expect(error.code).toBe('not-xliff');
    expect(error.message).toContain('constructor');
    const unit = readXliff(withTarget('<pc id="1" type="fmt" subType="acme:constructor">x</pc>'), expectation()).find((read) => read.id === 'tp1')!;
    expect(unit.target).toEqual([text('x')]);
  });

  test('20,000 nested <pc> are refused before anything recurses over them', () => {
    const deep = withTarget(`${'<pc id="1" type="fmt" subType="xlf:b">'.repeat(20_000)}x${'</pc>'.repeat(20_000)}`);
    const error = refusal(() => readXliff(deep, expectation()));
    expect(error.code).toBe('not-xliff');
    expect(error.message).toContain('nested more than 64');
    // Ordinary nesting is well within the bound.
    expect(() => parseXml(`${'<a>'.repeat(64)}${'</a>'.repeat(64)}`)).not.toThrow();
    expect(() => parseXml(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`)).toThrow('nested more than 64');
  });
});
