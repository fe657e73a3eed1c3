/** Inserting a table never deletes text: with text selected, the table goes after its block. */
import { EditorState, type Transaction, TextSelection } from 'prosemirror-state';
import { insertTable } from '../../client/src/editor/commands';
import { schema } from '../../shared/schema';

const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Закон о миграции' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Second paragraph' }] },
  ],
});

function insert(from: number, to: number): EditorState {
  let state = EditorState.create({ schema, doc, selection: TextSelection.create(doc, from, to) });
  expect(insertTable(state, (tr: Transaction) => (state = state.apply(tr)))).toBe(true);
  return state;
}

const shape = (state: EditorState) => state.doc.content.content.map((node) => (node.type.name === 'table' ? 'table' : node.textContent));

test('with words selected, the table goes after their paragraph and the words stay', () => {
  expect(shape(insert(1, 6))).toEqual(['Закон о миграции', 'table', 'Second paragraph']);
});

test('with a whole paragraph selected by a triple click (ending at the next one), it goes after that paragraph', () => {
  const secondStart = doc.child(0).nodeSize + 1;
  expect(shape(insert(1, secondStart))).toEqual(['Закон о миграции', 'table', 'Second paragraph']);
});

test('with a selection over two paragraphs, it goes after the second, and the cursor is in its first cell', () => {
  const state = insert(3, doc.content.size - 2);
  expect(shape(state)).toEqual(['Закон о миграции', 'Second paragraph', 'table', '']);
  expect(state.selection.$from.parent.type.name).toBe('paragraph');
  expect(state.selection.$from.node(-1).type.name).toBe('table_header');
});

test('with a bare cursor, the table goes where the cursor is, splitting the paragraph', () => {
  expect(shape(insert(6, 6))).toEqual(['Закон', 'table', ' о миграции', 'Second paragraph']);
});
