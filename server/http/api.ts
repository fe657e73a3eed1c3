/** The express application: security headers, the /api routes in order, and the built client. */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { ApiErrorBody, Health } from '../../shared/api';
import type { Config } from '../config';
import type { Services } from './context';
import { compressedCopy, servePrecompressed } from './precompressed';
import { handleErrors, loadSession, requireSameOriginJson, requireSignIn } from './middleware';
import { commentRoutes } from './routes/comments';
import { peopleRoutes } from './routes/people';
import { type ReviewDeps, reviewRoutes } from './routes/reviews';
import { type SearchDeps, searchRoutes } from './routes/search';
import { sectionRoutes } from './routes/sections';
import { sessionRoutes } from './routes/session';
import { type VersionDeps, versionRoutes } from './routes/versions';

export interface ApiDeps extends ReviewDeps, VersionDeps, SearchDeps {
  /** Routers mounted after sign-in by later features (exports). */
  extraRoutes?: express.Router[];
}

export function createApp(services: Services, deps: ApiDeps): express.Express {
  const { config } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders(config));

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(requireSameOriginJson(services));
  api.use(loadSession(services));
  api.get('/health', (_req, res) => {
    res.json({ ok: true } satisfies Health);
  });
  api.use(sessionRoutes(services));
  api.use(peopleRoutes(services));
  api.use(requireSignIn);
  api.use(sectionRoutes(services));
  api.use(commentRoutes(services, services));
  api.use(reviewRoutes(services, deps));
  api.use(versionRoutes(services, deps));
  api.use(searchRoutes(services, deps));
  for (const router of deps.extraRoutes ?? []) api.use(router);
  api.use((_req, res) => {
    res.status(404).json({ error: 'no such API route', code: 'not-found' } satisfies ApiErrorBody);
  });
  api.use(handleErrors);
  app.use('/api', api);
  serveClient(app, config.clientDir);
  return app;
}

function securityHeaders(config: Config) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ProseMirror, y-prosemirror cursors and table column widths set style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        // The service worker (/sw.js), which lets the app open offline.
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Upgrading requests to https would break a plain-http deployment on a local network.
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
}

/** Serves the built client, and its index.html for every page path the client routes itself. */
function serveClient(app: express.Express, clientDir: string | null): void {
  if (!clientDir) return;
  const index = path.join(clientDir, 'index.html');
  // Source maps are never served (a build with them left in must not publish the client source).
  app.use((req, res, next) => (req.path.endsWith('.map') ? res.status(404).type('text/plain').send('not found') : next()));
  // Files under assets/ are named by a hash of their content, so a name never points to other
  // bytes: browsers keep them a year. sw.js and index.html name everything else, so they are
  // checked at every use (answered 304 when unchanged): that is how a new build reaches people.
  const root = path.resolve(clientDir);
  const setHeaders = (res: express.Response, file: string) => {
    // A precompressed copy (`x.js.br`) is cached as the file it stands for.
    const name = path.relative(root, file).replace(/\.(br|gz)$/, '');
    if (name.startsWith(`assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    else if (name === 'sw.js' || name === 'index.html') res.setHeader('Cache-Control', 'no-cache');
  };
  app.use(servePrecompressed(clientDir));
  app.use(express.static(clientDir, { index: false, maxAge: '1h', setHeaders }));
  app.get(/^\/(?!api\/|collab\/|socket\.io\/).*/, (req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    const copy = compressedCopy(index, req.headers['accept-encoding']);
    if (!copy) {
      res.sendFile(index);
      return;
    }
    res.setHeader('Content-Encoding', copy.encoding);
    res.type('html').sendFile(copy.file);
  });
}
