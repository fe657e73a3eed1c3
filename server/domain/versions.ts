/**
 * Version history of a section: saved states that people can name, view, compare and restore.
 * A restore is a new change on top of the current text (y-prosemirror's own minimal update of the
 * Yjs fragment), so edits made at that moment, and offline edits arriving later, merge with it.
 */
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import type { Version, VersionKind, VersionWithContent } from '../../shared/api/versions';
import { type DocumentDiff, diffDocuments } from '../../shared/document-diff';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import type { Db } from '../db/client';
import { versions } from '../db/schema';
import type { WorkspaceEventBus } from '../events';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import type { People, PersonRecord } from './people';
import { jsonOfState, type SectionContent } from './section-content';
import type { SectionStore } from './section-store';
import { DamagedTextError, checksumOf, verifiedState } from './stored-text';

export const MAX_LABEL_LENGTH = 120;

/** A version's saved state, checked against its checksum. */
function stateOf(row: VersionRow): Uint8Array {
  return verifiedState(new Uint8Array(row.state), row.stateChecksum, `version ${row.id} of ${row.sectionId}`);
}
const DAY_MS = 86_400_000;

type VersionRow = typeof versions.$inferSelect;

export class Versions {
  constructor(
    private readonly db: Db,
    private readonly content: SectionContent,
    private readonly store: SectionStore,
    private readonly people: People,
    private readonly audit: AuditLog,
    private readonly events: WorkspaceEventBus,
  ) {}

  private present(row: VersionRow): Version {
    const person = (id: number) => ({ id, name: this.people.find(id)?.name ?? '' });
    return {
      id: row.id,
      sectionId: row.sectionId,
      kind: row.kind,
      label: row.label,
      createdBy: row.createdBy ? person(row.createdBy) : null,
      authors: (JSON.parse(row.authors) as number[]).map(person),
      words: row.words,
      insertions: row.insertions,
      deletions: row.deletions,
      contentHash: row.contentHash,
      createdAt: row.createdAt.toISOString(),
      size: row.state.length,
    };
  }

  /**
   * Saves the section as it stands. An automatic version of unchanged text is not saved again;
   * a named, submission, approval or restore version always is (it marks a moment).
   */
  save(sectionId: string, kind: VersionKind, input: { label?: string; personId?: number | null; authors?: number[] }): Version | null {
    const snapshot = this.content.snapshot(sectionId);
    const previous = this.latestRow(sectionId);
    if (kind === 'auto' && previous?.contentHash === snapshot.hash) return null;
    const diff = previous ? this.diffFromPrevious(previous, snapshot.json) : null;
    const authors = [...new Set(input.authors ?? (input.personId ? [input.personId] : []))];
    const row = this.db
      .insert(versions)
      .values({
        sectionId,
        kind,
        label: (input.label ?? '').trim().slice(0, MAX_LABEL_LENGTH),
        createdBy: input.personId ?? null,
        authors: JSON.stringify(authors),
        state: Buffer.from(snapshot.state),
        stateChecksum: checksumOf(snapshot.state),
        contentHash: snapshot.hash,
        words: snapshot.words,
        insertions: diff?.insertions ?? 0,
        deletions: diff?.deletions ?? 0,
      })
      .returning()
      .all()[0];
    if (kind === 'auto') this.prune(sectionId);
    this.events.emit('version-saved', sectionId);
    return this.present(row);
  }

  list(sectionId: string): Version[] {
    return this.db
      .select()
      .from(versions)
      .where(eq(versions.sectionId, sectionId))
      .orderBy(desc(versions.id))
      .all()
      .map((row) => this.present(row));
  }

  find(id: number): (VersionWithContent) | null {
    const row = this.db.select().from(versions).where(eq(versions.id, id)).get();
    return row ? { ...this.present(row), content: jsonOfState(stateOf(row)) } : null;
  }

  /** What changed since the previous version; a damaged previous version only loses the counts. */
  private diffFromPrevious(previous: VersionRow, json: Record<string, unknown>): DocumentDiff | null {
    try {
      return diffDocuments(jsonOfState(stateOf(previous)), json);
    } catch (error) {
      if (error instanceof DamagedTextError) return null;
      throw error;
    }
  }

  /** Compares two versions of a section, or one with the current text ('current'). */
  compare(sectionId: string, from: number | 'current', to: number | 'current'): DocumentDiff {
    return diffDocuments(this.contentOf(sectionId, from), this.contentOf(sectionId, to));
  }

  private contentOf(sectionId: string, which: number | 'current'): Record<string, unknown> {
    if (which === 'current') return this.content.snapshot(sectionId).json;
    const version = this.find(which);
    if (!version || version.sectionId !== sectionId) throw new DomainError(404, 'no such version of this section', 'not-found');
    return version.content;
  }

  /** Brings back a version's text as a new change; the result is itself a version. */
  restore(versionId: number, person: PersonRecord): Version {
    const version = this.find(versionId);
    if (!version) throw new DomainError(404, 'no such version', 'not-found');
    const target = schema.nodeFromJSON(version.content);
    // Keep the text being replaced, so that the restore itself can be undone.
    this.save(version.sectionId, 'auto', { personId: person.id });
    this.store.change(version.sectionId, person.id, (doc) => {
      const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
      const { meta } = initProseMirrorDoc(fragment, schema);
      updateYFragment(doc, fragment, target, meta);
    });
    this.content.invalidate(version.sectionId);
    this.audit.record({ actorId: person.id, action: 'version.restored', target: `section:${version.sectionId}`, detail: { versionId } });
    const label = version.label || version.createdAt.slice(0, 16).replace('T', ' ');
    return this.save(version.sectionId, 'restore', { label, personId: person.id })!;
  }

  /**
   * Retention: named, submission, approval and restore versions are kept for ever. Automatic ones
   * are all kept for a week; older ones thin out to the last of each day, and after 90 days to the
   * last of each ISO week.
   */
  prune(sectionId: string, now = Date.now()): number {
    const autos = this.db
      .select({ id: versions.id, createdAt: versions.createdAt })
      .from(versions)
      .where(and(eq(versions.sectionId, sectionId), eq(versions.kind, 'auto'), lt(versions.createdAt, new Date(now - 7 * DAY_MS))))
      .orderBy(desc(versions.id))
      .all();
    const kept = new Set<string>();
    const drop: number[] = [];
    for (const version of autos) {
      const age = now - version.createdAt.getTime();
      const bucket = age > 90 * DAY_MS ? `w${Math.floor(version.createdAt.getTime() / (7 * DAY_MS))}` : `d${Math.floor(version.createdAt.getTime() / DAY_MS)}`;
      if (kept.has(bucket)) drop.push(version.id);
      else kept.add(bucket);
    }
    if (drop.length > 0) this.db.delete(versions).where(inArray(versions.id, drop)).run();
    return drop.length;
  }

  private latestRow(sectionId: string): VersionRow | undefined {
    return this.db.select().from(versions).where(eq(versions.sectionId, sectionId)).orderBy(desc(versions.id)).limit(1).get();
  }
}
