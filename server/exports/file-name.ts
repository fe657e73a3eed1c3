/**
 * Names of exported files: course, scope, state and date, in ASCII letters, digits and dashes so
 * every mail client, file system and archive keeps them intact, e.g.
 * `International-Migration-Law-and-Return-Migration_master_approved_2026-11-23.docx`.
 */
import type { ExportRequest } from './model';

/** Letters without their accents, everything else that is not [A-Za-z0-9] as one dash. */
export function asciiSlug(value: string, fallback: string): string {
  const slug = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

export function exportFileName(courseTitle: string, request: Pick<ExportRequest, 'scope' | 'state' | 'format'>, date: Date): string {
  const scope = request.scope === 'master' ? 'master' : asciiSlug(request.scope.sectionId, 'section').toLowerCase();
  const day = date.toISOString().slice(0, 10);
  return `${asciiSlug(courseTitle, 'syllabus')}_${scope}_${request.state}_${day}.${request.format}`;
}
