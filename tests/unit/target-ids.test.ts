/**
 * Stable block ids (#18 headings and tables, #19 every block), on EditorState alone: missing ids
 * are given, a pasted copy is renumbered while the original keeps its id, a split paragraph's id
 * stays with the half holding more of its text, a merge keeps the first block's id, a paragraph
 * turned into a heading keeps its id, and nothing happens for Yjs's transactions, while
 * suggesting, or in a read-only editor.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { joinBackward, setBlockType, splitBlock } from 'prosemirror-commands';
import { splitListItem } from 'prosemirror-schema-list';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../shared/schema';
import { suggesting, suggestingKey } from '../../client/src/editor/suggesting';
import { assignTargetIds, isTyping, targetIds } from '../../client/src/editor/target-ids';

let counter = 0;
const newId = () => `tnew${++counter}`;

beforeEach(() => {
  counter = 0;
});

const { doc, paragraph, heading, table, table_row: row, table_cell: cell } = schema.nodes;
const text = (value: string) => schema.text(value);
const h = (title: string, id: string | null = null, level = 2) => heading.create({ level, id }, title ? text(title) : null);
const p = (value: string, id: string | null = null) => paragraph.create({ id }, value ? text(value) : null);
/** A one-cell table; its row, cell and paragraph have ids unless `inner` is false. */
const grid = (first: string, id: string | null = null, inner = true) =>
  table.create({ id }, row.create({ id: inner ? `${id}r` : null }, cell.create({ id: inner ? `${id}c` : null }, p(first, inner ? `${id}p` : null))));

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

/** Every block's type, text and id, in document order. */
function blocks(state: EditorState): [string, string, string | null][] {
  const found: [string, string, string | null][] = [];
  state.doc.descendants((node) => {
    if (!node.isBlock) return false;
    found.push([node.type.name, node.textContent, node.attrs.id as string | null]);
    return true;
  });
  return found;
}

/** Runs a ProseMirror command with the cursor at `pos`, as the person pressing its key. */
function run(state: EditorState, pos: number, command: (state: EditorState, dispatch: (tr: Transaction) => void) => boolean): EditorState {
  let at = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
  expect(command(at, (tr) => (at = at.apply(tr)))).toBe(true);
  return at;
}

/** Where the block at `index` starts. */
function startOf(state: EditorState, index: number): number {
  let pos = 0;
  for (let i = 0; i < index; i++) pos += state.doc.child(i).nodeSize;
  return pos;
}

describe('missing ids', () => {
  test('a change of the text gives every block without an id a fresh one, in document order', () => {
    const state = stateOf(h('Return migration'), p('Body'), grid('Hours', null, false), h('Kept', 'tkept'));
    const next = state.apply(state.tr.insertText('!', 2));
    expect(blocks(next)).toEqual([
      ['heading', 'R!eturn migration', 'tnew1'],
      ['paragraph', 'Body', 'tnew2'],
      ['table', 'Hours', 'tnew3'],
      ['table_row', 'Hours', 'tnew4'],
      ['table_cell', 'Hours', 'tnew5'],
      ['paragraph', 'Hours', 'tnew6'],
      ['heading', 'Kept', 'tkept'],
    ]);
  });

  test('lists, their items and quotes get ids like any block', () => {
    const { bullet_list: list, list_item: item, blockquote: quote } = schema.nodes;
    const state = stateOf(list.create(null, item.create(null, p('One'))), quote.create(null, p('Said')));
    const next = state.apply(state.tr.insertText('x', 3));
    expect(blocks(next).map(([type, , id]) => [type, id])).toEqual([
      ['bullet_list', 'tnew1'],
      ['list_item', 'tnew2'],
      ['paragraph', 'tnew3'],
      ['blockquote', 'tnew4'],
      ['paragraph', 'tnew5'],
    ]);
  });

  test('a new heading typed by the person gets an id at once', () => {
    const state = stateOf(p('Body', 'tbody'));
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
    const state = stateOf(h('Return migration', 'torig'), p('Body', 'tbody'));
    const next = state.apply(state.tr.insert(state.doc.content.size, h('Return migration', 'torig')));
    expect(ids(next)).toEqual([
      ['Return migration', 'torig'],
      ['Return migration', 'tnew1'],
    ]);
  });

  test('a copy pasted before the original is renumbered, not the original that moved down (even with more text)', () => {
    const state = stateOf(p('Intro', 'tintro'), h('Return migration', 'torig'));
    const next = state.apply(state.tr.insert(startOf(state, 1), h('Return migration (copy)', 'torig')));
    expect(ids(next)).toEqual([
      ['Return migration (copy)', 'tnew1'],
      ['Return migration', 'torig'],
    ]);
  });

  test('a table pasted twice gets two new ids, the original keeps its own', () => {
    const state = stateOf(grid('Hours', 'ttable'), p('After', 'tafter'));
    const tr = state.tr.insert(state.doc.content.size, [grid('Hours', 'ttable'), grid('Hours', 'ttable')]);
    expect(ids(state.apply(tr))).toEqual([
      ['Hours', 'ttable'],
      ['Hours', 'tnew1'],
      ['Hours', 'tnew5'],
    ]);
  });

  test('the rows, cells and paragraphs of a pasted table are renumbered with it; the original keeps all of its ids', () => {
    const state = stateOf(grid('Hours', 'ttable'), p('After', 'tafter'));
    const next = state.apply(state.tr.insert(state.doc.content.size, grid('Hours', 'ttable')));
    expect(blocks(next).map(([, , id]) => id)).toEqual(['ttable', 'ttabler', 'ttablec', 'ttablep', 'tafter', 'tnew1', 'tnew2', 'tnew3', 'tnew4']);
  });

  test('a block cut and pasted elsewhere (a move) keeps its id, so references to it still find it', () => {
    const state = stateOf(h('Moved', 'tmove'), p('One', 'tone'), p('Two', 'ttwo'));
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
    const state = stateOf(h('Title'), p('Body', 'tbody'));
    const on = state.apply(state.tr.setMeta(suggestingKey, { on: true }));
    const next = on.apply(on.tr.insertText('x', 8));
    expect(ids(next)).toEqual([['Title', null]]);
  });

  test('in a read-only editor nothing is given; in an editable one the ids come in a dispatch of their own, outside the undo history', () => {
    const plugin = targetIds({ newId });
    let state = EditorState.create({ schema, doc: doc.create(null, [h('Title'), p('Body', 'tbody')]), plugins: [plugin] });
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
    const start = stateOf(h('Return migration', 'tkept', 2), p('Body', 'tbody'));
    const inside = start.apply(start.tr.setSelection(TextSelection.create(start.doc, 3)));
    let changed = inside;
    setBlockType(heading, { level: 1 })(inside, (tr) => {
      changed = inside.apply(tr);
    });
    expect(changed.doc.firstChild?.attrs.level).toBe(1);
    expect(ids(changed)).toEqual([['Return migration', 'tkept']]);
  });
});

describe('splits and merges (the ids translations link to)', () => {
  const body = (state: EditorState) => blocks(state).map(([, words, id]) => [words, id]);

  test('Enter in the middle: the half with more of the paragraph keeps its id, the other is new', () => {
    const state = stateOf(p('Return migration policy', 'tpara'));
    // After "Return " (offset 7): the second half holds more of the text.
    expect(body(run(state, 1 + 7, splitBlock))).toEqual([
      ['Return ', 'tnew1'],
      ['migration policy', 'tpara'],
    ]);
    // After "Return migration " (offset 17): the first half does.
    counter = 0;
    expect(body(run(state, 1 + 17, splitBlock))).toEqual([
      ['Return migration ', 'tpara'],
      ['policy', 'tnew1'],
    ]);
  });

  test('Enter exactly in the middle: a tie, so the first half, at the paragraph’s place, keeps the id', () => {
    const state = stateOf(p('abcd', 'tpara'));
    expect(body(run(state, 3, splitBlock))).toEqual([
      ['ab', 'tpara'],
      ['cd', 'tnew1'],
    ]);
  });

  test('Enter at the start: the text keeps the id, the empty line above is new', () => {
    const state = stateOf(p('Intro', 'tintro'), p('Return migration', 'tpara'));
    expect(body(run(state, startOf(state, 1) + 1, splitBlock))).toEqual([
      ['Intro', 'tintro'],
      ['', 'tnew1'],
      ['Return migration', 'tpara'],
    ]);
  });

  test('Enter at the start of a heading: the heading keeps its id, the new paragraph above gets one', () => {
    const state = stateOf(h('Return migration', 'thead'));
    expect(blocks(run(state, 1, splitBlock))).toEqual([
      ['paragraph', '', 'tnew1'],
      ['heading', 'Return migration', 'thead'],
    ]);
  });

  test('Enter at the end: the paragraph keeps its id, the new empty one below gets one', () => {
    const state = stateOf(p('Return migration', 'tpara'));
    expect(body(run(state, 1 + 'Return migration'.length, splitBlock))).toEqual([
      ['Return migration', 'tpara'],
      ['', 'tnew1'],
    ]);
  });

  test('Backspace at the start of a paragraph merges it into the one above, which keeps its id; the other id is gone', () => {
    const state = stateOf(p('First part.', 'tfirst'), p(' Second part.', 'tsecond'), p('Third', 'tthird'));
    expect(body(run(state, startOf(state, 1) + 1, joinBackward))).toEqual([
      ['First part. Second part.', 'tfirst'],
      ['Third', 'tthird'],
    ]);
  });

  test('Enter in a list item: the item and its paragraph with more of the text keep their ids, together', () => {
    const { bullet_list: list, list_item: item } = schema.nodes;
    const state = stateOf(list.create({ id: 'tlist' }, item.create({ id: 'titem' }, p('Assisted voluntary return', 'tpara'))));
    // The cursor after "Assisted " (list 1 + item 1 + paragraph 1 + 9).
    expect(blocks(run(state, 3 + 9, splitListItem(schema.nodes.list_item)))).toEqual([
      ['bullet_list', 'Assisted voluntary return', 'tlist'],
      ['list_item', 'Assisted ', 'tnew1'],
      ['paragraph', 'Assisted ', 'tnew2'],
      ['list_item', 'voluntary return', 'titem'],
      ['paragraph', 'voluntary return', 'tpara'],
    ]);
  });

  test('a paragraph turned into a heading (and back) keeps its id', () => {
    const state = stateOf(p('Intro', 'tintro'), p('Return migration', 'tpara'), p('After', 'tafter'));
    const asHeading = run(state, startOf(state, 1) + 2, setBlockType(heading, { level: 2 }));
    expect(blocks(asHeading)).toEqual([
      ['paragraph', 'Intro', 'tintro'],
      ['heading', 'Return migration', 'tpara'],
      ['paragraph', 'After', 'tafter'],
    ]);
    const back = run(asHeading, startOf(asHeading, 1) + 2, setBlockType(paragraph));
    expect(blocks(back)[1]).toEqual(['paragraph', 'Return migration', 'tpara']);
  });

  test('a new block where a deleted one stood is not given the id of a block that still exists', () => {
    const state = stateOf(p('One', 'tone'), p('Two', 'ttwo'));
    const tr = state.tr.insert(0, p('Zero'));
    expect(body(state.apply(tr))).toEqual([
      ['Zero', 'tnew1'],
      ['One', 'tone'],
      ['Two', 'ttwo'],
    ]);
  });

  test('assignTargetIds alone: nothing to do when every block has an id of its own', () => {
    const state = stateOf(p('One', 'tone'), h('Two', 'ttwo'));
    const tr = state.tr.insertText('x', 1);
    expect(assignTargetIds(state.doc, [tr], state.apply(tr), newId)).toBeNull();
  });
});

describe('revival keeps a translation block’s link (#19)', () => {
  const linked = (value: string, id: string) => paragraph.create({ id, source: 'tsrc1', sourceHash: 'h1', sourceText: 'Исходный текст.' }, text(value));

  test('a linked translation paragraph turned into a heading keeps its id, source, hash and source text', () => {
    const state = stateOf(p('Intro', 'tintro'), linked('Return migration', 'tpara'));
    const asHeading = run(state, startOf(state, 1) + 2, setBlockType(heading, { level: 2 }));
    const revived = asHeading.doc.child(1);
    expect(revived.type.name).toBe('heading');
    expect(revived.attrs).toMatchObject({ level: 2, id: 'tpara', source: 'tsrc1', sourceHash: 'h1', sourceText: 'Исходный текст.' });
    // And back, and a level change: the link stays each time.
    const back = run(asHeading, startOf(asHeading, 1) + 2, setBlockType(paragraph));
    expect(back.doc.child(1).attrs).toMatchObject({ id: 'tpara', source: 'tsrc1', sourceHash: 'h1', sourceText: 'Исходный текст.' });
  });

  test('a link the new node was given is not overwritten', () => {
    const state = stateOf(linked('Return migration', 'tpara'));
    const tr = state.tr.setBlockType(1, 2, heading, { level: 1, source: 'tother', sourceHash: null, sourceText: null });
    expect(state.apply(tr).doc.child(0).attrs).toMatchObject({ id: 'tpara', source: 'tother', sourceHash: 'h1' });
  });

  test('with a view, a revival goes with the change itself (Yjs never sees the block without its id); new ids still follow in a dispatch of their own', () => {
    const plugin = targetIds({ newId });
    let state = EditorState.create({ schema, doc: doc.create(null, [h('Title', 'thead', 2), linked('Body', 'tbody')]), plugins: [plugin] });
    const dispatched: Transaction[] = [];
    const view = {
      editable: true,
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
      // What y-prosemirror writes to Yjs is this state, before any dispatch of the plugin's own.
      const written = state.doc;
      pluginView?.update?.(view as unknown as EditorView, state);
      return written;
    };
    // The heading's level changes: rebuilt without attributes, it is revived in the same change.
    const written = drawn(state.tr.setBlockType(2, 3, heading, { level: 1 }));
    expect(written.child(0).attrs).toMatchObject({ level: 1, id: 'thead' });
    expect(dispatched).toEqual([]);
    // The paragraph becomes a heading: the same, link included.
    const again = drawn(state.tr.setBlockType(state.doc.child(0).nodeSize + 2, state.doc.child(0).nodeSize + 3, heading, { level: 3 }));
    expect(again.child(1).attrs).toMatchObject({ level: 3, id: 'tbody', source: 'tsrc1', sourceHash: 'h1' });
    expect(dispatched).toEqual([]);
    // A new block is still numbered in a dispatch of its own, outside the undo history.
    drawn(state.tr.insert(state.doc.content.size, p('New')));
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0].getMeta('addToHistory')).toBe(false);
    expect(state.doc.child(2).attrs.id).toBe('tnew1');
  });
});

describe('typing skips the walk over the blocks', () => {
  test('typing and marks inside one textblock are typing; Enter, a pasted block and a type change are not', () => {
    const state = stateOf(p('One', 'tone'), p('Two', 'ttwo'));
    expect(isTyping(state.tr.insertText('x', 2))).toBe(true);
    expect(isTyping(state.tr.delete(1, 3))).toBe(true);
    expect(isTyping(state.tr.addMark(1, 3, schema.marks.bold.create()))).toBe(true);
    expect(isTyping(state.tr.split(2))).toBe(false);
    expect(isTyping(state.tr.delete(3, 7))).toBe(false);
    expect(isTyping(state.tr.insert(0, p('New')))).toBe(false);
    expect(isTyping(state.tr.setBlockType(1, 1, heading, { level: 1 }))).toBe(false);
  });

  test('once every block has an id, a pasted copy is still renumbered after a run of typing', () => {
    const state = stateOf(p('One', 'tone'), p('Two'));
    let next = state.apply(state.tr.insertText('a', 1));
    expect(blocks(next).map(([, , id]) => id)).toEqual(['tone', 'tnew1']);
    next = next.apply(next.tr.insertText('b', 1));
    next = next.apply(next.tr.insert(next.doc.content.size, p('baOne', 'tone')));
    expect(blocks(next).map(([, , id]) => id)).toEqual(['tone', 'tnew1', 'tnew2']);
  });
});
