/**
 * Stable ids for headings and tables (#18), on EditorState alone: missing ids are given, a pasted
 * copy is renumbered while the original keeps its id, and nothing happens for Yjs's transactions,
 * while suggesting, or in a read-only editor.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { setBlockType } from 'prosemirror-commands';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../shared/schema';
import { suggesting, suggestingKey } from '../../client/src/editor/suggesting';
import { targetIds } from '../../client/src/editor/target-ids';

let counter = 0;
const newId = () => `tnew${++counter}`;

beforeEach(() => {
  counter = 0;
});

const { doc, paragraph, heading, table, table_row: row, table_cell: cell } = schema.nodes;
const text = (value: string) => schema.text(value);
const h = (title: string, id: string | null = null, level = 2) => heading.create({ level, id }, title ? text(title) : null);
const p = (value: string) => paragraph.create(null, value ? text(value) : null);
const grid = (first: string, id: string | null = null) => table.create({ id }, row.create(null, cell.create(null, p(first))));

function stateOf(...blocks: ProseMirrorNode[]): EditorState {
  return EditorState.create({ schema, doc: doc.create(null, blocks), plugins: [suggesting({ colour: () => '#000000' }), targetIds({ newId })] });
}

/** Each heading's and table's text (first cell for tables) with its id, in document order. */
function ids(state: EditorState): [string, string | null][] {
  const found: [string, string | null][] = [];
  state.doc.descendants((node) => {
    if (node.type.name === 'heading' || node.type.name === 'table') found.push([node.textContent, node.attrs.id as string | null]);
    return node.type.name !== 'heading';
  });
  return found;
}

/** Where the block at `index` starts. */
function startOf(state: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
  return pos;
}

describe('missing ids', () => {
  test('a change of the text gives every heading and table without an id a fresh one', () => {
    const state = stateOf(h('Return migration'), p('Body'), grid('Hours'), h('Kept', 'tkept'));
    const next = state.apply(state.tr.insertText('!', 2));
    expect(ids(next)).toEqual([
      ['R!eturn migration', 'tnew1'],
      ['Hours', 'tnew2'],
      ['Kept', 'tkept'],
    ]);
  });

  test('a new heading typed by the person gets an id at once', () => {
    const state = stateOf(p('Body'));
    const next = state.apply(state.tr.insert(state.doc.content.size, h('Assisted voluntary return')));
    expect(ids(next)).toEqual([['Assisted voluntary return', 'tnew1']]);
  });

  test('a transaction that changes nothing in the text (a selection) gives no ids', () => {
    const state = stateOf(h('Title'), p('Body'));
    const next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3)));
    expect(ids(next)).toEqual([['Title', null]]);
  });

  test('the default ids are short, URL- and bookmark-safe, and differ', () => {
    const state = EditorState.create({ schema, doc: doc.create(null, [h('One'), h('Two')]), plugins: [targetIds()] });
    const [[, first], [, second]] = ids(state.apply(state.tr.insertText('x', 1)));
    expect(first).toMatch(/^t[a-z0-9]{9}$/);
    expect(second).toMatch(/^t[a-z0-9]{9}$/);
    expect(first).not.toBe(second);
  });
});

describe('copies', () => {
  test('a copy pasted after the original is renumbered; the original keeps its id', () => {
    const state = stateOf(h('Return migration', 'torig'), p('Body'));
    const next = state.apply(state.tr.insert(state.doc.content.size, h('Return migration', 'torig')));
    expect(ids(next)).toEqual([
      ['Return migration', 'torig'],
      ['Return migration', 'tnew1'],
    ]);
  });

  test('a copy pasted before the original is renumbered, not the original that moved down', () => {
    const state = stateOf(p('Intro'), h('Return migration', 'torig'));
    const next = state.apply(state.tr.insert(startOf(state, 1), h('Return migration (copy)', 'torig')));
    expect(ids(next)).toEqual([
      ['Return migration (copy)', 'tnew1'],
      ['Return migration', 'torig'],
    ]);
  });

  test('a table pasted twice gets two new ids, the original keeps its own', () => {
    const state = stateOf(grid('Hours', 'ttable'), p('After'));
    const tr = state.tr.insert(state.doc.content.size, [grid('Hours', 'ttable'), grid('Hours', 'ttable')]);
    expect(ids(state.apply(tr))).toEqual([
      ['Hours', 'ttable'],
      ['Hours', 'tnew1'],
      ['Hours', 'tnew2'],
    ]);
  });

  test('a block cut and pasted elsewhere (a move) keeps its id, so references to it still find it', () => {
    const state = stateOf(h('Moved', 'tmove'), p('One'), p('Two'));
    const moved = h('Moved', 'tmove');
    const tr = state.tr.delete(0, state.doc.child(0).nodeSize);
    tr.insert(tr.doc.content.size, moved);
    expect(ids(state.apply(tr))).toEqual([['Moved', 'tmove']]);
  });

  test('a new id never repeats one the text holds', () => {
    const state = stateOf(h('Taken', 'tnew1'), h('Fresh'));
    expect(ids(state.apply(state.tr.insertText('x', 1)))).toEqual([
      ['xTaken', 'tnew1'],
      ['Fresh', 'tnew2'],
    ]);
  });
});

describe('changes that are not the person’s own, or not theirs to make', () => {
  test('a transaction from Yjs (a colleague, the first sync) is left as it came', () => {
    const state = stateOf(h('From a colleague'), h('Copy', 'tsame'), h('Copy', 'tsame'));
    const next = state.apply(state.tr.insertText('x', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(ids(next)).toEqual([
      ['xFrom a colleague', null],
      ['Copy', 'tsame'],
      ['Copy', 'tsame'],
    ]);
  });

  test('while suggesting, no attribute is changed (the server takes only suggestions)', () => {
    const state = stateOf(h('Title'), p('Body'));
    const on = state.apply(state.tr.setMeta(suggestingKey, { on: true }));
    const next = on.apply(on.tr.insertText('x', 8));
    expect(ids(next)).toEqual([['Title', null]]);
  });

  test('in a read-only editor nothing is given; in an editable one the ids come in a dispatch of their own, outside the undo history', () => {
    const plugin = targetIds({ newId });
    let state = EditorState.create({ schema, doc: doc.create(null, [h('Title'), p('Body')]), plugins: [plugin] });
    // The plugin asks its view; a stand-in view (there is no DOM here) with what it asks and does.
    const dispatched: Transaction[] = [];
    const view = {
      editable: false,
      isDestroyed: false,
      get state() {
        return state;
      },
      dispatch(tr: Transaction) {
        dispatched.push(tr);
        state = state.apply(tr);
      },
    };
    const pluginView = plugin.spec.view?.(view as unknown as EditorView);
    const drawn = (tr: Transaction) => {
      state = state.apply(tr);
      pluginView?.update?.(view as unknown as EditorView, state);
    };
    drawn(state.tr.insertText('x', 1));
    expect(ids(state)).toEqual([['xTitle', null]]);
    expect(dispatched).toEqual([]);
    view.editable = true;
    drawn(state.tr.insertText('y', 1));
    expect(ids(state)).toEqual([['yxTitle', 'tnew1']]);
    expect(dispatched).toHaveLength(1);
    // Undoing the keystroke must not take the id away (y-prosemirror's undo skips such changes).
    expect(dispatched[0].getMeta('addToHistory')).toBe(false);
  });

  test('a heading whose level changes (rebuilt without attributes) keeps its id', () => {
    const start = stateOf(h('Return migration', 'tkept', 2), p('Body'));
    const inside = start.apply(start.tr.setSelection(TextSelection.create(start.doc, 3)));
    let changed = inside;
    setBlockType(heading, { level: 1 })(inside, (tr) => {
      changed = inside.apply(tr);
    });
    expect(changed.doc.firstChild?.attrs.level).toBe(1);
    expect(ids(changed)).toEqual([['Return migration', 'tkept']]);
  });
});
