import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from 'y-prosemirror';
import * as Y from 'yjs';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { SCRIPT_SAMPLES, richSectionJSON } from '../support/sample-content';

function roundTrip(json: ReturnType<typeof richSectionJSON>) {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(CONTENT_FRAGMENT));
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

  test.each(Object.entries(SCRIPT_SAMPLES))('%s text keeps every character', (_script, sample) => {
    const json = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: sample }] }] };
    const back = schema.nodeFromJSON(roundTrip(json as ReturnType<typeof richSectionJSON>));
    expect(back.textContent).toBe(sample);
    expect(back.textContent.normalize('NFC')).toBe(sample.normalize('NFC'));
  });

  test('every node and mark of the schema occurs in the sample, so the round trip covers them all', () => {
    const seenNodes = new Set<string>();
    const seenMarks = new Set<string>();
    schema.nodeFromJSON(richSectionJSON()).descendants((node) => {
      seenNodes.add(node.type.name);
      node.marks.forEach((mark) => seenMarks.add(mark.type.name));
    });
    seenNodes.add('doc');
    expect([...seenNodes].sort()).toEqual(Object.keys(schema.nodes).sort());
    expect([...seenMarks].sort()).toEqual(Object.keys(schema.marks).sort());
  });
});
