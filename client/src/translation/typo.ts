/**
 * What changed in a source unit since its translation was made, word by word, and whether the
 * change is only a typo fix: at most 2 words and 6 characters changed. A substitution ("teh" →
 * "the") counts once, as the larger of what was removed and what was added.
 */
import { diffChars, diffWords } from 'diff';
import type { TranslationStatus } from '../../../shared/translations';

export interface SourceChange {
  parts: { value: string; added: boolean; removed: boolean }[];
  words: number;
  characters: number;
}

const wordCount = (value: string) => value.split(/\s+/).filter(Boolean).length;

export function sourceChange(before: string, after: string): SourceChange {
  const parts = diffWords(before, after).map((part) => ({ value: part.value, added: Boolean(part.added), removed: Boolean(part.removed) }));
  let removedWords = 0;
  let addedWords = 0;
  for (const part of parts) {
    if (part.removed) removedWords += wordCount(part.value);
    if (part.added) addedWords += wordCount(part.value);
  }
  let removedChars = 0;
  let addedChars = 0;
  for (const part of diffChars(before, after)) {
    if (part.removed) removedChars += part.value.length;
    if (part.added) addedChars += part.value.length;
  }
  return { parts, words: Math.max(removedWords, addedWords), characters: Math.max(removedChars, addedChars) };
}

export const TYPO_WORDS = 2;
export const TYPO_CHARACTERS = 6;

export function isTypoOnly(change: SourceChange): boolean {
  return change.characters > 0 && change.words <= TYPO_WORDS && change.characters <= TYPO_CHARACTERS;
}

/** Source units whose only change since their (stale) translation is a typo fix. */
export function typoOnlyUnits(status: TranslationStatus): string[] {
  return status.aligned
    .filter((unit) => unit.status === 'stale' && unit.previousText !== null && isTypoOnly(sourceChange(unit.previousText, unit.source.text)))
    .map((unit) => unit.source.id);
}
