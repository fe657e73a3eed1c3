/**
 * Comment threads on section text (the source's, or a translation's with `lang`: #19), and the
 * signed-in person's notifications. A translation has its section's rights, so the same policy
 * questions decide; replies, edits and resolving go by thread and need no language.
 */
import { Router } from 'express';
import { z } from 'zod';
import { mayComment } from '../../../shared/policy';
import { DomainError } from '../../domain/errors';
import type { Comments } from '../../domain/comments';
import type { Notifications } from '../../domain/notifications';
import { authorizeSection, currentPerson, sectionOr404, type Services } from '../context';
import { presentNotificationList, presentThread, presentUnreadCount } from '../presenters';
import { documentLanguage, languageField } from './document-language';

const mentions = z.array(z.number().int().positive()).max(50).default([]);
const body = z.string().max(20_000);
const base64 = z.string().max(1024).regex(/^[A-Za-z0-9+/]+=*$/, 'not base64');

const newThread = z.object({
  anchor: z.object({ start: base64, end: base64 }),
  quote: z.string().max(20_000),
  body,
  mentions,
  lang: languageField,
});
const threadQuery = z.object({ lang: languageField });
const newComment = z.object({ body, mentions });
const idParam = z.coerce.number().int().positive();

export function commentRoutes(services: Services, deps: { comments: Comments; notifications: Notifications }): Router {
  const router = Router();
  const { comments, notifications } = deps;

  /** Asks the policy module about one comment in its section; 403 (audited) when it says no. */
  const authorizeComment = (
    res: Parameters<typeof currentPerson>[0],
    action: 'edit-comment' | 'delete-comment' | 'resolve-comment',
    comment: { authorId: number; sectionId: string },
  ) => {
    const person = currentPerson(res);
    if (!mayComment(person, action, { authorId: comment.authorId, section: sectionOr404(services, comment.sectionId) })) {
      services.audit.record({ actorId: person.id, action: 'denied', target: `section:${comment.sectionId}`, detail: { action } });
      throw new DomainError(403, `you may not ${action.replace('-comment', '')} this comment`, 'forbidden');
    }
    return person;
  };

  router.get('/sections/:id/threads', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    authorizeSection(services, res, 'read', section);
    const lang = documentLanguage(services, threadQuery.parse(req.query).lang);
    res.json(comments.threadsOf(section.id, lang).map(presentThread));
  });

  router.post('/sections/:id/threads', (req, res) => {
    const section = sectionOr404(services, req.params.id);
    const person = authorizeSection(services, res, 'comment', section);
    const input = newThread.parse(req.body);
    const lang = documentLanguage(services, input.lang);
    const thread = comments.startThread(section.id, person, {
      lang,
      anchorStart: input.anchor.start,
      anchorEnd: input.anchor.end,
      quote: input.quote,
      body: input.body,
      mentions: input.mentions,
    });
    res.status(201).json(presentThread(thread));
  });

  router.post('/threads/:id/comments', (req, res) => {
    const thread = comments.thread(idParam.parse(req.params.id));
    if (!thread) throw new DomainError(404, 'no such comment thread', 'not-found');
    const person = authorizeSection(services, res, 'comment', sectionOr404(services, thread.sectionId));
    res.status(201).json(presentThread(comments.reply(thread.id, person, newComment.parse(req.body))));
  });

  for (const [change, resolved] of [['resolve', true], ['reopen', false]] as const) {
    router.post(`/threads/:id/${change}`, (req, res) => {
      const thread = comments.thread(idParam.parse(req.params.id));
      if (!thread) throw new DomainError(404, 'no such comment thread', 'not-found');
      const person = authorizeComment(res, 'resolve-comment', { authorId: thread.createdBy, sectionId: thread.sectionId });
      res.json(presentThread(comments.setResolved(thread.id, person, resolved)));
    });
  }

  router.patch('/comments/:id', (req, res) => {
    const comment = comments.comment(idParam.parse(req.params.id));
    if (!comment || comment.deleted) throw new DomainError(404, 'no such comment', 'not-found');
    const person = authorizeComment(res, 'edit-comment', comment);
    res.json(presentThread(comments.edit(comment.id, person, newComment.parse(req.body))));
  });

  router.delete('/comments/:id', (req, res) => {
    const comment = comments.comment(idParam.parse(req.params.id));
    if (!comment || comment.deleted) throw new DomainError(404, 'no such comment', 'not-found');
    const person = authorizeComment(res, 'delete-comment', comment);
    res.json(presentThread(comments.delete(comment.id, person)));
  });

  router.get('/notifications', (_req, res) => {
    res.json(presentNotificationList(notifications.list(currentPerson(res).id)));
  });

  router.post('/notifications/read', (req, res) => {
    const { ids } = z.object({ ids: z.union([z.literal('all'), z.array(z.number().int().positive()).max(500)]) }).parse(req.body);
    res.json(presentUnreadCount(notifications.markRead(currentPerson(res).id, ids)));
  });

  return router;
}
