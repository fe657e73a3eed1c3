/** The four export formats: how each is rendered, and what the downloaded file is. */
import { renderDocx } from './docx/docx';
import { renderHtml } from './html/html';
import { renderMarkdown } from './markdown/markdown';
import type { ExportFormat, MasterDocument, RenderOptions, SectionProgress } from './model';
import { renderPdf } from './pdf/pdf';

export interface Format {
  extension: string;
  contentType: string;
  render(document: MasterDocument, options: RenderOptions, onProgress?: SectionProgress): Promise<Buffer | string>;
}

export const FORMATS: Record<ExportFormat, Format> = {
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderDocx,
  },
  pdf: { extension: 'pdf', contentType: 'application/pdf', render: renderPdf },
  html: { extension: 'html', contentType: 'text/html; charset=utf-8', render: renderHtml },
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8', render: renderMarkdown },
};

/** Renders the document in the format; text formats come back as UTF-8 bytes. */
export async function renderExport(
  document: MasterDocument,
  format: ExportFormat,
  options: RenderOptions,
  onProgress?: SectionProgress,
): Promise<Buffer> {
  const result = await FORMATS[format].render(document, options, onProgress);
  return typeof result === 'string' ? Buffer.from(result, 'utf8') : result;
}
