/**
 * Names of exported files: course, scope, state and date, in ASCII letters, digits and dashes so
 * every mail client, file system and archive keeps them intact, e.g.
 * `International-Migration-Law-and-Return-Migration_master_approved_2026-11-23.docx`, or for a
 * Russian export `Mezhdunarodnoe-migratsionnoe-pravo-i-vozvratnaya-migratsiya_master_current_….pdf`.
 * Cyrillic is transliterated rather than dropped: a Russian title would otherwise leave nothing.
 * (The download also carries the name in UTF-8, RFC 5987 `filename*`, but the name is ASCII.)
 */
import type { ExportLanguage, ExportRequest } from './model';

/**
 * Cyrillic letters in Latin: Russian as in the common passport romanisation (ж zh, х kh, ц ts,
 * щ shch), and the letters of Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic as in their own Latin
 * spellings where one exists (қ q, ғ gh, ң ng, ҷ j, ў u).
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'gh', қ: 'q', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', ӣ: 'i', ӯ: 'u', ҳ: 'h',
  ҷ: 'j', ў: 'u',
};

function transliterate(value: string): string {
  return value.replace(/[\u0400-\u04ff]/g, (char) => {
    const lower = char.toLowerCase();
    const latin = CYRILLIC[lower] ?? '';
    return char !== lower && latin ? latin[0].toUpperCase() + latin.slice(1) : latin;
  });
}

/** Cyrillic in Latin letters, Latin without accents, everything else not [A-Za-z0-9] as one dash. */
export function asciiSlug(value: string, fallback: string): string {
  const slug = transliterate(value.normalize('NFC'))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** A translation's file says its language after the state (`…_master_current_en_2026-11-23.pdf`). */
export function exportFileName(
  courseTitle: string,
  request: Pick<ExportRequest, 'scope' | 'state' | 'format'>,
  date: Date,
  language?: Pick<ExportLanguage, 'code' | 'translation'>,
): string {
  const scope = request.scope === 'master' ? 'master' : asciiSlug(request.scope.sectionId, 'section').toLowerCase();
  const day = date.toISOString().slice(0, 10);
  const lang = language?.translation ? `_${language.code}` : '';
  return `${asciiSlug(courseTitle, 'syllabus')}_${scope}_${request.state}${lang}_${day}.${request.format}`;
}
