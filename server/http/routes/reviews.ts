/** The review workflow, the approved texts, the dashboard and the workspace settings. */
import { Router } from 'express';
import { z } from 'zod';
import { diffDocuments } from '../../../shared/document-diff';
import { REVIEW_ORGANISATIONS } from '../../../shared/workspace';
import type { Dashboard } from '../../domain/dashboard';
import { DomainError } from '../../domain/errors';
import { MAX_MESSAGE_LENGTH, type Reviews } from '../../domain/reviews';
import type { SectionContent } from '../../domain/section-content';
import type { Settings } from '../../domain/settings';
import { authorizeSection, authorizeWorkspace, sectionOr404, type Services } from '../context';

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
  })
  .refine((body) => body.deadline !== undefined || body.requiredOrganisations !== undefined, 'nothing to change');

export interface ReviewDeps {
  reviews: Reviews;
  content: SectionContent;
  dashboard: Dashboard;
  settings: Settings;
}

export function reviewRoutes(services: Services, deps: ReviewDeps): Router {
  const router = Router();
  const { reviews, content, dashboard, settings } = deps;

  router.post('/sections/:id/submit', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'submit', section);
    res.json(reviews.submit(section, person, z.object({ message }).parse(req.body).message));
  });

  router.post('/sections/:id/withdraw', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'withdraw', section);
    res.json(reviews.withdraw(section, person));
  });

  router.post('/sections/:id/decision', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'decide', section);
    const body = decisionBody.parse(req.body);
    res.json(reviews.decide(section, person, body.decision, body.message));
  });

  router.get('/sections/:id/reviews', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    res.json({ state: reviews.state(section), history: reviews.history(section.id) });
  });

  router.get('/sections/:id/approved', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    const approved = reviews.approvedText(section.id);
    if (!approved) throw new DomainError(404, 'this section has no approved text yet', 'not-approved');
    res.json({ content: approved.json, hash: approved.hash, reviews: approved.reviews });
  });

  router.get('/sections/:id/changes-since-approval', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    const approved = reviews.approvedText(section.id);
    if (!approved) throw new DomainError(404, 'this section has no approved text yet', 'not-approved');
    res.json(diffDocuments(approved.json, content.snapshot(section.id).json));
  });

  router.get('/dashboard', (_req, res) => {
    authorizeWorkspace(services, res, 'read-workspace');
    res.json(dashboard.overview());
  });

  router.patch('/settings', (req, res) => {
    const body = settingsBody.parse(req.body);
    const actor = authorizeWorkspace(services, res, body.deadline !== undefined ? 'set-deadline' : 'manage-structure');
    if (body.requiredOrganisations) authorizeWorkspace(services, res, 'manage-structure');
    const updated = settings.update(body, actor.id);
    services.events.emit('settings-changed');
    res.json(updated);
  });

  return router;
}
