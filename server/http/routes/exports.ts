/**
 * Exports: start one (the whole master or one section, current drafts or approved texts, in
 * DOCX, PDF, HTML or Markdown), follow its progress, download the file. Starting reads the text
 * at once from the master source and queues the rendering as a job; only its owner sees the job.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { ExportJobs } from '../../exports/jobs';
import { EXPORT_FORMATS, type MasterSource } from '../../exports/model';
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
});

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
    const section = input.scope === 'master' ? null : sectionOr404(services, input.scope);
    const person = section
      ? authorizeSection(services, res, 'export', section)
      : authorizeWorkspace(services, res, 'export-master');
    const job = startExport(
      { audit: services.audit, ...deps },
      {
        section,
        state: input.state,
        format: input.format,
        includeComments: input.includeComments,
        includeApprovalRecord: input.includeApprovalRecord,
        includeUnapproved: input.includeUnapproved,
        suggestions: input.suggestions,
        locale: input.locale,
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
