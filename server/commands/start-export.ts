/**
 * Starting an export: the text is read now (the whole master or one section, drafts or approved
 * texts) and the rendering is queued as a job that only its owner sees; the export is audited.
 * The job lives in memory, so there is no transaction to share with the audit row.
 */
import type { ExportJob, ExportJobs } from '../exports/jobs';
import type { ExportRequest, MasterSource } from '../exports/model';
import type { AuditLog } from '../domain/audit';
import type { PersonRecord } from '../domain/people';
import type { Section } from '../domain/sections';

export interface ExportContext {
  audit: AuditLog;
  /** Read with the export's locale: the server's source gives the titles in that language. */
  source: MasterSource;
  jobs: ExportJobs;
}

export interface StartExportInput extends Omit<ExportRequest, 'scope' | 'locale'> {
  /** The section to export, or null for the whole master document. */
  section: Section | null;
  /** The language of the document's fixed labels; the person's own language when not given. */
  locale?: ExportRequest['locale'];
  suggestions?: ExportRequest['suggestions'];
}

export function startExport(context: ExportContext, input: StartExportInput, actor: PersonRecord): ExportJob {
  const { section } = input;
  const request: ExportRequest = {
    scope: section ? { sectionId: section.id } : 'master',
    state: input.state,
    format: input.format,
    includeComments: input.includeComments,
    includeApprovalRecord: input.includeApprovalRecord,
    includeUnapproved: input.includeUnapproved ?? true,
    suggestions: input.suggestions,
    locale: input.locale ?? (actor.locale === 'ru' ? 'ru' : 'en'),
  };
  const document = context.source.load(input.state, section ? [section.id] : undefined, request.locale);
  const job = context.jobs.create(request, actor.id, document);
  context.audit.record({
    actorId: actor.id,
    action: 'export',
    target: section ? `section:${section.id}` : 'workspace',
    detail: { format: request.format, state: request.state, includeComments: request.includeComments, includeUnapproved: request.includeUnapproved },
  });
  return job;
}
