/**
 * Exports (`/api/exports`): the whole master or one section, current drafts or approved texts, as
 * a job the owner follows (polled, and live as 'export:progress') and then downloads
 * (`GET /api/exports/:id/file`, the file itself).
 */
import type { Locale } from '../i18n';
import type { LanguageCode } from '../languages';

export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md';

/** `POST /api/exports`: answered 202 with the `ExportJob`. */
export interface ExportRequest {
  /** 'master' or a section id. */
  scope: string;
  /** The current drafts, or the last approved texts. */
  state: 'current' | 'approved';
  format: ExportFormat;
  includeComments?: boolean;
  includeApprovalRecord?: boolean;
  /**
   * With approved texts: false leaves every section that has no approved text out of the file (its
   * title page lists it as not included); true, the default, shows its draft marked as a draft.
   */
  includeUnapproved?: boolean;
  /**
   * Open suggestions: 'omit' leaves them out (the text as an approval judges it), 'mark' shows
   * them marked (HTML <ins>/<del>, Markdown CriticMarkup `{++ ++}`/`{-- --}`, PDF underlined green
   * and struck red, Word tracked changes). By default DOCX marks them and the other formats omit them.
   */
  suggestions?: 'omit' | 'mark';
  /** The language of the document's fixed labels; the person's own language by default. */
  locale?: Locale;
  /**
   * The language version (#19): the workspace's source language or one of its targets (400
   * otherwise). The file's labels and titles follow it; a translation that lags its source is
   * marked on the title page and at each lagging section. Not given: the source text.
   */
  language?: LanguageCode;
  /** Appendices after the sections (#20): the glossary, the learning outcomes matrix. */
  includeGlossary?: boolean;
  includeMatrix?: boolean;
}

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed';

/** What the owner sees of a job (`GET /api/exports/:id`, and 'export:progress'). */
export interface ExportJob {
  id: string;
  status: ExportJobStatus;
  /** 0..1: the share of sections rendered; 1 once the file is ready. */
  progress: number;
  fileName: string;
  /** Why the export failed, in words a person can act on; null otherwise. */
  error: string | null;
  /** When the file stops being downloadable (ISO 8601); null until the job has finished. */
  expiresAt: string | null;
}
