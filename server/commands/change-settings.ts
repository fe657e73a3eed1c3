/**
 * Changing the workspace settings (the deadline, the organisations that must approve, whether
 * other groups suggest, the languages, the national template); one transaction with its audit row.
 */
import type { PersonRecord } from '../domain/people';
import type { WorkspaceSettings } from '../../shared/api/settings';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

export function changeSettings(
  context: Pick<CommandContext, 'db' | 'events' | 'settings'>,
  change: Partial<WorkspaceSettings>,
  actor: PersonRecord,
): WorkspaceSettings {
  return inTransaction(context, () => {
    const updated = context.settings.update(change, actor.id);
    context.events.emit('settings-changed');
    return updated;
  });
}
