/**
 * A section's translations (#19): how far each language version is, confirming translations
 * after a source change, and XLIFF 2.0 files for translators' CAT tools.
 *
 * - `GET /api/sections/:id/translations` (who may read the section) answers `TranslationProgress[]`,
 *   one entry per target language of the workspace, in the order the coordinators listed them.
 * - `POST /api/sections/:id/translations/:lang/confirm` with `ConfirmTranslations` (who may edit the
 *   text directly, so not in "suggestions only") marks the listed source units' translations as
 *   made from the source as it is now, and answers that language's `TranslationProgress`. Refusals:
 *   404 unknown section or language, 422 `unknown-blocks`, 409 `not-translated`.
 * - `GET /api/sections/:id/translations/<lang>.xliff` (read) answers the XLIFF 2.0 file
 *   (`Content-Type: application/xliff+xml`, as an attachment).
 * - `PUT` of the same address (who may import into the section) takes the file back as the body
 *   (`application/xliff+xml` or `application/xml`, at most `MAX_XLIFF_BYTES`) and answers
 *   `XliffImportResult`. Refusals: 415 another media type, 413 too large, 422 `not-xliff` or
 *   `language-mismatch`, 409 `ids-mismatch` (nothing is written).
 *
 * A unit is a paragraph or heading of the source with text; see `shared/translations.ts`.
 */
import type { LanguageCode } from '../languages';

/** How many source units a translation covers, against one text of the source. */
export interface TranslationCounts {
  /** Source units with text: current + stale + missing. */
  blocks: number;
  /** Translated, but from an older source text (or never confirmed). */
  stale: number;
  /** Not translated. */
  missing: number;
}

/** One language version of a section. */
export interface TranslationProgress extends TranslationCounts {
  lang: LanguageCode;
  current: number;
  /** Translated blocks whose source unit was merged into another, emptied or deleted. */
  orphaned: number;
  /** The same against the approved source text; null while the section has no approved text. */
  /** Against the approved source text: null while there is none; 'unknown' for a text approved before its blocks had ids. */
  againstApproved: TranslationCounts | 'unknown' | null;
}

/** Confirm the translations of these source units (1 to 500 ids), or of every translated unit. */
/** Each unit with the hash of the source text the person saw: a source changed since is refused (409 `source-changed`). */
export type ConfirmTranslations = { blocks: { id: string; hash: string }[] } | { all: true };

/** What an XLIFF import did, counted in source units. */
export interface XliffImportResult {
  /** Units whose translation was replaced by the file's. */
  updated: number;
  /** Units that had no translation block and got one. */
  inserted: number;
  /** Units the file leaves as they were (no target, or the target the export wrote). */
  unchanged: number;
}

/** The media types an XLIFF file is taken with. */
export const XLIFF_MEDIA_TYPES = ['application/xliff+xml', 'application/xml'] as const;

/** The largest XLIFF file taken. */
export const MAX_XLIFF_BYTES = 10 * 1024 * 1024;

/** The most source units one confirm names. */
export const MAX_CONFIRM_BLOCKS = 500;
