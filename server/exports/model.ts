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
  /** In master order: Part 1, then Part 2. */
  sections: ExportSection[];
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
  load(state: TextState, sectionIds?: string[], locale?: ExportLocale): MasterDocument;
}

/** Called after each section is rendered: `done` of `total` sections. */
export type SectionProgress = (done: number, total: number) => void;
