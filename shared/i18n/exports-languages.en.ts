/** English messages of the export panel's language version (#19) and appendices (#20) choices. */
export const exportsLanguagesEn = {
  'exports.language': 'Language',
  'exports.language.source': '{name} (source)',
  'exports.language.hint': 'A translation that lags its source is marked as incomplete on the title page.',
  'exports.includeGlossary': 'Glossary (appendix)',
  'exports.includeMatrix': 'Learning outcomes matrix (appendix)',
};
