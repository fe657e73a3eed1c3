import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import { jsonOfState } from '../../server/domain/section-content';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
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

  test('every node and mark of the schema occurs in the samples, so the round trips cover them all', () => {
    const seenNodes = new Set<string>();
    const seenMarks = new Set<string>();
    for (const json of [richSectionJSON(), sectionWithNotes()]) {
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
