/** Reading the syllabus outline and one section's metadata. */
import { Router } from 'express';
import { authorizeSection, authorizeWorkspace, sectionOr404, type Services } from '../context';
import { presentSection } from '../presenters';

export function sectionRoutes(services: Services): Router {
  const router = Router();

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

  return router;
}
