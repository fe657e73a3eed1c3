/**
 * Workspace settings coordinators change: the deadline, which organisations must approve, and
 * whether other working groups may suggest on a country's section.
 */
import { eq, sql } from 'drizzle-orm';
import type { WorkspaceSettings } from '../../shared/api/settings';
import { REVIEW_ORGANISATIONS, type ReviewOrganisation } from '../../shared/workspace';
import type { Db } from '../db/client';
import { settings } from '../db/schema';
import type { AuditLog } from './audit';
import { DomainError } from './errors';

/** The next 15 September on or after `today`: the project's hard deadline. */
export function nextFifteenthSeptember(today: Date): string {
  const year = today.getUTCFullYear();
  const thisYear = Date.UTC(year, 8, 15);
  const todayUtc = Date.UTC(year, today.getUTCMonth(), today.getUTCDate());
  return `${todayUtc <= thisYear ? year : year + 1}-09-15`;
}

export class Settings {
  /** Prepared once: the section records read one setting on every lookup. */
  private readonly byKey;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {
    this.byKey = db.select().from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare();
  }

  get(): WorkspaceSettings {
    const rows = new Map(this.db.select().from(settings).all().map((row) => [row.key, JSON.parse(row.value) as unknown]));
    return {
      deadline: (rows.get('deadline') as string | undefined) ?? nextFifteenthSeptember(new Date()),
      requiredOrganisations: (rows.get('requiredOrganisations') as ReviewOrganisation[] | undefined) ?? [...REVIEW_ORGANISATIONS],
      otherGroupsSuggest: rows.get('otherGroupsSuggest') === true,
    };
  }

  /** Whether other working groups may suggest on a country's own section (off unless set). */
  otherGroupsSuggest(): boolean {
    const row = this.byKey.get({ key: 'otherGroupsSuggest' });
    return row !== undefined && JSON.parse(row.value) === true;
  }

  /**
   * The identity of this workspace's data (migration 0009): browsers keep their local copies of
   * sections under it, so a copy made for one workspace is never merged into another.
   */
  instance(): string {
    const row = this.db.select().from(settings).where(eq(settings.key, 'instance')).all()[0];
    if (!row) throw new Error('the workspace has no instance id: run the migrations');
    return JSON.parse(row.value) as string;
  }

  /** Fixes the default deadline at first start, so that it does not move on by itself a year later. */
  ensureDefaults(): void {
    if (!this.db.select().from(settings).where(eq(settings.key, 'deadline')).get()) this.write('deadline', this.get().deadline);
  }

  update(change: Partial<WorkspaceSettings>, actorId: number): WorkspaceSettings {
    if (change.requiredOrganisations && change.requiredOrganisations.length === 0) {
      throw new DomainError(422, 'at least one organisation must approve', 'no-organisations');
    }
    if (change.deadline !== undefined) this.write('deadline', change.deadline);
    if (change.requiredOrganisations) this.write('requiredOrganisations', [...new Set(change.requiredOrganisations)]);
    if (change.otherGroupsSuggest !== undefined) this.write('otherGroupsSuggest', change.otherGroupsSuggest);
    this.audit.record({ actorId, action: 'settings.changed', target: 'workspace', detail: change });
    return this.get();
  }

  private write(key: string, value: unknown): void {
    this.db
      .insert(settings)
      .values({ key, value: JSON.stringify(value) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value) } })
      .run();
  }
}
