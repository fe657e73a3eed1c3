/**
 * Which language version of a section a request is about (#19): comments and suggestions name a
 * translation by its language code, and the source by nothing at all ('' is the source's document,
 * as in `documentKey`). A code the workspace does not translate into is a 404, as the collab
 * endpoint answers it, so nothing is ever stored against a document that cannot be opened.
 */
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import type { Services } from '../context';

/** What a route may send: absent or '' for the source, else a short lower-case code. */
export const languageField = z
  .string()
  .trim()
  .max(8)
  .regex(/^([a-z]{2,3})?$/, 'a language code such as en')
  .optional();

/** The language version named, checked against the workspace's targets; '' for the source. */
export function documentLanguage(services: Services, lang: string | undefined): string {
  if (!lang) return '';
  if (!(services.commands.settings.languages().targets as string[]).includes(lang)) {
    throw new DomainError(404, `no ${lang} version: the workspace does not translate into that language`, 'no-such-language');
  }
  return lang;
}
