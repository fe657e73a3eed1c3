/** Russian messages (keys of `session-dialog.en.ts`). */
import type { sessionDialogEn } from './session-dialog.en';

export const sessionDialogRu: Record<keyof typeof sessionDialogEn, string> = {
  'sessionDialog.unsent': '{changes}. Если вы не можете войти снова, скачайте их, чтобы сохранить.',
  'sessionDialog.title': 'Войдите снова',
  'sessionDialog.message': 'Сеанс завершён. Войдите снова, чтобы продолжить; ваши изменения на этой странице сохранены.',
  'sessionDialog.submit': 'Войти и продолжить',
  'sessionDialog.leave': 'Перейти на страницу входа',

  'device.sharedComputer': 'Это общий компьютер: не хранить копии на этом устройстве',
  'device.sharedComputerHint': 'Иначе открытые вами разделы хранятся здесь, чтобы можно было работать без сети.',
  'device.account': 'Ваша учётная запись и это устройство',
  'device.copiesDeleted.one': 'Копии больше не хранятся на этом устройстве. Удалена {count} копия раздела.',
  'device.copiesDeleted.few': 'Копии больше не хранятся на этом устройстве. Удалены {count} копии разделов.',
  'device.copiesDeleted.many': 'Копии больше не хранятся на этом устройстве. Удалено {count} копий разделов.',
  'device.copiesDeleted.other': 'Копии больше не хранятся на этом устройстве. Удалено {count} копии разделов.',
  'device.noCopiesKept': 'Копии больше не хранятся на этом устройстве. Здесь их и не было.',
  'device.keepingCopies': 'Открытые вами разделы снова хранятся на этом устройстве, чтобы можно было работать без сети.',
  'device.signOutTitle': 'Выйти и удалить неотправленные изменения?',
  'device.unsent.one': '{count} изменение, сделанное на этом устройстве, ещё не дошло до сервера (разделы: {sections}). При выходе оно будет удалено.',
  'device.unsent.few': '{count} изменения, сделанные на этом устройстве, ещё не дошли до сервера (разделы: {sections}). При выходе они будут удалены.',
  'device.unsent.many': '{count} изменений, сделанных на этом устройстве, ещё не дошли до сервера (разделы: {sections}). При выходе они будут удалены.',
  'device.unsent.other': '{count} изменения, сделанные на этом устройстве, ещё не дошли до сервера (разделы: {sections}). При выходе они будут удалены.',
  'device.staySignedIn': 'Остаться в системе',
  'device.signOutAndDelete': 'Выйти и удалить их',
  'device.signedOutCopiesDeleted': 'Вы вышли. Копии разделов, хранившиеся на этом устройстве, удалены.',
  'device.signedOut': 'Вы вышли. Копий ваших разделов на этом устройстве нет.',
};
