/**
 * A section with text in every script the five working groups write (BRIEF.md), a table, nested
 * lists and every mark: the content that round-trip and export tests hold up.
 */
export const SCRIPT_SAMPLES = {
  russian: 'Международное миграционное право и возвратная миграция',
  kazakh: 'Көші-қон құқығы: әділдік, ғылым, қызмет, ңөұүһі — Қазақстан',
  kyrgyz: 'Миграция укугу: ң ө ү — Кыргызстан, өкмөттүн ыйгарым укуктары',
  tajik: 'Ҳуқуқи муҳоҷират: ғ ӣ қ ӯ ҳ ҷ — Тоҷикистон',
  turkmen: 'Migrasiýa hukugy: ç ä ž ň ö ş ü ý — Türkmenistan',
  uzbekLatin: 'Migratsiya huquqi: oʻzbek, gʻoya, shahar, choy — Oʻzbekiston',
  uzbekCyrillic: 'Миграция ҳуқуқи: ў қ ғ ҳ — Ўзбекистон',
  english: 'Assisted voluntary return and reintegration (AVRR)',
} as const;

const text = (value: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const cell = (type: 'table_cell' | 'table_header', value: string) => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [paragraph(text(value))],
});

/** ProseMirror JSON of a rich section, valid in the shared schema. */
export function richSectionJSON() {
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [text(SCRIPT_SAMPLES.russian)] },
      { type: 'heading', attrs: { level: 2 }, content: [text(SCRIPT_SAMPLES.kazakh)] },
      { type: 'heading', attrs: { level: 3 }, content: [text(SCRIPT_SAMPLES.kyrgyz)] },
      paragraph(
        text(SCRIPT_SAMPLES.tajik, [{ type: 'bold' }]),
        text(' '),
        text(SCRIPT_SAMPLES.turkmen, [{ type: 'italic' }]),
        { type: 'hard_break' },
        text(SCRIPT_SAMPLES.uzbekLatin, [{ type: 'underline' }]),
        text(' '),
        text(SCRIPT_SAMPLES.uzbekCyrillic, [{ type: 'strike' }]),
        text(' H'),
        text('2', [{ type: 'subscript' }]),
        text('O, m'),
        text('2', [{ type: 'superscript' }]),
        text(' '),
        text('IOM', [{ type: 'link', attrs: { href: 'https://www.iom.int/', title: null } }]),
        // Open suggestions: left out of the text without suggestions, tracked changes in Word.
        text(' proposed wording', [{ type: 'insertion', attrs: { id: 'sample-ins', author: 1, at: 1_764_547_200_000 } }]),
        text(' old wording', [{ type: 'deletion', attrs: { id: 'sample-del', author: 1, at: 1_764_547_200_000 } }]),
      ),
      {
        type: 'blockquote',
        content: [paragraph(text(SCRIPT_SAMPLES.english, [{ type: 'bold' }, { type: 'italic' }]))],
      },
      {
        type: 'bullet_list',
        content: [
          {
            type: 'list_item',
            content: [
              paragraph(text('Қазақ тілі')),
              {
                type: 'ordered_list',
                attrs: { order: 1 },
                content: [
                  { type: 'list_item', content: [paragraph(text('Türkmen dili'))] },
                  { type: 'list_item', content: [paragraph(text('Тоҷикӣ'))] },
                ],
              },
            ],
          },
          { type: 'list_item', content: [paragraph(text('Oʻzbek tili'))] },
        ],
      },
      {
        type: 'table',
        content: [
          { type: 'table_row', content: [cell('table_header', 'Тема'), cell('table_header', 'Часы')] },
          { type: 'table_row', content: [cell('table_cell', SCRIPT_SAMPLES.kazakh), cell('table_cell', '4')] },
          { type: 'table_row', content: [cell('table_cell', SCRIPT_SAMPLES.turkmen), cell('table_cell', '2')] },
        ],
      },
    ],
  };
}
