/**
 * Reading the syllabus outline and one section's metadata (a national section with its
 * conformance to the national template); coordinators rename the course, its parts and sections;
 * a section's lead (and coordinators) turn its "suggestions only" on and off; a national section
 * starts from the template.
 */
import { Router } from 'express';
import { z } from 'zod';
import { renameOutline, renameSection } from '../../commands/rename-outline';
import { setSuggestionsOnly } from '../../commands/set-suggestions-only';
import { startFromTemplate } from '../../commands/start-from-template';
import { templateStateOf } from '../../domain/dashboard';
import type { SectionStore } from '../../domain/section-store';
import type { Section } from '../../domain/sections';
import type { PersonRecord } from '../../domain/people';
import { authorizeSection, authorizeWorkspace, sectionOr404, type Services } from '../context';
import { presentOutline, presentSection, presentTemplateStarted } from '../presenters/sections';

const title = z.string().trim().min(1).max(300);
const titlesChange = z
  .object({ en: title.optional(), ru: title.optional() })
  .strict()
  .refine((change) => change.en !== undefined || change.ru !== undefined, 'give an English or a Russian title');

const sectionChange = z.object({ titles: titlesChange }).strict();
const suggestionsOnlyChange = z.object({ suggestionsOnly: z.boolean() }).strict();
const startBody = z.object({}).strict();
const outlineChange = z
  .object({ course: titlesChange.optional(), part1: titlesChange.optional(), part2: titlesChange.optional() })
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

export function sectionRoutes(services: Services): Router {
  const router = Router();
  const renaming = () => ({ ...services.commands, sections: services.sections });
  const { content, settings } = services.commands;
  /** A section as the wire has it; the template is read once per request when many are listed. */
  const present = (section: Section, viewer: PersonRecord, open: Map<string, number>, template = settings.nationalTemplate()) =>
    presentSection(section, viewer, open.get(section.id) ?? 0, templateStateOf(content, template, section));

  router.get('/sections', (_req, res) => {
    const viewer = authorizeWorkspace(services, res, 'read-workspace');
    const open = services.comments.openCounts();
    const template = settings.nationalTemplate();
    res.json(services.sections.list().map((section) => present(section, viewer, open, template)));
  });

  router.get('/sections/:id', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const viewer = authorizeSection(services, res, 'read', section);
    res.json(present(section, viewer, services.comments.openCounts()));
  });

  router.patch('/sections/:id', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-structure');
    const section = sectionOr404(services, req.params.id);
    const { titles } = sectionChange.parse(req.body);
    const renamed = renameSection(renaming(), { sectionId: section.id, titles }, actor);
    res.json(present(renamed, actor, services.comments.openCounts()));
  });

  router.patch('/sections/:id/suggestions-only', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const actor = authorizeSection(services, res, 'set-suggestions-only', section);
    const { suggestionsOnly } = suggestionsOnlyChange.parse(req.body);
    const changed = setSuggestionsOnly(renaming(), { section, suggestionsOnly }, actor);
    res.json(present(changed, actor, services.comments.openCounts()));
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

/**
 * `POST /api/sections/:id/template`: a national section starts from the common template. Whoever
 * may edit the section's text directly (its own group, coordinators; not in "suggestions only")
 * may, as the headings are text written into it. Apart from `sectionRoutes` because it writes into
 * the live document, through the section store.
 */
export function sectionTemplateRoutes(services: Services, deps: { store: SectionStore }): Router {
  const router = Router();
  router.post('/sections/:id/template', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const actor = authorizeSection(services, res, 'edit', section);
    startBody.parse(req.body ?? {});
    res.json(presentTemplateStarted(startFromTemplate({ ...services.commands, store: deps.store }, section, actor)));
  });
  return router;
}
