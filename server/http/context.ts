/** What every route handler may use: the services, and the person behind the request. */
import type { Request, Response } from 'express';
import {
  type SectionAction,
  type SectionRef,
  type WorkspaceAction,
  maySection,
  mayWorkspace,
} from '../../shared/policy';
import type { CommandContext } from '../commands/context';
import type { Config } from '../config';
import type { AuditLog } from '../domain/audit';
import type { Comments } from '../domain/comments';
import type { Notifications } from '../domain/notifications';
import type { Invitations } from '../domain/invitations';
import { DomainError } from '../domain/errors';
import type { People, PersonRecord } from '../domain/people';
import type { Section, Sections } from '../domain/sections';
import type { Sessions } from '../domain/sessions';
import type { SignInThrottle } from '../domain/sign-in-throttle';
import type { WorkspaceEventBus } from '../events';

export interface Services {
  config: Config;
  people: People;
  sessions: Sessions;
  sections: Sections;
  audit: AuditLog;
  invitations: Invitations;
  comments: Comments;
  notifications: Notifications;
  events: WorkspaceEventBus;
  throttle: SignInThrottle;
  /** What the use cases (`server/commands/`) are done with; routes hand it to the command they call. */
  commands: CommandContext;
}

/** The section a route names, or a 404 with a JSON message. */
export function sectionOr404(services: Services, id: string): Section {
  const section = services.sections.find(id);
  if (!section) throw new DomainError(404, 'no such section', 'not-found');
  return section;
}

/** The signed-in person; routes behind `requireSignIn` may rely on it. */
export function currentPerson(res: Response): PersonRecord {
  const person = res.locals.person as PersonRecord | undefined;
  if (!person) throw new DomainError(401, 'sign in first', 'unauthenticated');
  return person;
}

export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Asks the policy module and refuses with 403 (audited) when it says no. Routes call this and
 * nothing else to decide access.
 */
export function authorizeSection(
  services: Services,
  res: Response,
  action: SectionAction,
  section: SectionRef,
): PersonRecord {
  const person = currentPerson(res);
  if (!maySection(person, action, section)) {
    services.audit.record({ actorId: person.id, action: 'denied', target: `section:${section.id}`, detail: { action } });
    throw new DomainError(403, `you may not ${action} this section`, 'forbidden');
  }
  return person;
}

export function authorizeWorkspace(services: Services, res: Response, action: WorkspaceAction): PersonRecord {
  const person = currentPerson(res);
  if (!mayWorkspace(person, action)) {
    services.audit.record({ actorId: person.id, action: 'denied', target: 'workspace', detail: { action } });
    throw new DomainError(403, `you may not ${action}`, 'forbidden');
  }
  return person;
}
