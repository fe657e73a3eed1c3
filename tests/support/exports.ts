/** Starting an export over HTTP, following its job until the file is ready, and reading the file. */
import type { ExportJob, ExportRequest } from '../../shared/api';
import { api } from './workspace';

/** The exported file as text (HTML or Markdown); fails the test on a refusal or a failed job. */
export async function exportedText(url: string, cookie: string, request: ExportRequest): Promise<string> {
  const as = api(url, cookie);
  const started = await as('POST', '/exports', request);
  if (started.status !== 202) throw new Error(`export not started: ${started.status} ${JSON.stringify(started.body)}`);
  const { id } = started.body as ExportJob;
  for (let attempt = 0; ; attempt++) {
    const job = (await as('GET', `/exports/${id}`)).body as ExportJob;
    if (job.status === 'done') break;
    if (job.status === 'failed' || attempt >= 500) throw new Error(job.error ?? 'the export did not finish');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const file = await fetch(`${url}/api/exports/${id}/file`, { headers: { Cookie: cookie } });
  if (file.status !== 200) throw new Error(`export file: ${file.status}`);
  return file.text();
}
