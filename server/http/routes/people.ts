/** People management (coordinators), the people directory (everyone), and invitations. */
import { Router } from 'express';
import { z } from 'zod';
import { mayWorkspace } from '../../../shared/policy';
import { GROUPS, ROLES } from '../../../shared/workspace';
import { DomainError } from '../../domain/errors';
import { MIN_PASSWORD_LENGTH } from '../../domain/passwords';
import { acceptInvitation } from '../../commands/accept-invitation';
import { changePerson } from '../../commands/change-person';
import { invitePerson } from '../../commands/invite-person';
import { authorizeWorkspace, type Services } from '../context';
import { requireSignIn } from '../middleware';
import {
  presentAuditPage,
  presentCreatedInvitation,
  presentInvitation,
  presentManagedPerson,
  presentMe,
  presentPerson,
} from '../presenters';
import { sessionCookie, sessionToken } from '../../transport/session-cookie';
import { ownOrigin } from '../../transport/origin';

const invitationBody = z.object({
  email: z.string().trim().email().max(254),
  role: z.enum(ROLES),
  group: z.enum(GROUPS),
});

const acceptBody = z.object({
  name: z.string().trim().min(1).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

const personChange = z
  .object({
    role: z.enum(ROLES).optional(),
    group: z.enum(GROUPS).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    active: z.boolean().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not an invitation token');

export function peopleRoutes(services: Services): Router {
  const router = Router();
  const { people, invitations, audit, config, commands } = services;

  // Opening and accepting an invitation happen before the invitee has an account.
  router.get('/invitations/:token', (req, res) => {
    res.json(presentInvitation(invitations.open(tokenParam.parse(req.params.token))));
  });

  router.post('/invitations/:token/accept', async (req, res) => {
    const token = tokenParam.parse(req.params.token);
    const { person, session } = await acceptInvitation(commands, { token, ...acceptBody.parse(req.body), previousToken: sessionToken(req) });
    res.setHeader('Set-Cookie', sessionCookie(session.token, session.expiresAt, config.secureCookies));
    res.status(201).json(presentMe(person, commands.settings.instance()));
  });

  router.use(requireSignIn);

  router.get('/people', (_req, res) => {
    const viewer = authorizeWorkspace(services, res, 'list-people');
    const everyone = people.list();
    if (mayWorkspace(viewer, 'manage-people')) {
      res.json(everyone.map(presentManagedPerson));
    } else {
      res.json(everyone.filter((person) => person.active).map(presentPerson));
    }
  });

  router.patch('/people/:id', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-people');
    const id = z.coerce.number().int().positive().parse(req.params.id);
    const change = personChange.parse(req.body);
    const updated = changePerson(commands, { personId: id, change }, actor);
    res.json(presentManagedPerson(updated));
  });

  router.get('/invitations', (_req, res) => {
    authorizeWorkspace(services, res, 'manage-people');
    res.json(invitations.pending().map(presentInvitation));
  });

  router.post('/invitations', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-people');
    const input = invitationBody.parse(req.body);
    const origin = ownOrigin(req, config.publicUrl);
    if (!origin) throw new DomainError(400, 'the request has no Host header');
    const { token, invitation } = invitePerson(commands, input, actor);
    res.status(201).json(presentCreatedInvitation(invitation, `${origin}/invite/${token}`));
  });

  router.get('/audit', (req, res) => {
    authorizeWorkspace(services, res, 'read-audit');
    const query = z
      .object({
        action: z.string().max(64).optional(),
        actor: z.coerce.number().int().positive().optional(),
        before: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      })
      .parse(req.query);
    const entries = audit.list({ action: query.action, actorId: query.actor, before: query.before, limit: query.limit });
    const names = new Map(people.list().map((person) => [person.id, person.name]));
    res.json(presentAuditPage(entries, names, audit.verify() === null));
  });

  return router;
}
