/**
 * "Accept all" / "reject all": every open suggestion of a section, or every one by one author, as
 * one change of the text, with one audit row and one notification per suggester. Not one
 * transaction, for the reason `decide-suggestion.ts` gives.
 */
import type { SuggestionDecision } from '../../shared/api/suggestions';
import type { PersonRecord } from '../domain/people';
import type { Section } from '../domain/sections';
import type { SuggestionDecisionKind } from '../domain/suggestions';
import { type SuggestionCommandContext, recordDecision } from './decide-suggestion';

export function decideAllSuggestions(
  context: SuggestionCommandContext,
  input: { section: Section; decision: SuggestionDecisionKind; author?: number; lang?: string },
  actor: PersonRecord,
): SuggestionDecision {
  // `lang`: the open suggestions of that translation (#19), each language version deciding its own.
  const ids = context.suggestions
    .list(input.section.id, input.lang)
    .filter((suggestion) => input.author === undefined || suggestion.author === input.author)
    .map((suggestion) => suggestion.id);
  const decided = context.suggestions.decide(input.section.id, ids, input.decision, actor.id, input.lang);
  return recordDecision(context, { section: input.section, decision: input.decision, decided, author: input.author }, actor);
}
