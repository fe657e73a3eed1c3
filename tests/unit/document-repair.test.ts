/**
 * A section stored with content the schema refuses (before updates were checked) still reads:
 * every word kept, the document made to fit, so versions, approvals and exports never fail on it.
 */
import { fitsSchema, repairDocument } from '../../shared/document-repair';
import { schema } from '../../shared/schema';

const p = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });

test('a document that fits is left as it is', () => {
  const json = { type: 'doc', content: [p('Закон о миграции'), { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ҳуқуқ' }] }] };
  expect(fitsSchema(json)).toBe(true);
  expect(repairDocument(json).toJSON()).toEqual(json);
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
  expect(repairDocument(null).toJSON()).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
});
