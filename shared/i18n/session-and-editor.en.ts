/**
 * English messages of the editor's empty state and of a session that ends or is refused: a
 * deactivated account, at sign-in and while signed in.
 */
export const sessionAndEditorEn = {
  'editor.placeholder': 'Start writing this section here.',
  'editor.placeholderReadOnly': 'Nothing has been written in this section yet.',
  'signIn.deactivated': 'This account has been deactivated. If you still need it, ask a coordinator at IOM or TSPC.',
  'signIn.sessionEnded': 'Your session has ended. Please sign in again.',
  'signIn.wasDeactivated': 'A coordinator has deactivated your account, so you were signed out. If you still need it, ask a coordinator at IOM or TSPC.',
} as const;
