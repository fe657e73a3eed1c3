/** A language's name as the interface's language says it ("English" / "английский"). */
import { LANGUAGE_NAMES, isLanguageCode } from '../../../shared/languages';
import { locale } from '../i18n';

export function languageName(lang: string): string {
  if (!isLanguageCode(lang)) return lang;
  const names = LANGUAGE_NAMES[lang];
  return locale() === 'ru' ? names.ru : names.en;
}
