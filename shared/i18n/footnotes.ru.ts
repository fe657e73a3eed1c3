/** Russian messages (keys of `footnotes.en.ts`). */
import type { footnotesEn } from './footnotes.en';

export const footnotesRu: Record<keyof typeof footnotesEn, string> = {
  'toolbar.footnote': 'Сноска',
  'toolbar.crossReference': 'Вставить перекрёстную ссылку',
  'footnotes.marker': 'Сноска {number}',
  'footnotes.open': 'Сноска {number}: открыть текст сноски',
  'footnotes.editor': 'Текст сноски {number}',
  'footnotes.placeholder': 'Введите текст сноски…',
  'footnotes.empty': 'Пустая сноска',
  'footnotes.close': 'Закрыть сноску',
  'footnotes.closeHint': 'Esc — закрыть',
  'footnotes.notes': 'Сноски',
  'footnotes.goTo': 'Перейти к сноске {number} в тексте',
  'paste.wordComment': '{author} (комментарий в Word): {body}',
};
