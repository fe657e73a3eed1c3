import type { sessionAndEditorEn } from './session-and-editor.en';

/**
 * Russian messages of the editor's empty state and of a session that ends or is refused: a
 * deactivated account, at sign-in and while signed in.
 */
export const sessionAndEditorRu: Record<keyof typeof sessionAndEditorEn, string> = {
  'editor.placeholder': 'Начните писать этот раздел здесь.',
  'editor.placeholderReadOnly': 'В этом разделе пока ничего не написано.',
  'signIn.deactivated': 'Эта учётная запись отключена. Если она вам ещё нужна, обратитесь к координатору МОМ или TSPC.',
  'signIn.sessionEnded': 'Ваш сеанс завершён. Войдите снова.',
  'signIn.wasDeactivated': 'Координатор отключил вашу учётную запись, поэтому вы вышли из системы. Если она вам ещё нужна, обратитесь к координатору МОМ или TSPC.',
};
