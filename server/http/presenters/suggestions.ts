/** Suggestions: the open ones of a section, and what a decision decided. */
import type { OpenSuggestion, SuggestionDecision } from '../../../shared/api/suggestions';

export function presentSuggestion(suggestion: OpenSuggestion): OpenSuggestion {
  return {
    id: suggestion.id,
    author: suggestion.author,
    authorName: suggestion.authorName,
    kind: suggestion.kind,
    text: suggestion.text,
    at: suggestion.at,
  };
}

export function presentSuggestionDecision(decision: SuggestionDecision): SuggestionDecision {
  return { decision: decision.decision, count: decision.count, ids: [...decision.ids] };
}
