/**
 * Suggestions in a section's text: list the open ones, accept or reject one, accept or reject
 * all (or all of one author's). Accepting is for whoever the policy lets accept; rejecting also
 * for the suggestion's own author.
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { SectionRef } from '../../../shared/policy';
import { decideAllSuggestions } from '../../commands/decide-all-suggestions';
import { decideSuggestion } from '../../commands/decide-suggestion';
import { DomainError } from '../../domain/errors';
import { type SuggestionDecisionKind, type Suggestions, mayDecideSuggestion } from '../../domain/suggestions';
import { authorizeSection, currentPerson, sectionOr404, type Services } from '../context';
import { presentSuggestion, presentSuggestionDecision } from '../presenters';
import { documentLanguage, languageField } from './document-language';

export interface SuggestionDeps {
  suggestions: Suggestions;
}

const suggestionId = z.string().min(1).max(200);
/** The section may be named, or left out (`{}`): the server then finds the suggestion itself. */
const decisionBody = z.object({ sectionId: z.string().trim().min(1).max(100).optional(), lang: languageField });
const bulkBody = z.object({ author: z.number().int().positive().optional(), lang: languageField });
/** `?lang=` on the list: a translation's suggestions (#19). */
const listQuery = z.object({ lang: languageField });
const DECISIONS = [
  ['accept', 'accepted'],
  ['reject', 'rejected'],
] as const;

export function suggestionRoutes(services: Services, deps: SuggestionDeps): Router {
  const router = Router();
  const { suggestions } = deps;
  const context = { ...services.commands, suggestions };

  /**
   * Asks the policy (through `mayDecideSuggestion`) whether the signed-in person may decide
   * suggestions by `authorId` (null: anyone's) here; 403, audited, when not.
   */
  const authorizeDecision = (res: Response, decision: SuggestionDecisionKind, section: SectionRef, authorId: number | null, what: string) => {
    const person = currentPerson(res);
    if (!mayDecideSuggestion(person, decision, section, authorId)) {
      const action = decision === 'accepted' ? 'accept-suggestion' : 'reject-suggestion';
      services.audit.record({ actorId: person.id, action: 'denied', target: `section:${section.id}`, detail: { action } });
      const verb = decision === 'accepted' ? 'accept' : 'reject';
      throw new DomainError(403, `you may not ${verb} ${what} in this section`, 'forbidden');
    }
    return person;
  };

  router.get('/sections/:id/suggestions', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    res.json(suggestions.list(section.id, documentLanguage(services, listQuery.parse(req.query).lang)).map(presentSuggestion));
  });

  for (const [verb, decision] of DECISIONS) {
    router.post(`/suggestions/:id/${verb}`, (req, res) => {
      const id = suggestionId.parse(req.params.id);
      const body = decisionBody.parse(req.body ?? {});
      const named = body.sectionId;
      // Only the source text is searched for an unnamed section: a translation's decision names both.
      if (body.lang && !named) throw new DomainError(400, 'a decision in a translation names its section (sectionId)', 'section-required');
      const located = named ?? suggestions.sectionOf(id, services.sections.list().map((candidate) => candidate.id));
      if (!located) throw new DomainError(404, 'no such suggestion', 'not-found');
      const section = sectionOr404(services, located);
      authorizeSection(services, res, 'read', section);
      const lang = documentLanguage(services, body.lang);
      const suggestion = suggestions.find(section.id, id, lang);
      const person = authorizeDecision(res, decision, section, suggestion.author, 'this suggestion');
      res.json(presentSuggestionDecision(decideSuggestion(context, { section, suggestion, decision, lang }, person)));
    });

    router.post(`/sections/:id/suggestions/${verb}-all`, (req, res) => {
      const section = sectionOr404(services, req.params.id);
      authorizeSection(services, res, 'read', section);
      const { author, lang: named } = bulkBody.parse(req.body ?? {});
      const lang = documentLanguage(services, named);
      const person = authorizeDecision(res, decision, section, author ?? null, author === undefined ? 'all suggestions' : 'these suggestions');
      res.json(presentSuggestionDecision(decideAllSuggestions(context, { section, decision, author, lang }, person)));
    });
  }

  return router;
}
