/** Russian messages of comparisons that keep the document's shape (keys of `diff.en.ts`). */
import type { diffEn } from './diff.en';

export const diffRu: Record<keyof typeof diffEn, string> = {
  'diff.legend.format': 'изменено оформление',
  'diff.sr.formatStart': '[изменено оформление:',
  'diff.sr.formatEnd': ']',
  'diff.formatWas': 'Изменено оформление; было: {marks}',
  'diff.format.plain': 'обычный текст',
  'diff.mark.bold': 'полужирный',
  'diff.mark.italic': 'курсив',
  'diff.mark.underline': 'подчёркнутый',
  'diff.mark.strike': 'зачёркнутый',
  'diff.mark.subscript': 'нижний индекс',
  'diff.mark.superscript': 'верхний индекс',
  'diff.mark.link': 'ссылка {href}',
  'diff.mark.insertion': 'предложенная вставка',
  'diff.mark.deletion': 'предложено удалить',
  'diff.mark.footnote': 'сноска',
  'diff.mark.reference': 'перекрёстная ссылка',
  'diff.note.start': '[Сноска: ',
  'diff.note.end': ']',
  'diff.cellChanged': 'Изменённая ячейка:',
  'counted.formatChanges.one': '{count} изменение оформления',
  'counted.formatChanges.few': '{count} изменения оформления',
  'counted.formatChanges.many': '{count} изменений оформления',
  'counted.formatChanges.other': '{count} изменения оформления',
};
