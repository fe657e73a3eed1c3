/** The sections of the syllabus: their place in the outline, owner group and review status. */
import { asc, eq, sql } from 'drizzle-orm';
import type { SectionRef } from '../../shared/policy';
import type { CountryGroup, SectionStatus } from '../../shared/workspace';
import type { Db } from '../db/client';
import { sections } from '../db/schema';

export interface Section extends SectionRef {
  position: number;
  title: string;
  status: SectionStatus;
  round: number;
  lastEditedAt: Date | null;
  lastEditedBy: number | null;
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
    round: row.round,
    lastEditedAt: row.lastEditedAt,
    lastEditedBy: row.lastEditedBy,
  };
}

export class Sections {
  /** Prepared once: looked up on every connection, announcement and request. */
  private readonly byId;

  constructor(private readonly db: Db) {
    this.byId = db.select().from(sections).where(eq(sections.id, sql.placeholder('id'))).prepare();
  }

  setStatus(id: string, status: SectionStatus, round?: number): void {
    this.db
      .update(sections)
      .set(round === undefined ? { status } : { status, round })
      .where(eq(sections.id, id))
      .run();
  }

  /** Records who edited last, and when (SectionActivity decides how often). */
  recordEdit(id: string, personId: number, at: Date): void {
    this.db.update(sections).set({ lastEditedAt: at, lastEditedBy: personId }).where(eq(sections.id, id)).run();
  }

  /** All sections in master-document order: Part 1, then Part 2. */
  list(): Section[] {
    return this.db.select().from(sections).orderBy(asc(sections.part), asc(sections.position)).all().map(toSection);
  }

  find(id: string): Section | null {
    const row = this.byId.get({ id });
    return row ? toSection(row) : null;
  }
}
