/**
 * Importing a Word file into a section (#18): `POST /api/sections/:id/import`, the .docx bytes as
 * the body (`?dryRun=1` for the preview only; `?mode=replace` for an empty section). The contract
 * is in `shared/api/imports.ts`.
 *
 * The one route whose body is not JSON: the raw body parser is on this route alone, after the
 * policy has said yes (a refused person's 20 MB is never read), with its own size limit. Every
 * refusal is the house JSON error, and nothing is written before the file passed every check.
 */
import express, { type ErrorRequestHandler, type RequestHandler, Router } from 'express';
import { z } from 'zod';
import type { ApiErrorBody } from '../../../shared/api';
import { DOCX_MEDIA_TYPE, type ImportPreview, MAX_IMPORT_BYTES } from '../../../shared/api/imports';
import { importSection } from '../../commands/import-section';
import type { SectionStore } from '../../domain/section-store';
import { ConverterBusy, WordConverter } from '../../imports/converter';
import { ImportRefused } from '../../imports/errors';
import { authorizeSection, sectionOr404, type Services } from '../context';

export interface ImportDeps {
  store: SectionStore;
  /** Where Word files are converted (tests give one of their own); one per server by default. */
  converter?: WordConverter;
}

const importQuery = z.object({
  dryRun: z.enum(['1', 'true', '0', 'false']).optional(),
  mode: z.enum(['append', 'replace']).default('append'),
  /** Appending at the cursor: the file goes before the top-level block of this index (0 = first). */
  at: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

export function importRoutes(services: Services, deps: ImportDeps): Router {
  const router = Router();
  const converter = deps.converter ?? new WordConverter();
  const context = { ...services.commands, store: deps.store, comments: services.comments, converter };

  const authorize: RequestHandler = (req, res, next) => {
    authorizeSection(services, res, 'import', sectionOr404(services, String(req.params.id)));
    next();
  };
  const wordFile = express.raw({ type: DOCX_MEDIA_TYPE, limit: MAX_IMPORT_BYTES });

  router.post('/sections/:id/import', authorize, wordFile, async (req, res) => {
    const section = sectionOr404(services, String(req.params.id));
    const person = authorizeSection(services, res, 'import', section);
    const query = importQuery.parse(req.query);
    if (!Buffer.isBuffer(req.body)) {
      res.status(415).json({ error: `Send the Word file itself as the body, with Content-Type: ${DOCX_MEDIA_TYPE}.`, code: 'docx-required' } satisfies ApiErrorBody);
      return;
    }
    if (req.body.length === 0) {
      res.status(400).json({ error: 'The file is empty.', code: 'empty-file' } satisfies ApiErrorBody);
      return;
    }
    const preview: ImportPreview = await importSection(
      context,
      { section, bytes: req.body, mode: query.mode, at: query.at, dryRun: query.dryRun === '1' || query.dryRun === 'true' },
      person,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json(preview);
  });

  /** The refusals only this route makes; the rest go on to the house error handler. */
  const refusals: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (error instanceof ImportRefused) {
      res.status(error.status).json({ error: error.message, code: error.code } satisfies ApiErrorBody);
    } else if ((error as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: `This file is larger than ${MEGABYTES} MB, the most an import takes. Import the document in parts.`, code: 'file-too-large' } satisfies ApiErrorBody);
    } else if (error instanceof ConverterBusy) {
      res.setHeader('Retry-After', '30');
      res.status(503).json({ error: error.message, code: 'busy' } satisfies ApiErrorBody);
    } else next(error);
  };
  router.use('/sections/:id/import', refusals);
  return router;
}
