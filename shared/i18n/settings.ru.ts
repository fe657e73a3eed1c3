/** Russian messages (keys of `settings.en.ts`). */
import type { settingsEn } from './settings.en';

export const settingsRu: Record<keyof typeof settingsEn, string> = {
  'nav.settings': 'Настройки',
  'settings.title': 'Настройки пространства',
  'settings.readOnly': 'Эти настройки меняют только координаторы. Здесь они показаны такими, какие действуют для всех.',
  'settings.saving': 'Сохранение…',
  'settings.saved': 'Сохранено.',
  'settings.notSaved': 'Не сохранено: {reason}',

  'settings.languages.heading': 'Языки',
  'settings.languages.intro': 'Рабочие группы пишут на исходном языке; каждый раздел переводится на языки перевода.',
  'settings.languages.source': 'Исходный язык',
  'settings.languages.targets': 'Языки перевода',
  'settings.languages.noTargets': 'Без переводов.',
  'settings.languages.save': 'Сохранить языки',
  'settings.languages.sourceLocked': 'Исходный язык нельзя изменить, когда у разделов уже есть переводы.',

  'settings.template.heading': 'Заголовки каждого национального раздела',
  'settings.template.intro':
    'Каждый национальный раздел (часть 2) должен содержать эти заголовки, чтобы пять стран можно было сравнить. Панель показывает, как им следует каждая страна; пустой раздел можно начать с них.',
  'settings.template.item': 'Заголовок {number}',
  'settings.template.key': 'Ключ',
  'settings.template.keyHint': 'Строчные латинские буквы, цифры и «-». Заголовки разделов остаются связаны с ключом, когда названия меняются.',
  'settings.template.en': 'Название по-английски',
  'settings.template.ru': 'Название по-русски',
  'settings.template.add': 'Добавить заголовок',
  'settings.template.up': 'Переместить заголовок {number} выше',
  'settings.template.down': 'Переместить заголовок {number} ниже',
  'settings.template.remove': 'Удалить заголовок {number}',
  'settings.template.save': 'Сохранить заголовки',
  'settings.template.problem.none': 'Оставьте хотя бы один заголовок.',
  'settings.template.problem.tooMany': 'Не больше {max} заголовков.',
  'settings.template.problem.key': 'Заголовок {number}: ключ — строчные латинские буквы, цифры или «-» (не больше 32).',
  'settings.template.problem.duplicate': 'Заголовок {number}: ключ «{key}» уже занят другим заголовком.',
  'settings.template.problem.title': 'Заголовок {number}: укажите название по-английски и по-русски, не длиннее {max} символов.',

  'dashboard.template.count': 'заголовков шаблона: {present} из {required}',
  'dashboard.template.missing': 'Нет: {headings}',
  'dashboard.template.complete': 'Все заголовки шаблона',
  'dashboard.translation': 'переведено {current}, требуют обновления {stale}, не переведено {missing}',

  'templateChecklist.title': 'Национальный шаблон',
  'templateChecklist.summary': 'заголовков: {present} из {required}, с текстом: {filled}',
  'templateChecklist.filled': 'есть текст',
  'templateChecklist.empty': 'пока без текста',
  'templateChecklist.missing': 'отсутствует',
  'templateChecklist.start': 'Начать с шаблона',
  'templateChecklist.addMissing': 'Добавить недостающие заголовки',
  'templateChecklist.adding': 'Добавление…',
  'templateChecklist.failed': 'Не удалось добавить заголовки. Попробуйте ещё раз.',

  'auditLog.section.template-started': '{actor} добавил(а) заголовки национального шаблона в раздел {target}.',
};
