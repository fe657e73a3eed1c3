/**
 * The sections of the syllabus: their place in the outline, owner group, review status and titles,
 * and the titles of the course and its two parts. Every title exists in English and Russian.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { SectionRef } from '../../shared/policy';
import { type CountryGroup, type SectionStatus, type Titles, COURSE_TITLES, PART_TITLES } from '../../shared/workspace';
import type { Db } from '../db/client';
import { outlineTitles, sections } from '../db/schema';
import { DomainError } from './errors';

export interface Section extends SectionRef {
  position: number;
  /** The English title (what tools and logs name it by); `titles` holds both languages. */
  title: string;
  titles: Titles;
  status: SectionStatus;
  round: number;
  lastEditedAt: Date | null;
  lastEditedBy: number | null;
  suggestionsOnly: boolean;
  otherGroupsSuggest: boolean;
}

/** The titles above the sections: the course's and each part's. */
export interface OutlineTitles {
  course: Titles;
  parts: Record<1 | 2, Titles>;
}

/** What has a title of its own besides the sections. */
export type OutlineKey = 'course' | 'part-1' | 'part-2';

type SectionRow = typeof sections.$inferSelect;

function toSection(row: SectionRow, otherGroupsSuggest: boolean): Section {
  return {
    id: row.id,
    part: row.part === 2 ? 2 : 1,
    position: row.position,
    title: row.title,
    titles: { en: row.title, ru: row.titleRu },
    group: row.groupCode as CountryGroup | null,
    status: row.status,
    round: row.round,
    lastEditedAt: row.lastEditedAt,
    lastEditedBy: row.lastEditedBy,
    suggestionsOnly: row.suggestionsOnly,
    otherGroupsSuggest,
  };
}

export class Sections {
  /** Prepared once: looked up on every connection, announcement and request. */
  private readonly byId;

  /**
   * `otherGroupsSuggest` reads the coordinators' workspace setting (`Settings`): each section
   * record carries it, so that every caller of the policy has it with the section.
   */
  constructor(
    private readonly db: Db,
    private readonly otherGroupsSuggest: () => boolean = () => false,
  ) {
    this.byId = db.select().from(sections).where(eq(sections.id, sql.placeholder('id'))).prepare();
  }

  setStatus(id: string, status: SectionStatus, round?: number): void {
    this.db
      .update(sections)
      .set(round === undefined ? { status } : { status, round })
      .where(eq(sections.id, id))
      .run();
  }

  /** Turns "suggestions only" on or off; answers the section as it is now. */
  setSuggestionsOnly(id: string, on: boolean): Section {
    this.db.update(sections).set({ suggestionsOnly: on }).where(eq(sections.id, id)).run();
    const section = this.find(id);
    if (!section) throw new DomainError(404, 'no such section', 'not-found');
    return section;
  }

  /** Records who edited last, and when (SectionActivity decides how often). */
  recordEdit(id: string, personId: number, at: Date): void {
    this.db.update(sections).set({ lastEditedAt: at, lastEditedBy: personId }).where(eq(sections.id, id)).run();
  }

  /** Changes a section's title in one language or both; answers the section as it is now. */
  setTitles(id: string, change: Partial<Titles>): Section {
    const current = this.find(id);
    if (!current) throw new DomainError(404, 'no such section', 'not-found');
    this.db
      .update(sections)
      .set({ title: change.en ?? current.titles.en, titleRu: change.ru ?? current.titles.ru })
      .where(eq(sections.id, id))
      .run();
    return this.find(id) ?? current;
  }

  /** All sections in master-document order: Part 1, then Part 2. */
  list(): Section[] {
    const others = this.otherGroupsSuggest();
    return this.db.select().from(sections).orderBy(asc(sections.part), asc(sections.position)).all().map((row) => toSection(row, others));
  }

  find(id: string): Section | null {
    const row = this.byId.get({ id });
    return row ? toSection(row, this.otherGroupsSuggest()) : null;
  }

  /** The course's and the parts' titles; the seeded ones where none is stored. */
  outline(): OutlineTitles {
    const stored = new Map(this.db.select().from(outlineTitles).all().map((row) => [row.key, { en: row.titleEn, ru: row.titleRu }]));
    return {
      course: stored.get('course') ?? COURSE_TITLES,
      parts: { 1: stored.get('part-1') ?? PART_TITLES[1], 2: stored.get('part-2') ?? PART_TITLES[2] },
    };
  }

  /** Changes the course's or a part's title in one language or both. */
  setOutlineTitles(key: OutlineKey, change: Partial<Titles>): OutlineTitles {
    const outline = this.outline();
    const current = key === 'course' ? outline.course : outline.parts[key === 'part-1' ? 1 : 2];
    const next = { titleEn: change.en ?? current.en, titleRu: change.ru ?? current.ru };
    this.db
      .insert(outlineTitles)
      .values({ key, ...next })
      .onConflictDoUpdate({ target: outlineTitles.key, set: next })
      .run();
    return this.outline();
  }
}
