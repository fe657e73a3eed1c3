/** A person's notifications, and what is left unread. */
import type { Notification, NotificationList, UnreadCount } from '../../../shared/api/notifications';

export function presentNotification(notification: Notification): Notification {
  return {
    id: notification.id,
    kind: notification.kind,
    sectionId: notification.sectionId,
    threadId: notification.threadId,
    actorId: notification.actorId,
    actorName: notification.actorName,
    sectionTitle: notification.sectionTitle,
    excerpt: notification.excerpt,
    createdAt: notification.createdAt,
    read: notification.read,
  };
}

export function presentNotificationList(list: NotificationList): NotificationList {
  return { items: list.items.map(presentNotification), unread: list.unread };
}

export function presentUnreadCount(unread: number): UnreadCount {
  return { unread };
}
