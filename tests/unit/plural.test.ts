/** Counted messages pick the plural form of their language: Russian has three for whole numbers. */
import { en } from '../../shared/i18n/en';
import { ru } from '../../shared/i18n/ru';
import { pluralForm, translatePlural } from '../../shared/i18n/plural';

test('Russian: 1 and 21 take "one", 2 and 22 "few", 5, 11, 12, 14 and 25 "many"', () => {
  const forms = [1, 2, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((count) => [count, pluralForm('ru', count)]);
  expect(forms).toEqual([
    [1, 'one'],
    [2, 'few'],
    [5, 'many'],
    [11, 'many'],
    [12, 'many'],
    [14, 'many'],
    [21, 'one'],
    [22, 'few'],
    [25, 'many'],
    [101, 'one'],
    [111, 'many'],
  ]);
});

test('the Russian dashboard counts sections as 1 раздел, 2 раздела, 5 разделов', () => {
  const waiting = (count: number) => translatePlural('ru', 'dashboard.waitingCount', count);
  expect([1, 2, 5, 11, 21, 22, 25].map(waiting)).toEqual([
    '1 раздел ждёт вас',
    '2 раздела ждут вас',
    '5 разделов ждут вас',
    '11 разделов ждут вас',
    '21 раздел ждёт вас',
    '22 раздела ждут вас',
    '25 разделов ждут вас',
  ]);
  expect(translatePlural('ru', 'dashboard.openComments', 3)).toBe('3 открытых комментария');
  expect(translatePlural('ru', 'audit.shown', 50)).toBe('Показано 50 записей');
  expect(translatePlural('ru', 'dashboard.showing', 10, { shown: 3 })).toBe('Показано 3 из 10 разделов');
  expect(translatePlural('ru', 'dashboard.showing', 1, { shown: 1 })).toBe('Показано 1 из 1 раздела');
});

test('English: one for 1, other for the rest (0, 2, 11, 21)', () => {
  expect([0, 1, 2, 11, 21].map((count) => pluralForm('en', count))).toEqual(['other', 'one', 'other', 'other', 'other']);
  expect(translatePlural('en', 'dashboard.waitingCount', 1)).toBe('1 section waits for you');
  expect(translatePlural('en', 'dashboard.waitingCount', 2)).toBe('2 sections wait for you');
  expect(translatePlural('en', 'audit.shown', 1)).toBe('1 entry shown');
});

test('large counts are written as the language writes numbers', () => {
  expect(translatePlural('ru', 'audit.shown', 1500)).toBe(`Показано ${(1500).toLocaleString('ru')} записей`);
});

test('every counted message has all four forms in both catalogues', () => {
  const bases = new Set(Object.keys(en).filter((key) => key.endsWith('.one')).map((key) => key.slice(0, -'.one'.length)));
  for (const base of bases) {
    for (const form of ['one', 'few', 'many', 'other']) {
      expect([base, form, `${base}.${form}` in en]).toEqual([base, form, true]);
      expect([base, form, `${base}.${form}` in ru]).toEqual([base, form, true]);
    }
  }
});
