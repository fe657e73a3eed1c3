/**
 * Builds the whole workspace server on one HTTP server: express for commands, socket.io for live
 * events, and our y-websocket endpoint for documents. Used by `npm start` and by the tests.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLAB_PATH, CollabEndpoint } from './collab/collab-endpoint';
import type { CommandContext } from './commands/context';
import type { Config } from './config';
import { WalCheckpointer } from './db/checkpointer';
import { type Db, databaseFile, openDatabase } from './db/client';
import { watchExternalWrites } from './db/external-writes';
import { AuditLog } from './domain/audit';
import { AuthorRegistry, SectionAuthorship } from './domain/attribution';
import { Comments } from './domain/comments';
import { Dashboard } from './domain/dashboard';
import { Invitations } from './domain/invitations';
import { CurriculumAppendices } from './exports/appendices/appendix-source';
import { MasterDocumentSource } from './domain/master-document';
import { References } from './domain/references';
import { Curriculum } from './domain/curriculum';
import { Notifications } from './domain/notifications';
import { People } from './domain/people';
import { Reviews } from './domain/reviews';
import { SearchIndex } from './domain/search';
import { SectionActivity } from './domain/section-activity';
import { TranslationActivity } from './domain/translation-activity';
import { Translations } from './domain/translations';
import { SectionContent } from './domain/section-content';
import { Sections } from './domain/sections';
import { Sessions } from './domain/sessions';
import { Settings } from './domain/settings';
import { Suggestions } from './domain/suggestions';
import { SignInThrottle } from './domain/sign-in-throttle';
import { Versions } from './domain/versions';
import { type FirstCoordinator, ensureWorkspace } from './domain/workspace-seed';
import { SectionDocuments } from './documents/section-documents';
import { UpdateLog } from './documents/update-log';
import { WorkspaceEventBus } from './events';
import { documentKey, parseDocumentKey } from '../shared/languages';
import { ExportJobs } from './exports/jobs';
import { createApp } from './http/api';
import { exportRoutes } from './http/routes/exports';
import { suggestionRoutes } from './http/routes/suggestions';
import { referenceRoutes } from './http/routes/references';
import { curriculumRoutes } from './http/routes/curriculum';
import { importRoutes } from './http/routes/imports';
import { translationRoutes } from './http/routes/translations';
import { sectionTemplateRoutes } from './http/routes/sections';
import { glossaryRoutes } from './http/routes/glossary';
import { Glossary } from './domain/glossary';
import { WordConverter } from './imports/converter';
import type { Services } from './http/context';
import { isSameOrigin } from './transport/origin';
import { sessionToken } from './transport/session-cookie';
import { announce } from './realtime/announcements';
import { Realtime } from './realtime/realtime';

export interface WorkspaceServer {
  url: string;
  port: number;
  db: Db;
  services: Services;
  /** The section documents in memory, which the collab endpoint serves and the domain reads and changes. */
  sections: SectionDocuments;
  collab: CollabEndpoint;
  realtime: Realtime;
  reviews: Reviews;
  versions: Versions;
  authors: SectionAuthorship;
  content: SectionContent;
  dashboard: Dashboard;
  /** A section's language versions: progress, confirming, XLIFF (#19). */
  translations: Translations;
  /** Whether the WAL checkpoint thread is running (it restarts after an error). */
  readonly checkpointing: boolean;
  /** Set on the first start only: the generated coordinator credentials, to print once. */
  firstCoordinator: FirstCoordinator | null;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<WorkspaceServer> {
  const db = openDatabase(config.dataDir);
  const checkpointer = new WalCheckpointer(db, databaseFile(config.dataDir));
  const events = new WorkspaceEventBus();
  const audit = new AuditLog(db);
  const people = new People(db, audit, events);
  const sessions = new Sessions(db, people, events, config.sessionTtlMs);
  const settings = new Settings(db, audit);
  const sections = new Sections(db, () => settings.otherGroupsSuggest());
  const notifications = new Notifications(db, events);
  const comments = new Comments(db, people, notifications, audit, events);
  const firstCoordinator = await ensureWorkspace(db, people);
  settings.ensureDefaults();
  sessions.purgeExpired();

  // The documents first: the domain reads and changes sections through them (as its
  // SectionStore), and the collab endpoint serves them.
  const authorRegistry = new AuthorRegistry(db);
  const documents = new SectionDocuments(new UpdateLog(db), {
    sectionIdleMs: config.sectionIdleMs,
    compactAfterRows: config.compactAfterRows,
    // A translation (#19) is announced apart: versions, search, suggestions and "last edited"
    // follow the source text, and would store or index a translation as the section.
    onStored: (key, personId) => {
      const { sectionId, lang } = parseDocumentKey(key);
      if (lang === '') events.emit('section-edited', sectionId, personId);
      else events.emit('translation-edited', sectionId, lang, personId);
    },
    onAuthor: authorRegistry.record,
    clientOwners: (sectionId) => authorRegistry.authorsOf(sectionId),
  });
  const collab = new CollabEndpoint(
    documents,
    {
      originAllowed: (req) => isSameOrigin(req, config.publicUrl),
      identify: (req) => sessions.resolve(sessionToken(req)),
      section: (id) => sections.find(id),
      languages: () => settings.languages(),
      // Built below, with the content it reads; upgrades are served only once the server listens.
      openingTranslation: (sectionId) => translations.ensureSourceIds(sectionId),
      person: (id) => people.find(id),
      sessionToken: (req) => sessionToken(req),
      denied: (req, person, reason, sectionId) => {
        const entry = {
          actorId: person?.id ?? null,
          action: 'denied',
          target: sectionId ? `section:${sectionId}` : (req.url ?? null),
          detail: { reason, origin: req.headers.origin ?? null },
        };
        // Anyone can cause a refusal without a session: counted, so it cannot grow the database.
        if (person) audit.record(entry);
        else audit.recordRepeated(req.socket.remoteAddress ?? 'unknown', entry);
      },
    },
    { maxPayload: config.maxCollabPayload },
  );
  const authors = new SectionAuthorship(authorRegistry, documents, people);
  const content = new SectionContent(documents);
  const versions = new Versions(db, content, documents, people, audit, events);
  const reviews = new Reviews(db, sections, content, people, settings, notifications, audit, events, versions);
  // Every language version is searched (#19): the source text and the translations into each target.
  const search = new SearchIndex(db, sections, content, comments, events, () => settings.languages().targets);
  // One index of cross-reference targets (cached per section text) for the dashboard, the route and exports.
  const references = new References({ sections, content });
  const translations = new Translations({ store: documents, content, sections, settings, reviews, audit });
  const dashboard = new Dashboard({ sections, content, reviews, comments, people, settings, references, translations });
  const activity = new SectionActivity(sections, content, events, config.autoVersionQuietMs, (sectionId, editors) =>
    versions.save(sectionId, 'auto', { authors: editors }),
  );
  events.on('section-edited', (sectionId, personId) => activity.edited(sectionId, personId));
  const translationActivity = new TranslationActivity(events);
  events.on('translation-edited', (sectionId, lang) => {
    content.invalidate(documentKey(sectionId, lang));
    translationActivity.edited(sectionId);
  });
  const suggestions = new Suggestions({ db, store: documents, content, sections, people, notifications, events });

  const invitations = new Invitations(db, people, audit);
  const throttle = new SignInThrottle();
  // What the use cases are done with: the routes and `npm run admin` call the same commands.
  const commands: CommandContext = { db, events, audit, people, sessions, invitations, throttle, settings, content, reviews, versions };
  const services: Services = { config, people, sessions, sections, audit, invitations, comments, notifications, events, throttle, commands };
  // Progress goes to the person who asked; `realtime` exists by the time any job reports.
  const exportJobs = new ExportJobs({
    onProgress: (job, personId) => realtime.toPerson(personId, 'export:progress', job),
    // Rendering runs on threads of its own: one long export must not hold up anyone's typing.
    pool: { size: config.exportWorkers },
  });
  // Word files are read on a thread of their own, started on the first import (#18).
  const converter = new WordConverter();
  // The shared glossary (#20); the exports' glossary appendix reads the same service.
  const glossary = new Glossary({ db, settings, audit });
  const master = new MasterDocumentSource({ sections, content, reviews, comments, people, references, appendices: new CurriculumAppendices({ glossary, people }) });
  // The syllabus read as data (#20): outcomes matrix, hours, the national sections side by side.
  const curriculum = new Curriculum({ sections, content, settings });
  const server = http.createServer(
    createApp(services, {
      reviews,
      dashboard,
      settings,
      versions,
      authors,
      search,
      extraRoutes: [exportRoutes(services, { source: master, jobs: exportJobs }), suggestionRoutes(services, { suggestions }), referenceRoutes(services, { references }), importRoutes(services, { store: documents, converter }), translationRoutes(services, { translations }), sectionTemplateRoutes(services, { store: documents }), glossaryRoutes(services, { glossary, announce: (id) => realtime.toWorkspace('glossary:changed', { id }) }), curriculumRoutes(services, { curriculum })],
    }),
  );
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith(COLLAB_PATH)) collab.handleUpgrade(req, socket, head);
  });
  const realtime = new Realtime(server, { publicUrl: config.publicUrl, sessions, sections, people, audit, events });
  announce(events, realtime, { comments, dashboard, sections });
  events.on('person-changed', (personId) => collab.recheckPerson(personId));
  events.on('section-rules-changed', (sectionId) => collab.recheckSection(sectionId));
  // Whether other groups may suggest is a setting the policy reads: every connection follows it.
  events.on('settings-changed', () => collab.recheckAll());
  // `npm run admin` writes from another process: whoever is connected is re-checked when it does.
  const stopWatchingWrites = watchExternalWrites(db, () => {
    for (const personId of new Set([...collab.connectedPeople(), ...realtime.connectedPeople()])) events.emit('person-changed', personId);
  });
  events.on('person-signed-out', (personId) => collab.disconnectPerson(personId, 'signed out'));
  events.on('session-ended', (token) => collab.disconnectSession(token));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // After the start's own work (migrations, the search index catching up), not during it.
  if (config.warmExportsAfterMs !== null) setTimeout(() => exportJobs.warm(), config.warmExportsAfterMs).unref();
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  let closing: Promise<void> | null = null;
  return {
    url: config.publicUrl ?? `http://${host}:${port}`,
    port,
    db,
    services,
    sections: documents,
    collab,
    realtime,
    reviews,
    versions,
    authors,
    content,
    dashboard,
    translations,
    firstCoordinator,
    get checkpointing() {
      return checkpointer.active;
    },
    close: () =>
      (closing ??= (async () => {
        activity.stop();
        translationActivity.stop();
        search.stop();
        suggestions.stop();
        stopWatchingWrites();
        exportJobs.close();
        await converter.close();
        collab.close();
        documents.close();
        server.closeAllConnections();
        await realtime.close();
        audit.flushRepeats();
        await checkpointer.close();
        db.$client.close();
      })()),
  };
}
