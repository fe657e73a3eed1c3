/**
 * The translation side of the side-by-side view (#19), on EditorState alone: a first translation is
 * stamped current (and only a first one, only the person's own, never while suggesting, from Yjs or
 * in a read-only view); "translate block" inserts a linked block of the unit's kind where
 * `insertionPoint` says; the work list walks stale, missing and orphaned blocks in source order; a
 * source change is typo-only within 2 words and 6 characters.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { schema } from '../../shared/schema';
import { textHash, translationStatus } from '../../shared/translations';
import { suggesting, suggestingKey } from '../../client/src/editor/suggesting';
import { type StampSource, stampTranslations, translationStamp } from '../../client/src/translation/stamp';
import { parseRoute, translationPath } from '../../client/src/router';
import { translateBlock } from '../../client/src/translation/translate-block';
import { isTypoOnly, sourceChange, typoOnlyUnits } from '../../client/src/translation/typo';
import { nextWork, workItems } from '../../client/src/translation/work-list';

const { doc, paragraph, heading, bullet_list: list, list_item: item } = schema.nodes;
const text = (value: string) => schema.text(value);

interface Link {
  id?: string | null;
  source?: string | null;
  sourceHash?: string | null;
  sourceText?: string | null;
}
const p = (value: string, link: Link = {}) => paragraph.create({ id: null, source: null, sourceHash: null, sourceText: null, ...link }, value ? text(value) : null);
const h = (value: string, level: number, link: Link = {}) => heading.create({ level, id: null, source: null, sourceHash: null, sourceText: null, ...link }, value ? text(value) : null);

const SOURCE = doc.create(null, [h('Закон о миграции', 3, { id: 'sh' }), p('Первый абзац.', { id: 'sa' }), p('Второй абзац.', { id: 'sb' }), p('Третий абзац.', { id: 'sc' })]);
const units = new Map<string, StampSource>(
  ['Закон о миграции', 'Первый абзац.', 'Второй абзац.', 'Третий абзац.'].map((value, i) => [['sh', 'sa', 'sb', 'sc'][i], { text: value, hash: textHash(value) }]),
);
const sourceUnit = (id: string) => units.get(id) ?? null;
const current = (id: string): Link => ({ source: id, sourceHash: units.get(id)!.hash, sourceText: units.get(id)!.text });

function stateOf(blocks: ProseMirrorNode[], plugins = [suggesting({ colour: () => '#000000' }), translationStamp(sourceUnit)]): EditorState {
  return EditorState.create({ schema, doc: doc.create(null, blocks), plugins });
}

/** Each block's text with its link, in document order. */
function links(state: EditorState): [string, string | null, string | null, string | null][] {
  const found: [string, string | null, string | null, string | null][] = [];
  state.doc.descendants((node) => {
    if (!node.isTextblock) return true;
    found.push([node.textContent, node.attrs.source, node.attrs.sourceHash, node.attrs.sourceText]);
    return false;
  });
  return found;
}

describe('stamping a first translation', () => {
  test('typing into an empty linked block stamps it with the current source hash and text, in the same change', () => {
    const state = stateOf([p('', { id: 'ta', source: 'sa' })]);
    const next = state.apply(state.tr.insertText('First paragraph.', 1));
    expect(links(next)).toEqual([['First paragraph.', 'sa', units.get('sa')!.hash, 'Первый абзац.']]);
    expect(translationStatus(SOURCE.toJSON(), next.doc.toJSON()).aligned.find((unit) => unit.source.id === 'sa')!.status).toBe('current');
  });

  test('a block that already had text while unconfirmed is not stamped by editing it (someone must confirm it)', () => {
    const state = stateOf([p('Old text', { id: 'ta', source: 'sa' })]);
    const next = state.apply(state.tr.insertText('x', 1));
    expect(links(next)).toEqual([['xOld text', 'sa', null, null]]);
  });

  test('a confirmed block keeps its hash, even a stale one, when it is edited', () => {
    const state = stateOf([p('', { id: 'ta', source: 'sa', sourceHash: 'older', sourceText: 'Старый.' })]);
    const next = state.apply(state.tr.insertText('Text', 1));
    expect(links(next)).toEqual([['Text', 'sa', 'older', 'Старый.']]);
  });

  test('only the blocks the change touched: another empty linked block stays unstamped, and an unknown source is left alone', () => {
    const state = stateOf([p('', { id: 'ta', source: 'sa' }), p('', { id: 'tb', source: 'sb' }), p('', { id: 'tx', source: 'gone' })]);
    const typed = state.apply(state.tr.insertText('A', 1));
    expect(links(typed)).toEqual([
      ['A', 'sa', units.get('sa')!.hash, 'Первый абзац.'],
      ['', 'sb', null, null],
      ['', 'gone', null, null],
    ]);
    const orphan = typed.apply(typed.tr.insertText('X', typed.doc.content.size - 1));
    expect(links(orphan)[2]).toEqual(['X', 'gone', null, null]);
  });

  test('a new block without an id yet (just inserted) is stamped when it gets text', () => {
    const state = stateOf([p('First.', { id: 'ta', ...current('sa') }), p('', { source: 'sb' })]);
    const next = state.apply(state.tr.insertText('Second.', state.doc.child(0).nodeSize + 1));
    expect(links(next)[1]).toEqual(['Second.', 'sb', units.get('sb')!.hash, 'Второй абзац.']);
  });

  test('nothing for a change from Yjs, nor while suggesting', () => {
    const state = stateOf([p('', { id: 'ta', source: 'sa' })]);
    const fromYjs = state.apply(state.tr.insertText('Colleague', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(links(fromYjs)).toEqual([['Colleague', 'sa', null, null]]);
    const on = state.apply(state.tr.setMeta(suggestingKey, { on: true }));
    const suggested = on.apply(on.tr.insertText('Suggested', 1));
    expect(links(suggested)[0][2]).toBeNull();
  });

  test('nothing in a read-only view', () => {
    const plugin = translationStamp(sourceUnit);
    const state = stateOf([p('', { id: 'ta', source: 'sa' })], [plugin]);
    const view = { editable: false, state };
    plugin.spec.view?.(view as unknown as EditorView);
    expect(links(state.apply(state.tr.insertText('x', 1)))[0][2]).toBeNull();
    view.editable = true;
    expect(links(state.apply(state.tr.insertText('x', 1)))[0][2]).toBe(units.get('sa')!.hash);
  });

  test('the pure function answers null when nothing needs a stamp', () => {
    const state = stateOf([p('Done.', { id: 'ta', ...current('sa') })]);
    const tr: Transaction = state.tr.insertText('x', 1);
    expect(stampTranslations([tr], state, state.apply(tr), sourceUnit)).toBeNull();
  });
});

describe('translate block', () => {
  test('a missing heading is inserted as a heading of the same level, linked, after the translation of the unit before it', () => {
    const state = stateOf([p('First.', { id: 'ta', ...current('sa') }), p('Third.', { id: 'tc', ...current('sc') })]);
    const status = translationStatus(SOURCE.toJSON(), state.doc.toJSON());
    const headingUnit = status.aligned[0].source;
    const inserted = state.apply(translateBlock(state, status, headingUnit, SOURCE)!);
    expect(inserted.doc.child(0).type.name).toBe('heading');
    expect(inserted.doc.child(0).attrs).toMatchObject({ level: 3, source: 'sh', sourceHash: null });
    expect(inserted.selection.from).toBe(1);
    const missing = status.aligned[2].source;
    const second = state.apply(translateBlock(state, status, missing, SOURCE)!);
    expect(links(second).map(([value, source]) => [value, source])).toEqual([
      ['First.', 'sa'],
      ['', 'sb'],
      ['Third.', 'sc'],
    ]);
    // The cursor is in the new block, and typing there makes it current.
    const typed = second.apply(second.tr.insertText('Second.'));
    expect(translationStatus(SOURCE.toJSON(), typed.doc.toJSON()).current).toBe(4 - 1);
  });

  test('the block before it may have no id yet (just inserted): the new one still goes after it', () => {
    const state = stateOf([p('First.', { ...current('sa') }), p('', {})]);
    const status = translationStatus(SOURCE.toJSON(), state.doc.toJSON());
    const next = state.apply(translateBlock(state, status, status.aligned[2].source, SOURCE)!);
    expect(links(next).map(([value, source]) => [value, source])).toEqual([
      ['First.', 'sa'],
      ['', 'sb'],
      ['', null],
    ]);
  });

  test('an empty block already linked is reused rather than doubled', () => {
    const state = stateOf([p('First.', { id: 'ta', ...current('sa') }), p('', { id: 'tb', source: 'sb' })]);
    const status = translationStatus(SOURCE.toJSON(), state.doc.toJSON());
    const next = state.apply(translateBlock(state, status, status.aligned[2].source, SOURCE)!);
    expect(next.doc.childCount).toBe(2);
    expect(next.selection.from).toBe(state.doc.child(0).nodeSize + 1);
  });

  test('inside a list item the new block follows the translation there', () => {
    const source = doc.create(null, [list.create({ id: 'sl' }, [item.create({ id: 'si' }, [p('Первый абзац.', { id: 'sa' }), p('Второй абзац.', { id: 'sb' })])])]);
    const state = stateOf([list.create({ source: 'sl' }, [item.create({ source: 'si' }, [p('First.', { id: 'ta', ...current('sa') })])])]);
    const status = translationStatus(source.toJSON(), state.doc.toJSON());
    const next = state.apply(translateBlock(state, status, status.aligned[1].source, source)!);
    expect(next.doc.child(0).child(0).childCount).toBe(2);
    expect(next.doc.child(0).child(0).child(1).attrs.source).toBe('sb');
  });
});

describe('the work list', () => {
  const translation = () =>
    stateOf([
      h('Migration law', 3, { id: 'th', ...current('sh') }),
      p('First (old).', { id: 'ta', source: 'sa', sourceHash: 'older', sourceText: 'Старый.' }),
      p('Left over.', { id: 'tx', source: 'merged-away' }),
      p('Third.', { id: 'tc', ...current('sc') }),
    ]);

  test('stale, orphan and missing units in source order', () => {
    const state = translation();
    const status = translationStatus(SOURCE.toJSON(), state.doc.toJSON());
    expect(workItems(status, state.doc).map((item) => [item.kind, item.unit?.id])).toEqual([
      ['stale', 'sa'],
      ['orphan', 'sa'],
      ['missing', 'sb'],
    ]);
  });

  test('next and previous from the cursor, wrapping round', () => {
    const state = translation();
    const status = translationStatus(SOURCE.toJSON(), state.doc.toJSON());
    const inHeading = 2;
    expect(nextWork(status, state.doc, inHeading, 1)).toMatchObject({ item: { kind: 'stale' }, position: 1, count: 3 });
    const inStale = state.doc.child(0).nodeSize + 2;
    expect(nextWork(status, state.doc, inStale, 1)!.item.kind).toBe('orphan');
    const inOrphan = state.doc.child(0).nodeSize + state.doc.child(1).nodeSize + 2;
    expect(nextWork(status, state.doc, inOrphan, 1)!.item).toMatchObject({ kind: 'missing', block: null });
    const inLast = state.doc.content.size - 2;
    expect(nextWork(status, state.doc, inLast, 1)!.item.kind).toBe('stale');
    expect(nextWork(status, state.doc, inLast, -1)!.item.kind).toBe('missing');
    expect(nextWork(status, state.doc, inStale, -1)!.item.kind).toBe('missing');
  });

  test('nothing when every unit is current', () => {
    const state = stateOf([h('Law', 3, { id: 'th', ...current('sh') }), p('A', { id: 'ta', ...current('sa') }), p('B', { id: 'tb', ...current('sb') }), p('C', { id: 'tc', ...current('sc') })]);
    expect(nextWork(translationStatus(SOURCE.toJSON(), state.doc.toJSON()), state.doc, 1, 1)).toBeNull();
  });
});

describe('typo-only source changes', () => {
  test('one misspelt word fixed is typo-only; a changed meaning is not', () => {
    expect(isTypoOnly(sourceChange('Мигранты имеют право на рабту.', 'Мигранты имеют право на работу.'))).toBe(true);
    expect(isTypoOnly(sourceChange('Мигранты имеют право на работу.', 'Мигранты имеют право на жильё и работу.'))).toBe(false);
    expect(isTypoOnly(sourceChange('Same text.', 'Same text.'))).toBe(false);
  });

  test('the limits: 2 words and 6 characters', () => {
    expect(sourceChange('teh cat sat', 'the cat sat')).toMatchObject({ words: 1, characters: 1 });
    expect(isTypoOnly(sourceChange('teh cta sat', 'the cat sat'))).toBe(true);
    expect(isTypoOnly(sourceChange('teh cta sta', 'the cat sat'))).toBe(false);
    expect(isTypoOnly(sourceChange('a word here', 'a wonderfully here'))).toBe(false);
  });

  test('the stale panel offers exactly the typo-only units', () => {
    const translation = doc.create(null, [
      p('First.', { id: 'ta', source: 'sa', sourceHash: textHash('Первй абзац.'), sourceText: 'Первй абзац.' }),
      p('Second.', { id: 'tb', source: 'sb', sourceHash: textHash('Совсем другой текст.'), sourceText: 'Совсем другой текст.' }),
    ]);
    expect(typoOnlyUnits(translationStatus(SOURCE.toJSON(), translation.toJSON()))).toEqual(['sa']);
  });
});

describe('the translation address', () => {
  test('parses and builds /sections/<id>/translations/<lang>', () => {
    expect(parseRoute({ pathname: '/sections/national-kz/translations/en', search: '' })).toEqual({ name: 'translation', id: 'national-kz', lang: 'en' });
    expect(parseRoute({ pathname: '/sections/national-kz/translations/EN', search: '' })).toEqual({ name: 'not-found' });
    expect(parseRoute({ pathname: '/sections/national-kz', search: '' })).toEqual({ name: 'section', id: 'national-kz' });
    expect(translationPath('national-kz', 'kk')).toBe('/sections/national-kz/translations/kk');
  });
});
