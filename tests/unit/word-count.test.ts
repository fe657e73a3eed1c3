/** Word counts on the dashboard, in every script the working groups write. */
import { countWords } from '../../server/domain/section-content';

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
