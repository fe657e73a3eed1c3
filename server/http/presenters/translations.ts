/** A section's translations as the client sees them (#19). */
import type { TranslationCounts, TranslationProgress, XliffImportResult } from '../../../shared/api/translations';

const presentCounts = (counts: TranslationCounts): TranslationCounts => ({ blocks: counts.blocks, stale: counts.stale, missing: counts.missing });

export function presentTranslationProgress(progress: TranslationProgress): TranslationProgress {
  return {
    lang: progress.lang,
    blocks: progress.blocks,
    current: progress.current,
    stale: progress.stale,
    missing: progress.missing,
    orphaned: progress.orphaned,
    againstApproved: progress.againstApproved === 'unknown' ? 'unknown' : progress.againstApproved ? presentCounts(progress.againstApproved) : null,
  };
}

export function presentXliffImport(result: XliffImportResult): XliffImportResult {
  return { updated: result.updated, inserted: result.inserted, unchanged: result.unchanged };
}
