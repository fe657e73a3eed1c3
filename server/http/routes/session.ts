/** Signing in and out, and the signed-in person's own settings. */
import { Router } from 'express';
import { z } from 'zod';
import { LOCALES } from '../../../shared/i18n';
import { signIn, SignInThrottled } from '../../commands/sign-in';
import { signOut } from '../../commands/sign-out';
import { clientAddress, currentPerson, type Services } from '../context';
import { requireSignIn } from '../middleware';
import { presentMe } from '../presenters';
import { clearedSessionCookie, sessionCookie, sessionToken } from '../../transport/session-cookie';

const signInBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

const meChange = z.object({ locale: z.enum(LOCALES) });

export function sessionRoutes(services: Services): Router {
  const router = Router();
  const { people, config, commands } = services;

  router.post('/session', async (req, res) => {
    const { email, password } = signInBody.parse(req.body);
    const { person, session } = await signIn(commands, {
      email,
      password,
      address: clientAddress(req),
      previousToken: sessionToken(req),
    }).catch((error: unknown) => {
      if (error instanceof SignInThrottled) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    });
    res.setHeader('Set-Cookie', sessionCookie(session.token, session.expiresAt, config.secureCookies));
    res.json(presentMe(person, commands.settings.instance()));
  });

  router.delete('/session', (req, res) => {
    const person = res.locals.person as { id: number } | undefined;
    signOut(commands, { token: sessionToken(req), person: person ?? null });
    res.setHeader('Set-Cookie', clearedSessionCookie(config.secureCookies));
    res.status(204).end();
  });

  router.get('/me', requireSignIn, (_req, res) => {
    res.json(presentMe(currentPerson(res), commands.settings.instance()));
  });

  router.patch('/me', requireSignIn, (req, res) => {
    const { locale } = meChange.parse(req.body);
    const person = currentPerson(res);
    people.setLocale(person.id, locale);
    res.json(presentMe({ ...person, locale }, commands.settings.instance()));
  });

  return router;
}
