/**
 * The master-level text every format shows the same way: section numbers and headings, the status
 * lines of the title page, dates, and the rows of the approval record.
 */
import { type ExportLabels, statusLabel } from './labels';
import type { ExportAppendix, ExportSection, MasterDocument, RenderOptions } from './model';
import { sectionNumberOf } from '../../shared/references';

/** "1.3" for the third regional module, "2.1" for the first national section. */
export function sectionNumber(section: ExportSection): string {
  return sectionNumberOf(section);
}

export function sectionHeading(section: ExportSection): string {
  return `${sectionNumber(section)} ${section.title}`;
}

/** Whether a section's translation lags its source (#19): some blocks stale or not translated. */
export function isIncomplete(section: ExportSection): boolean {
  return section.translation !== undefined && section.translation.stale + section.translation.missing > 0;
}

/** A section's entry in the contents: its heading, marked when its translation lags. */
export function contentsEntry(section: ExportSection, labels: ExportLabels): string {
  return isIncomplete(section) ? `${sectionHeading(section)} (${labels.sectionIncomplete})` : sectionHeading(section);
}

/**
 * The title page's lines about the file's language (#19): which language version it is, and for
 * a translation that lags, how many blocks need work. None when the request named no language.
 */
export function languageLines(document: MasterDocument, labels: ExportLabels): { version: string; incomplete: string | null } | null {
  const language = document.language;
  if (!language) return null;
  const { stale, missing } = language.incomplete;
  return { version: labels.languageVersion, incomplete: language.translation && stale + missing > 0 ? labels.translationIncomplete(stale, missing) : null };
}

/** The appendices the file holds after its sections (#20), in order. */
export function appendicesOf(document: MasterDocument): ExportAppendix[] {
  return document.appendices ?? [];
}

/** The anchor of an appendix in HTML and PDF. */
export function appendixAnchor(appendix: ExportAppendix): string {
  return `appendix-${appendix.key}`;
}

/** The anchor of a section in HTML and PDF: derived from its id, limited to safe characters. */
export function sectionAnchor(section: ExportSection): string {
  return `section-${section.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** "Part 1 — Unified theoretical framework": the part's title as the document names it. */
export function partHeading(document: MasterDocument, labels: ExportLabels, part: 1 | 2): string {
  const title = document.partTitles?.[part]?.trim() || labels.partTitle[part];
  return `${labels.part(part)} — ${title}`;
}

/**
 * Whether a section is left out of the file: approved texts only were asked for, without drafts,
 * and it has no approved text. The title page still lists it, saying why it is missing.
 */
export function isLeftOut(section: ExportSection, options: Pick<RenderOptions, 'includeUnapproved'>): boolean {
  return options.includeUnapproved === false && section.state === 'draft-unapproved';
}

/** The sections whose text the file holds, in master order. */
export function includedSections(document: MasterDocument, options: Pick<RenderOptions, 'includeUnapproved'>): ExportSection[] {
  return document.sections.filter((section) => !isLeftOut(section, options));
}

/**
 * "Approved", or "Approved (changed after approval)" when the text moved on since; a section left
 * out of the file says so ("In review — not included: no approved text yet").
 */
export function statusLine(labels: ExportLabels, section: ExportSection, leftOut = false): string {
  const status = statusLabel(labels, section.status);
  const line = section.stale ? `${status} (${labels.staleApproval})` : status;
  return leftOut ? `${line} — ${labels.notIncluded}` : line;
}

/** A calendar date in the export's language, in UTC so every server prints the same day. */
export function formatDate(labels: ExportLabels, date: Date): string {
  return new Intl.DateTimeFormat(labels.lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** An unambiguous timestamp for records: "2026-11-23 14:05 UTC". Unparseable input is shown as is. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How much of a version hash the record shows: enough to tell versions apart, short enough to read. */
export const HASH_PREFIX_LENGTH = 12;

export interface ApprovalRow {
  section: string;
  organisation: string;
  reviewer: string;
  decidedAt: string;
  version: string;
}

/** One row per approval, in master order, oldest first within a section. */
export function approvalRows(document: MasterDocument): ApprovalRow[] {
  return document.sections.flatMap((section) =>
    [...section.approvals]
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))
      .map((approval) => ({
        section: sectionHeading(section),
        organisation: approval.organisation,
        reviewer: approval.reviewer,
        decidedAt: formatTimestamp(approval.decidedAt),
        version: approval.versionHash.slice(0, HASH_PREFIX_LENGTH),
      })),
  );
}

/** The approval record's column titles, in the order of `ApprovalRow`'s fields. */
export function approvalColumns(labels: ExportLabels): string[] {
  const c = labels.columns;
  return [c.section, c.organisation, c.reviewer, c.decidedAt, c.version];
}

export function approvalCells(row: ApprovalRow): string[] {
  return [row.section, row.organisation, row.reviewer, row.decidedAt, row.version];
}
