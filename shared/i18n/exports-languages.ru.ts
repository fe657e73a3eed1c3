/** Russian messages of the export panel's language version (#19) and appendices (#20) choices. */
import type { exportsLanguagesEn } from './exports-languages.en';

export const exportsLanguagesRu: Record<keyof typeof exportsLanguagesEn, string> = {
  'exports.language': 'Язык',
  'exports.language.source': '{name} (исходный)',
  'exports.language.hint': 'Перевод, отстающий от исходного текста, отмечается на титульном листе как неполный.',
  'exports.includeGlossary': 'Глоссарий (приложение)',
  'exports.includeMatrix': 'Матрица результатов обучения (приложение)',
};
