/** English messages of the dashboard, people, audit, invitations, notifications, master document and exports pages. */
export const pagesEn = {
} as const;
