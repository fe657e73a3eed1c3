/** The review workflow, the approved texts, the dashboard and the workspace settings. */
import { Router } from 'express';
import { z } from 'zod';
import { REVIEW_ORGANISATIONS } from '../../../shared/workspace';
import type { Dashboard } from '../../domain/dashboard';
import { DomainError } from '../../domain/errors';
import { MAX_MESSAGE_LENGTH, type Reviews } from '../../domain/reviews';
import { type Settings, checkedLanguages, checkedNationalTemplate } from '../../domain/settings';
import { changeSettings } from '../../commands/change-settings';
import { decideSection } from '../../commands/decide-section';
import { submitSection } from '../../commands/submit-section';
import { withdrawSubmission } from '../../commands/withdraw-submission';
import { authorizeSection, authorizeWorkspace, sectionOr404, type Services } from '../context';
import {
  presentApprovalState,
  presentApprovedText,
  presentDashboard,
  presentDocumentDiff,
  presentReviewHistory,
  presentSettings,
} from '../presenters';

const message = z.string().max(MAX_MESSAGE_LENGTH, `at most ${MAX_MESSAGE_LENGTH} characters`).default('');
const decisionBody = z.object({ decision: z.enum(['approved', 'changes_requested']), message });
const settingsBody = z
  .object({
    deadline: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
      .refine((value) => {
        const date = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
      }, 'not a real date')
      .optional(),
    requiredOrganisations: z.array(z.enum(REVIEW_ORGANISATIONS)).min(1).optional(),
    otherGroupsSuggest: z.boolean().optional(),
    // Codes are checked by the domain (`checkedLanguages`), which answers 422 with what is wrong.
    languages: z.object({ source: z.string().max(8), targets: z.array(z.string().max(8)).max(20) }).optional(),
    // Checked whole by the domain (`checkedNationalTemplate`), which answers 400 naming the heading.
    nationalTemplate: z.unknown().optional(),
  })
  .refine(
    (body) =>
      body.deadline !== undefined ||
      body.requiredOrganisations !== undefined ||
      body.otherGroupsSuggest !== undefined ||
      body.languages !== undefined ||
      body.nationalTemplate !== undefined,
    'nothing to change',
  );

export interface ReviewDeps {
  reviews: Reviews;
  dashboard: Dashboard;
  settings: Settings;
}

export function reviewRoutes(services: Services, deps: ReviewDeps): Router {
  const router = Router();
  const { reviews, dashboard } = deps;
  const { commands } = services;

  router.post('/sections/:id/submit', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'submit', section);
    res.json(presentApprovalState(submitSection(commands, { section, message: z.object({ message }).parse(req.body).message }, person)));
  });

  router.post('/sections/:id/withdraw', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'withdraw', section);
    res.json(presentApprovalState(withdrawSubmission(commands, { section }, person)));
  });

  router.post('/sections/:id/decision', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'decide', section);
    const body = decisionBody.parse(req.body);
    res.json(presentApprovalState(decideSection(commands, { section, decision: body.decision, message: body.message }, person)));
  });

  router.get('/sections/:id/reviews', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    res.json(presentReviewHistory(reviews.state(section), reviews.history(section.id)));
  });

  router.get('/sections/:id/approved', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    // No approved text yet is the ordinary state of a section, not a missing resource: null.
    const approved = reviews.approvedText(section.id);
    res.json(approved ? presentApprovedText(approved) : null);
  });

  router.get('/sections/:id/changes-since-approval', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    const diff = reviews.changesSinceApproval(section.id);
    if (!diff) throw new DomainError(404, 'this section has no approved text yet', 'not-approved');
    res.json(presentDocumentDiff(diff));
  });

  router.get('/dashboard', (_req, res) => {
    authorizeWorkspace(services, res, 'read-workspace');
    res.json(presentDashboard(dashboard.overview()));
  });

  router.get('/settings', (_req, res) => {
    authorizeWorkspace(services, res, 'read-workspace');
    res.json(presentSettings(deps.settings.get()));
  });

  router.patch('/settings', (req, res) => {
    const body = settingsBody.parse(req.body);
    const actor = authorizeWorkspace(services, res, body.deadline !== undefined ? 'set-deadline' : 'manage-structure');
    if (body.requiredOrganisations || body.otherGroupsSuggest !== undefined || body.languages || body.nationalTemplate !== undefined) {
      authorizeWorkspace(services, res, 'manage-structure');
    }
    const languages = body.languages ? checkedLanguages(body.languages) : undefined;
    const nationalTemplate = body.nationalTemplate !== undefined ? checkedNationalTemplate(body.nationalTemplate) : undefined;
    const updated = changeSettings(commands, { ...body, languages, nationalTemplate }, actor);
    res.json(presentSettings(updated));
  });

  return router;
}
