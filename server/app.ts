/**
 * Builds the whole workspace server on one HTTP server: express for commands, socket.io for live
 * events, and our y-websocket endpoint for documents. Used by `npm start` and by the tests.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { COLLAB_PATH, CollabEndpoint } from './collab/collab-endpoint';
import { UpdateLog } from './collab/update-log';
import type { Config } from './config';
import { type Db, openDatabase } from './db/client';
import { AuditLog } from './domain/audit';
import { Comments } from './domain/comments';
import { Invitations } from './domain/invitations';
import { Notifications } from './domain/notifications';
import { People } from './domain/people';
import { Sections } from './domain/sections';
import { Sessions } from './domain/sessions';
import { SignInThrottle } from './domain/sign-in-throttle';
import { type FirstCoordinator, ensureWorkspace } from './domain/workspace-seed';
import { WorkspaceEventBus } from './events';
import type { Services } from './http/context';
import { handleErrors, loadSession, requireSameOriginJson, requireSignIn } from './http/middleware';
import { isSameOrigin } from './http/origin';
import { commentRoutes } from './http/routes/comments';
import { peopleRoutes } from './http/routes/people';
import { sectionRoutes } from './http/routes/sections';
import { sessionRoutes } from './http/routes/session';
import { sessionToken } from './http/session-cookie';
import { announce } from './realtime/announcements';
import { Realtime } from './realtime/realtime';

export interface WorkspaceServer {
  url: string;
  port: number;
  db: Db;
  services: Services;
  collab: CollabEndpoint;
  realtime: Realtime;
  /** Set on the first start only: the generated coordinator credentials, to print once. */
  firstCoordinator: FirstCoordinator | null;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<WorkspaceServer> {
  const db = openDatabase(config.dataDir);
  const events = new WorkspaceEventBus();
  const audit = new AuditLog(db);
  const people = new People(db, audit, events);
  const sessions = new Sessions(db, people, events, config.sessionTtlMs);
  const sections = new Sections(db);
  const invitations = new Invitations(db, people, audit);
  const notifications = new Notifications(db, events);
  const comments = new Comments(db, people, notifications, audit, events);
  const services: Services = {
    config,
    people,
    sessions,
    sections,
    audit,
    invitations,
    comments,
    notifications,
    events,
    throttle: new SignInThrottle(),
  };
  const firstCoordinator = await ensureWorkspace(db, people);
  sessions.purgeExpired();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // ProseMirror, y-prosemirror cursors and table column widths set style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
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
    }),
  );
  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use(requireSameOriginJson(services));
  api.use(loadSession(services));
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.use(sessionRoutes(services));
  api.use(peopleRoutes(services));
  api.use(requireSignIn);
  api.use(sectionRoutes(services));
  api.use(commentRoutes(services, { comments, notifications }));
  api.use((_req, res) => {
    res.status(404).json({ error: 'no such API route', code: 'not-found' });
  });
  api.use(handleErrors);
  app.use('/api', api);
  serveClient(app, config.clientDir);

  const server = http.createServer(app);
  const collab = new CollabEndpoint(
    new UpdateLog(db),
    {
      originAllowed: (req) => isSameOrigin(req, config.publicUrl),
      identify: (req) => sessions.resolve(sessionToken(req)),
      section: (id) => sections.find(id),
      person: (id) => people.find(id),
      denied: (req, person, reason, sectionId) =>
        audit.record({
          actorId: person?.id ?? null,
          action: 'denied',
          target: sectionId ? `section:${sectionId}` : req.url ?? null,
          detail: { reason, origin: req.headers.origin ?? null },
        }),
    },
    {
      sectionIdleMs: config.sectionIdleMs,
      compactAfterRows: config.compactAfterRows,
      maxPayload: config.maxCollabPayload,
      onSectionEdited: (sectionId, personId) => events.emit('section-edited', sectionId, personId),
    },
  );
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(COLLAB_PATH)) collab.handleUpgrade(req, socket, head);
  });
  const realtime = new Realtime(server, { publicUrl: config.publicUrl, sessions, sections, people, audit, events });
  announce(events, realtime, { comments });
  events.on('person-changed', (personId) => collab.recheckPerson(personId));
  events.on('person-signed-out', (personId) => collab.disconnectPerson(personId, 'signed out'));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | null = null;
  return {
    url: config.publicUrl ?? `http://${host}:${port}`,
    port,
    db,
    services,
    collab,
    realtime,
    firstCoordinator,
    close: () =>
      (closing ??= (async () => {
        collab.close();
        server.closeAllConnections();
        await realtime.close();
        db.$client.close();
      })()),
  };
}

/** Serves the built client, and its index.html for every page path the client routes itself. */
function serveClient(app: express.Express, clientDir: string | null): void {
  if (!clientDir) return;
  const index = path.join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|collab\/|socket\.io\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
