/** Russian messages of the connection status (keys of `connection.en.ts`). */
import type { connectionEn } from './connection.en';

export const connectionRu: Record<keyof typeof connectionEn, string> = {
  'connection.withDetails': '{state} — {details}',
  'connection.detailsSeparator': ', ',
  'connection.state.reconnecting': 'Переподключение',
  'connection.saved': 'Сохранено в {time}',
  'connection.lastSaved': 'последнее сохранение в {time}',
  'connection.keptHere': 'сохранены на этом устройстве',
  'connection.sending.one': 'Отправляется {count} изменение',
  'connection.sending.few': 'Отправляются {count} изменения',
  'connection.sending.many': 'Отправляются {count} изменений',
  'connection.sending.other': 'Отправляются {count} изменения',
  'connection.unsaved.one': '{count} изменение ещё не на сервере',
  'connection.unsaved.few': '{count} изменения ещё не на сервере',
  'connection.unsaved.many': '{count} изменений ещё не на сервере',
  'connection.unsaved.other': '{count} изменения ещё не на сервере',
};
