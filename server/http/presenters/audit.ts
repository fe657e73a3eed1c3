/** The audit trail as the audit page reads it: entries with their actors' names. */
import type { AuditEntry, AuditPage } from '../../../shared/api/audit';
import type { AuditEntry as AuditRecord } from '../../domain/audit';

/** One entry; `names` maps person ids to their names as they are now. */
export function presentAuditEntry(entry: AuditRecord, names: ReadonlyMap<number, string>): AuditEntry {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    actorName: entry.actorId ? (names.get(entry.actorId) ?? null) : null,
    action: entry.action,
    target: entry.target,
    targetName: personTarget(entry.target, names),
    detail: entry.detail,
    hash: entry.hash,
  };
}

/** The name of the person an entry was about (`person:<id>`), as it is now. */
function personTarget(target: string | null, names: ReadonlyMap<number, string>): string | null {
  const id = /^person:(\d+)$/.exec(target ?? '')?.[1];
  return id ? (names.get(Number(id)) ?? null) : null;
}

export function presentAuditPage(entries: AuditRecord[], names: ReadonlyMap<number, string>, chainIntact: boolean): AuditPage {
  return { entries: entries.map((entry) => presentAuditEntry(entry, names)), chainIntact };
}
