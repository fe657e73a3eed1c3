/** Search across the syllabus: `GET /api/search?q=<text>`, in the sections the person may read. */
import { Router } from 'express';
import { z } from 'zod';
import { maySection } from '../../../shared/policy';
import type { SearchIndex } from '../../domain/search';
import { parseSearchQuery } from '../../domain/search-query';
import { currentPerson, type Services } from '../context';
import { presentSearchHit } from '../presenters/search';

export interface SearchDeps {
  search: SearchIndex;
}

export function searchRoutes(services: Services, deps: SearchDeps): Router {
  const router = Router();

  router.get('/search', (req, res) => {
    // One `q`, as text: `?q=a&q=b` or `?q[x]=1` are refused by zod with a 400 like any bad parameter.
    const { q } = z.object({ q: z.string({ error: 'give the text to search for' }) }).parse(req.query);
    const query = parseSearchQuery(q);
    const person = currentPerson(res);
    // The policy decides which sections this person may read; hits come only from those.
    const readable = services.sections.list().filter((section) => maySection(person, 'read', section));
    res.json(deps.search.find(query, readable).map((hit) => presentSearchHit(hit, person)));
  });

  return router;
}
