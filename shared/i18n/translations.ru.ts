/** Russian messages (keys of `translations.en.ts`). */
import type { translationsEn } from './translations.en';

export const translationsRu: Record<keyof typeof translationsEn, string> = {
  'languages.title': 'Языки',
  'languages.source': 'Исходный язык',
  'languages.sourceHint': 'Язык, на котором пишут рабочие группы.',
  'languages.targets': 'Переводы',
  'languages.targetsHint': 'У каждого раздела будет версия на каждом из этих языков, согласованная с исходным текстом.',
  'languages.none': 'Переводов нет',
  'languages.list': 'Исходный: {source}. Переводы: {targets}',
  'languages.save': 'Сохранить языки',
  'languages.saved': 'Языки сохранены.',
  'languages.error.translationsExist': 'Исходный язык нельзя изменить, когда у разделов уже есть переводы.',
  'languages.error.targetIsSource': 'Исходный язык не может быть одновременно языком перевода.',
  'languages.error.duplicate': 'Каждый язык можно выбрать только один раз.',
  'languages.error.unknown': 'Этот язык недоступен.',
  'connection.reason.languageRemoved': 'эта языковая версия удалена из рабочего пространства. Её текст сохранён и вернётся, если язык добавят снова.',
  'connection.reason.noSuchLanguage': 'у этого раздела нет версии на этом языке.',
};
