/** Signing in and out, and the signed-in person's own settings. */
import { Router } from 'express';
import { z } from 'zod';
import { LOCALES } from '../../../shared/i18n';
import { DomainError } from '../../domain/errors';
import { clientAddress, currentPerson, type Services } from '../context';
import { requireSignIn } from '../middleware';
import { presentMe } from '../presenters';
import { clearedSessionCookie, sessionCookie, sessionToken } from '../session-cookie';

const signInBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

const meChange = z.object({ locale: z.enum(LOCALES) });

export function sessionRoutes(services: Services): Router {
  const router = Router();
  const { people, sessions, audit, throttle, config } = services;

  router.post('/session', async (req, res) => {
    const { email, password } = signInBody.parse(req.body);
    const keys = [`email:${email.toLowerCase()}`, `ip:${clientAddress(req)}`];
    const wait = throttle.waitMs(keys);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      res.setHeader('Retry-After', String(seconds));
      throw new DomainError(429, `too many attempts; try again in ${seconds} s`, 'throttled');
    }
    const person = await people.authenticate(email, password);
    if (!person) {
      throttle.failed(keys);
      audit.record({ actorId: null, action: 'sign-in.failed', detail: { email, ip: clientAddress(req) } });
      throw new DomainError(401, 'the e-mail or password is not correct', 'bad-credentials');
    }
    throttle.succeeded(keys);
    // Rotate: whatever session this browser had ends, and a new id is issued.
    sessions.end(sessionToken(req));
    const { token, expiresAt } = sessions.start(person.id);
    audit.record({ actorId: person.id, action: 'sign-in.succeeded', detail: { ip: clientAddress(req) } });
    res.setHeader('Set-Cookie', sessionCookie(token, expiresAt, config.secureCookies));
    res.json(presentMe(person));
  });

  router.delete('/session', (req, res) => {
    const person = res.locals.person as { id: number } | undefined;
    sessions.end(sessionToken(req));
    if (person) audit.record({ actorId: person.id, action: 'sign-out' });
    res.setHeader('Set-Cookie', clearedSessionCookie(config.secureCookies));
    res.status(204).end();
  });

  router.get('/me', requireSignIn, (_req, res) => {
    res.json(presentMe(currentPerson(res)));
  });

  router.patch('/me', requireSignIn, (req, res) => {
    const { locale } = meChange.parse(req.body);
    const person = currentPerson(res);
    people.setLocale(person.id, locale);
    res.json(presentMe({ ...person, locale }));
  });

  return router;
}
