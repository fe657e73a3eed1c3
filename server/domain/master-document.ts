/**
 * The regional master document: every section in order (Part 1, then Part 2), as current drafts
 * or as approved texts, with each section's approvals and open comments. Exports read it here.
 */
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
    },
  ) {}

  /** @param locale the language of the titles: the export's locale (English when not given). */
  load(state: TextState, sectionIds?: string[], locale: TitleLocale = 'en'): MasterDocument {
    const wanted = sectionIds ? new Set(sectionIds) : null;
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
    const authors = new Set(document.sections.flatMap((section) => suggestionAuthors(section.content)));
    // Approved exports link to the headings the approved texts still have; drafts to the current ones.
    const approvedTexts = new Map(document.sections.filter((section) => section.state === 'approved').map((section) => [section.id, section.content]));
    const targets = this.deps.references.targetRecord(locale, state === 'approved' ? approvedTexts : undefined);
    return { ...document, targets, authorNames: Object.fromEntries([...authors].map((id) => [id, this.deps.people.find(id)?.name ?? ''])) };
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
