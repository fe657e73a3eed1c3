/**
 * Reading a section's text before a command's transaction opens. Reading stores the keystrokes
 * the section has applied but not yet stored, and they are broadcast as soon as they are stored:
 * inside a transaction that might roll back, people could see text that was then not kept.
 * So review commands read the text first, in its own commit; inside the transaction the text
 * is read again from the snapshot cache, and nothing new can arrive until the transaction ends.
 */
import type { CommandContext } from './context';

export function storeSectionText(context: Pick<CommandContext, 'content'>, sectionId: string): void {
  context.content.snapshot(sectionId);
}
