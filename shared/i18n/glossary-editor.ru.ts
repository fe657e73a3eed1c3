/** Russian messages (keys of `glossary-editor.en.ts`). */
import type { glossaryEditorEn } from './glossary-editor.en';

export const glossaryEditorRu: Record<keyof typeof glossaryEditorEn, string> = {
  'toolbar.glossary': 'Связать с глоссарием',
  'glossaryEditor.search': 'Найти термин глоссария',
  'glossaryEditor.entries': 'Статьи глоссария',
  'glossaryEditor.keys': '↑ ↓ выбор · Enter — связать · Esc — закрыть',
  'glossaryEditor.loading': 'Загрузка глоссария…',
  'glossaryEditor.failed': 'Не удалось загрузить глоссарий. Попробуйте чуть позже.',
  'glossaryEditor.emptyGlossary': 'В глоссарии пока нет статей.',
  'glossaryEditor.noMatch': 'Нет терминов глоссария, подходящих к «{query}».',
  'glossaryEditor.typeToFind': 'Введите термин, чтобы найти его.',
  'glossaryEditor.proposed': 'предложен',
  'glossaryEditor.linked': 'Связано с термином «{term}».',
  'glossaryEditor.offer': 'Термин глоссария «{term}»',
  'glossaryEditor.offerKeys': 'связать: {keys}',
  'glossaryEditor.hint': 'Глоссарий: {term} — связать?',
  'glossaryEditor.link': 'Связать',
  'glossaryEditor.dismiss': 'Не сейчас',
  'glossaryEditor.tooltip': 'Термин глоссария',
  'glossaryEditor.source': 'Источник: {source}',
  'glossaryEditor.otherTerms': 'На других языках',
  'glossaryEditor.deleted': 'Этого термина больше нет в глоссарии.',
  'glossaryEditor.unknownYet': 'Загрузка определения…',
  'glossaryEditor.unlink': 'Убрать связь',
};
