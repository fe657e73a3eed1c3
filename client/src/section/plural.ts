/**
 * Counted nouns in the interface language (1 правка, 2 правки, 5 правок): the catalogue holds every
 * form under `<base>.one|few|many|other` and `shared/i18n/plural.ts` picks one.
 */
export { plural } from '../i18n';
