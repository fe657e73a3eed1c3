/**
 * Renaming the course, a part or a section (coordinators), in English, Russian or both: the new
 * titles and their audit row are one transaction. Pages read titles when they load; exports read
 * them when they start.
 */
import type { Titles } from '../../shared/workspace';
import type { PersonRecord } from '../domain/people';
import type { OutlineKey, OutlineTitles, Section, Sections } from '../domain/sections';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

type RenameContext = Pick<CommandContext, 'db' | 'events' | 'audit'> & { sections: Sections };

/** Gives a section new titles; answers the section as it is now. */
export function renameSection(context: RenameContext, input: { sectionId: string; titles: Partial<Titles> }, actor: PersonRecord): Section {
  return inTransaction(context, () => {
    const section = context.sections.setTitles(input.sectionId, input.titles);
    context.audit.record({ actorId: actor.id, action: 'structure.renamed', target: `section:${section.id}`, detail: { ...input.titles } });
    return section;
  });
}

/** Gives the course or parts new titles (each key its own change); answers every outline title. */
export function renameOutline(context: RenameContext, changes: Partial<Record<OutlineKey, Partial<Titles>>>, actor: PersonRecord): OutlineTitles {
  return inTransaction(context, () => {
    let outline = context.sections.outline();
    for (const [key, titles] of Object.entries(changes) as [OutlineKey, Partial<Titles> | undefined][]) {
      if (!titles) continue;
      outline = context.sections.setOutlineTitles(key, titles);
      context.audit.record({ actorId: actor.id, action: 'structure.renamed', target: key, detail: { ...titles } });
    }
    return outline;
  });
}
