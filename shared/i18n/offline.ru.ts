/** Russian messages (keys of `offline.en.ts`). */
import type { offlineEn } from './offline.en';

export const offlineRu: Record<keyof typeof offlineEn, string> = {
  'offline.refused.title': 'Ваши правки не удалось сохранить',
  'offline.refused.body': 'Вы больше не можете редактировать этот раздел: {reason} {changes}: они хранятся только на этом устройстве. Скачайте их, чтобы сохранить, затем удалите, чтобы увидеть раздел таким, какой он на сервере.',
  'offline.lost.title': 'Этот раздел больше нельзя открыть',
  'offline.lost.body': 'Раздел удалён, или у вас больше нет права его читать. {changes}: они хранятся только на этом устройстве. Скачайте их, чтобы сохранить.',
  'offline.deactivated.title': 'Ваша учётная запись отключена',
  'offline.deactivated.body': '{changes}: они хранятся только на этом устройстве. Скачайте их, прежде чем покинуть страницу.',
  'offline.download': 'Скачать свою версию',
  'offline.discard': 'Удалить их',
  'offline.discardConfirm': 'Удалить правки, сохранённые на этом устройстве? Восстановить их будет нельзя.',
  'offline.continue': 'Перейти ко входу',
  'offline.download.fileName': '{title} — моя версия {date}',
  'offline.download.note': 'Сохранено с этого устройства {time}. Эти правки не попали в рабочее пространство.',
};
