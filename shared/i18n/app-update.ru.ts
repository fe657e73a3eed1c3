/** Russian messages (keys of `app-update.en.ts`). */
import type { appUpdateEn } from './app-update.en';

export const appUpdateRu: Record<keyof typeof appUpdateEn, string> = {
  'appUpdate.available': 'Доступна новая версия рабочего пространства.',
  'appUpdate.reload': 'Перезагрузить и обновить',
  'appUpdate.reloading': 'Обновление…',
  'appUpdate.offlineCopy': 'Нет связи: на странице показано то, что это устройство сохранило в {time}.',
  'appUpdate.banners': 'Сообщения рабочего пространства',
};
