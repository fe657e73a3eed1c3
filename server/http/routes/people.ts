/** People management (coordinators), the people directory (everyone), and invitations. */
import { Router } from 'express';
import { z } from 'zod';
import { mayWorkspace } from '../../../shared/policy';
import { GROUPS, ROLES } from '../../../shared/workspace';
import { DomainError } from '../../domain/errors';
import { MIN_PASSWORD_LENGTH } from '../../domain/passwords';
import { authorizeWorkspace, type Services } from '../context';
import { requireSignIn } from '../middleware';
import { presentMe, presentPerson, presentPersonForCoordinator } from '../presenters';
import { sessionCookie, sessionToken } from '../session-cookie';
import { ownOrigin } from '../origin';

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
  const { people, sessions, invitations, audit, config } = services;

  // Opening and accepting an invitation happen before the invitee has an account.
  router.get('/invitations/:token', (req, res) => {
    res.json(invitations.open(tokenParam.parse(req.params.token)));
  });

  router.post('/invitations/:token/accept', async (req, res) => {
    const token = tokenParam.parse(req.params.token);
    const person = await invitations.accept(token, acceptBody.parse(req.body));
    sessions.end(sessionToken(req));
    const session = sessions.start(person.id);
    res.setHeader('Set-Cookie', sessionCookie(session.token, session.expiresAt, config.secureCookies));
    res.status(201).json(presentMe(person));
  });

  router.use(requireSignIn);

  router.get('/people', (_req, res) => {
    const viewer = authorizeWorkspace(services, res, 'list-people');
    const everyone = people.list();
    if (mayWorkspace(viewer, 'manage-people')) {
      res.json(everyone.map(presentPersonForCoordinator));
    } else {
      res.json(everyone.filter((person) => person.active).map(presentPerson));
    }
  });

  router.patch('/people/:id', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-people');
    const id = z.coerce.number().int().positive().parse(req.params.id);
    const change = personChange.parse(req.body);
    const updated = people.update(id, change, actor.id);
    if (change.active === false) sessions.endAllOf(id);
    res.json(presentPersonForCoordinator(updated));
  });

  router.get('/invitations', (_req, res) => {
    authorizeWorkspace(services, res, 'manage-people');
    res.json(invitations.pending());
  });

  router.post('/invitations', (req, res) => {
    const actor = authorizeWorkspace(services, res, 'manage-people');
    const { token, invitation } = invitations.create(invitationBody.parse(req.body), actor.id);
    const origin = ownOrigin(req, config.publicUrl);
    if (!origin) throw new DomainError(400, 'the request has no Host header');
    res.status(201).json({ ...invitation, link: `${origin}/invite/${token}` });
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
    res.json({
      entries: entries.map((entry) => ({ ...entry, actorName: entry.actorId ? names.get(entry.actorId) ?? null : null })),
      chainIntact: audit.verify() === null,
    });
  });

  return router;
}
