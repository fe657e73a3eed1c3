/**
 * English messages of language versions (#19): the coordinators' languages setting, and what a
 * translation's connection says when it is closed or refused. Language names themselves are
 * `LANGUAGE_NAMES` in shared/languages.ts (each in its own language, in English and in Russian).
 */
export const translationsEn = {
  'languages.title': 'Languages',
  'languages.source': 'Source language',
  'languages.sourceHint': 'The language the working groups write in.',
  'languages.targets': 'Translations',
  'languages.targetsHint': 'Each section gets a version in each of these languages, kept in step with the source.',
  'languages.none': 'No translations',
  'languages.list': 'Source: {source}. Translations: {targets}',
  'languages.save': 'Save languages',
  'languages.saved': 'Languages saved.',
  'languages.error.translationsExist': 'The source language cannot change once sections have translations.',
  'languages.error.targetIsSource': 'The source language cannot also be a translation.',
  'languages.error.duplicate': 'Each language may be chosen once.',
  'languages.error.unknown': 'This language is not available.',
  'connection.reason.languageRemoved': 'this language version was removed from the workspace. Its text is kept and returns if the language is added again.',
  'connection.reason.noSuchLanguage': 'this section has no version in this language.',
};
