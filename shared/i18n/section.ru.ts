import type { sectionEn } from './section.en';

/** Russian messages of the section page: comments, review panel, versions. */
export const sectionRu: Record<keyof typeof sectionEn, string> = {
};
