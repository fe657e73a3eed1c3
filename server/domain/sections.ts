/** The sections of the syllabus: their place in the outline, owner group and review status. */
import { asc, eq } from 'drizzle-orm';
import type { SectionRef } from '../../shared/policy';
import type { CountryGroup, SectionStatus } from '../../shared/workspace';
import type { Db } from '../db/client';
import { sections } from '../db/schema';

export interface Section extends SectionRef {
  position: number;
  title: string;
  status: SectionStatus;
}

type SectionRow = typeof sections.$inferSelect;

function toSection(row: SectionRow): Section {
  return {
    id: row.id,
    part: row.part === 2 ? 2 : 1,
    position: row.position,
    title: row.title,
    group: row.groupCode as CountryGroup | null,
    status: row.status,
  };
}

export class Sections {
  constructor(private readonly db: Db) {}

  /** All sections in master-document order: Part 1, then Part 2. */
  list(): Section[] {
    return this.db.select().from(sections).orderBy(asc(sections.part), asc(sections.position)).all().map(toSection);
  }

  find(id: string): Section | null {
    const row = this.db.select().from(sections).where(eq(sections.id, id)).get();
    return row ? toSection(row) : null;
  }
}
