/** What the owner of an export job sees of it. */
import type { ExportJob } from '../../../shared/api/exports';

export function presentExportJob(job: ExportJob): ExportJob {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    fileName: job.fileName,
    error: job.error,
    expiresAt: job.expiresAt,
  };
}
