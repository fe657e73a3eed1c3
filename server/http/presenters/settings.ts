/** The workspace settings. */
import type { WorkspaceSettings } from '../../../shared/api/settings';

export function presentSettings(settings: WorkspaceSettings): WorkspaceSettings {
  return {
    deadline: settings.deadline,
    requiredOrganisations: settings.requiredOrganisations,
    otherGroupsSuggest: settings.otherGroupsSuggest,
    languages: { source: settings.languages.source, targets: [...settings.languages.targets] },
    nationalTemplate: settings.nationalTemplate.map((heading) => ({ key: heading.key, title: { en: heading.title.en, ru: heading.title.ru } })),
  };
}
