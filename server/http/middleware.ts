/** Request guards that run before any route: same-origin JSON for changes, the session, errors. */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { ZodError } from 'zod';
import type { ApiErrorBody } from '../../shared/api';
import { isStorageFull, reportStorageFull } from '../db/storage-errors';
import { DomainError } from '../domain/errors';
import { ExportError } from '../exports/errors';
import { DOCX_MEDIA_TYPE } from '../../shared/api/imports';
import { XLIFF_MEDIA_TYPES } from '../../shared/api/translations';
import type { Services } from './context';
import { isSameOrigin } from '../transport/origin';
import { sessionToken } from '../transport/session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one body that is not JSON: a Word file sent to be imported (#18). Not a CORS-safelisted
 * type, so no other site can send it without a preflight; the Origin check below still applies.
 */
const isWordImport = (req: Request, mediaType: string) => mediaType === DOCX_MEDIA_TYPE && /^\/sections\/[^/]+\/import$/.test(req.path);

/**
 * The other: a translation's XLIFF file sent back by a translator (#19), to its own address.
 * Neither XML type is CORS-safelisted either, and the Origin check applies as to JSON.
 */
const isXliffImport = (req: Request, mediaType: string) =>
  req.method === 'PUT' && (XLIFF_MEDIA_TYPES as readonly string[]).includes(mediaType) && /^\/sections\/[^/]+\/translations\/[a-z]{2,3}\.xliff$/.test(req.path);

/**
 * A state-changing request must be JSON from our own origin: a form or image on another site can
 * send neither, which is our CSRF defence (DESIGN.md, cross-site defence).
 */
export function requireSameOriginJson(services: Services): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // Read the header itself: a body-less DELETE still declares what it is.
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType !== 'application/json' && !isWordImport(req, mediaType) && !isXliffImport(req, mediaType)) {
      res.status(415).json({ error: 'send JSON (Content-Type: application/json)', code: 'json-required' } satisfies ApiErrorBody);
      return;
    }
    if (!isSameOrigin(req, services.config.publicUrl)) {
      services.audit.recordRepeated(req.socket.remoteAddress ?? 'unknown', {
        actorId: null,
        action: 'denied',
        target: req.path,
        detail: { reason: 'cross-origin request', origin: req.headers.origin ?? null },
      });
      res.status(403).json({ error: 'cross-origin request refused', code: 'cross-origin' } satisfies ApiErrorBody);
      return;
    }
    next();
  };
}

/** Attaches the signed-in person (if any) to `res.locals.person`. */
export function loadSession(services: Services): RequestHandler {
  return (req, res, next) => {
    const person = services.sessions.resolve(sessionToken(req));
    if (person) {
      res.locals.person = person;
      services.people.touch(person.id);
    }
    next();
  };
}

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (!res.locals.person) {
    res.status(401).json({ error: 'sign in first', code: 'unauthenticated' } satisfies ApiErrorBody);
    return;
  }
  next();
}

/** Every refusal is JSON with a readable `error`; unexpected failures are logged, not leaked. */
export const handleErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (error instanceof DomainError || error instanceof ExportError) {
    res.status(error.status).json({ error: error.message, code: error.code } satisfies ApiErrorBody);
    return;
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    res.status(400).json({ error: `${where}${issue?.message ?? 'invalid request'}`, code: 'invalid-request' } satisfies ApiErrorBody);
    return;
  }
  if (error instanceof URIError) {
    res.status(400).json({ error: 'the address has a malformed %-escape', code: 'invalid-address' } satisfies ApiErrorBody);
    return;
  }
  if (isStorageFull(error)) {
    reportStorageFull(`${req.method} ${req.path}`, error);
    res.setHeader('Retry-After', '60');
    res
      .status(503)
      .json({ error: 'the server has no room to store anything just now; nothing was changed. Try again later.', code: 'storage-full' } satisfies ApiErrorBody);
    return;
  }
  const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
  if (status === 400 || status === 413 || status === 415) {
    const messages: Record<number, string> = {
      400: 'the request body is not valid JSON',
      413: 'the request body is too large',
      415: 'unsupported content encoding',
    };
    res.status(status).json({ error: messages[status], code: 'invalid-body' } satisfies ApiErrorBody);
    return;
  }
  console.error(`[http] ${req.method} ${req.path} failed`, error);
  res.status(500).json({ error: 'internal error', code: 'internal' } satisfies ApiErrorBody);
};
