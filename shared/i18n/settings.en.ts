/**
 * English messages of the workspace settings page (languages, #19; the national template, #20),
 * of the national template as the dashboard and a national section show it, and of the
 * languages' progress on the dashboard.
 */
export const settingsEn = {
  'nav.settings': 'Settings',
  'settings.title': 'Workspace settings',
  'settings.readOnly': 'Only coordinators change these settings. You see them as they apply to everyone.',
  'settings.saving': 'Saving…',
  'settings.saved': 'Saved.',
  'settings.notSaved': 'Not saved: {reason}',

  'settings.languages.heading': 'Languages',
  'settings.languages.intro': 'The working groups write in the source language; each section is translated into the target languages.',
  'settings.languages.source': 'Source language',
  'settings.languages.targets': 'Target languages',
  'settings.languages.noTargets': 'No translations.',
  'settings.languages.save': 'Save languages',
  'settings.languages.sourceLocked': 'The source language cannot change once sections have translations.',

  'settings.template.heading': 'Headings of every national section',
  'settings.template.intro':
    'Every national section (Part 2) must have these headings, so that the five countries can be compared. The dashboard shows how each country follows them; an empty section can start from them.',
  'settings.template.item': 'Heading {number}',
  'settings.template.key': 'Key',
  'settings.template.keyHint': 'Lower-case Latin letters, digits and "-". Sections keep their headings tied to it when the titles change.',
  'settings.template.en': 'English title',
  'settings.template.ru': 'Russian title',
  'settings.template.add': 'Add a heading',
  'settings.template.up': 'Move heading {number} up',
  'settings.template.down': 'Move heading {number} down',
  'settings.template.remove': 'Remove heading {number}',
  'settings.template.save': 'Save headings',
  'settings.template.problem.none': 'Keep at least one heading.',
  'settings.template.problem.tooMany': 'At most {max} headings.',
  'settings.template.problem.key': 'Heading {number}: the key must be lower-case Latin letters, digits or "-" (at most 32).',
  'settings.template.problem.duplicate': 'Heading {number}: the key "{key}" is already used by another heading.',
  'settings.template.problem.title': 'Heading {number}: give an English and a Russian title of at most {max} characters.',

  'dashboard.template.count': '{present} of {required} headings',
  'dashboard.template.missing': 'Missing: {headings}',
  'dashboard.template.complete': 'All template headings',
  'dashboard.translation': '{current} translated, {stale} need update, {missing} missing',

  'templateChecklist.title': 'National template',
  'templateChecklist.summary': '{present} of {required} headings, {filled} with text',
  'templateChecklist.filled': 'has text',
  'templateChecklist.empty': 'no text yet',
  'templateChecklist.missing': 'missing',
  'templateChecklist.start': 'Start from the template',
  'templateChecklist.addMissing': 'Add the missing headings',
  'templateChecklist.adding': 'Adding…',
  'templateChecklist.failed': 'The headings could not be added. Try again.',

  'auditLog.section.template-started': '{actor} added the national template’s headings to {target}.',
} as const;
