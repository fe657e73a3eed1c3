import type { MessageKey } from './en';
import { notificationsRu } from './notifications.ru';
import { pagesRu } from './pages.ru';
import { sectionRu } from './section.ru';
import { structureRu } from './structure.ru';
import { searchRu } from './search.ru';
import { sessionAndEditorRu } from './session-and-editor.ru';
import { diffRu } from './diff.ru';
import { connectionRu } from './connection.ru';
import { offlineRu } from './offline.ru';
import { appUpdateRu } from './app-update.ru';
import { sessionDialogRu } from './session-dialog.ru';
import { suggestionsRu } from './suggestions.ru';
import { footnotesRu } from './footnotes.ru';
import { referencesRu } from './references.ru';
import { importRu } from './import.ru';
import { translationsRu } from './translations.ru';
import { settingsRu } from './settings.ru';
import { glossaryRu } from './glossary.ru';
import { glossaryEditorRu } from './glossary-editor.ru';
import { curriculumRu } from './curriculum.ru';
import { curriculumPagesRu } from './curriculum-pages.ru';
import { exportsLanguagesRu } from './exports-languages.ru';

/** Russian messages: the working lingua franca of the five working groups. */
export const ru: Record<MessageKey, string> = {
  ...searchRu,
  ...sessionAndEditorRu,
  ...diffRu,
  ...connectionRu,
  ...offlineRu,
  ...appUpdateRu,
  ...sessionDialogRu,
  ...suggestionsRu,
  ...footnotesRu,
  ...referencesRu,
  ...importRu,
  ...translationsRu, ...settingsRu,
  ...glossaryRu,
  ...glossaryEditorRu,
  ...curriculumRu,
  ...curriculumPagesRu,
  ...exportsLanguagesRu,
  ...sectionRu,
  ...pagesRu,
  ...notificationsRu,
  ...structureRu,
  'app.title': 'Рабочее пространство учебной программы',
  'app.course': 'Международное миграционное право и возвратная миграция',
  'app.skipToContent': 'Перейти к содержимому',
  'app.loading': 'Загрузка…',
  'app.error.generic': 'Что-то пошло не так. Попробуйте ещё раз.',
  'app.error.network': 'Сервер недоступен. Проверьте подключение.',
  'app.notFound': 'Такой страницы нет.',
  'app.backToWorkspace': 'Вернуться в рабочее пространство',
  'app.retry': 'Повторить попытку',

  'lang.label': 'Язык',
  'lang.en': 'English',
  'lang.ru': 'Русский',

  'nav.workspace': 'Рабочее пространство',
  'nav.people': 'Участники',
  'nav.audit': 'Журнал аудита',
  'nav.signOut': 'Выйти',
  'nav.main': 'Основная навигация',
  'nav.breadcrumb': 'Навигационная цепочка',

  'signIn.title': 'Вход',
  'signIn.intro': 'Здесь входят рабочие группы, рецензенты и координаторы региональной программы.',
  'signIn.email': 'Электронная почта',
  'signIn.password': 'Пароль',
  'signIn.submit': 'Войти',
  'signIn.submitting': 'Выполняется вход…',
  'signIn.failed': 'Неверная электронная почта или пароль.',
  'signIn.missing': 'Введите электронную почту и пароль.',
  'signIn.throttled': 'Слишком много попыток. Повторите через {seconds} с.',

  'role.member': 'Член рабочей группы',
  'role.lead': 'Руководитель рабочей группы',
  'role.reviewer': 'Рецензент',
  'role.coordinator': 'Координатор',

  'group.KZ': 'Казахстан',
  'group.KG': 'Кыргызстан',
  'group.TJ': 'Таджикистан',
  'group.TM': 'Туркменистан',
  'group.UZ': 'Узбекистан',
  'group.IOM': 'МОМ',
  'group.TSPC': 'ЦПТШ',

  'workspace.title': 'Региональная учебная программа',
  'workspace.part1': 'Часть 1 — Единая теоретическая основа',
  'workspace.part2': 'Часть 2 — Национальные правовые нормы',
  'workspace.regional': 'Все рабочие группы',
  'workspace.youCanEdit': 'Вы можете редактировать',
  'workspace.readOnly': 'Только чтение',
  'workspace.signedInAs': 'Вы вошли как {name} ({role}, {group})',

  'status.draft': 'Черновик',
  'status.in_review': 'На рецензии',
  'status.changes_requested': 'Требуются изменения',
  'status.approved': 'Утверждено',

  'section.owner': 'Составляет: {group}',
  'section.module': 'Модуль {position}',
  'section.notFound': 'Такого раздела нет.',
  'section.readOnlyNotice': 'Вы можете читать этот раздел, но не редактировать: {reason}',
  'section.readOnly.reviewer': 'рецензенты комментируют и принимают решения, но не меняют текст.',
  'section.readOnly.otherGroup': 'этот раздел редактируют только рабочая группа ({group}) и координаторы.',
  'section.readOnly.generic': 'у вас нет прав на редактирование.',
  'section.editor': 'Текст раздела',

  'presence.title': 'Сейчас в разделе',
  'presence.you': '{name} (вы)',
  'presence.alone': 'Здесь только вы.',

  'connection.connected': 'Подключено — изменения сохраняются',
  'connection.connectedReadOnly': 'Подключено — изменения видны сразу',
  'connection.connecting': 'Подключение…',
  'connection.reconnecting': 'Переподключение…',
  'connection.offline': 'Нет связи',
  'connection.offlineUnsynced': 'Нет связи — ваши изменения сохранены и будут отправлены после восстановления связи',
  'connection.syncing': 'Отправка изменений…',
  'connection.closed': 'Соединение закрыто: {reason}',
  'connection.reason.unauthenticated': 'сеанс завершён. Войдите снова.',
  'connection.reason.forbidden': 'у вас больше нет доступа к этому разделу.',
  'connection.reason.malformed': 'сервер не смог прочитать сообщение от этого браузера.',
  'connection.reason.refused': 'сервер отклонил изменение из этого браузера. Ваш текст сохранён здесь; скопируйте нужное и перезагрузите страницу.',
  'connection.reason.tooLarge': 'последнее изменение слишком велико, чтобы отправить его целиком. Оно ещё на этой странице: скопируйте нужный текст, перезагрузите страницу и вставьте его по частям.',
  'connection.reason.other': 'сервер закрыл соединение.',

  'toolbar.label': 'Форматирование',
  'toolbar.paragraph': 'Абзац',
  'toolbar.heading1': 'Заголовок 1',
  'toolbar.heading2': 'Заголовок 2',
  'toolbar.heading3': 'Заголовок 3',
  'toolbar.bold': 'Полужирный',
  'toolbar.italic': 'Курсив',
  'toolbar.underline': 'Подчёркнутый',
  'toolbar.strike': 'Зачёркнутый',
  'toolbar.subscript': 'Нижний индекс',
  'toolbar.superscript': 'Верхний индекс',
  'toolbar.link': 'Ссылка',
  'toolbar.linkPrompt': 'Адрес ссылки (http, https или mailto)',
  'toolbar.linkInvalid': 'Разрешены только ссылки http, https и mailto.',
  'toolbar.linkApply': 'Применить',
  'toolbar.linkRemove': 'Удалить ссылку',
  'toolbar.linkCancel': 'Отмена',
  'toolbar.bulletList': 'Маркированный список',
  'toolbar.orderedList': 'Нумерованный список',
  'toolbar.blockquote': 'Цитата',
  'toolbar.table': 'Вставить таблицу',
  'toolbar.addRow': 'Добавить строку',
  'toolbar.addColumn': 'Добавить столбец',
  'toolbar.deleteRow': 'Удалить строку',
  'toolbar.deleteColumn': 'Удалить столбец',
  'toolbar.deleteTable': 'Удалить таблицу',
  'toolbar.undo': 'Отменить',
  'toolbar.redo': 'Повторить',
  'toolbar.hardBreak': 'Разрыв строки',
};
