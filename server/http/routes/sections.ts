/** Reading the syllabus outline and one section's metadata. */
import { Router } from 'express';
import { DomainError } from '../../domain/errors';
import { authorizeSection, authorizeWorkspace, type Services } from '../context';
import { presentSection } from '../presenters';

export function sectionRoutes(services: Services): Router {
  const router = Router();

  router.get('/sections', (_req, res) => {
    const viewer = authorizeWorkspace(services, res, 'read-workspace');
    const open = services.comments.openCounts();
    res.json(services.sections.list().map((section) => presentSection(section, viewer, open.get(section.id) ?? 0)));
  });

  router.get('/sections/:id', (req, res) => {
    const section = services.sections.find(req.params.id);
    if (!section) throw new DomainError(404, 'no such section', 'not-found');
    const viewer = authorizeSection(services, res, 'read', section);
    res.json(presentSection(section, viewer, services.comments.openCounts().get(section.id) ?? 0));
  });

  return router;
}
