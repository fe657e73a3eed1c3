/** The translation calls (#19): every target language's progress, and confirming blocks. */
import type { WorkspaceSettings } from '../../../shared/api/settings';
import type { ConfirmTranslations, TranslationProgress } from '../../../shared/api/translations';
import { request } from '../api';

const base = (sectionId: string) => `/sections/${encodeURIComponent(sectionId)}/translations`;

export const translationRequests = {
  /** The workspace's settings: the source language and the targets (anyone signed in may read them). */
  settings: () => request<WorkspaceSettings>('GET', '/settings'),
  progress: (sectionId: string) => request<TranslationProgress[]>('GET', base(sectionId)),
  /** Each block with the hash of the source the person saw: a source changed since is refused (409). */
  confirm: (sectionId: string, lang: string, blocks: { id: string; hash: string }[]) =>
    request<TranslationProgress>('POST', `${base(sectionId)}/${encodeURIComponent(lang)}/confirm`, { blocks } satisfies ConfirmTranslations),
};
