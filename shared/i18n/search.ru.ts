import type { searchEn } from './search.en';

/** Russian messages of the search box in the header and its results. */
export const searchRu: Record<keyof typeof searchEn, string> = {
  'search.landmark': 'Поиск по программе',
  'search.label': 'Поиск по разделам и комментариям',
  'search.placeholder': 'Поиск',
  'search.submit': 'Найти',
  'search.clear': 'Очистить поиск',
  'search.searching': 'Идёт поиск…',
  'search.count.one': '{count} результат',
  'search.count.few': '{count} результата',
  'search.count.many': '{count} результатов',
  'search.count.other': '{count} результата',
  'search.best': 'Показаны {count} лучших результатов; добавьте слова, чтобы сузить поиск.',
  'search.none': 'По запросу «{query}» ничего не найдено.',
  'search.hint': 'Любой язык программы; регистр и диакритические знаки не важны.',
  'search.kind.text': 'Текст',
  'search.kind.comment': 'Комментарий',
  'search.translation': 'Перевод на {language}',
  'search.in': 'в разделе «{section}»',
  'search.failed': 'Поиск не удался. Попробуйте ещё раз.',
  'search.tooLong': 'Запрос может содержать не более {max} символов.',
  'search.keys': 'Стрелки переходят между результатами; Escape закрывает их.',
};
