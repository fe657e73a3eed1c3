/**
 * How search reads text and queries: folding (case, diacritics, Uzbek apostrophes), sentences,
 * the snippet of a hit, and user input that can only ever be quoted FTS5 terms.
 */
import Database from 'better-sqlite3';
import { DomainError } from '../../server/domain/errors';
import { blocksOf } from '../../server/domain/search';
import { MAX_QUERY_LENGTH, MAX_TERMS, parseSearchQuery } from '../../server/domain/search-query';
import { MAX_SNIPPET_LENGTH, bestSentence, foldForSearch, searchLinesOf, searchTermsOf, sentencesOf } from '../../shared/search-text';

describe('folding', () => {
  test.each([
    ['ҚАЗАҚСТАН', 'қазақстан'],
    ['Әділдік ҒЫЛЫМ Ңөұүһі', 'әділдік ғылым ңөұүһі'],
    ['Türkmenistan ŽURNAL ňöşçäý', 'turkmenistan zurnal noscay'],
    ['Ёлка', 'елка'],
    ['Ӣ ӯ Ўзбекистон', 'и у узбекистон'],
    ['Oʻzbekiston', 'oʻzbekiston'],
    ["O'zbekiston g‘oya o’quv Oʼzbek", 'oʻzbekiston gʻoya oʻquv oʻzbek'],
  ])('%s reads as %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  test('й stays a letter of its own: мой is not мои', () => {
    expect(foldForSearch('Мой')).toBe('мой');
    expect(foldForSearch('Мой')).not.toBe(foldForSearch('мои'));
  });

  test('Tajik ҳ ҷ and Kazakh і keep their letters, in either case', () => {
    expect(foldForSearch('ҲУҚУҚИ ТОҶИКИСТОН ІРГЕЛІ')).toBe('ҳуқуқи тоҷикистон іргелі');
  });

  test('a text typed in decomposed form folds like the composed one', () => {
    expect(foldForSearch('Türkmen'.normalize('NFD'))).toBe(foldForSearch('Türkmen'));
  });

  test('a quote before or after a word is not part of it', () => {
    expect(searchTermsOf("'quoted' «слово»")).toEqual(['quoted', 'слово']);
  });
});

describe('sentences', () => {
  test('a block splits at sentence ends and at line breaks', () => {
    const text = 'Первое предложение. Второе! Третье?\nЧетвёртое';
    expect(sentencesOf(text).map((range) => text.slice(range.start, range.end))).toEqual([
      'Первое предложение.',
      'Второе!',
      'Третье?',
      'Четвёртое',
    ]);
  });

  test('abbreviations and numbers do not end a sentence', () => {
    const text = 'Согласно ст. 12 и п. 1.5 закона, e.g. the rule. Next one.';
    expect(sentencesOf(text).map((range) => text.slice(range.start, range.end))).toEqual([
      'Согласно ст. 12 и п. 1.5 закона, e.g. the rule.',
      'Next one.',
    ]);
  });

  test('closing quotes stay with their sentence', () => {
    const text = 'Закон «О миграции.» Вторая фраза.';
    expect(sentencesOf(text).map((range) => text.slice(range.start, range.end))).toEqual(['Закон «О миграции.»', 'Вторая фраза.']);
  });
});

describe('the snippet of a hit', () => {
  const block = 'Курс открывается понятиями. Реинтеграция мигрантов — главная тема модуля. Оценка в конце.';

  test('is the sentence that holds the words, with the words marked', () => {
    const snippet = bestSentence(block, searchTermsOf('реинтегр'));
    expect(snippet.text).toBe('Реинтеграция мигрантов — главная тема модуля.');
    expect(snippet.highlights.map((range) => snippet.text.slice(range.start, range.end))).toEqual(['Реинтеграция']);
  });

  test('prefers the sentence with more of the words', () => {
    const text = 'Модуль о мигрантах. Реинтеграция мигрантов в модуле.';
    expect(bestSentence(text, searchTermsOf('модул реинтеграция')).text).toBe('Реинтеграция мигрантов в модуле.');
  });

  test('marks words whatever their case, diacritics or apostrophe', () => {
    const text = "Türkmenistanda migrasiýa. O'zbekiston qonuni.";
    const turkmen = bestSentence(text, searchTermsOf('TURKMENISTAN'));
    expect(turkmen.highlights.map((range) => turkmen.text.slice(range.start, range.end))).toEqual(['Türkmenistanda']);
    const uzbek = bestSentence(text, searchTermsOf('oʻzbekiston'));
    expect(uzbek.text).toBe("O'zbekiston qonuni.");
    expect(uzbek.highlights).toEqual([{ start: 0, end: 11 }]);
  });

  test('a very long sentence is cut around its first hit, between words', () => {
    const long = `${'слово '.repeat(80)}возвращение ${'ещё '.repeat(80)}конец.`;
    const snippet = bestSentence(long, searchTermsOf('возвращение'));
    expect(snippet.text.length).toBeLessThanOrEqual(MAX_SNIPPET_LENGTH + 30);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    const [hit] = snippet.highlights;
    expect(snippet.text.slice(hit.start, hit.end)).toBe('возвращение');
    // Whole words at both ends.
    expect(snippet.text).toMatch(/^…слово /);
    expect(snippet.text).toMatch(/ ещё…$/);
  });

  test('no match shows the first sentence', () => {
    expect(bestSentence(block, ['отсутствует']).text).toBe('Курс открывается понятиями.');
  });
});

describe('blocks of a section', () => {
  test('each top-level block is one entry; list items and hard breaks are lines of their own', () => {
    const blocks = blocksOf({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Заголовок' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Строка' }, { type: 'hard_break' }, { type: 'text', text: 'вторая' }] },
        {
          type: 'bullet_list',
          content: [
            { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'один' }] }] },
            { type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'два' }] }] },
          ],
        },
      ],
    });
    expect(blocks).toEqual([
      { index: 0, text: 'Заголовок' },
      { index: 2, text: 'Строка\nвторая' },
      { index: 3, text: 'один\nдва' },
    ]);
  });
});

describe('footnotes and cross-references in the text searched (#18)', () => {
  const section = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Закон о миграции применяется к гражданам' },
          { type: 'footnote', content: [{ type: 'text', text: 'Закон РК от 22 июля 2011 года № 477-IV. ' }, { type: 'text', text: 'Ст. 12 утратила силу.', marks: [{ type: 'italic' }] }] },
          { type: 'text', text: ', см. ' },
          { type: 'cross_reference', attrs: { section: 'regional-3', target: 'section', label: '1.3 Возвратная миграция' } },
          { type: 'text', text: '. Далее текст.' },
          { type: 'footnote' },
        ],
      },
    ],
  };

  test('a footnote is a line of its own after the line it stands in; a reference reads as its label', () => {
    expect(searchLinesOf(section.content[0])).toEqual([
      'Закон о миграции применяется к гражданам, см. 1.3 Возвратная миграция. Далее текст.',
      'Закон РК от 22 июля 2011 года № 477-IV. Ст. 12 утратила силу.',
    ]);
    expect(blocksOf(section)).toEqual([{ index: 0, text: searchLinesOf(section.content[0]).join('\n') }]);
  });

  test('a hit in a footnote shows the note’s own sentence, not the body around its number', () => {
    const [block] = blocksOf(section);
    const snippet = bestSentence(block.text, searchTermsOf('утратила'));
    expect(snippet.text).toBe('Ст. 12 утратила силу.');
    expect(snippet.text.slice(snippet.highlights[0].start, snippet.highlights[0].end)).toBe('утратила');
    // The body's sentence reads on over the note's number, as the reader sees it.
    expect(bestSentence(block.text, searchTermsOf('гражданам')).text).toBe('Закон о миграции применяется к гражданам, см. 1.3 Возвратная миграция.');
  });

  test('footnotes in list items and table cells are found too', () => {
    const note = { type: 'footnote', content: [{ type: 'text', text: 'Reintegratsiya dasturi' }] };
    const list = { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'bir' }, note] }] }] };
    expect(searchLinesOf(list)).toEqual(['bir', 'Reintegratsiya dasturi']);
  });
});

describe('queries', () => {
  test('words become quoted prefix terms, all required', () => {
    expect(parseSearchQuery('  Возвратная миграция ')).toEqual({
      terms: ['возвратная', 'миграция'],
      match: '"возвратная"* AND "миграция"*',
    });
  });

  test('words typed together are a phrase; quoted words an exact phrase', () => {
    expect(parseSearchQuery('көші-қон "Migrasiýa hukugy"').match).toBe('"көші қон"* AND "migrasiya hukugy"');
  });

  test.each([
    '"', '""', '*', '***', '(', '())', 'a"b', 'NEAR(a b)', 'a AND', 'OR', 'NOT x', '-x', 'col:x', '^x', 'x + y', '{a b}', "'", '\\', '%', '\u0000',
    'word*', '"unbalanced', 'a) OR (b', 'NEAR/2', ':', '\u0301',
  ])('%j never reaches FTS5 as syntax', (input) => {
    const query = parseSearchQuery(input);
    if (query.match === null) return;
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t (body) VALUES (?)').run('near or not and word a b x y col');
    expect(() => db.prepare('SELECT * FROM t WHERE t MATCH ?').all(query.match)).not.toThrow();
    db.close();
  });

  test('FTS5 keywords are searched for as words', () => {
    expect(parseSearchQuery('NEAR OR').match).toBe('"near"* AND "or"*');
  });

  test('a query without words has nothing to match', () => {
    expect(parseSearchQuery('*** ()')).toEqual({ terms: [], match: null });
  });

  test('an empty or too long query is refused with a 400', () => {
    for (const input of ['', '   ', 'а'.repeat(MAX_QUERY_LENGTH + 1)]) {
      let error: unknown;
      try {
        parseSearchQuery(input);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(400);
    }
  });

  test(`at most ${MAX_TERMS} words are searched for`, () => {
    expect(parseSearchQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(MAX_TERMS);
  });
});
