/**
 * The file behind `GET /api/sections/:id/translations/<lang>.docx`: a section and its translation
 * side by side in a Word table (`bilingual-docx.ts`), for people without translation tools. The
 * route reads the texts (the settled source, its blocks given their ids first, and the settled
 * translation: open suggestions are no text yet); this turns them into the file.
 *
 * Built in the request for now, not on a render thread: measured at about 0.5 s for a 300-row
 * section on the shared two-core test machine (the `docx` package builds its XML synchronously).
 * That holds the event loop as long, so it should move to the render pool (`render-thread.ts`
 * needs a job kind for it); the function takes plain data so it can run there unchanged.
 */
import type { LanguageCode } from '../../../shared/languages';
import { sectionNumberOf } from '../../../shared/references';
import type { DocumentJson } from '../../../shared/translations';
import { type Titles, titleIn } from '../../../shared/workspace';
import { asciiSlug } from '../file-name';
import type { ExportLocale } from '../model';
import { renderBilingualDocx } from './bilingual-docx';
import { bilingualRows } from './bilingual-rows';

export interface SectionTexts {
  section: { id: string; part: 1 | 2; position: number; titles: Titles };
  sourceLanguage: LanguageCode;
  targetLanguage: LanguageCode;
  source: DocumentJson;
  translation: DocumentJson;
}

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The file and its name (`national-kz.ru-en.docx`); titles in the person's locale. */
export async function sectionBilingualDocx(texts: SectionTexts, locale: ExportLocale, now = new Date()): Promise<{ fileName: string; body: Buffer }> {
  const { section } = texts;
  const body = await renderBilingualDocx(
    {
      title: `${sectionNumberOf(section)} ${titleIn(section.titles, locale)}`,
      sourceLanguage: texts.sourceLanguage,
      targetLanguage: texts.targetLanguage,
      table: bilingualRows(texts.source, texts.translation),
      generatedAt: now,
    },
    locale,
  );
  return { fileName: `${asciiSlug(section.id, 'section')}.${texts.sourceLanguage}-${texts.targetLanguage}.docx`, body };
}
