import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import type { Node as ProseMirrorNode, TagParseRule } from 'prosemirror-model';
import * as Y from 'yjs';
import { jsonOfState } from '../../server/domain/section-content';
import { CONTENT_FRAGMENT, MAX_SOURCE_TEXT, schema } from '../../shared/schema';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';

type Json = Record<string, unknown> & { content?: Json[] };

/**
 * The rich sample with what #18 added: a heading and a table with stable ids, footnotes (one
 * with formatting and Cyrillic, one in a table cell, one empty) and cross-references (to a
 * heading of another section and to a whole section).
 */
function sectionWithNotes(): Json {
  const json = richSectionJSON() as unknown as Json;
  const content = json.content!;
  (content[1] as Json).attrs = { level: 2, id: 'tkz0000001' };
  const table = content.find((block) => block.type === 'table')!;
  table.attrs = { id: 'ttable0001' };
  const firstCell = ((table.content![1] as Json).content![1] as Json).content![0] as Json;
  firstCell.content = [...(firstCell.content ?? []), { type: 'footnote', content: [{ type: 'text', text: 'академических часов' }] }];
  content.push({
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Закон РК «О миграции населения»' },
      {
        type: 'footnote',
        content: [
          { type: 'text', text: 'Закон от 22 июля 2011 года № 477-IV, ' },
          { type: 'text', text: 'ст. 12', marks: [{ type: 'italic' }] },
          { type: 'text', text: '; ' + SCRIPT_SAMPLES.uzbekLatin },
        ],
      },
      { type: 'text', text: ', см. ' },
      { type: 'cross_reference', attrs: { section: 'regional-3', target: 'tq1w2e3r4t', label: '1.3 Возвратная миграция' } },
      { type: 'text', text: ' и ' },
      { type: 'cross_reference', attrs: { section: 'regional-1', target: 'section', label: '1.1 Basic concepts' } },
      { type: 'footnote' },
      { type: 'text', text: '.' },
    ],
  });
  return json;
}

/**
 * What #20 added: a national template heading, learning outcomes (one with a glossary term), an
 * hours table and an assessment table whose outcomes cell points at an outcome.
 */
function sectionWithCurriculum(): Json {
  const cell = (content: Json[], header = false): Json => ({ type: header ? 'table_header' : 'table_cell', content: [{ type: 'paragraph', content }] });
  const text = (value: string): Json[] => (value ? [{ type: 'text', text: value }] : []);
  const row = (cells: Json[]): Json => ({ type: 'table_row', content: cells });
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2, id: 'tlegal0001', template: 'legal-framework' }, content: text('Правовая основа') },
      {
        type: 'learning_outcome',
        attrs: { id: 'tlo0000001' },
        content: [
          { type: 'text', text: 'Объяснять понятие ' },
          { type: 'text', text: 'реадмиссии', marks: [{ type: 'glossary_term', attrs: { entry: 'g-readmission' } }] },
        ],
      },
      { type: 'learning_outcome', attrs: { id: 'tlo0000002' }, content: text('Applying the AVRR framework') },
      {
        type: 'table',
        attrs: { id: 'thours0001', kind: 'hours' },
        content: [
          row(['Тема', 'Лекции', 'Семинары', 'Практика', 'Сам. работа'].map((value) => cell(text(value), true))),
          row(['Readmission', '4', '2', '1,5', ''].map((value) => cell(text(value)))),
        ],
      },
      {
        type: 'table',
        attrs: { id: 'tassess001', kind: 'assessment' },
        content: [
          row(['Item', 'Weight, %', 'Outcomes'].map((value) => cell(text(value), true))),
          row([
            cell(text('Case study')),
            cell(text('100')),
            cell([{ type: 'cross_reference', attrs: { section: 'regional-1', target: 'tlo0000001', label: 'LO 1.1 Объяснять понятие реадмиссии' } }]),
          ]),
        ],
      },
    ],
  };
}

function roundTrip(json: object) {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json as Json, doc.getXmlFragment(CONTENT_FRAGMENT));
  // Through the wire format too, as the server stores and loads it.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return yXmlFragmentToProsemirrorJSON(copy.getXmlFragment(CONTENT_FRAGMENT));
}

describe('the shared ProseMirror schema through Yjs', () => {
  test('a section with every script, a table, nested lists and all marks round-trips unchanged', () => {
    const original = schema.nodeFromJSON(richSectionJSON());
    const back = schema.nodeFromJSON(roundTrip(richSectionJSON()));
    expect(back.eq(original)).toBe(true);
    expect(back.toJSON()).toEqual(original.toJSON());
  });

  test('footnotes, cross-references and the ids of headings and tables round-trip unchanged, through Yjs and JSON', () => {
    const original = schema.nodeFromJSON(sectionWithNotes());
    original.check();
    const back = schema.nodeFromJSON(roundTrip(sectionWithNotes()));
    expect(back.eq(original)).toBe(true);
    expect(back.toJSON()).toEqual(original.toJSON());
    // And through JSON again, as versions and exports read it.
    expect(schema.nodeFromJSON(JSON.parse(JSON.stringify(back.toJSON()))).eq(original)).toBe(true);
    const notes: string[] = [];
    back.descendants((node) => {
      if (node.type.name === 'footnote') notes.push(node.textContent);
    });
    expect(notes).toEqual(['академических часов', `Закон от 22 июля 2011 года № 477-IV, ст. 12; ${SCRIPT_SAMPLES.uzbekLatin}`, '']);
  });

  test('a heading without an id is stored without one: sections written before ids read as they did', () => {
    const json = roundTrip({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2, id: null }, content: [{ type: 'text', text: 'Без id' }] }] });
    expect(json).toEqual({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Без id' }] }] });
  });

  test('a version with footnotes is restored with them, as a change on top of the text that replaced it', () => {
    // The version's state, read as versions are read (`jsonOfState`), is written back over a text
    // whose notes were edited and deleted since, the way `Versions.restore` writes it.
    const saved = new Y.Doc();
    prosemirrorJSONToYXmlFragment(schema, sectionWithNotes(), saved.getXmlFragment(CONTENT_FRAGMENT));
    const version = jsonOfState(Y.encodeStateAsUpdate(saved));
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(saved));
    const later = sectionWithNotes();
    const last = later.content![later.content!.length - 1];
    last.content = [{ type: 'text', text: 'Всё переписано, сносок нет.' }];
    const fragment = live.getXmlFragment(CONTENT_FRAGMENT);
    updateYFragment(live, fragment, schema.nodeFromJSON(later), initProseMirrorDoc(fragment, schema).meta);
    expect(JSON.stringify(yXmlFragmentToProsemirrorJSON(fragment))).not.toContain('477-IV');

    updateYFragment(live, fragment, schema.nodeFromJSON(version), initProseMirrorDoc(fragment, schema).meta);
    const restored = schema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(fragment));
    expect(restored.eq(schema.nodeFromJSON(sectionWithNotes()))).toBe(true);
  });

  test.each(Object.entries(SCRIPT_SAMPLES))('%s text keeps every character', (_script, sample) => {
    const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: sample }] }] };
    const back = schema.nodeFromJSON(roundTrip(json));
    expect(back.textContent).toBe(sample);
    expect(back.textContent.normalize('NFC')).toBe(sample.normalize('NFC'));
  });

  test('outcomes, hours and assessment tables, template headings and glossary terms round-trip unchanged (#20)', () => {
    const original = schema.nodeFromJSON(sectionWithCurriculum());
    const back = schema.nodeFromJSON(roundTrip(sectionWithCurriculum()));
    expect(back.eq(original)).toBe(true);
    expect(back.child(0).attrs.template).toBe('legal-framework');
    expect(back.child(3).attrs.kind).toBe('hours');
    expect(back.child(4).attrs.kind).toBe('assessment');
    expect(back.child(1).type.name).toBe('learning_outcome');
  });

  test('every node and mark of the schema occurs in the samples, so the round trips cover them all', () => {
    const seenNodes = new Set<string>();
    const seenMarks = new Set<string>();
    for (const json of [richSectionJSON(), sectionWithNotes(), sectionWithCurriculum()]) {
      schema.nodeFromJSON(json).descendants((node) => {
        seenNodes.add(node.type.name);
        node.marks.forEach((mark) => seenMarks.add(mark.type.name));
      });
    }
    seenNodes.add('doc');
    expect([...seenNodes].sort()).toEqual(Object.keys(schema.nodes).sort());
    expect([...seenMarks].sort()).toEqual(Object.keys(schema.marks).sort());
  });
});

/** The rich sample with an id on every block, and translation links on its textblocks (#19). */
function sectionWithBlockIds(links: boolean): Json {
  const json = richSectionJSON() as unknown as Json;
  let n = 0;
  const walk = (node: Json) => {
    const type = schema.nodes[String(node.type)];
    if (type.isBlock && node.type !== 'doc') {
      n += 1;
      const attrs = (node.attrs ?? {}) as Record<string, unknown>;
      node.attrs = { ...attrs, id: `tblock${n}`, ...(links ? { source: `tsrc${n}` } : {}) };
      if (links && type.isTextblock) node.attrs = { ...(node.attrs as Record<string, unknown>), sourceHash: `h${n}`, sourceText: `Исходный текст ${n}` };
    }
    if (!type.isTextblock) for (const child of node.content ?? []) walk(child);
  };
  walk(json);
  return json;
}

/** Each block's `toDOM` output (tag and attributes), in document order: what a copy writes. */
function domOf(json: Json): [string, Record<string, unknown>][] {
  const found: [string, Record<string, unknown>][] = [];
  schema.nodeFromJSON(json).descendants((node: ProseMirrorNode) => {
    if (!node.isBlock) return false;
    const spec = node.type.spec.toDOM!(node) as unknown as [string, ...unknown[]];
    const attrs = spec[1] && typeof spec[1] === 'object' && !Array.isArray(spec[1]) ? (spec[1] as Record<string, unknown>) : {};
    found.push([spec[0], attrs]);
    return true;
  });
  return found;
}

/** The attributes a paste reads from an element with these `data-*` attributes (unit tests have no DOM). */
function parsedAttrs(type: string, dom: Record<string, string>, rule = 0): Record<string, unknown> {
  const element = { getAttribute: (name: string) => dom[name] ?? null, style: {} };
  const spec = schema.nodes[type].spec.parseDOM![rule] as TagParseRule;
  return spec.getAttrs!(element as unknown as HTMLElement) as Record<string, unknown>;
}

describe('block ids and translation links (#19)', () => {
  test('an id on every block and links on every textblock round-trip unchanged through Yjs and JSON', () => {
    const original = schema.nodeFromJSON(sectionWithBlockIds(true));
    original.check();
    const back = schema.nodeFromJSON(roundTrip(sectionWithBlockIds(true)));
    expect(back.eq(original)).toBe(true);
    expect(back.toJSON()).toEqual(original.toJSON());
    const cell = JSON.stringify(back.toJSON());
    expect(cell).toContain('"type":"table_cell","attrs":{"colspan":1,"rowspan":1,"colwidth":null,"id":"tblock');
    expect(cell).toContain('"sourceText":"Исходный текст');
  });

  test('blocks without ids are stored without them: nothing changes for sections written before', () => {
    const json = roundTrip({ type: 'doc', content: [{ type: 'paragraph', attrs: { id: null, source: null, sourceHash: null, sourceText: null }, content: [{ type: 'text', text: 'Без id' }] }] });
    expect(json).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Без id' }] }] });
  });

  test('in the DOM a block without ids is written as before: <p> stays <p>', () => {
    const written = domOf(richSectionJSON() as unknown as Json);
    expect(written.length).toBeGreaterThan(15);
    for (const [tag, attrs] of written) {
      expect(Object.keys(attrs).filter((name) => name.startsWith('data-'))).toEqual([]);
      if (tag === 'p' || tag === 'li' || tag === 'ul' || tag === 'blockquote' || tag === 'tr') expect(attrs).toEqual({});
    }
  });

  test('ids, links and hashes are written to the DOM and read back from a paste; the source text is not written', () => {
    const written = domOf(sectionWithBlockIds(true));
    const paragraph = written.find(([tag]) => tag === 'p')!;
    expect(paragraph[1]).toEqual({ 'data-id': expect.stringMatching(/^tblock\d+$/), 'data-source': expect.stringMatching(/^tsrc\d+$/), 'data-source-hash': expect.stringMatching(/^h\d+$/) });
    for (const tag of ['h1', 'ul', 'li', 'blockquote', 'table', 'tr', 'td', 'th']) {
      expect(written.find(([name]) => name === tag)?.[1]).toMatchObject({ 'data-id': expect.stringMatching(/^tblock/), 'data-source': expect.stringMatching(/^tsrc/) });
    }
    expect(JSON.stringify(written)).not.toContain('Исходный текст');
    const dom = { 'data-id': 'tp1', 'data-source': 'ts1', 'data-source-hash': 'abc' };
    expect(parsedAttrs('paragraph', dom)).toEqual({ id: 'tp1', source: 'ts1', sourceHash: 'abc' });
    expect(parsedAttrs('heading', dom, 1)).toEqual({ level: 2, id: 'tp1', source: 'ts1', sourceHash: 'abc', template: null });
    expect(parsedAttrs('heading', { ...dom, 'data-template': 'legal-framework' }, 1)).toMatchObject({ template: 'legal-framework' });
    expect(parsedAttrs('heading', { ...dom, 'data-template': 'not a key!' }, 1)).toMatchObject({ template: null });
    for (const type of ['blockquote', 'bullet_list', 'list_item', 'table_row']) expect(parsedAttrs(type, dom)).toEqual({ id: 'tp1', source: 'ts1' });
    expect(parsedAttrs('table', dom)).toEqual({ id: 'tp1', source: 'ts1', kind: null });
    expect(parsedAttrs('table', { ...dom, 'data-kind': 'hours' })).toEqual({ id: 'tp1', source: 'ts1', kind: 'hours' });
    expect(parsedAttrs('table', { ...dom, 'data-kind': 'budget' })).toEqual({ id: 'tp1', source: 'ts1', kind: null });
    expect(parsedAttrs('table_cell', dom)).toMatchObject({ id: 'tp1', source: 'ts1' });
    expect(parsedAttrs('ordered_list', { ...dom, start: '3' })).toEqual({ order: 3, id: 'tp1', source: 'ts1' });
    // What is not one of our ids is dropped, not refused: a paste from elsewhere still works.
    expect(parsedAttrs('paragraph', { 'data-id': 'not ours!' })).toEqual({ id: null, source: null, sourceHash: null });
  });

  test('an ordered list keeps its start number beside its id', () => {
    const list = { type: 'ordered_list', attrs: { order: 3, id: 'tlist' }, content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Три' }] }] }] };
    expect(domOf({ type: 'doc', content: [list] })[0]).toEqual(['ol', { start: 3, 'data-id': 'tlist' }]);
  });

  test('ids and hashes that are not ours, and over-long source texts, are refused', () => {
    const paragraph = (attrs: Record<string, unknown>) => ({ type: 'doc', content: [{ type: 'paragraph', attrs }] });
    expect(() => schema.nodeFromJSON(paragraph({ id: 'has space' }))).toThrow(RangeError);
    expect(() => schema.nodeFromJSON(paragraph({ source: '<script>' }))).toThrow(RangeError);
    expect(() => schema.nodeFromJSON(paragraph({ sourceHash: 'x'.repeat(65) }))).toThrow(RangeError);
    expect(() => schema.nodeFromJSON(paragraph({ sourceText: 'x'.repeat(MAX_SOURCE_TEXT + 1) }))).toThrow(RangeError);
    expect(() => schema.nodeFromJSON(paragraph({ sourceText: 'x'.repeat(MAX_SOURCE_TEXT) }))).not.toThrow();
    const cell = { type: 'doc', content: [{ type: 'table', content: [{ type: 'table_row', content: [{ type: 'table_cell', attrs: { id: 'a b' }, content: [{ type: 'paragraph' }] }] }] }] };
    expect(() => schema.nodeFromJSON(cell)).toThrow(RangeError);
  });
});
