import type { LanguageCode } from '../../shared/languages';
import type { ReferenceTarget } from '../../shared/references';

/**
 * What the exporters take: the regional master document (or one section of it) as plain data,
 * read once from the server's source. Exporters never see the database, Yjs or the screen's HTML;
 * they see ProseMirror JSON in the shared schema, so every format is built from the same text.
 */

/** Which text of each section is exported: the current draft, or the last approved text. */
export type TextState = 'current' | 'approved';

export const EXPORT_FORMATS = ['docx', 'pdf', 'html', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportLocale = 'en' | 'ru';

export interface ExportApproval {
  /** 'IOM' or 'TSPC' (typed as string so the server's own record types fit without a cast). */
  organisation: string;
  reviewer: string;
  /** ISO 8601. */
  decidedAt: string;
  /** Hash of the approved text; exports show a prefix so a reader can match it to a version. */
  versionHash: string;
}

export interface ExportReply {
  body: string;
  author: string;
  createdAt: string;
}

export interface ExportComment {
  /** The text the thread was opened on; exporters anchor the comment there when they find it. */
  quote: string;
  body: string;
  author: string;
  createdAt: string;
  replies: ExportReply[];
}

export interface ExportSection {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  group: string | null;
  /** The review status ('draft', 'in_review', 'changes_requested', 'approved'). */
  status: string;
  /** The approval no longer covers the current text (it changed after approval). */
  stale?: boolean;
  /**
   * Which text this is: the current draft, the approved text, or the current draft shown because
   * approved texts were asked for and none exists ('draft-unapproved', marked in every format).
   */
  state: 'current' | 'approved' | 'draft-unapproved';
  /** ProseMirror JSON of a `doc` in the shared schema. */
  content: Record<string, unknown>;
  approvals: ExportApproval[];
  /** Unresolved threads only. */
  openComments: ExportComment[];
  /**
   * In a translation's export (#19): how many of the section's source blocks the translation has
   * not caught up with. Absent in the source language's export.
   */
  translation?: TranslationCounts;
}

/** Source blocks of a translation that need work: changed since translated, or never translated. */
export interface TranslationCounts {
  stale: number;
  missing: number;
}

/**
 * The language a file is in (#19). Its fixed labels follow it; a translation that has not caught
 * up with its source is marked on the title page and at each section that lags.
 */
export interface ExportLanguage {
  code: LanguageCode;
  /** False for the language the groups write in, true for a translation of it. */
  translation: boolean;
  /** The sum over the file's sections (zero for the source language). */
  incomplete: TranslationCounts;
}

export interface MasterDocument {
  /** In the export's language, as are the parts' and the sections' titles. */
  courseTitle: string;
  /**
   * The names of the people whose open suggestions (#17) the sections' content carries, by person
   * id: the marks hold ids, Word's tracked changes want names, and the render thread sees no
   * people. An author missing here is named by a label ("Participant 12").
   */
  authorNames?: Record<number, string>;
  /**
   * The parts' own titles as coordinators named them ("Unified theoretical framework"); the
   * exports' fixed labels stand in for a source that has none.
   */
  partTitles?: Record<1 | 2, string>;
  generatedAt: Date;
  /**
   * Cross-reference targets (#18) of every section of the master, by `targetKey(section, target)`
   * from `shared/references.ts`, also of sections this file leaves out: a reference shows the
   * target's current number and title, and links to it when the file holds it. A reference whose
   * key is missing points at something deleted and is marked as such.
   */
  targets?: Record<string, ReferenceTarget>;
  /** The state that was asked for; each section says which text it actually holds. */
  state?: TextState;
  /**
   * The language the file was asked in; absent when the request named none (the source text, with
   * labels in the person's locale, as before language versions existed).
   */
  language?: ExportLanguage;
  /** In master order: Part 1, then Part 2. */
  sections: ExportSection[];
  /**
   * Appendices after the sections (#20: the glossary, the outcomes matrix, the course's hours), in
   * this order. Each is built as ProseMirror JSON in the shared schema, so every format renders it
   * with the same code as a section's text and no format needs to know what an appendix is.
   */
  appendices?: ExportAppendix[];
}

export interface ExportAppendix {
  key: 'glossary' | 'outcomes-matrix' | 'course-hours';
  /** In the export's language ("Appendix A. Glossary"). */
  title: string;
  /** ProseMirror JSON of a `doc` in the shared schema. */
  content: Record<string, unknown>;
}

/**
 * How open suggestions (#17) are shown: 'omit' leaves them out (the text as it would be approved:
 * suggested insertions absent, suggested deletions present); 'mark' shows them marked (Word's
 * tracked changes, HTML <ins>/<del>, CriticMarkup in Markdown, coloured underline and strike in
 * the PDF). When a request does not say, DOCX marks them and the other formats omit them.
 */
export type SuggestionDisplay = 'omit' | 'mark';

/** What a person asks for. `scope` is the whole master or one section. */
export interface ExportRequest {
  scope: 'master' | { sectionId: string };
  state: TextState;
  format: ExportFormat;
  includeComments: boolean;
  includeApprovalRecord: boolean;
  /**
   * With approved texts: false leaves a section that has no approved text out of the file (the
   * title page still lists it, as not included); true, the default, shows its draft, marked.
   */
  includeUnapproved?: boolean;
  /** Open suggestions left out or marked; by default marked in DOCX only (see `SuggestionDisplay`). */
  suggestions?: SuggestionDisplay;
  locale: ExportLocale;
  /** The language of the text (#19); the source language when not given. */
  language?: LanguageCode;
  /** Appendices after the sections (#20): the glossary, the outcomes matrix. */
  includeGlossary?: boolean;
  includeMatrix?: boolean;
}

/** The part of a request that changes how a document is rendered (not what is read). */
export type RenderOptions = Pick<ExportRequest, 'state' | 'includeComments' | 'includeApprovalRecord' | 'includeUnapproved' | 'suggestions' | 'locale'>;

/**
 * Where the master document comes from. The server implements it over sections, Yjs content,
 * reviews and comments; tests use `MemoryMasterSource`. `sectionIds` narrows the document to those
 * sections (in master order); without it, every section. `locale` is the export's language: the
 * course's, parts' and sections' titles are read in it (English when not given).
 */
export interface MasterSource {
  load(state: TextState, sectionIds?: string[], locale?: ExportLocale, options?: LoadOptions): MasterDocument;
}

/** What a load reads beyond the sections' source text (#19, #20). */
export interface LoadOptions {
  /**
   * The language version to read, with the workspace's languages it was checked against (the
   * route answers 400 for one the workspace does not have). Absent: the source text.
   */
  language?: { code: LanguageCode; source: LanguageCode };
  /** Which appendices to build after the sections. */
  appendices?: { glossary: boolean; matrix: boolean };
}

/** Called after each section is rendered: `done` of `total` sections. */
export type SectionProgress = (done: number, total: number) => void;
