/** Version history of a section: list, view, save by hand, compare, restore, who wrote what. */
import { Router } from 'express';
import { z } from 'zod';
import type { SectionAuthorship } from '../../domain/attribution';
import { DomainError } from '../../domain/errors';
import { MAX_LABEL_LENGTH, type Versions } from '../../domain/versions';
import { restoreVersion } from '../../commands/restore-version';
import { saveVersion } from '../../commands/save-version';
import { authorizeSection, sectionOr404, type Services } from '../context';
import { presentAttribution, presentDocumentDiff, presentVersion, presentVersionWithContent } from '../presenters';

const versionRef = z.union([z.literal('current'), z.coerce.number().int().positive()]);
const idParam = z.coerce.number().int().positive();

export interface VersionDeps {
  versions: Versions;
  authors: SectionAuthorship;
}

export function versionRoutes(services: Services, deps: VersionDeps): Router {
  const router = Router();
  const { versions, authors } = deps;

  router.get('/sections/:id/versions', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    res.json(versions.list(section.id).map(presentVersion));
  });

  router.post('/sections/:id/versions', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'save-version', section);
    const { label } = z.object({ label: z.string().trim().min(1, 'give the version a name').max(MAX_LABEL_LENGTH) }).parse(req.body);
    res.status(201).json(presentVersion(saveVersion(services.commands, { section, label }, person)));
  });

  router.get('/sections/:id/compare', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    const query = z.object({ from: versionRef, to: versionRef.default('current') }).parse(req.query);
    res.json(presentDocumentDiff(versions.compare(section.id, query.from, query.to)));
  });

  router.get('/sections/:id/attribution', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    res.json(presentAttribution(authors.attribution(section.id)));
  });

  router.get('/versions/:id', (req, res) => {
    const version = versions.find(idParam.parse(req.params.id));
    if (!version) throw new DomainError(404, 'no such version', 'not-found');
    authorizeSection(services, res, 'read', sectionOr404(services, version.sectionId));
    res.json(presentVersionWithContent(version));
  });

  router.post('/versions/:id/restore', (req, res) => {
    const version = versions.find(idParam.parse(req.params.id));
    if (!version) throw new DomainError(404, 'no such version', 'not-found');
    const person = authorizeSection(services, res, 'restore-version', sectionOr404(services, version.sectionId));
    res.status(201).json(presentVersion(restoreVersion(services.commands, { versionId: version.id }, person)));
  });

  return router;
}
