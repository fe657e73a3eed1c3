/**
 * The workspace settings that shape the syllabus's text: its languages (#19: the source language
 * the groups write in, the languages it is translated into) and the headings every national
 * section must have (#20: add, rename, reorder, remove). Coordinators change them; everyone else
 * reads them here, with a note saying why they cannot.
 */
// The shared page styles first, so this page's own rules come after them.
import './pages.css';
import './settings.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { SettingsChange, WorkspaceSettings } from '../../../shared/api';
import { MAX_TEMPLATE_HEADINGS, MAX_TEMPLATE_TITLE, TEMPLATE_KEY, type TemplateHeading } from '../../../shared/api/settings';
import { LANGUAGES, LANGUAGE_NAMES, type LanguageCode, type LanguageSettings } from '../../../shared/languages';
import { mayWorkspace } from '../../../shared/policy';
import { ApiError, api, isUnauthenticated, request } from '../api';
import { locale, t } from '../i18n';
import { problem } from '../ui/parts';
import type { AppContext, Page } from './page';
import { loading } from './parts';
import { actorOf } from './people-rules';

/** A heading being edited: `saved` headings keep their key, which the sections' headings are tied to. */
interface DraftHeading {
  /** Stable across reorders, for the list's keys and the fields' ids. */
  id: number;
  key: string;
  en: string;
  ru: string;
  saved: boolean;
}

type Outcome = { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string } | null;

let nextDraftId = 1;
const draftOf = (heading: TemplateHeading): DraftHeading => ({ id: nextDraftId++, key: heading.key, en: heading.title.en, ru: heading.title.ru, saved: true });

/** What is wrong with the headings, in the reader's language; null when the server would take them. */
export function templateProblem(headings: readonly DraftHeading[]): string | null {
  if (headings.length === 0) return t('settings.template.problem.none');
  if (headings.length > MAX_TEMPLATE_HEADINGS) return t('settings.template.problem.tooMany', { max: MAX_TEMPLATE_HEADINGS });
  const seen = new Set<string>();
  for (const [index, heading] of headings.entries()) {
    const number = index + 1;
    if (!TEMPLATE_KEY.test(heading.key)) return t('settings.template.problem.key', { number });
    if (seen.has(heading.key)) return t('settings.template.problem.duplicate', { number, key: heading.key });
    seen.add(heading.key);
    const titles = [heading.en.trim(), heading.ru.trim()];
    if (titles.some((title) => title === '' || title.length > MAX_TEMPLATE_TITLE)) return t('settings.template.problem.title', { number, max: MAX_TEMPLATE_TITLE });
  }
  return null;
}

export class SettingsPage implements Page {
  private settings: WorkspaceSettings | null = null;
  private languages: LanguageSettings = { source: 'ru', targets: [] };
  private headings: DraftHeading[] = [];
  private languagesOutcome: Outcome = null;
  private templateOutcome: Outcome = null;
  private error: unknown = null;
  private disposed = false;

  constructor(private readonly context: AppContext) {
    void this.load();
  }

  title(): string {
    return `${t('settings.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  dispose(): void {
    this.disposed = true;
  }

  private mayChange(): boolean {
    return this.context.me !== null && mayWorkspace(actorOf(this.context.me), 'manage-structure');
  }

  private async load(): Promise<void> {
    try {
      this.take(await request<WorkspaceSettings>('GET', '/settings'));
      this.error = null;
    } catch (error) {
      if (this.disposed) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
    }
    if (!this.disposed) this.context.update();
  }

  private take(settings: WorkspaceSettings): void {
    this.settings = settings;
    this.languages = { source: settings.languages.source, targets: [...settings.languages.targets] };
    this.headings = settings.nationalTemplate.map(draftOf);
  }

  private async save(change: SettingsChange, which: 'languagesOutcome' | 'templateOutcome'): Promise<void> {
    this[which] = { kind: 'saving' };
    this.context.update();
    try {
      this.take(await api.setSettings(change));
      this[which] = { kind: 'saved' };
    } catch (error) {
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      const message =
        error instanceof ApiError && error.code === 'translations-exist'
          ? t('settings.languages.sourceLocked')
          : error instanceof ApiError
            ? error.message
            : t('app.error.network');
      this[which] = { kind: 'failed', message };
    }
    if (!this.disposed) this.context.update();
  }

  view(): TemplateResult {
    const head = html`<div class="page-head"><h1>${t('settings.title')}</h1></div>`;
    if (this.error) return html`${head}${problem(this.error, () => void this.load())}`;
    if (!this.settings) return html`${head}${loading()}`;
    const readOnly = !this.mayChange();
    return html`${head}
      ${readOnly ? html`<p class="settings-read-only" role="note">${t('settings.readOnly')}</p>` : nothing}
      <div class="settings-page">${this.languagesForm(readOnly)} ${this.templateForm(readOnly)}</div>`;
  }

  private languagesForm(readOnly: boolean): TemplateResult {
    const name = (code: LanguageCode) => `${LANGUAGE_NAMES[code].native} (${LANGUAGE_NAMES[code][locale() === 'ru' ? 'ru' : 'en']})`;
    return html`<form
      class="card settings-card"
      aria-labelledby="languages-heading"
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.save({ languages: this.languages }, 'languagesOutcome');
      }}
    >
      <h2 id="languages-heading">${t('settings.languages.heading')}</h2>
      <p class="card-intro">${t('settings.languages.intro')}</p>
      <fieldset class="settings-fields" ?disabled=${readOnly}>
        <div class="field">
          <label for="source-language">${t('settings.languages.source')}</label>
          <select
            id="source-language"
            @change=${(event: Event) => {
              const source = (event.target as HTMLSelectElement).value as LanguageCode;
              this.languages = { source, targets: this.languages.targets.filter((code) => code !== source) };
              this.context.update();
            }}
          >
            ${LANGUAGES.map((code) => html`<option value=${code} ?selected=${code === this.languages.source}>${name(code)}</option>`)}
          </select>
        </div>
        <fieldset class="target-languages">
          <legend>${t('settings.languages.targets')}</legend>
          ${LANGUAGES.filter((code) => code !== this.languages.source).map(
            (code) => html`<label class="check">
              <input
                type="checkbox"
                name="target"
                value=${code}
                .checked=${this.languages.targets.includes(code)}
                @change=${(event: Event) => {
                  const on = (event.target as HTMLInputElement).checked;
                  const targets = this.languages.targets.filter((target) => target !== code);
                  this.languages = { ...this.languages, targets: on ? [...targets, code] : targets };
                }}
              />
              ${name(code)}
            </label>`,
          )}
        </fieldset>
      </fieldset>
      ${readOnly ? nothing : this.actions('settings.languages.save', this.languagesOutcome, null)}
    </form>`;
  }

  private templateForm(readOnly: boolean): TemplateResult {
    const problemNow = templateProblem(this.headings);
    const edit = (heading: DraftHeading, field: 'key' | 'en' | 'ru') => (event: Event) => {
      heading[field] = (event.target as HTMLInputElement).value;
      this.templateOutcome = null;
      this.context.update();
    };
    const move = (index: number, by: -1 | 1) => {
      const next = [...this.headings];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      this.headings = next;
      this.context.update();
      // Keep the focus on the same button of the moved heading, so a keyboard user can move it on.
      requestAnimationFrame(() => document.getElementById(`heading-${next[index + by].id}-${by < 0 ? 'up' : 'down'}`)?.focus());
    };
    return html`<form
      class="card settings-card"
      aria-labelledby="template-heading"
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        if (templateProblem(this.headings)) return;
        const nationalTemplate = this.headings.map((heading) => ({ key: heading.key, title: { en: heading.en.trim(), ru: heading.ru.trim() } }));
        void this.save({ nationalTemplate }, 'templateOutcome');
      }}
    >
      <h2 id="template-heading">${t('settings.template.heading')}</h2>
      <p class="card-intro">${t('settings.template.intro')}</p>
      <fieldset class="settings-fields" ?disabled=${readOnly}>
        <ol class="template-headings">
          ${repeat(
            this.headings,
            (heading) => heading.id,
            (heading, index) => {
              const number = index + 1;
              const id = `heading-${heading.id}`;
              return html`<li class="template-heading" data-key=${heading.key}>
                <fieldset>
                  <legend>${t('settings.template.item', { number })}</legend>
                  <div class="template-titles">
                    <div class="field">
                      <label for="${id}-en">${t('settings.template.en')}</label>
                      <input type="text" id="${id}-en" lang="en" maxlength=${MAX_TEMPLATE_TITLE} .value=${heading.en} @input=${edit(heading, 'en')} />
                    </div>
                    <div class="field">
                      <label for="${id}-ru">${t('settings.template.ru')}</label>
                      <input type="text" id="${id}-ru" lang="ru" maxlength=${MAX_TEMPLATE_TITLE} .value=${heading.ru} @input=${edit(heading, 'ru')} />
                    </div>
                    <div class="field template-key">
                      <label for="${id}-key">${t('settings.template.key')}</label>
                      <input
                        type="text"
                        id="${id}-key"
                        maxlength="32"
                        autocapitalize="off"
                        spellcheck="false"
                        aria-describedby="template-key-hint"
                        ?readonly=${heading.saved}
                        .value=${heading.key}
                        @input=${edit(heading, 'key')}
                      />
                    </div>
                  </div>
                  ${readOnly
                    ? nothing
                    : html`<div class="template-heading-tools">
                        <button id="${id}-up" type="button" class="button small quiet" ?disabled=${index === 0} aria-label=${t('settings.template.up', { number })} @click=${() => move(index, -1)}>↑</button>
                        <button
                          id="${id}-down"
                          type="button"
                          class="button small quiet"
                          ?disabled=${index === this.headings.length - 1}
                          aria-label=${t('settings.template.down', { number })}
                          @click=${() => move(index, 1)}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="button small destructive-text"
                          aria-label=${t('settings.template.remove', { number })}
                          @click=${() => {
                            this.headings = this.headings.filter((candidate) => candidate !== heading);
                            this.context.update();
                          }}
                        >
                          ✕
                        </button>
                      </div>`}
                </fieldset>
              </li>`;
            },
          )}
        </ol>
        <p id="template-key-hint" class="field-hint">${t('settings.template.keyHint')}</p>
      </fieldset>
      ${readOnly
        ? nothing
        : html`<p>
              <button
                type="button"
                class="button"
                ?disabled=${this.headings.length >= MAX_TEMPLATE_HEADINGS}
                @click=${() => {
                  this.headings = [...this.headings, { id: nextDraftId++, key: this.freeKey(), en: '', ru: '', saved: false }];
                  this.context.update();
                  const added = this.headings.at(-1)!;
                  requestAnimationFrame(() => document.getElementById(`heading-${added.id}-en`)?.focus());
                }}
              >
                ${t('settings.template.add')}
              </button>
            </p>
            ${this.actions('settings.template.save', this.templateOutcome, problemNow)}`}
    </form>`;
  }

  /** A key no heading has yet ("heading-6"), which the coordinator may change before saving. */
  private freeKey(): string {
    const taken = new Set(this.headings.map((heading) => heading.key));
    let number = this.headings.length + 1;
    while (taken.has(`heading-${number}`)) number++;
    return `heading-${number}`;
  }

  private actions(label: 'settings.languages.save' | 'settings.template.save', outcome: Outcome, blocking: string | null): TemplateResult {
    const said =
      outcome?.kind === 'saving'
        ? t('settings.saving')
        : outcome?.kind === 'saved'
          ? t('settings.saved')
          : outcome?.kind === 'failed'
            ? t('settings.notSaved', { reason: outcome.message })
            : (blocking ?? '');
    const isProblem = outcome?.kind === 'failed' || (outcome === null && blocking !== null);
    return html`<div class="settings-actions">
      <button type="submit" class="button primary" ?disabled=${outcome?.kind === 'saving' || blocking !== null}>${t(label)}</button>
      <p class=${isProblem ? 'form-error' : 'settings-status'} role="status" aria-live="polite">${said}</p>
    </div>`;
  }
}
