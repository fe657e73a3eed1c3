/**
 * The shared glossary (#20): `GET /api/glossary` (everyone signed in), `POST /api/glossary`
 * (propose), `PATCH /api/glossary/:id` (edit), `POST /api/glossary/:id/approvals` (approve) and
 * `DELETE /api/glossary/:id` (delete). Who may do which is the policy module's `mayGlossary`.
 * An unknown id is a 404 before anything else is checked; then the policy (403), then the body (400).
 */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { GLOSSARY_LIMITS } from '../../../shared/api/glossary';
import { LANGUAGES, type LanguageCode, isLanguageCode } from '../../../shared/languages';
import { type GlossaryAction, type GlossaryEntryRef, mayGlossary } from '../../../shared/policy';
import { approveGlossaryEntry } from '../../commands/approve-glossary-entry';
import { deleteGlossaryEntry } from '../../commands/delete-glossary-entry';
import { editGlossaryEntry } from '../../commands/edit-glossary-entry';
import type { GlossaryContext } from '../../commands/glossary-context';
import { proposeGlossaryEntry } from '../../commands/propose-glossary-entry';
import { DomainError } from '../../domain/errors';
import { Glossary, type GlossaryRecord, type GlossaryTerms } from '../../domain/glossary';
import type { PersonRecord } from '../../domain/people';
import { currentPerson, type Services } from '../context';
import { presentGlossaryEntry } from '../presenters/glossary';

/** Control characters (tabs and line breaks included) have no place in a term or a source. */
const ONE_LINE = /^[^\p{Cc}]*$/u;
/** A definition may run over lines (Windows line ends and tabs are evened out first), but holds no other control characters. */
const LINES = /^(?:[^\p{Cc}]|\n)*$/u;
const evenedOut = (value: string) => value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');

const term = z
  .string()
  .trim()
  .max(GLOSSARY_LIMITS.term, `a term has at most ${GLOSSARY_LIMITS.term} characters`)
  .regex(ONE_LINE, 'a term is one line, without control characters');

const terms = z
  .record(z.string(), term)
  .superRefine((value, context) => {
    for (const lang of Object.keys(value)) {
      if (!isLanguageCode(lang)) context.addIssue({ code: 'custom', message: `"${lang}" is not a workspace language (${LANGUAGES.join(', ')})`, path: [lang] });
    }
  })
  // A blank field is no term in that language.
  .transform((value): GlossaryTerms => Object.fromEntries(Object.entries(value).filter(([, text]) => text !== '')) as Record<LanguageCode, string>)
  .refine((value) => Object.keys(value).length > 0, 'give the term in at least one language');

const definition = z
  .string()
  .transform(evenedOut)
  .pipe(
    z
      .string()
      .trim()
      .min(1, 'write a definition')
      .max(GLOSSARY_LIMITS.definition, `a definition has at most ${GLOSSARY_LIMITS.definition} characters`)
      .regex(LINES, 'a definition holds no control characters'),
  );

const source = z
  .string()
  .trim()
  .max(GLOSSARY_LIMITS.source, `a source has at most ${GLOSSARY_LIMITS.source} characters`)
  .regex(ONE_LINE, 'a source is one line, without control characters');

const newEntryBody = z.object({ terms, definition, source: source.default('') });
const changeBody = z
  .object({ terms: terms.optional(), definition: definition.optional(), source: source.optional(), baseHash: z.string().max(64).optional() })
  .refine((body) => body.terms !== undefined || body.definition !== undefined || body.source !== undefined, 'nothing to change');
const approvalBody = z.object({ contentHash: z.string().max(64).optional() }).default({});

export interface GlossaryDeps {
  glossary: Glossary;
  /** Tells open pages an entry changed (socket.io); nothing is announced without it. */
  announce?: (entryId: string) => void;
}

export function glossaryRoutes(services: Services, deps?: GlossaryDeps): Router {
  const router = Router();
  const { db, events, settings } = services.commands;
  const glossary = deps?.glossary ?? new Glossary({ db, settings, audit: services.audit });
  const context: GlossaryContext = { db, events, glossary, announce: deps?.announce ?? (() => undefined) };
  const nameOf = (personId: number) => services.people.find(personId)?.name ?? '';
  const present = (entry: GlossaryRecord) => presentGlossaryEntry(entry, nameOf);

  const authorize = (res: Response, action: GlossaryAction, entry: (GlossaryEntryRef & { id: string }) | null = null): PersonRecord => {
    const person = currentPerson(res);
    if (!mayGlossary(person, action, entry)) {
      services.audit.record({ actorId: person.id, action: 'denied', target: entry ? `glossary:${entry.id}` : 'glossary', detail: { action } });
      throw new DomainError(403, REFUSALS[action], 'forbidden');
    }
    return person;
  };

  const entryOr404 = (id: string): GlossaryRecord => {
    const entry = glossary.find(id);
    if (!entry) throw new DomainError(404, 'no such glossary entry', 'not-found');
    return entry;
  };

  router.get('/glossary', (_req, res) => {
    authorize(res, 'read-glossary');
    res.json(glossary.list().map(present));
  });

  router.post('/glossary', (req, res) => {
    const person = authorize(res, 'propose-term');
    const body = newEntryBody.parse(req.body);
    res.status(201).json(present(proposeGlossaryEntry(context, body, person)));
  });

  router.patch('/glossary/:id', (req, res) => {
    const entry = entryOr404(req.params.id);
    const person = authorize(res, 'edit-term', entry);
    const { baseHash, ...change } = changeBody.parse(req.body);
    if (baseHash !== undefined && baseHash !== entry.contentHash) {
      throw new DomainError(409, 'someone changed this entry after you opened it: read their version, then save yours again', 'changed');
    }
    res.json(present(editGlossaryEntry(context, { entry, change }, person)));
  });

  router.post('/glossary/:id/approvals', (req, res) => {
    const entry = entryOr404(req.params.id);
    const person = authorize(res, 'approve-term', entry);
    const body = approvalBody.parse(req.body ?? {});
    res.json(present(approveGlossaryEntry(context, { entry, seenHash: body.contentHash ?? null }, person)));
  });

  router.delete('/glossary/:id', (req, res) => {
    const entry = entryOr404(req.params.id);
    const person = authorize(res, 'delete-term', entry);
    deleteGlossaryEntry(context, { entry }, person);
    res.status(204).end();
  });

  return router;
}

/** What each refusal says: who may, so the person knows whom to ask. */
const REFUSALS: Record<GlossaryAction, string> = {
  'read-glossary': 'you may not read the glossary',
  'propose-term': 'only working-group members, leads and coordinators propose glossary terms',
  'edit-term': 'only the person who proposed this entry and coordinators may edit it',
  'approve-term': 'only IOM and TSPC reviewers approve glossary entries',
  'delete-term': 'only coordinators delete glossary entries',
};
