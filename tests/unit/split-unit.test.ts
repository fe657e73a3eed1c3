/** Enter at the end of a translated paragraph keeps the new paragraph in the same source unit (#19). */
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { schema } from '../../shared/schema';
import { splitKeepsUnit } from '../../client/src/translation/split-unit';

const { doc, paragraph, bullet_list, list_item } = schema.nodes;

function enterAt(start: PMNode, pos: number): PMNode | null {
  const plugin = splitKeepsUnit();
  let state = EditorState.create({ doc: start, plugins: [plugin] });
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
  let result: PMNode | null = null;
  const handled = plugin.props.handleKeyDown!.call(
    plugin,
    { state, dispatch: (tr: { doc: PMNode }) => (result = tr.doc) } as never,
    new (class {
      key = 'Enter';
      ctrlKey = false;
      metaKey = false;
      altKey = false;
      shiftKey = false;
      keyCode = 13;
    })() as never,
  );
  return handled ? result : null;
}

const translated = (text: string) => paragraph.create({ id: 't1', source: 's1', sourceHash: 'h1' }, schema.text(text));

test('the new paragraph after a translated one translates the same source block, unconfirmed', () => {
  const after = enterAt(doc.create(null, [translated('Readmission agreements.')]), 1 + 'Readmission agreements.'.length);
  expect(after).not.toBeNull();
  expect(after!.childCount).toBe(2);
  expect(after!.child(0).attrs).toMatchObject({ id: 't1', source: 's1', sourceHash: 'h1' });
  expect(after!.child(1).attrs).toMatchObject({ id: null, source: 's1', sourceHash: null, sourceText: null });
});

test('Enter elsewhere is left to the editor: in the middle, in an unlinked paragraph, in a list', () => {
  expect(enterAt(doc.create(null, [translated('Readmission agreements.')]), 5)).toBeNull();
  expect(enterAt(doc.create(null, [paragraph.create(null, schema.text('Free text'))]), 10)).toBeNull();
  const list = doc.create(null, [bullet_list.create(null, [list_item.create(null, [translated('Item')])])]);
  expect(enterAt(list, 3 + 'Item'.length)).toBeNull();
});
