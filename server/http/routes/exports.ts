/**
 * Exports: start one (the whole master or one section, current drafts or approved texts, in
 * DOCX, PDF, HTML or Markdown, in any of the workspace's languages), follow its progress, download
 * the file. Starting reads the text at once from the master source and queues the rendering as a
 * job; only its owner sees the job.
 */
import { Router } from 'express';
import { z } from 'zod';
import { LANGUAGES, type LanguageCode } from '../../../shared/languages';
import { DomainError } from '../../domain/errors';
import type { ExportJobs } from '../../exports/jobs';
import { EXPORT_FORMATS, type LoadOptions, type MasterSource } from '../../exports/model';
import { startExport } from '../../commands/start-export';
import { authorizeSection, authorizeWorkspace, currentPerson, sectionOr404, type Services } from '../context';
import { presentExportJob } from '../presenters';

export interface ExportDeps {
  source: MasterSource;
  jobs: ExportJobs;
}

const startExportBody = z.object({
  scope: z.string().trim().min(1, "say what to export: 'master' or a section id").max(100),
  state: z.enum(['current', 'approved']),
  format: z.enum(EXPORT_FORMATS),
  includeComments: z.boolean().default(false),
  includeApprovalRecord: z.boolean().default(false),
  /** With approved texts, false leaves sections without one out of the file. */
  includeUnapproved: z.boolean().default(true),
  /** Open suggestions left out or marked; by default DOCX marks them and the other formats leave them out. */
  suggestions: z.enum(['omit', 'mark']).optional(),
  /** The language of the document's fixed labels; the person's own language by default. */
  locale: z.enum(['en', 'ru']).optional(),
  /**
   * The language version to export (#19): the source language or a target of the workspace. Its
   * labels and titles follow it. Not given: the source text, labelled in `locale`.
   */
  language: z.enum(LANGUAGES).optional(),
  /** Appendices after the sections (#20). */
  includeGlossary: z.boolean().default(false),
  includeMatrix: z.boolean().default(false),
});

/** The language, when the workspace writes or translates in it; else a 400 naming those it has. */
function workspaceLanguage(services: Services, code: LanguageCode): { code: LanguageCode; source: LanguageCode } {
  const { source, targets } = services.commands.settings.languages();
  if (code !== source && !targets.includes(code)) {
    const known = [source, ...targets].join(', ');
    throw new DomainError(400, `language: the workspace has no ${code} version (its languages: ${known})`, 'no-such-language');
  }
  return { code, source };
}

/**
 * The master source as this request reads it: in its language, with its appendices. The export
 * command passes only the state, sections and locale; the rest is bound here.
 */
function sourceFor(source: MasterSource, options: LoadOptions): MasterSource {
  return { load: (state, sectionIds, locale) => source.load(state, sectionIds, locale, options) };
}

/** RFC 6266: an ASCII fallback name, and the exact name in UTF-8 for clients that read it. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function exportRoutes(services: Services, deps: ExportDeps): Router {
  const router = Router();

  router.post('/exports', (req, res) => {
    const input = startExportBody.parse(req.body);
    const language = input.language ? workspaceLanguage(services, input.language) : undefined;
    const section = input.scope === 'master' ? null : sectionOr404(services, input.scope);
    const person = section
      ? authorizeSection(services, res, 'export', section)
      : authorizeWorkspace(services, res, 'export-master');
    const source = sourceFor(deps.source, { language, appendices: { glossary: input.includeGlossary, matrix: input.includeMatrix } });
    const job = startExport(
      { audit: services.audit, jobs: deps.jobs, source },
      {
        section,
        state: input.state,
        format: input.format,
        includeComments: input.includeComments,
        includeApprovalRecord: input.includeApprovalRecord,
        includeUnapproved: input.includeUnapproved,
        suggestions: input.suggestions,
        // A language version's cross-references speak its language (Russian words for a national one).
        locale: language ? (language.code === 'en' ? 'en' : 'ru') : input.locale,
      },
      person,
    );
    res.status(202).json(presentExportJob(job));
  });

  router.get('/exports/:id', (req, res) => {
    const job = deps.jobs.find(req.params.id, currentPerson(res).id);
    if (!job) {
      res.status(404).json({ error: 'no such export', code: 'not-found' });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(presentExportJob(job));
  });

  router.get('/exports/:id/file', (req, res) => {
    const file = deps.jobs.file(req.params.id, currentPerson(res).id);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(file.body);
  });

  return router;
}
