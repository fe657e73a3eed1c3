/**
 * A section's translations (#19): progress per language, confirming after a source change, and
 * the XLIFF file out and back. The contract is in `shared/api/translations.ts`.
 *
 * The XLIFF address is `/sections/:id/translations/:file` with the file name matched here
 * (`<lang>.xliff`), rather than trusting how the router splits a `.` in a path. Its PUT is, with
 * the Word import, the one body that is not JSON: the text parser is on this route alone, after
 * the policy has said yes (a refused person's 10 MB is never read).
 */
import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { ApiErrorBody } from '../../../shared/api';
import { MAX_CONFIRM_BLOCKS, MAX_XLIFF_BYTES, XLIFF_MEDIA_TYPES } from '../../../shared/api/translations';
import { type LanguageCode, documentKey } from '../../../shared/languages';
import { DomainError } from '../../domain/errors';
import { DOCX_CONTENT_TYPE, sectionBilingualDocx } from '../../exports/bilingual/section-bilingual';
import type { Translations } from '../../domain/translations';
import { authorizeSection, sectionOr404, type Services } from '../context';
import { presentTranslationProgress, presentXliffImport } from '../presenters/translations';

export interface TranslationRouteDeps {
  translations: Translations;
}

const XLIFF_FILE = /^([a-z]{2,3})\.xliff$/;
/** The two-column Word file (source | translation) for people without translation tools. */
const BILINGUAL_FILE = /^([a-z]{2,3})\.docx$/;

/**
 * Each block with the hash of the source unit's text as the person saw it (`SourceUnit.hash`): a
 * confirm says "this translation is right for that text", so a source that changed meanwhile is
 * refused (409 `source-changed`) rather than confirmed unseen. Bare ids are no longer taken.
 */
const confirmedBlock = z.object({ id: z.string().min(1).max(64), hash: z.string().min(1).max(32) }).strict();
const confirmBody = z.union([
  z.object({ blocks: z.array(confirmedBlock).min(1, 'name at least one block').max(MAX_CONFIRM_BLOCKS) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** The language of an XLIFF file name; any other name is no such file. */
function languageOfFile(file: string): string {
  const match = XLIFF_FILE.exec(file);
  if (!match) throw new DomainError(404, 'no such file: a translation file is named <language>.xliff, e.g. en.xliff', 'not-found');
  return match[1];
}

export function translationRoutes(services: Services, deps: TranslationRouteDeps): Router {
  const router = Router();
  const { translations } = deps;

  router.get('/sections/:id/translations', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    res.json(translations.status(section.id).map(presentTranslationProgress));
  });

  router.post('/sections/:id/translations/:lang/confirm', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'edit', section);
    const body = confirmBody.parse(req.body);
    res.json(presentTranslationProgress(translations.confirm(section.id, req.params.lang, person, 'all' in body ? 'all' : body.blocks)));
  });

  router.get('/sections/:id/translations/:file', async (req, res, next) => {
    const match = BILINGUAL_FILE.exec(req.params.file);
    if (!match) return next();
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'read', section);
    // 404 for a language that is not a target; gives the source blocks their ids.
    translations.statusIn(section.id, match[1]);
    const lang = match[1] as LanguageCode;
    const { content, settings } = services.commands;
    const file = await sectionBilingualDocx(
      {
        section,
        sourceLanguage: settings.languages().source,
        targetLanguage: lang,
        source: content.snapshot(section.id).settled.json,
        translation: content.snapshot(documentKey(section.id, lang)).settled.json,
      },
      person.locale === 'ru' ? 'ru' : 'en',
    );
    res.setHeader('Content-Type', DOCX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.body);
  });

  router.get('/sections/:id/translations/:file', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    const file = translations.exportXliff(section.id, languageOfFile(req.params.file));
    res.setHeader('Content-Type', 'application/xliff+xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(file.xml);
  });

  const authorize: RequestHandler = (req, res, next) => {
    authorizeSection(services, res, 'import', sectionOr404(services, String(req.params.id)));
    languageOfFile(String(req.params.file));
    next();
  };
  const xliffFile = express.text({ type: [...XLIFF_MEDIA_TYPES], limit: MAX_XLIFF_BYTES });

  router.put('/sections/:id/translations/:file', authorize, xliffFile, (req, res) => {
    const section = sectionOr404(services, String(req.params.id));
    const person = authorizeSection(services, res, 'import', section);
    if (typeof req.body !== 'string') {
      res.status(415).json({ error: `Send the XLIFF file itself as the body, with Content-Type: ${XLIFF_MEDIA_TYPES[0]}.`, code: 'xliff-required' } satisfies ApiErrorBody);
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(presentXliffImport(translations.importXliff(section.id, languageOfFile(String(req.params.file)), person, req.body)));
  });

  /** The refusal only this route makes; the rest go on to the house error handler. */
  const tooLarge: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if ((error as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: `This file is larger than ${MAX_XLIFF_BYTES / 1024 / 1024} MB, the most an XLIFF import takes.`, code: 'file-too-large' } satisfies ApiErrorBody);
    } else next(error);
  };
  router.use('/sections/:id/translations/:file', tooLarge);
  return router;
}
