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

/** How often a section's "last edited" is written while people type. */
const EDIT_RESOLUTION_MS = 5_000;

export class Sections {
  private readonly lastRecorded = new Map<string, { at: number; by: number }>();

  constructor(private readonly db: Db) {}

  setStatus(id: string, status: SectionStatus, round?: number): void {
    this.db
      .update(sections)
      .set(round === undefined ? { status } : { status, round })
      .where(eq(sections.id, id))
      .run();
  }

  /** Records who edited last, at most every few seconds per section and person. */
  recordEdit(id: string, personId: number): boolean {
    const now = Date.now();
    const last = this.lastRecorded.get(id);
    if (last && last.by === personId && now - last.at < EDIT_RESOLUTION_MS) return false;
    this.lastRecorded.set(id, { at: now, by: personId });
    this.db.update(sections).set({ lastEditedAt: new Date(now), lastEditedBy: personId }).where(eq(sections.id, id)).run();
    return true;
  }

  /** All sections in master-document order: Part 1, then Part 2. */
  list(): Section[] {
    return this.db.select().from(sections).orderBy(asc(sections.part), asc(sections.position)).all().map(toSection);
  }

  find(id: string): Section | null {
    const row = this.db.select().from(sections).where(eq(sections.id, id)).get();
    return row ? toSection(row) : null;
  }
}
