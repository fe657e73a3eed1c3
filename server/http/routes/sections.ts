/**
 * Reading the syllabus outline and one section's metadata; coordinators rename the course, its
 * parts and sections; a section's lead (and coordinators) turn its "suggestions only" on and off.
 */
import { Router } from 'express';
import { z } from 'zod';
import { renameOutline, renameSection } from '../../commands/rename-outline';
import { setSuggestionsOnly } from '../../commands/set-suggestions-only';
import { authorizeSection, authorizeWorkspace, sectionOr404, type Services } from '../context';
import { presentSection } from '../presenters';
import { presentOutline } from '../presenters/sections';

const title = z.string().trim().min(1).max(300);
const titlesChange = z
  .object({ en: title.optional(), ru: title.optional() })
  .strict()
  .refine((change) => change.en !== undefined || change.ru !== undefined, 'give an English or a Russian title');

const sectionChange = z.object({ titles: titlesChange }).strict();
const suggestionsOnlyChange = z.object({ suggestionsOnly: z.boolean() }).strict();
const outlineChange = z
  .object({ course: titlesChange.optional(), part1: titlesChange.optional(), part2: titlesChange.optional() })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

export function sectionRoutes(services: Services): Router {
  const router = Router();
  const renaming = () => ({ ...services.commands, sections: services.sections });

  router.get('/sections', (_req, res) => {
    const viewer = authorizeWorkspace(services, res, 'read-workspace');
    const open = services.comments.openCounts();
    res.json(services.sections.list().map((section) => presentSection(section, viewer, open.get(section.id) ?? 0)));
  });

  router.get('/sections/:id', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const viewer = authorizeSection(services, res, 'read', section);
    res.json(presentSection(section, viewer, services.comments.openCounts().get(section.id) ?? 0));
  });

  router.patch('/sections/:id', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-structure');
    const section = sectionOr404(services, req.params.id);
    const { titles } = sectionChange.parse(req.body);
    const renamed = renameSection(renaming(), { sectionId: section.id, titles }, actor);
    res.json(presentSection(renamed, actor, services.comments.openCounts().get(section.id) ?? 0));
  });

  router.patch('/sections/:id/suggestions-only', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const actor = authorizeSection(services, res, 'set-suggestions-only', section);
    const { suggestionsOnly } = suggestionsOnlyChange.parse(req.body);
    const changed = setSuggestionsOnly(renaming(), { section, suggestionsOnly }, actor);
    res.json(presentSection(changed, actor, services.comments.openCounts().get(section.id) ?? 0));
  });

  router.get('/outline', (_req, res) => {
    const viewer = authorizeWorkspace(services, res, 'read-workspace');
    res.json(presentOutline(services.sections.outline(), viewer));
  });

  router.patch('/outline', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-structure');
    const change = outlineChange.parse(req.body);
    const outline = renameOutline(renaming(), { course: change.course, 'part-1': change.part1, 'part-2': change.part2 }, actor);
    res.json(presentOutline(outline, actor));
  });

  return router;
}
