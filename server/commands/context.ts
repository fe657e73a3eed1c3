/**
 * What commands are done with: the domain services, the database (for a command's one
 * transaction) and the event bus (announced after that transaction commits). The server builds
 * one context (`server/app.ts`); the admin CLI builds the part it can without a running server.
 * Each command asks only for what it uses (`Pick<CommandContext, ...>`), so a test, or the CLI,
 * can hand it just those.
 */
import type { Db } from '../db/client';
import type { AuditLog } from '../domain/audit';
import type { Invitations } from '../domain/invitations';
import type { People } from '../domain/people';
import type { Reviews } from '../domain/reviews';
import type { SectionContent } from '../domain/section-content';
import type { Sessions } from '../domain/sessions';
import type { Settings } from '../domain/settings';
import type { SignInThrottle } from '../domain/sign-in-throttle';
import type { Versions } from '../domain/versions';
import type { WorkspaceEventBus } from '../events';

export interface CommandContext {
  db: Db;
  events: WorkspaceEventBus;
  audit: AuditLog;
  people: People;
  sessions: Sessions;
  invitations: Invitations;
  throttle: SignInThrottle;
  settings: Settings;
  content: SectionContent;
  reviews: Reviews;
  versions: Versions;
}
