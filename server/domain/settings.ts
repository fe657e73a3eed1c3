/**
 * Workspace settings coordinators change: the deadline, which organisations must approve,
 * whether other working groups may suggest on a country's section, the languages (#19) and the
 * headings every national section must have (#20).
 */
import { eq, ne, sql } from 'drizzle-orm';
import {
  MAX_TEMPLATE_HEADINGS,
  MAX_TEMPLATE_TITLE,
  TEMPLATE_KEY,
  type TemplateHeading,
  type WorkspaceSettings,
} from '../../shared/api/settings';
import { DEFAULT_LANGUAGES, LANGUAGES, type LanguageSettings, isLanguageCode } from '../../shared/languages';
import { REVIEW_ORGANISATIONS, type ReviewOrganisation } from '../../shared/workspace';
import type { Db } from '../db/client';
import { docUpdates, settings } from '../db/schema';
import type { AuditLog } from './audit';
import { DomainError } from './errors';

/** The next 15 September on or after `today`: the project's hard deadline. */
export function nextFifteenthSeptember(today: Date): string {
  const year = today.getUTCFullYear();
  const thisYear = Date.UTC(year, 8, 15);
  const todayUtc = Date.UTC(year, today.getUTCMonth(), today.getUTCDate());
  return `${todayUtc <= thisYear ? year : year + 1}-09-15`;
}

export class Settings {
  /** Prepared once: the section records read one setting on every lookup. */
  private readonly byKey;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {
    this.byKey = db.select().from(settings).where(eq(settings.key, sql.placeholder('key'))).prepare();
  }

  get(): WorkspaceSettings {
    const rows = new Map(this.db.select().from(settings).all().map((row) => [row.key, JSON.parse(row.value) as unknown]));
    return {
      deadline: (rows.get('deadline') as string | undefined) ?? nextFifteenthSeptember(new Date()),
      requiredOrganisations: (rows.get('requiredOrganisations') as ReviewOrganisation[] | undefined) ?? [...REVIEW_ORGANISATIONS],
      otherGroupsSuggest: rows.get('otherGroupsSuggest') === true,
      languages: languagesOf(rows.get('languages')),
      nationalTemplate: templateOf(rows.get('nationalTemplate')),
    };
  }

  /** The headings every national section must have; read for every national section listed. */
  nationalTemplate(): TemplateHeading[] {
    const row = this.byKey.get({ key: 'nationalTemplate' });
    return templateOf(row === undefined ? undefined : JSON.parse(row.value));
  }

  /** The source and target languages; read on every collab upgrade to a translation, so prepared. */
  languages(): LanguageSettings {
    const row = this.byKey.get({ key: 'languages' });
    return languagesOf(row === undefined ? undefined : JSON.parse(row.value));
  }

  /** Whether other working groups may suggest on a country's own section (off unless set). */
  otherGroupsSuggest(): boolean {
    const row = this.byKey.get({ key: 'otherGroupsSuggest' });
    return row !== undefined && JSON.parse(row.value) === true;
  }

  /**
   * The identity of this workspace's data (migration 0009): browsers keep their local copies of
   * sections under it, so a copy made for one workspace is never merged into another.
   */
  instance(): string {
    const row = this.db.select().from(settings).where(eq(settings.key, 'instance')).all()[0];
    if (!row) throw new Error('the workspace has no instance id: run the migrations');
    return JSON.parse(row.value) as string;
  }

  /** Fixes the default deadline at first start, so that it does not move on by itself a year later. */
  ensureDefaults(): void {
    if (!this.db.select().from(settings).where(eq(settings.key, 'deadline')).get()) this.write('deadline', this.get().deadline);
  }

  update(change: Partial<WorkspaceSettings>, actorId: number): WorkspaceSettings {
    if (change.requiredOrganisations && change.requiredOrganisations.length === 0) {
      throw new DomainError(422, 'at least one organisation must approve', 'no-organisations');
    }
    if (change.deadline !== undefined) this.write('deadline', change.deadline);
    if (change.requiredOrganisations) this.write('requiredOrganisations', [...new Set(change.requiredOrganisations)]);
    if (change.otherGroupsSuggest !== undefined) this.write('otherGroupsSuggest', change.otherGroupsSuggest);
    if (change.languages) {
      // Every translation was made from the source language: with another source its links,
      // hashes and stale flags would compare texts in different languages. Removing a target is
      // allowed and keeps its rows, so adding it back brings the translation back.
      if (change.languages.source !== this.languages().source && this.anyTranslation()) {
        throw new DomainError(422, 'the source language cannot change once sections have translations', 'translations-exist');
      }
      this.write('languages', { source: change.languages.source, targets: [...change.languages.targets] });
    }
    if (change.nationalTemplate) this.write('nationalTemplate', checkedNationalTemplate(change.nationalTemplate));
    this.audit.record({ actorId, action: 'settings.changed', target: 'workspace', detail: change });
    return this.get();
  }

  /** Whether any section has a translation with stored text (rows in the update log). */
  private anyTranslation(): boolean {
    return this.db.select({ seq: docUpdates.seq }).from(docUpdates).where(ne(docUpdates.lang, '')).limit(1).get() !== undefined;
  }

  private write(key: string, value: unknown): void {
    this.db
      .insert(settings)
      .values({ key, value: JSON.stringify(value) })
      .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value) } })
      .run();
  }
}

/**
 * The stored languages setting, or the default when there is none. A stored value that is not a
 * valid setting (written by hand) falls back to the default rather than serving a language that
 * does not exist.
 */
function languagesOf(stored: unknown): LanguageSettings {
  const fallback = { source: DEFAULT_LANGUAGES.source, targets: [...DEFAULT_LANGUAGES.targets] };
  if (!stored || typeof stored !== 'object') return fallback;
  const { source, targets } = stored as { source?: unknown; targets?: unknown };
  if (!isLanguageCode(source) || !Array.isArray(targets) || !targets.every(isLanguageCode)) return fallback;
  return { source, targets: [...new Set(targets)].filter((code) => code !== source) };
}

/**
 * The template until coordinators set one: the five headings the syllabus's Part 2 asks of every
 * country (the issue's own list), so a national section can start from it on the first day.
 */
export const DEFAULT_NATIONAL_TEMPLATE: readonly TemplateHeading[] = [
  { key: 'legal-framework', title: { en: 'Legal framework', ru: 'Правовая база' } },
  { key: 'institutions', title: { en: 'Institutions and their powers', ru: 'Государственные органы и их полномочия' } },
  { key: 'return-reintegration', title: { en: 'Return and reintegration practice', ru: 'Практика возвращения и реинтеграции' } },
  { key: 'statistics', title: { en: 'Statistics', ru: 'Статистика' } },
  { key: 'sources', title: { en: 'Sources', ru: 'Источники' } },
];

const copyOf = (template: readonly TemplateHeading[]): TemplateHeading[] =>
  template.map((heading) => ({ key: heading.key, title: { en: heading.title.en, ru: heading.title.ru } }));

/** The stored template, or the default when there is none or it is not a valid one (written by hand). */
function templateOf(stored: unknown): TemplateHeading[] {
  if (stored === undefined) return copyOf(DEFAULT_NATIONAL_TEMPLATE);
  try {
    return checkedNationalTemplate(stored);
  } catch {
    return copyOf(DEFAULT_NATIONAL_TEMPLATE);
  }
}

/**
 * A national template as a request gives it, checked whole: 1–20 headings, each a key (a short
 * id: lower-case letters, digits, "-"; unique in the list) and an English and a Russian title of
 * 1–120 characters (trimmed). Refused with a 400 that names the heading and what is wrong, so the
 * coordinators' form can say what to fix; nothing is stored then.
 */
export function checkedNationalTemplate(requested: unknown): TemplateHeading[] {
  const refuse = (message: string): never => {
    throw new DomainError(400, `nationalTemplate: ${message}`, 'bad-template');
  };
  if (!Array.isArray(requested)) return refuse('a list of headings, each {key, title: {en, ru}}');
  if (requested.length === 0) return refuse('at least one heading');
  if (requested.length > MAX_TEMPLATE_HEADINGS) return refuse(`at most ${MAX_TEMPLATE_HEADINGS} headings`);
  const keys = new Set<string>();
  return requested.map((entry: unknown, index) => {
    const where = `heading ${index + 1}`;
    if (!entry || typeof entry !== 'object') return refuse(`${where} is not {key, title: {en, ru}}`);
    const { key, title } = entry as { key?: unknown; title?: unknown };
    if (typeof key !== 'string' || !TEMPLATE_KEY.test(key)) {
      return refuse(`${where}: the key must be 1–32 lower-case letters, digits or "-", starting with a letter or digit`);
    }
    if (keys.has(key)) return refuse(`${where}: the key "${key}" is used twice`);
    keys.add(key);
    if (!title || typeof title !== 'object') return refuse(`${where}: give a title in English and in Russian`);
    const titles = title as { en?: unknown; ru?: unknown };
    const checked = { en: '', ru: '' };
    for (const lang of ['en', 'ru'] as const) {
      const text = titles[lang];
      const trimmed = typeof text === 'string' ? text.trim() : '';
      if (trimmed === '') return refuse(`${where}: the ${lang === 'en' ? 'English' : 'Russian'} title is empty`);
      if (trimmed.length > MAX_TEMPLATE_TITLE) {
        return refuse(`${where}: the ${lang === 'en' ? 'English' : 'Russian'} title is longer than ${MAX_TEMPLATE_TITLE} characters`);
      }
      checked[lang] = trimmed;
    }
    return { key, title: checked };
  });
}

/**
 * A languages setting as a request gives it, checked: every code one the workspace knows, no
 * target twice, and no target that is the source (its document is the section itself). Refused
 * with a 422 that names the problem, so the coordinators' form can say what to fix.
 */
export function checkedLanguages(requested: { source: string; targets: string[] }): LanguageSettings {
  for (const code of [requested.source, ...requested.targets]) {
    if (!isLanguageCode(code)) {
      throw new DomainError(422, `unknown language "${code}": one of ${LANGUAGES.join(', ')}`, 'unknown-language');
    }
  }
  const { source, targets } = requested as LanguageSettings;
  if (targets.includes(source)) {
    throw new DomainError(422, 'the source language cannot also be a target language', 'target-is-source');
  }
  if (new Set(targets).size !== targets.length) {
    throw new DomainError(422, 'each target language may be listed once', 'duplicate-language');
  }
  return { source, targets: [...targets] };
}
