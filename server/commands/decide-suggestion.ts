/**
 * Accepting or rejecting one suggestion: the change to the text, the audit row and the
 * suggester's notification.
 *
 * Not one transaction, on purpose (as a restore): the change to the text is stored and broadcast
 * to everyone editing the moment it is made (`SectionStore.change`), and a rollback after that
 * would take back a change people have already seen. The audit row and the notification follow
 * as one transaction of their own.
 */
import type { OpenSuggestion, SuggestionDecision } from '../../shared/api/suggestions';
import type { PersonRecord } from '../domain/people';
import type { Section } from '../domain/sections';
import { DECISION_AUDIT_ACTIONS, type SuggestionDecisionKind, type Suggestions } from '../domain/suggestions';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

/** What deciding suggestions is done with. */
export type SuggestionCommandContext = Pick<CommandContext, 'db' | 'events' | 'audit'> & { suggestions: Suggestions };

export function decideSuggestion(
  context: SuggestionCommandContext,
  input: { section: Section; suggestion: OpenSuggestion; decision: SuggestionDecisionKind; lang?: string },
  actor: PersonRecord,
): SuggestionDecision {
  // `lang`: the suggestion is in that translation of the section (#19); its source text otherwise.
  const decided = context.suggestions.decide(input.section.id, [input.suggestion.id], input.decision, actor.id, input.lang);
  return recordDecision(context, { section: input.section, decision: input.decision, decided }, actor);
}

/**
 * After the text changed: the audit row (`detail.suggestions` lists the ids decided, which is how
 * a later attempt on one of them is told "decided already") and the suggesters' notifications.
 */
export function recordDecision(
  context: SuggestionCommandContext,
  input: { section: Section; decision: SuggestionDecisionKind; decided: OpenSuggestion[]; author?: number },
  actor: PersonRecord,
): SuggestionDecision {
  const ids = input.decided.map((suggestion) => suggestion.id);
  if (ids.length > 0) {
    inTransaction(context, () => {
      context.audit.record({
        actorId: actor.id,
        action: DECISION_AUDIT_ACTIONS[input.decision],
        target: `section:${input.section.id}`,
        detail: {
          suggestions: ids,
          authors: [...new Set(input.decided.map((suggestion) => suggestion.author))],
          ...(input.author !== undefined ? { onlyBy: input.author } : {}),
        },
      });
      context.suggestions.tellAuthors(input.section.id, input.decided, input.decision, actor.id);
    });
  }
  return { decision: input.decision, count: ids.length, ids };
}
