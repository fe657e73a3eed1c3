/**
 * The glossary appendix (#20): every entry of the shared glossary with its term in every language
 * and script it has, its definition, source, status and who proposed it, in the export's
 * language. Entries are ordered by their term in the export's language (then Russian), as a
 * reader looks them up. Each entry's heading carries the entry's id as its block id: the exports
 * link a text's `glossary_term` to it (content.ts, `GlossaryAnchors`).
 */
import type { Node } from 'prosemirror-model';
import { LANGUAGES, type LanguageCode } from '../../../shared/languages';
import type { GlossaryEntry } from '../../../shared/api/glossary';
import { paragraph } from '../master-nodes';
import type { ExportAppendix } from '../model';
import { appendixContent, heading, labelled, table } from './appendix-nodes';
import type { CurriculumLabels } from './curriculum-labels';

/** What the appendix needs of an entry (`GET /api/glossary` answers more). */
export type GlossaryAppendixEntry = Pick<GlossaryEntry, 'id' | 'terms' | 'definition' | 'source' | 'status'> & {
  proposedBy?: { name: string } | null;
};

/** The term a reader of `lang` looks for: theirs, else Russian (the working language), else any. */
export function headTerm(entry: Pick<GlossaryEntry, 'terms'>, lang: string): string {
  const terms = entry.terms as Record<string, string | undefined>;
  const own = terms[lang]?.trim() || terms.ru?.trim();
  return own || LANGUAGES.map((code) => terms[code]?.trim()).find(Boolean) || '';
}

function entryBlocks(entry: GlossaryAppendixEntry, lang: string, labels: CurriculumLabels): Node[] {
  const rows = LANGUAGES.flatMap((code: LanguageCode) => {
    const term = entry.terms[code]?.trim();
    return term ? [[labels.glossary.languageName(code), term]] : [];
  });
  const proposer = entry.proposedBy?.name?.trim() ?? '';
  return [
    heading(1, headTerm(entry, lang), entry.id),
    ...(rows.length ? [table({ head: [labels.glossary.language, labels.glossary.term], rows, widths: [30, 70] })] : []),
    ...labelled(labels.glossary.definition, entry.definition),
    ...labelled(labels.glossary.source, entry.source),
    ...labelled(labels.glossary.status, labels.glossary.statuses[entry.status] ?? entry.status),
    ...labelled(labels.glossary.proposedBy, proposer),
  ];
}

export function glossaryAppendix(entries: readonly GlossaryAppendixEntry[], lang: string, labels: CurriculumLabels, letter: string): ExportAppendix {
  const sorted = [...entries].sort((a, b) => headTerm(a, lang).localeCompare(headTerm(b, lang), lang));
  return {
    key: 'glossary',
    title: labels.appendix(letter, labels.glossary.title),
    content: appendixContent(sorted.length ? sorted.flatMap((entry) => entryBlocks(entry, lang, labels)) : [paragraph(labels.glossary.empty)]),
  };
}
