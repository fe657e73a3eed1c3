/**
 * English messages of the notifications list (the bell): replies, withdrawals, suggestions, grouping by
 * section, counts; and the dashboard's count of open suggestions.
 */
export const notificationsEn = {
  'notifications.reply': '{name} replied in a discussion you are in',
  'notifications.withdrawn': '{name} withdrew a section from review',
  'notifications.approvalStale': '{name} changed an approved section: it needs re-approval',
  'notifications.approvalStaleAnonymous': 'An approved section was changed: it needs re-approval',
  'notifications.suggested': '{name} suggested changes',
  'notifications.suggestionAccepted': '{name} accepted your suggestion',
  'notifications.suggestionRejected': '{name} rejected your suggestion',
  'notifications.unread.one': '{count} unread notification',
  'notifications.unread.few': '{count} unread notifications',
  'notifications.unread.many': '{count} unread notifications',
  'notifications.unread.other': '{count} unread notifications',
  'notifications.allRead': 'Nothing unread',
  'notifications.sectionUnread.one': '{count} unread',
  'notifications.sectionUnread.few': '{count} unread',
  'notifications.sectionUnread.many': '{count} unread',
  'notifications.sectionUnread.other': '{count} unread',
  'notifications.noSection': 'Workspace',
  'notifications.empty': 'Nothing new. Replies, mentions, suggestions, submissions, decisions and changes to approved sections appear here.',
  // The dashboard's count of open suggestions, beside open comments (kept with the suggestion notices).
  'dashboard.openSuggestions.one': '{count} open suggestion',
  'dashboard.openSuggestions.few': '{count} open suggestions',
  'dashboard.openSuggestions.many': '{count} open suggestions',
  'dashboard.openSuggestions.other': '{count} open suggestions',
} as const;
