/**
 * A master source held in memory: the tests' stand-in for the server's source, with a current
 * draft and (optionally) an approved text per section, so "approved texts" can be told apart.
 * Its cross-reference targets are read from every section's current draft, as the server's are.
 */
import { readDocument } from '../../shared/document-repair';
import { type ReferenceTarget, targetKey, targetsOf } from '../../shared/references';
import { COURSE_TITLES, PART_TITLES, SYLLABUS_OUTLINE, type SectionOutline, titleIn } from '../../shared/workspace';
import type { LanguageCode } from '../../shared/languages';
import type { ExportApproval, ExportLocale, ExportSection, LoadOptions, MasterDocument, MasterSource, TextState, TranslationCounts } from './model';

export interface MemorySection extends Omit<ExportSection, 'state' | 'content' | 'approvals' | 'translation'> {
  current: Record<string, unknown>;
  approved?: { content: Record<string, unknown>; approvals: ExportApproval[] } | null;
  /** Language versions (#19): the text in that language, and how far it lags its source. */
  translations?: Partial<Record<LanguageCode, { content: Record<string, unknown> } & TranslationCounts>>;
}

/** What `MemoryMasterSource.forOutline` asks for each section; the rest comes from the outline. */
export type MemoryFill = Pick<MemorySection, 'current'> & Partial<Pick<MemorySection, 'approved' | 'status' | 'stale' | 'openComments' | 'title'>>;

export class MemoryMasterSource implements MasterSource {
  /** The ten sections of the syllabus outline, each filled in by `fill`. */
  static forOutline(fill: (outline: SectionOutline) => MemoryFill, options: MemoryMasterSource['options'] = {}): MemoryMasterSource {
    return new MemoryMasterSource(
      SYLLABUS_OUTLINE.map((outline) => ({ ...outline, status: 'draft', openComments: [], ...fill(outline) })),
      options,
    );
  }

  constructor(
    private readonly sections: MemorySection[],
    private readonly options: {
      courseTitle?: string;
      partTitles?: Record<1 | 2, string>;
      now?: () => Date;
      /** False: the document carries no targets (a source that cannot look references up). */
      targets?: boolean;
    } = {},
  ) {}

  /** Every section's targets (those the document leaves out too), from its current draft. */
  private targets(): Record<string, ReferenceTarget> {
    const targets: Record<string, ReferenceTarget> = {};
    for (const section of this.sections) {
      for (const target of targetsOf(section, readDocument(section.current))) targets[targetKey(target.section, target.target)] = target;
    }
    return targets;
  }

  /**
   * The course's and parts' titles are in `locale` unless the options name them; sections' as given.
   * A translation's text is the section's `translations` entry (an empty document when it has none).
   */
  load(state: TextState, sectionIds?: string[], locale: ExportLocale = 'en', options: LoadOptions = {}): MasterDocument {
    const wanted = sectionIds ? new Set(sectionIds) : null;
    const language = options.language;
    const translated = language && language.code !== language.source ? language.code : null;
    const document = this.read(state, wanted, locale);
    if (translated) {
      document.sections = document.sections.map((section) => {
        const version = this.sections.find((memory) => memory.id === section.id)?.translations?.[translated];
        return { ...section, content: version?.content ?? { type: 'doc', content: [{ type: 'paragraph' }] }, translation: { stale: version?.stale ?? 0, missing: version?.missing ?? 0 } };
      });
    }
    if (language) {
      const incomplete = document.sections.reduce((sum, s) => ({ stale: sum.stale + (s.translation?.stale ?? 0), missing: sum.missing + (s.translation?.missing ?? 0) }), { stale: 0, missing: 0 });
      document.language = { code: language.code, translation: translated !== null, incomplete };
    }
    return document;
  }

  private read(state: TextState, wanted: Set<string> | null, locale: ExportLocale): MasterDocument {
    return {
      courseTitle: this.options.courseTitle ?? titleIn(COURSE_TITLES, locale),
      partTitles: this.options.partTitles ?? { 1: titleIn(PART_TITLES[1], locale), 2: titleIn(PART_TITLES[2], locale) },
      generatedAt: this.options.now?.() ?? new Date(),
      ...(this.options.targets === false ? {} : { targets: this.targets() }),
      state,
      sections: this.sections
        .filter((section) => !wanted || wanted.has(section.id))
        .sort((a, b) => a.part - b.part || a.position - b.position)
        .map(({ current, approved, translations: _translations, ...meta }) => {
          const useApproved = state === 'approved' && approved !== undefined && approved !== null;
          return {
            ...meta,
            state: state === 'current' ? 'current' : useApproved ? 'approved' : 'draft-unapproved',
            content: useApproved ? approved.content : current,
            approvals: approved?.approvals ?? [],
          };
        }),
    };
  }
}
