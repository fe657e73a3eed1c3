/**
 * How a translation stands against its source (#19, `shared/translations.ts`): the text a unit is
 * judged by, current / stale / missing, orphans beside the unit they follow, where a new
 * translation block goes, the export form; and what splits and merges of the source do to the
 * status, through the editor's real id plugin and ProseMirror's own commands.
 */
import { joinBackward, splitBlock } from 'prosemirror-commands';
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { targetIds } from '../../client/src/editor/target-ids';
import { schema } from '../../shared/schema';
import { jsonWithoutSuggestions } from '../../shared/suggestions';
import { type JsonNode, forExport, hasUnitsWithoutIds, insertionPoint, sourceUnits, textHash, translationStatus, translationUnits, unitText } from '../../shared/translations';

const text = (value: string, marks?: JsonNode['marks']): JsonNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const doc = (...content: JsonNode[]): JsonNode => ({ type: 'doc', content });
const p = (id: string | null, ...content: (JsonNode | string)[]): JsonNode => ({
  type: 'paragraph',
  attrs: { id },
  content: content.map((part) => (typeof part === 'string' ? text(part) : part)),
});
const h = (id: string, words: string, level = 2): JsonNode => ({ type: 'heading', attrs: { level, id }, content: [text(words)] });

/** A translation block of `source`, confirmed against `confirmedText` (null: never confirmed). */
const tr = (id: string | null, source: string | null, words: string, confirmedText: string | null = null): JsonNode => ({
  type: 'paragraph',
  attrs: { id, source, sourceHash: confirmedText === null ? null : textHash(confirmedText), sourceText: confirmedText },
  content: words ? [text(words)] : [],
});

describe('unitText: what a unit is judged by', () => {
  test('marks are not words: bold and plain text read the same', () => {
    expect(unitText(p('a', text('Return', [{ type: 'bold' }]), ' migration'))).toBe(unitText(p('b', 'Return migration')));
  });

  test('runs of spaces and tabs are one space; the text is trimmed and NFC', () => {
    expect(unitText(p('a', '  Return \t  migration  '))).toBe('Return migration');
    expect(unitText(p('a', 'Йод'.normalize('NFD')))).toBe('Йод'.normalize('NFC'));
  });

  test('a footnote counts with its text, a cross-reference as its target, a hard break as a line break', () => {
    const block = p(
      'a',
      'Law',
      { type: 'footnote', content: [text('No. 5, '), text('art. 12', [{ type: 'italic' }])] },
      ' see ',
      { type: 'cross_reference', attrs: { section: 'regional-2', target: 'thead', label: '1.2 Return' } },
      { type: 'hard_break' },
      'next line',
    );
    expect(unitText(block)).toBe('Law[^No. 5, art. 12] see [→thead]\nnext line');
    // The same from a ProseMirror node as from its JSON.
    expect(unitText(schema.nodeFromJSON(block as never))).toBe(unitText(block));
  });

  test('open suggestions are left out when the caller passes the settled text', () => {
    const withSuggestion = p('a', 'Return', text(' proposed', [{ type: 'insertion', attrs: { id: 's1', author: 1, at: 0 } }]), ' migration');
    const [unit] = sourceUnits(jsonWithoutSuggestions(doc(withSuggestion)));
    expect(unit.text).toBe('Return migration');
  });

  test('textHash is short base 36, stable, and tells texts apart', () => {
    expect(textHash('Return migration')).toMatch(/^[0-9a-z]{1,11}$/);
    expect(textHash('Return migration')).toBe(textHash('Return migration'));
    expect(textHash('Return migration')).not.toBe(textHash('Return migrations'));
  });
});

describe('units and status', () => {
  const source = doc(
    h('thead', 'Return migration'),
    p('tp1', 'First paragraph.'),
    p('tempty'),
    p(null, 'No id yet.'),
    { type: 'bullet_list', attrs: { id: 'tlist' }, content: [{ type: 'list_item', attrs: { id: 'titem' }, content: [p('tli', 'A list item.')] }] },
    p('tp2', 'Second paragraph.'),
  );

  test('the source’s units are its paragraphs and headings with an id and some text, with the ids around them', () => {
    expect(sourceUnits(source).map(({ id, kind, path }) => [id, kind, path])).toEqual([
      ['thead', 'heading', []],
      ['tp1', 'paragraph', []],
      ['tli', 'paragraph', ['tlist', 'titem']],
      ['tp2', 'paragraph', []],
    ]);
  });

  test('current when confirmed against the current text, stale when the source changed or never confirmed, missing without text', () => {
    const translation = doc(
      tr('e1', 'thead', 'Return migration', 'Return migration'),
      tr('e2', 'tp1', 'Erster Absatz.', 'An older first paragraph.'),
      tr('e3', 'tli', 'Ein Listenpunkt.'),
      tr('e4', 'tp2', ''),
    );
    const status = translationStatus(source, translation);
    expect(status.aligned.map((unit) => [unit.source.id, unit.status])).toEqual([
      ['thead', 'current'],
      ['tp1', 'stale'],
      ['tli', 'stale'],
      ['tp2', 'missing'],
    ]);
    expect(status.aligned[1].previousText).toBe('An older first paragraph.');
    // Unconfirmed: stale, with no earlier text to compare.
    expect(status.aligned[2].previousText).toBeNull();
    expect(status.aligned[3].translations.map((unit) => unit.id)).toEqual(['e4']);
    expect({ blocks: status.blocks, current: status.current, stale: status.stale, missing: status.missing, orphaned: status.orphaned }).toEqual({
      blocks: 4,
      current: 1,
      stale: 2,
      missing: 1,
      orphaned: 0,
    });
  });

  test('one unit translated as two blocks: current only while both are confirmed', () => {
    const both = doc(tr('e1', 'tp1', 'Erster', 'First paragraph.'), tr('e2', 'tp1', 'Absatz.', 'First paragraph.'));
    expect(translationStatus(doc(p('tp1', 'First paragraph.')), both).aligned[0].status).toBe('current');
    const one = doc(tr('e1', 'tp1', 'Erster', 'First paragraph.'), tr('e2', 'tp1', 'Absatz.'));
    expect(translationStatus(doc(p('tp1', 'First paragraph.')), one).aligned[0].status).toBe('stale');
  });

  test('orphans (linked to no current unit, or to nothing) go with the unit before them, or lead; empty ones do not count', () => {
    const translation = doc(
      tr('e0', null, 'A translator’s preface.'),
      tr('e1', 'thead', 'Return migration', 'Return migration'),
      tr('e2', 'tgone', 'Text of a deleted paragraph.'),
      tr('e3', 'tp2', 'Zweiter Absatz.', 'Second paragraph.'),
      tr('e4', null, ''),
    );
    const status = translationStatus(source, translation);
    expect(status.leading.map((unit) => unit.id)).toEqual(['e0']);
    expect(status.aligned[0].orphans.map((unit) => unit.id)).toEqual(['e2']);
    expect(status.orphaned).toBe(2);
    expect(status.blocks).toBe(status.current + status.stale + status.missing);
  });

  test('translationUnits reads every paragraph and heading with its link, empty ones too', () => {
    expect(translationUnits(doc(tr('e1', 'tp1', 'Erster', 'First paragraph.'), p(null)))).toEqual([
      { id: 'e1', source: 'tp1', sourceHash: textHash('First paragraph.'), sourceText: 'First paragraph.', text: 'Erster' },
      { id: null, source: null, sourceHash: null, sourceText: null, text: '' },
    ]);
  });
});

describe('insertionPoint and forExport', () => {
  const source = doc(p('ta', 'A.'), p('tb', 'B.'), p('tc', 'C.'));

  test('a missing unit goes after the last translation block (or orphan) of the nearest unit before it that has one', () => {
    const translation = doc(tr('e1', 'ta', 'A-en', 'A.'), tr('e2', 'ta', 'A-en 2', 'A.'), tr('e3', 'gone', 'Orphan after A'));
    const status = translationStatus(source, translation);
    expect(insertionPoint(status, 'tb')).toBe('e3');
    expect(insertionPoint(status, 'tc')).toBe('e3');
    expect(insertionPoint(status, 'ta')).toBeNull();
  });

  test('with nothing translated before it, a unit goes at the start', () => {
    expect(insertionPoint(translationStatus(source, doc(tr('e3', 'tc', 'C-en', 'C.'))), 'tb')).toBeNull();
  });

  test('for an export, block ids become the ids of the source blocks they translate, and the links are gone', () => {
    const translation = doc(
      { type: 'heading', attrs: { level: 2, id: 'e1', source: 'thead', sourceHash: 'x', sourceText: 'Return' }, content: [text('Return')] },
      tr('e2', null, 'Unlinked'),
      { type: 'bullet_list', attrs: { id: 'e3', source: 'tlist' }, content: [{ type: 'list_item', attrs: { id: 'e4', source: null }, content: [tr('e5', 'tli', 'Item', 'Item')] }] },
    );
    expect(forExport(translation)).toEqual(
      doc(
        { type: 'heading', attrs: { level: 2, id: 'thead' }, content: [text('Return')] },
        { type: 'paragraph', content: [text('Unlinked')] },
        { type: 'bullet_list', attrs: { id: 'tlist' }, content: [{ type: 'list_item', content: [{ type: 'paragraph', attrs: { id: 'tli' }, content: [text('Item')] }] }] },
      ),
    );
    // The input is left as it was.
    expect((translation.content![0].attrs as Record<string, unknown>).id).toBe('e1');
  });
});

describe('splits and merges of the source, through the editor’s id plugin', () => {
  let counter = 0;
  const newId = () => `tnew${++counter}`;
  beforeEach(() => {
    counter = 0;
  });

  const FIRST = 'Return migration is voluntary and assisted.';
  const SECOND = 'Reintegration follows.';
  const THIRD = 'Monitoring closes the cycle.';

  function sourceState(): EditorState {
    const json = doc(p('tp1', FIRST), p('tp2', SECOND), p('tp3', THIRD));
    return EditorState.create({ schema, doc: schema.nodeFromJSON(json as never), plugins: [targetIds({ newId })] });
  }

  /** An English translation of the three paragraphs, every block confirmed. */
  const english = () => doc(tr('e1', 'tp1', 'EN first.', FIRST), tr('e2', 'tp2', 'EN second.', SECOND), tr('e3', 'tp3', 'EN third.', THIRD));

  function run(state: EditorState, pos: number, command: (state: EditorState, dispatch: (tr: Transaction) => void) => boolean): ProseMirrorNode {
    let at = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
    expect(command(at, (transaction) => (at = at.apply(transaction)))).toBe(true);
    return at.doc;
  }

  const summary = (source: ProseMirrorNode) =>
    translationStatus(source.toJSON() as JsonNode, english()).aligned.map((unit) => [unit.source.id, unit.source.text, unit.status, unit.orphans.map((orphan) => orphan.id)]);

  test('before any edit, everything is current', () => {
    expect(summary(sourceState().doc).map(([id, , status]) => [id, status])).toEqual([
      ['tp1', 'current'],
      ['tp2', 'current'],
      ['tp3', 'current'],
    ]);
  });

  test('Enter in the middle: the longer half keeps the link and goes stale, the other half is a new unit, missing, right after it', () => {
    const state = sourceState();
    const after = 'Return migration is voluntary '.length;
    expect(summary(run(state, 1 + after, splitBlock))).toEqual([
      ['tp1', 'Return migration is voluntary', 'stale', []],
      ['tnew1', 'and assisted.', 'missing', []],
      ['tp2', SECOND, 'current', []],
      ['tp3', THIRD, 'current', []],
    ]);
  });

  test('Enter at the start: the text keeps its id and its translation stays current; the empty line is not counted', () => {
    const status = translationStatus(run(sourceState(), 1, splitBlock).toJSON() as JsonNode, english());
    expect(status.aligned.map((unit) => [unit.source.id, unit.status])).toEqual([
      ['tp1', 'current'],
      ['tp2', 'current'],
      ['tp3', 'current'],
    ]);
    expect(status.blocks).toBe(3);
  });

  test('Backspace at the start of the second paragraph: the first keeps its id and goes stale, the second’s translation is an orphan beside it', () => {
    const state = sourceState();
    const merged = run(state, state.doc.child(0).nodeSize + 1, joinBackward);
    expect(summary(merged)).toEqual([
      ['tp1', `${FIRST}${SECOND}`, 'stale', ['e2']],
      ['tp3', THIRD, 'current', []],
    ]);
    const status = translationStatus(merged.toJSON() as JsonNode, english());
    expect([status.blocks, status.stale, status.orphaned]).toEqual([2, 1, 1]);
  });
});

describe('a text from before blocks had ids', () => {
  test('hasUnitsWithoutIds: a paragraph or heading with words and no id, anywhere; empty ones and other blocks do not count', () => {
    const para = (text: string, id?: string) => ({ type: 'paragraph', ...(id ? { attrs: { id } } : {}), content: text ? [{ type: 'text', text }] : [] });
    expect(hasUnitsWithoutIds({ type: 'doc', content: [para('Закон.', 'tp1'), para('')] })).toBe(false);
    expect(hasUnitsWithoutIds({ type: 'doc', content: [para('Закон.')] })).toBe(true);
    expect(hasUnitsWithoutIds({ type: 'doc', content: [para('Закон.', 'tp1'), { type: 'bullet_list', attrs: { id: 'tl' }, content: [{ type: 'list_item', attrs: { id: 'ti' }, content: [para('Пункт.')] }] }] })).toBe(true);
    // Such a text counts no unit at all: zero blocks would read as "nothing missing".
    const old = { type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Заголовок' }] }, para('Абзац.')] };
    expect(hasUnitsWithoutIds(old)).toBe(true);
    expect(translationStatus(old, { type: 'doc', content: [] })).toMatchObject({ blocks: 0, stale: 0, missing: 0 });
  });
});
