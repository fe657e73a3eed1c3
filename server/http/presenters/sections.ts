/** A section of the outline, with what the viewer may do with it; the titles above the sections. */
import type { Outline, Section, TemplateState, TemplateStarted } from '../../../shared/api/sections';
import { type SectionAction, maySection } from '../../../shared/policy';
import { titleIn } from '../../../shared/workspace';
import type { PersonRecord } from '../../domain/people';
import type { OutlineTitles, Section as SectionRecord } from '../../domain/sections';

/**
 * The contract shape `{id, part, position, title, group, status}` plus both titles, open comments,
 * "suggestions only", the viewer's rights and, for a national section, its conformance to the
 * national template (null for a regional module). `title` is in the viewer's language.
 */
export function presentSection(section: SectionRecord, viewer: PersonRecord, openComments = 0, template: TemplateState | null = null): Section {
  const can = (action: SectionAction) => maySection(viewer, action, section);
  return {
    id: section.id,
    part: section.part,
    position: section.position,
    title: titleIn(section.titles, viewer.locale),
    titles: { en: section.titles.en, ru: section.titles.ru },
    group: section.group,
    status: section.status,
    openComments,
    suggestionsOnly: section.suggestionsOnly === true,
    permissions: { edit: can('edit'), comment: can('comment'), submit: can('submit'), decide: can('decide') },
    template: template && presentTemplateState(template),
  };
}

export function presentTemplateState(state: TemplateState): TemplateState {
  return { required: state.required, present: state.present, filled: state.filled, missing: [...state.missing] };
}

export function presentTemplateStarted(started: TemplateStarted): TemplateStarted {
  return { added: started.added, template: presentTemplateState(started.template) };
}

/** The course's and the parts' titles, each in the viewer's language and in both. */
export function presentOutline(outline: OutlineTitles, viewer: PersonRecord): Outline {
  const localised = (titles: OutlineTitles['course']) => ({ title: titleIn(titles, viewer.locale), titles: { en: titles.en, ru: titles.ru } });
  return {
    course: localised(outline.course),
    parts: ([1, 2] as const).map((part) => ({ part, ...localised(outline.parts[part]) })),
  };
}
