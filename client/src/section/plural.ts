/**
 * Counted nouns in the interface language: English has one form for 1 and another for the rest,
 * Russian three (1 правка, 2 правки, 5 правок). The catalogue holds every form of such a message
 * under `<base>.one|few|many|other`; Intl.PluralRules picks the form.
 */
import type { MessageKey } from '../../../shared/i18n';
import { locale, t } from '../i18n';

type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

export function plural(base: PluralBase, count: number): string {
  const form = new Intl.PluralRules(locale()).select(count);
  const known = form === 'one' || form === 'few' || form === 'many' ? form : 'other';
  return t(`${base}.${known}` as MessageKey, { count: count.toLocaleString(locale()) });
}
