/**
 * The regional master document: every section in order (Part 1, then Part 2), as current drafts
 * or as approved texts, with each section's approvals and open comments. Exports read it here.
 *
 * In a translation's language (#19) each section's text is its document in that language, its
 * blocks renamed to the source blocks they translate (`forExport`), so cross-references to source
 * headings land on the translated ones; each section says how many source blocks the translation
 * has not caught up with (against the approved source when approved texts are asked for).
 */
import { type LanguageCode, documentKey } from '../../shared/languages';
import { type DocumentJson, type JsonNode, UNIT_TYPES, forExport, translationStatus } from '../../shared/translations';
import { titleIn } from '../../shared/workspace';
import type { Comments } from './comments';
import { suggestionAuthors } from '../../shared/suggestions';
import type { People } from './people';
import type { References } from './references';
import type { ReferenceTarget } from '../../shared/references';
import type { Reviews } from './reviews';
import type { SectionContent } from './section-content';
import type { Sections } from './sections';

export type TextState = 'current' | 'approved';

/** The language a document's titles are read in (the export's locale). */
export type TitleLocale = 'en' | 'ru';

export interface MasterSection {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  group: string | null;
  status: string;
  stale: boolean;
  /** Which text this is: the current draft, the approved text, or a draft shown for want of one. */
  state: 'current' | 'approved' | 'draft-unapproved';
  content: Record<string, unknown>;
  approvals: { organisation: string; reviewer: string; decidedAt: string; versionHash: string }[];
  openComments: {
    quote: string;
    body: string;
    author: string;
    createdAt: string;
    replies: { body: string; author: string; createdAt: string }[];
  }[];
  /** In a translation: the source blocks it has not caught up with (changed since, never translated). */
  translation?: { stale: number; missing: number };
}

/** The language a document was read in, and how far behind its source a translation is. */
export interface MasterLanguage {
  code: LanguageCode;
  translation: boolean;
  incomplete: { stale: number; missing: number };
}

/** An appendix after the sections (#20), as ProseMirror JSON in the shared schema. */
export interface MasterAppendix {
  key: 'glossary' | 'outcomes-matrix' | 'course-hours';
  title: string;
  content: Record<string, unknown>;
}

/** Which appendices a document is read with. */
export interface AppendixRequest {
  glossary: boolean;
  matrix: boolean;
}

/**
 * Builds the appendices (#20: the glossary, the outcomes matrix) in the document's language from
 * the sections it holds. The master source takes one; without it, no appendix is built.
 */
export interface AppendixSource {
  build(wanted: AppendixRequest, context: { language: LanguageCode; sections: readonly MasterSection[] }): MasterAppendix[];
}

/** What a load reads beyond the source text: a language version (checked by the caller), appendices. */
export interface MasterLoadOptions {
  language?: { code: LanguageCode; source: LanguageCode };
  appendices?: AppendixRequest;
}

export interface MasterDocument {
  /** In the document's language, as are the parts' and the sections' titles. */
  courseTitle: string;
  /** The parts' own titles ("Unified theoretical framework"), as coordinators named them. */
  partTitles: Record<1 | 2, string>;
  generatedAt: Date;
  state: TextState;
  sections: MasterSection[];
  /** Names of the people whose open suggestions the content carries, by id (render threads see no people). */
  authorNames: Record<number, string>;
  /** Cross-reference targets of every section, by `targetKey` (#18): what references show and link to. */
  targets: Record<string, ReferenceTarget>;
  /** Present when a language was asked for. */
  language?: MasterLanguage;
  appendices?: MasterAppendix[];
}

export class MasterDocumentSource {
  constructor(
    private readonly deps: {
      sections: Sections;
      content: SectionContent;
      reviews: Reviews;
      comments: Comments;
      people: People;
      references: References;
      /** The appendices' builders (#20); none built without them. */
      appendices?: AppendixSource;
    },
  ) {}

  /**
   * @param locale the language of the titles: the export's locale (English when not given); a
   *   language version's own when `options.language` names one (national languages have no
   *   titles of their own yet: Russian ones stand in).
   */
  load(state: TextState, sectionIds?: string[], locale: TitleLocale = 'en', options: MasterLoadOptions = {}): MasterDocument {
    const wanted = sectionIds ? new Set(sectionIds) : null;
    const language = options.language;
    if (language) locale = language.code === 'en' ? 'en' : 'ru';
    const translated = language && language.code !== language.source ? language.code : null;
    const sections = this.deps.sections.list().filter((section) => !wanted || wanted.has(section.id));
    const outline = this.deps.sections.outline();
    const document: Omit<MasterDocument, 'authorNames' | 'targets'> = {
      courseTitle: titleIn(outline.course, locale),
      partTitles: { 1: titleIn(outline.parts[1], locale), 2: titleIn(outline.parts[2], locale) },
      generatedAt: new Date(),
      state,
      sections: sections.map((section) => {
        const approved = this.deps.reviews.approvedText(section.id);
        const approval = this.deps.reviews.state(section);
        const useApproved = state === 'approved' && approved !== null;
        return {
          id: section.id,
          part: section.part,
          position: section.position,
          title: titleIn(section.titles, locale),
          group: section.group,
          status: section.status,
          stale: approval.stale,
          state: state === 'current' ? 'current' : useApproved ? 'approved' : 'draft-unapproved',
          content: useApproved ? approved.json : this.deps.content.snapshot(section.id).json,
          approvals: (approved?.reviews ?? []).map((review) => ({
            organisation: review.organisation,
            reviewer: review.reviewerName,
            decidedAt: review.createdAt,
            versionHash: review.contentHash,
          })),
          openComments: this.openComments(section.id),
        };
      }),
    };
    // Approved exports link to the headings the approved texts still have; drafts to the current ones.
    const approvedTexts = new Map(document.sections.filter((section) => section.state === 'approved').map((section) => [section.id, section.content]));
    if (translated) {
      document.sections = document.sections.map((section) => this.inLanguage(section, translated, approvedTexts.get(section.id) ?? null));
    }
    // A translation's references show its own headings: its texts stand in for the source's.
    const heldTexts = translated ? new Map(document.sections.map((section) => [section.id, section.content])) : state === 'approved' ? approvedTexts : undefined;
    const targets = this.deps.references.targetRecord(locale, heldTexts);
    const authors = new Set(document.sections.flatMap((section) => suggestionAuthors(section.content)));
    const result: MasterDocument = {
      ...document,
      targets,
      authorNames: Object.fromEntries([...authors].map((id) => [id, this.deps.people.find(id)?.name ?? ''])),
    };
    if (language) result.language = { code: language.code, translation: translated !== null, incomplete: incompleteOf(result.sections) };
    if (options.appendices && this.deps.appendices && (options.appendices.glossary || options.appendices.matrix)) {
      result.appendices = this.deps.appendices.build(options.appendices, { language: language?.code ?? (locale === 'en' ? 'en' : 'ru'), sections: result.sections });
    }
    return result;
  }

  /**
   * The section's text in a translation, and how far it lags the source text the file is of: the
   * approved one when the file holds it (while the approval is current, that is the source as it
   * stands, whose blocks surely have ids), else the current one.
   */
  private inLanguage(section: MasterSection, lang: LanguageCode, approved: Record<string, unknown> | null): MasterSection {
    const translation = this.deps.content.snapshot(documentKey(section.id, lang));
    const current = this.deps.content.snapshot(section.id).settled;
    const source = approved && this.deps.reviews.approvedText(section.id)?.hash !== current.hash ? approved : current.json;
    const status = translationStatus(withUnitIds(source as DocumentJson), translation.settled.json as DocumentJson);
    return { ...section, content: forExport(translation.json as DocumentJson), translation: { stale: status.stale, missing: status.missing } };
  }

  private openComments(sectionId: string): MasterSection['openComments'] {
    const name = (id: number) => this.deps.people.find(id)?.name ?? '';
    return this.deps.comments
      .threadsOf(sectionId)
      .filter((thread) => !thread.resolved)
      .map((thread) => {
        const [first, ...rest] = thread.comments.filter((comment) => !comment.deleted);
        return {
          quote: thread.quote,
          body: first?.body ?? '',
          author: first ? name(first.authorId) : '',
          createdAt: thread.createdAt,
          replies: rest.map((reply) => ({ body: reply.body, author: name(reply.authorId), createdAt: reply.createdAt })),
        };
      })
      .filter((thread) => thread.body !== '');
  }
}

/** The file's totals: the sum over its sections. */
function incompleteOf(sections: readonly MasterSection[]): MasterLanguage['incomplete'] {
  return sections.reduce(
    (sum, section) => ({ stale: sum.stale + (section.translation?.stale ?? 0), missing: sum.missing + (section.translation?.missing ?? 0) }),
    { stale: 0, missing: 0 },
  );
}

/**
 * The source with an id on every paragraph and heading: a block that has none yet (text nobody
 * edited since ids existed, which `Translations.ensureSourceIds` numbers on its next call) cannot
 * have a translation, and must count as not translated rather than not at all. Read only: the
 * stand-in ids are never stored.
 */
function withUnitIds(json: DocumentJson): DocumentJson {
  let next = 0;
  const walk = (node: JsonNode): JsonNode => {
    if (UNIT_TYPES.has(node.type) && (typeof node.attrs?.id !== 'string' || node.attrs.id === '')) {
      return { ...node, attrs: { ...node.attrs, id: `export-unnumbered-${next++}` } };
    }
    return node.content && node.type !== 'text' ? { ...node, content: node.content.map(walk) } : node;
  };
  return walk(json as JsonNode);
}
