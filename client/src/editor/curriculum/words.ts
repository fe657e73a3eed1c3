/**
 * The syllabus-structure messages in the reader's language. They come from this feature's own
 * catalogue (`shared/i18n/curriculum.*.ts`, merged into the app's catalogue as well), read here
 * directly so the editor's totals never depend on the order in which catalogues are merged.
 */
import { curriculumEn } from '../../../../shared/i18n/curriculum.en';
import { curriculumRu } from '../../../../shared/i18n/curriculum.ru';
import { locale } from '../../i18n';

export type CurriculumWord = keyof typeof curriculumEn;

/** The message for `key` in the current language, with `{name}` filled from `params`. */
export function say(key: CurriculumWord, params: Record<string, string | number> = {}): string {
  const template = (locale() === 'ru' ? curriculumRu : curriculumEn)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Hours and weights as the reader's language writes decimals ("1.5" / "1,5"). */
export function number(value: number): string {
  return value.toLocaleString(locale(), { maximumFractionDigits: 2 });
}
