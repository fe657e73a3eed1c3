/**
 * A section's source and one translation side by side (#19), as rows for people who translate
 * without translation tools: one row per source unit (paragraph or heading with text) in source
 * order, its translation beside it, aligned by block id as the stale flags are
 * (`translationStatus`). Translation blocks linked to no current unit (orphans) stay with the row
 * they follow, so nothing of the translation is left out.
 */
import { type DocumentJson, type UnitStatus, translationStatus } from '../../../shared/translations';

export interface BilingualRow {
  /** The source unit's id: the XLIFF unit id too. */
  id: string;
  kind: 'paragraph' | 'heading';
  source: string;
  /** The unit's translation (more than one linked block joined by line breaks); '' when missing. */
  translation: string;
  status: UnitStatus;
}

export interface BilingualTable {
  rows: BilingualRow[];
  /** Translation text that precedes every linked block, linked to nothing: shown before the rows. */
  leading: string;
  counts: { blocks: number; stale: number; missing: number };
}

/** The rows of a section in a language, from the settled source and the settled translation. */
export function bilingualRows(settledSource: DocumentJson, settledTranslation: DocumentJson): BilingualTable {
  const status = translationStatus(settledSource, settledTranslation);
  const texts = (units: { text: string }[]) => units.map((unit) => unit.text).filter((text) => text !== '');
  return {
    rows: status.aligned.map((unit) => ({
      id: unit.source.id,
      kind: unit.source.kind,
      source: unit.source.text,
      translation: [...texts(unit.translations), ...texts(unit.orphans)].join('\n'),
      status: unit.status,
    })),
    leading: texts(status.leading).join('\n'),
    counts: { blocks: status.blocks, stale: status.stale, missing: status.missing },
  };
}
