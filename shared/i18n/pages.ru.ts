import type { pagesEn } from './pages.en';

/** Russian messages of the dashboard, people, audit, invitations, notifications, master document and exports pages. */
export const pagesRu: Record<keyof typeof pagesEn, string> = {
};
