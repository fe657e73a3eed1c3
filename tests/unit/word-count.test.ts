/** Word counts on the dashboard, in every script the working groups write. */
import { countWords, settledOf } from '../../server/domain/section-content';

test.each([
  ['English', 'Return migration and reintegration of migrants.', 6],
  ['Russian', 'Возвратная миграция — это процесс возвращения.', 5],
  ['Kazakh', 'Қазақстан Республикасының көші-қон заңнамасы', 4],
  ['Kyrgyz', 'Кыргыз Республикасынын миграциялык саясаты', 4],
  ['Tajik', 'Қонунгузории Ҷумҳурии Тоҷикистон оид ба муҳоҷират', 6],
  ['Turkmen', 'Türkmenistanyň migrasiýa kanunçylygy', 3],
  ['Uzbek Latin', 'O‘zbekiston Respublikasining 2024-yil qonuni', 4],
  ['Uzbek Cyrillic', 'Ўзбекистон Республикасининг қонуни', 3],
])('%s', (_script, text, words) => {
  expect(countWords(text)).toBe(words);
});

test('punctuation, dashes and spaces alone are not words; numbers are', () => {
  expect(countWords(' — … ; ( ) «» ')).toBe(0);
  expect(countWords('Article 12, paragraph 3.5')).toBe(4);
  expect(countWords('1,000 returnees in 2023, 12,500 in 2024')).toBe(7);
  expect(countWords('')).toBe(0);
});

test('repeated calls do not carry state between texts', () => {
  expect(countWords('one two three')).toBe(3);
  expect(countWords('four')).toBe(1);
});

describe('the words of a section (settled text)', () => {
  const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
  const words = (text: string, marks?: unknown[]) => ({ type: 'text', text, ...(marks ? { marks } : {}) });
  const countIn = (...blocks: unknown[]) => settledOf({ type: 'doc', content: blocks }).words;

  test('a word half in bold is one word; paragraphs, headings and line breaks part words', () => {
    expect(countIn(paragraph(words('Re', [{ type: 'bold' }]), words('integration'), { type: 'hard_break' }, words('support')))).toBe(2);
    expect(countIn({ type: 'heading', attrs: { level: 1 }, content: [words('Return')] }, paragraph(words('migration')))).toBe(2);
  });

  test('a footnote’s words count, apart from the word its number follows (#18)', () => {
    const note = { type: 'footnote', content: [words('Закон № 477-IV, '), words('ст. 12', [{ type: 'italic' }])] };
    // The body's "Закон о миграции действует" and the note's "Закон 477-IV ст 12" (№ is no word).
    expect(countIn(paragraph(words('Закон о миграции'), note, words(' действует.')))).toBe(4 + 4);
    expect(countIn(paragraph(words('Empty note'), { type: 'footnote' }, words('here')))).toBe(3);
  });

  test('a cross-reference counts as the label it shows', () => {
    const reference = { type: 'cross_reference', attrs: { section: 'regional-3', target: 'section', label: '1.3 Return migration' } };
    expect(countIn(paragraph(words('see'), reference))).toBe(4);
    expect(countIn(paragraph(words('see '), { ...reference, attrs: { ...reference.attrs, label: '' } }))).toBe(1);
  });

  test('words suggested inside a footnote are not counted until accepted', () => {
    const suggested = [{ type: 'insertion', attrs: { id: 's1', author: 3, at: 1 } }];
    expect(countIn(paragraph(words('Law'), { type: 'footnote', content: [words('Art. 5'), words(' and 6', suggested)] }))).toBe(3);
  });
});
