/**
 * The titles of the course, its parts and its sections, in English and Russian: the dashboard
 * shows each in the interface's language (a switch of language needs no reload), and coordinators
 * edit them here, in a folded form under the sections table: one row per title, an English and a
 * Russian field each, one button that saves what changed.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { Outline, OutlineChange, Section, SectionChange, Titles } from '../../../shared/api';
import { titleIn } from '../../../shared/workspace';
import { sectionNumberOf } from '../../../shared/references';
import { NetworkError, isUnauthenticated, request } from '../api';
import { locale, plural, t } from '../i18n';
import type { AppContext } from './page';

/** Every title of the workspace, as the server holds them. */
export interface WorkspaceTitles {
  outline: Outline;
  sections: Section[];
}

export async function loadTitles(): Promise<WorkspaceTitles> {
  const [outline, sections] = await Promise.all([request<Outline>('GET', '/outline'), request<Section[]>('GET', '/sections')]);
  return { outline, sections };
}

/** A section's title in the interface's language; `fallback` (the server's) until the titles are loaded. */
export function sectionTitle(titles: WorkspaceTitles | null, id: string, fallback: string): string {
  const section = titles?.sections.find((candidate) => candidate.id === id);
  return section ? titleIn(section.titles, locale()) : fallback;
}

export function courseTitle(titles: WorkspaceTitles | null): string {
  return titles ? titleIn(titles.outline.course.titles, locale()) : t('app.course');
}

/** "Part 1 — Unified theoretical framework", the part's title as coordinators named it. */
export function partHeading(titles: WorkspaceTitles | null, part: 1 | 2): string {
  const named = titles?.outline.parts.find((candidate) => candidate.part === part);
  return named ? t('structure.partHeading', { part, title: titleIn(named.titles, locale()) }) : t(part === 1 ? 'workspace.part1' : 'workspace.part2');
}

type Row = { key: string; item: string; titles: Titles };

/** The coordinators' form. Drafts are kept per field until saved, so a live reload does not wipe typing. */
export class TitlesEditor {
  private drafts = new Map<string, string>();
  private busy = false;
  private message: { ok: boolean; text: string } | null = null;

  constructor(
    private readonly context: AppContext,
    private readonly saved: (titles: WorkspaceTitles) => void,
  ) {}

  private rows(titles: WorkspaceTitles): Row[] {
    return [
      { key: 'course', item: t('structure.course'), titles: titles.outline.course.titles },
      ...titles.outline.parts.map((part) => ({ key: `part${part.part}`, item: t('structure.part', { part: part.part }), titles: part.titles })),
      ...titles.sections.map((section) => ({
        key: `section:${section.id}`,
        item: t('structure.section', { number: sectionNumberOf(section) }),
        titles: section.titles,
      })),
    ];
  }

  view(titles: WorkspaceTitles): TemplateResult {
    const rows = this.rows(titles);
    return html`<details class="titles-editor">
      <summary>${t('structure.edit')}</summary>
      <form
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.save(titles);
        }}
      >
        <p class="titles-intro">${t('structure.intro')}</p>
        <div class="table-frame">
          <table class="data-table titles-table">
            <thead>
              <tr>
                <th scope="col">${t('structure.col.item')}</th>
                <th scope="col" lang="en">${t('structure.col.en')}</th>
                <th scope="col" lang="ru">${t('structure.col.ru')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map((row) => this.row(row))}
            </tbody>
          </table>
        </div>
        <div class="titles-actions">
          <button type="submit" class="button primary" ?disabled=${this.busy}>${this.busy ? t('structure.saving') : t('structure.save')}</button>
          <p class=${this.message && !this.message.ok ? 'titles-message error' : 'titles-message'} role="status">${this.message?.text ?? nothing}</p>
        </div>
      </form>
    </details>`;
  }

  private row(row: Row): TemplateResult {
    const field = (language: keyof Titles) => {
      const id = `${row.key}:${language}`;
      return html`<td>
        <input
          type="text"
          lang=${language}
          maxlength="300"
          aria-label=${t(language === 'en' ? 'structure.enOf' : 'structure.ruOf', { item: row.item })}
          .value=${live(this.drafts.get(id) ?? row.titles[language])}
          @input=${(event: Event) => this.drafts.set(id, (event.target as HTMLInputElement).value)}
        />
      </td>`;
    };
    return html`<tr>
      <th scope="row">${row.item}</th>
      ${field('en')}${field('ru')}
    </tr>`;
  }

  /** What the drafts change, as the two requests take it; an empty title names its row. */
  private changes(titles: WorkspaceTitles): { outline: OutlineChange; sections: Map<string, SectionChange>; count: number; empty: string | null } {
    const outline: OutlineChange = {};
    const sections = new Map<string, SectionChange>();
    let count = 0;
    let empty: string | null = null;
    for (const row of this.rows(titles)) {
      const change: Partial<Titles> = {};
      for (const language of ['en', 'ru'] as const) {
        const draft = this.drafts.get(`${row.key}:${language}`)?.trim();
        if (draft === undefined || draft === row.titles[language]) continue;
        if (draft === '') empty ??= row.item;
        change[language] = draft;
        count += 1;
      }
      if (Object.keys(change).length === 0) continue;
      if (row.key.startsWith('section:')) sections.set(row.key.slice('section:'.length), { titles: change });
      else outline[row.key as keyof OutlineChange] = change;
    }
    return { outline, sections, count, empty };
  }

  private async save(titles: WorkspaceTitles): Promise<void> {
    const { outline, sections, count, empty } = this.changes(titles);
    if (empty) return this.say(false, t('structure.empty', { item: empty }));
    if (count === 0) return this.say(true, t('structure.unchanged'));
    this.busy = true;
    this.message = null;
    this.context.update();
    try {
      if (Object.keys(outline).length > 0) await request<Outline>('PATCH', '/outline', outline);
      for (const [id, change] of sections) await request<Section>('PATCH', `/sections/${encodeURIComponent(id)}`, change);
      this.drafts.clear();
      this.saved(await loadTitles());
      this.message = { ok: true, text: plural('structure.saved', count) };
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.message = { ok: false, text: error instanceof NetworkError ? t('app.error.network') : t('app.error.generic') };
    } finally {
      this.busy = false;
      this.context.update();
    }
  }

  private say(ok: boolean, text: string): void {
    this.message = { ok, text };
    this.context.update();
  }
}
