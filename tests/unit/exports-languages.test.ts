/**
 * Exports in a language (#19) and with appendices (#20), without a server: every language's label
 * set is whole; a lagging translation is marked on the title page and at its sections in every
 * format; appendices follow the sections in every format, through the section renderer; the file
 * name says a translation's language.
 */
import { strFromU8, unzipSync } from 'fflate';
import { LANGUAGES } from '../../shared/languages';
import { exportFileName } from '../../server/exports/file-name';
import { renderExport } from '../../server/exports/formats';
import { labelsFor } from '../../server/exports/labels';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { ExportFormat, MasterDocument, RenderOptions } from '../../server/exports/model';

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map(paragraph) });

const OPTIONS: RenderOptions = { state: 'current', includeComments: false, includeApprovalRecord: false, locale: 'en' };

/** The master with an English version of every section; the first two lag their source. */
function englishMaster(): MasterDocument {
  const source = MemoryMasterSource.forOutline((outline) => ({
    current: doc(`Русский текст ${outline.id}`),
    translations: {
      en: {
        content: doc(`English text ${outline.id}`),
        stale: outline.part === 1 && outline.position === 1 ? 2 : 0,
        missing: outline.part === 1 && outline.position === 2 ? 3 : 0,
      },
    },
  }));
  const document = source.load('current', undefined, 'en', { language: { code: 'en', source: 'ru' } });
  document.appendices = [{ key: 'glossary', title: 'Appendix A. Glossary', content: doc('Migrant worker — a person who works abroad.') }];
  return document;
}

/** The text a reader sees in each format, enough to search. */
async function readable(document: MasterDocument, format: ExportFormat): Promise<string> {
  const file = await renderExport(document, format, OPTIONS);
  if (format === 'docx') return strFromU8(unzipSync(new Uint8Array(file))['word/document.xml']).replace(/<[^>]+>/g, '');
  if (format === 'pdf') return file.toString('latin1');
  return file.toString('utf8');
}

describe('label sets', () => {
  test('every language has every label, none empty, tagged with its own code', () => {
    const keys = Object.keys(labelsFor('en')).sort();
    for (const code of LANGUAGES) {
      const labels = labelsFor(code);
      expect(Object.keys(labels).sort()).toEqual(keys);
      expect(labels.lang).toBe(code);
      for (const [key, value] of Object.entries(labels)) {
        if (typeof value === 'string') expect(`${key}: ${value.trim()}`).not.toBe(`${key}: `);
      }
      expect(labels.translationIncomplete(4, 7)).toMatch(/4\D+7/);
    }
  });

  test('Russian counts agree with their numbers; English with one and many', () => {
    expect(labelsFor('ru').translationIncomplete(1, 5)).toBe('Перевод неполный. Требуют обновления: 1 блок. Не переведено: 5 блоков.');
    expect(labelsFor('ru').translationIncomplete(22, 11)).toContain('22 блока. Не переведено: 11 блоков.');
    expect(labelsFor('en').translationIncomplete(1, 2)).toBe('Incomplete translation: 1 block needs updating, 2 not translated');
    expect(labelsFor('en').translationIncomplete(3, 0)).toBe('Incomplete translation: 3 blocks need updating, 0 not translated');
  });
});

describe('a language version in every format', () => {
  test.each(['html', 'md', 'docx'] as const)('%s: the title page says it lags, the lagging sections are marked, the appendix follows the sections', async (format) => {
    const text = await readable(englishMaster(), format);
    expect(text).toContain('English version');
    expect(text).toContain('Incomplete translation: 2 blocks need updating, 3 not translated');
    expect(text.match(/translation incomplete/g)?.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain('English text regional-1');
    expect(text).not.toContain('Русский текст');
    const appendix = text.lastIndexOf('Appendix A. Glossary');
    expect(appendix).toBeGreaterThan(text.lastIndexOf('English text national-uz'));
    expect(text.indexOf('Migrant worker — a person who works abroad.')).toBeGreaterThan(appendix);
  });

  test('pdf: a lagging version with an appendix renders, one page more than without the appendix', async () => {
    const pages = (file: Buffer) => file.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    const withAppendix = await renderExport(englishMaster(), 'pdf', OPTIONS);
    const without = await renderExport({ ...englishMaster(), appendices: [] }, 'pdf', OPTIONS);
    expect(withAppendix.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages(withAppendix)).toBe(pages(without) + 1);
  });

  test('a complete translation carries no mark; a national language gets its own labels', async () => {
    const source = MemoryMasterSource.forOutline((outline) => ({ current: doc('Текст'), translations: { kk: { content: doc(`Мәтін ${outline.id}`), stale: 0, missing: 0 } } }));
    const document = source.load('current', undefined, 'ru', { language: { code: 'kk', source: 'ru' } });
    const html = await readable(document, 'html');
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('Қазақ тіліндегі нұсқа');
    expect(html).toContain('Мазмұны');
    expect(html).not.toContain('аударма толық емес');
    expect(html).not.toContain('Аударма толық емес');
  });

  test('without a language the file is as before: no language line, labels in the locale', async () => {
    const document = MemoryMasterSource.forOutline(() => ({ current: doc('Текст') })).load('current');
    const html = await readable(document, 'html');
    expect(html).not.toContain('English version');
    expect(html).toContain('Table of contents');
  });
});

test("a translation's file name says its language; the source's does not", () => {
  const date = new Date('2026-11-23T10:00:00Z');
  const request = { scope: 'master' as const, state: 'current' as const, format: 'pdf' as const };
  expect(exportFileName('Course', request, date, { code: 'en', translation: true })).toBe('Course_master_current_en_2026-11-23.pdf');
  expect(exportFileName('Course', request, date, { code: 'ru', translation: false })).toBe('Course_master_current_2026-11-23.pdf');
});
