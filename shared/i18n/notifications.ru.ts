import type { notificationsEn } from './notifications.en';

/**
 * Russian messages of the notifications list (the bell): replies, withdrawals, suggestions, grouping by
 * section, counts; and the dashboard's count of open suggestions.
 */
export const notificationsRu: Record<keyof typeof notificationsEn, string> = {
  'notifications.reply': '{name} ответил(а) в обсуждении, в котором вы участвуете',
  'notifications.withdrawn': '{name} отозвал(а) раздел с рецензирования',
  'notifications.approvalStale': '{name} изменил(а) утверждённый раздел: нужно утвердить заново',
  'notifications.approvalStaleAnonymous': 'Утверждённый раздел изменён: нужно утвердить заново',
  'notifications.suggested': '{name} предложил(а) правку',
  'notifications.suggestionAccepted': '{name} принял(а) ваше предложение',
  'notifications.suggestionRejected': '{name} отклонил(а) ваше предложение',
  'notifications.unread.one': '{count} непрочитанное уведомление',
  'notifications.unread.few': '{count} непрочитанных уведомления',
  'notifications.unread.many': '{count} непрочитанных уведомлений',
  'notifications.unread.other': '{count} непрочитанного уведомления',
  'notifications.allRead': 'Непрочитанных нет',
  'notifications.sectionUnread.one': '{count} непрочитанное',
  'notifications.sectionUnread.few': '{count} непрочитанных',
  'notifications.sectionUnread.many': '{count} непрочитанных',
  'notifications.sectionUnread.other': '{count} непрочитанного',
  'notifications.noSection': 'Рабочее пространство',
  'notifications.empty': 'Ничего нового. Здесь появятся ответы, упоминания, предложенные правки, отправки на рецензию, решения и изменения утверждённых разделов.',
  // The dashboard's count of open suggestions, beside open comments (kept with the suggestion notices).
  'dashboard.openSuggestions.one': '{count} открытое предложение',
  'dashboard.openSuggestions.few': '{count} открытых предложения',
  'dashboard.openSuggestions.many': '{count} открытых предложений',
  'dashboard.openSuggestions.other': '{count} открытого предложения',
};
