/**
 * Counted nouns in either language: English has one form for 1 and another for the rest, Russian
 * three (1 раздел, 2 раздела, 5 разделов; 21 раздел, 22 раздела, 25 разделов). The catalogue holds
 * every form of such a message under `<base>.one|few|many|other`; Intl.PluralRules picks the form,
 * and `{count}` is the number as the language writes it.
 */
import { translate } from './index';
import type { Locale, MessageKey } from './index';

/** The catalogue keys that have plural forms, without their `.one|few|many|other` ending. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export type PluralForm = 'one' | 'few' | 'many' | 'other';

/** The catalogue form for `count` in `locale`; forms a language has but the catalogue does not ('zero', 'two') read as 'other'. */
export function pluralForm(locale: Locale, count: number): PluralForm {
  const form = new Intl.PluralRules(locale).select(count);
  return form === 'one' || form === 'few' || form === 'many' ? form : 'other';
}

/** The message `<base>.<form>` for `count`, with `{count}` and any other `params` filled in. */
export function translatePlural(locale: Locale, base: PluralBase, count: number, params: Record<string, string | number> = {}): string {
  return translate(locale, `${base}.${pluralForm(locale, count)}` as MessageKey, { ...params, count: count.toLocaleString(locale) });
}
