/**
 * What the glossary's commands are done with: the database and event bus for one transaction,
 * the glossary, and how to tell open pages that an entry changed (after the commit).
 */
import type { Glossary } from '../domain/glossary';
import type { CommandContext } from './context';

export interface GlossaryContext extends Pick<CommandContext, 'db' | 'events'> {
  glossary: Glossary;
  /** Announces a changed (or deleted) entry; called only once its change is committed. */
  announce: (entryId: string) => void;
}
