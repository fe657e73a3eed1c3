/**
 * Restoring a version: its text comes back as a new change on top of the current one, so edits
 * made meanwhile merge with it; the text it replaces and the restored text are both kept as
 * versions, and the restore is audited.
 *
 * Not one transaction, on purpose: the change to the text is stored and broadcast to everyone
 * editing the moment it is made (`SectionStore.change`), and a rollback after that would take
 * back a change people have already seen. Each step is stored as it happens instead.
 */
import type { PersonRecord } from '../domain/people';
import type { Version } from '../../shared/api/versions';
import type { CommandContext } from './context';

export function restoreVersion(context: Pick<CommandContext, 'versions'>, input: { versionId: number }, actor: PersonRecord): Version {
  return context.versions.restore(input.versionId, actor);
}
