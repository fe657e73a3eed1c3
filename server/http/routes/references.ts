/**
 * The cross-reference index (#18): `GET /api/references` → `{targets}`, the targets of every
 * section the person may read (the policy decides, in the domain service), for the editor's
 * "insert reference" list and for drawing references with their current number and title.
 */
import { Router } from 'express';
import { References } from '../../domain/references';
import { authorizeWorkspace, type Services } from '../context';
import { presentReferenceIndex } from '../presenters/references';

export interface ReferenceDeps {
  references: References;
}

/**
 * `deps`: the workspace's reference index, when the server shares one with the dashboard; else one
 * of the route's own over the same section content (its cache is per text version either way).
 */
export function referenceRoutes(
  services: Services,
  deps: ReferenceDeps = { references: new References({ sections: services.sections, content: services.commands.content }) },
): Router {
  const router = Router();

  router.get('/references', (_req, res) => {
    const person = authorizeWorkspace(services, res, 'read-workspace');
    res.json(presentReferenceIndex(deps.references.targetsFor(person)));
  });

  return router;
}
