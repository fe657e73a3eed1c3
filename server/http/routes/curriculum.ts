/**
 * The syllabus read as data (#20): `GET /api/curriculum/matrix` (the outcomes matrix),
 * `GET /api/curriculum/hours` (each section's hours and the course's) and
 * `GET /api/curriculum/compare?heading=<template key>` (the national sections under one heading of
 * the common template; without `heading`, its first heading, so a page can open on it). Everyone signed in may read them (`read-workspace` in the policy module).
 */
import { type Request, Router } from 'express';
import { z } from 'zod';
import { TEMPLATE_KEY } from '../../../shared/api/settings';
import type { Curriculum, CurriculumLocale } from '../../domain/curriculum';
import { DomainError } from '../../domain/errors';
import { authorizeWorkspace, type Services } from '../context';
import { presentComparison, presentHours, presentMatrix } from '../presenters/curriculum';

export interface CurriculumDeps {
  curriculum: Curriculum;
}

/** A template key as the settings name them (`TEMPLATE_KEY`); without one, the template's first heading. */
const compareQuery = z.object({ heading: z.string().regex(TEMPLATE_KEY).optional() });

export function curriculumRoutes(services: Services, deps: CurriculumDeps): Router {
  const router = Router();
  /**
   * Titles are in the language the page asks for (`?locale=en|ru`: the page's, which changes before
   * the person's stored language does), else the person's.
   */
  const localeOf = (req: Request, person: { locale?: string }): CurriculumLocale => {
    const asked = req.query.locale;
    if (asked === undefined) return person.locale === 'ru' ? 'ru' : 'en';
    if (asked === 'en' || asked === 'ru') return asked;
    throw new DomainError(400, 'locale is en or ru', 'bad-locale');
  };

  router.get('/curriculum/matrix', (req, res) => {
    const person = authorizeWorkspace(services, res, 'read-workspace');
    res.json(presentMatrix(deps.curriculum.matrix(localeOf(req, person))));
  });

  router.get('/curriculum/hours', (req, res) => {
    const person = authorizeWorkspace(services, res, 'read-workspace');
    res.json(presentHours(deps.curriculum.hours(localeOf(req, person))));
  });

  router.get('/curriculum/compare', (req, res) => {
    const person = authorizeWorkspace(services, res, 'read-workspace');
    const query = compareQuery.safeParse(req.query);
    if (!query.success) throw new DomainError(400, 'name a heading of the national template: ?heading=<key>', 'bad-heading');
    const key = query.data.heading ?? deps.curriculum.template()[0].key;
    res.json(presentComparison(deps.curriculum.compare(key, localeOf(req, person))));
  });

  return router;
}
