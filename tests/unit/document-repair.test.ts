/**
 * A section stored with content the schema refuses (before updates were checked) still reads:
 * every word kept, the document made to fit, so versions, approvals and exports never fail on it.
 */
import { fitsSchema, repairDocument } from '../../shared/document-repair';
import { schema } from '../../shared/schema';

const p = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });

test('a document that fits is left as it is', () => {
  const json = {
    type: 'doc',
    content: [
      p('Закон о миграции'),
      { type: 'heading', attrs: { level: 2, id: null }, content: [{ type: 'text', text: 'Ҳуқуқ' }] },
      { type: 'heading', attrs: { level: 3, id: 'tq1w2e3r4t' }, content: [{ type: 'text', text: 'Reintegration' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Under the law' },
          { type: 'footnote', content: [{ type: 'text', text: 'Law No. 5, ' }, { type: 'text', text: 'art. 12', marks: [{ type: 'italic' }] }] },
          { type: 'footnote' },
          { type: 'cross_reference', attrs: { section: 'regional-3', target: 'tq1w2e3r4t', label: '1.3 Reintegration' } },
        ],
      },
    ],
  };
  expect(fitsSchema(json)).toBe(true);
  // Left as it is: the same nodes (ProseMirror's JSON spells out every attribute, nulls included).
  expect(repairDocument(json).eq(schema.nodeFromJSON(json))).toBe(true);
});

/** A paragraph holding `inline` after some words, as stored. */
const withInline = (...inline: unknown[]) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Body text' }, ...inline] }] });
const note = (...content: unknown[]) => ({ type: 'footnote', content });
const words = (text: string) => ({ type: 'text', text });

describe('a malformed footnote (#18) keeps its words and stays a footnote', () => {
  test.each([
    ['holding a paragraph', withInline(note({ type: 'paragraph', content: [words('Law No. 5')] })), 'Law No. 5'],
    ['holding another footnote', withInline(note(words('Law '), note(words('No. 5')))), 'Law No. 5'],
    ['holding a line break (a space)', withInline(note(words('Law'), { type: 'hard_break' }, words('No. 5'))), 'Law No. 5'],
    ['holding a cross-reference (its label)', withInline(note(words('See '), { type: 'cross_reference', attrs: { section: 'regional-1', target: 'section', label: '1.1' } })), 'See 1.1'],
    ['holding an unknown node', withInline(note({ type: 'script', content: [words('Law No. 5')] })), 'Law No. 5'],
  ])('%s', (_what, json, noteText) => {
    expect(fitsSchema(json)).toBe(false);
    const repaired = repairDocument(json);
    expect(() => repaired.check()).not.toThrow();
    const notes: string[] = [];
    repaired.descendants((node) => {
      if (node.type.name === 'footnote') notes.push(node.textContent);
      return node.type.name !== 'footnote';
    });
    expect(notes).toEqual([noteText]);
    expect(repaired.textContent).toBe(`Body text${noteText}`);
  });

  test('a footnote straight in the document is put into a paragraph', () => {
    const repaired = repairDocument({ type: 'doc', content: [note(words('Loose note.')), p('After.')] });
    expect(repaired.child(0).type.name).toBe('paragraph');
    expect(repaired.child(0).child(0).type.name).toBe('footnote');
    expect(repaired.textContent).toBe('Loose note.After.');
  });
});

describe('a cross-reference that cannot stand gives way to its label', () => {
  test.each([
    ['whose section is a number', { section: 5, target: 'section', label: '1.5 Powers' }],
    ['without a target', { section: 'regional-5', label: '1.5 Powers' }],
    ['without attributes at all, label aside', { label: '1.5 Powers' }],
  ])('%s', (_what, attrs) => {
    const json = withInline({ type: 'cross_reference', attrs });
    expect(fitsSchema(json)).toBe(false);
    const repaired = repairDocument(json);
    expect(() => repaired.check()).not.toThrow();
    expect(repaired.textContent).toBe('Body text1.5 Powers');
    expect(JSON.stringify(repaired.toJSON())).not.toContain('cross_reference');
  });

  test('a label that is not text is dropped, the reference kept', () => {
    const repaired = repairDocument(withInline({ type: 'cross_reference', attrs: { section: 'regional-5', target: 'section', label: { html: '<b>' } } }));
    expect(repaired.child(0).lastChild!.type.name).toBe('cross_reference');
    expect(repaired.child(0).lastChild!.attrs).toEqual({ section: 'regional-5', target: 'section', label: '' });
  });
});

test('an id that is not a string becomes no id, the heading and table kept', () => {
  const repaired = repairDocument({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2, id: 42 }, content: [words('Title')] },
      { type: 'table', attrs: { id: { evil: true } }, content: [{ type: 'table_row', content: [{ type: 'table_cell', content: [p('cell')] }] }] },
    ],
  });
  expect(repaired.child(0).attrs).toEqual({ level: 2, id: null, source: null, sourceHash: null, sourceText: null, template: null });
  expect(repaired.child(1).attrs).toEqual({ id: null, source: null, kind: null });
  expect(repaired.textContent).toBe('Titlecell');
});

test.each([
  ['a link whose href is an object', { type: 'doc', content: [p('click', [{ type: 'link', attrs: { href: { evil: true } } }])] }, 'click'],
  ['a heading whose level is a string', { type: 'doc', content: [{ type: 'heading', attrs: { level: 'two' }, content: [{ type: 'text', text: 'Title' }] }] }, 'Title'],
  ['an unknown node', { type: 'doc', content: [{ type: 'script', content: [p('inside the unknown')] }] }, 'inside the unknown'],
  ['an unknown mark', { type: 'doc', content: [p('blinking', [{ type: 'blink' }])] }, 'blinking'],
  ['a table row directly in the document', { type: 'doc', content: [{ type: 'table_row', content: [{ type: 'table_cell', content: [p('orphan cell')] }] }] }, 'orphan cell'],
  ['text directly in a list', { type: 'doc', content: [{ type: 'bullet_list', content: [{ type: 'text', text: 'loose' }] }] }, 'loose'],
  ['an empty list', { type: 'doc', content: [{ type: 'bullet_list', content: [] }, p('after')] }, 'after'],
])('%s is repaired, its text kept', (_what, json, text) => {
  expect(fitsSchema(json)).toBe(false);
  const repaired = repairDocument(json);
  expect(() => repaired.check()).not.toThrow();
  expect(repaired.textContent).toContain(text);
  expect(fitsSchema(repaired.toJSON())).toBe(true);
});

test('a heading keeps its other attributes when one is refused, and takes the default', () => {
  const repaired = repairDocument({ type: 'doc', content: [{ type: 'heading', attrs: { level: 'x' }, content: [{ type: 'text', text: 'T' }] }] });
  expect(repaired.firstChild!.type).toBe(schema.nodes.heading);
  expect(repaired.firstChild!.attrs.level).toBe(1);
});

test('nothing at all reads as one empty paragraph', () => {
  expect(repairDocument(null).toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph', attrs: { id: null, source: null, sourceHash: null, sourceText: null } }] });
});
