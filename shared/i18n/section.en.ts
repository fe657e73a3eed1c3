/** English messages of the section page: comments, review panel, versions. */
export const sectionEn = {
} as const;
