/**
 * The form that proposes a glossary entry or edits one: a term field for each workspace language
 * (and any other language the entry already has), the definition and the source. It checks what
 * the server would refuse before sending, says what is wrong beside the field, and keeps every
 * typed character when the server says no or cannot be reached.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { GLOSSARY_LIMITS, type GlossaryEntry, type GlossaryTerms, type NewGlossaryEntry } from '../../../shared/api/glossary';
import type { MessageKey } from '../../../shared/i18n';
import { LANGUAGE_NAMES, LANGUAGES, type LanguageCode } from '../../../shared/languages';
import { t } from '../i18n';
import { languageName } from '../translation/language-name';
import { langAttribute } from './reading';

type Field = LanguageCode | 'terms' | 'definition' | 'source';

let forms = 0;

export class EntryForm {
  private terms: GlossaryTerms;
  private definition: string;
  private source: string;
  private problems = new Map<Field, MessageKey>();
  /** What the server said, or that it could not be reached; above the buttons. */
  failure: string | null = null;
  busy = false;
  private readonly id = `glossary-form-${++forms}`;

  /** Someone else changed the entry while this form was open: their version is shown beside it. */
  conflict = false;

  constructor(
    /** The entry being edited (as the form last knew it), or null for a proposal. */
    public entry: GlossaryEntry | null,
    private readonly redraw: () => void,
    /** What the entry is called where the reader sees it (its term in their language): the form's title. */
    private readonly name = '',
  ) {
    this.terms = { ...(entry?.terms ?? {}) };
    this.definition = entry?.definition ?? '';
    this.source = entry?.source ?? '';
  }

  /** The languages to offer: the workspace's (source first), then any others the entry has. */
  private languagesFor(workspace: LanguageCode[]): LanguageCode[] {
    const own = LANGUAGES.filter((lang) => this.terms[lang] !== undefined && !workspace.includes(lang));
    return [...workspace, ...own];
  }

  /** The entry to send, or null after marking what is wrong (the first wrong field gets focus). */
  checked(): NewGlossaryEntry | null {
    this.problems.clear();
    this.failure = null;
    const terms: GlossaryTerms = {};
    for (const lang of LANGUAGES) {
      const text = this.terms[lang]?.trim();
      if (!text) continue;
      if (text.length > GLOSSARY_LIMITS.term) this.problems.set(lang, 'glossary.error.termTooLong');
      terms[lang] = text;
    }
    if (Object.keys(terms).length === 0) this.problems.set('terms', 'glossary.error.noTerm');
    const definition = this.definition.trim();
    if (!definition) this.problems.set('definition', 'glossary.error.noDefinition');
    else if (definition.length > GLOSSARY_LIMITS.definition) this.problems.set('definition', 'glossary.error.definitionTooLong');
    const source = this.source.trim();
    if (source.length > GLOSSARY_LIMITS.source) this.problems.set('source', 'glossary.error.sourceTooLong');
    if (this.problems.size > 0) {
      this.redraw();
      queueMicrotask(() => this.focusFirstProblem());
      return null;
    }
    return { terms, definition, source };
  }

  /**
   * Someone else's edit arrived while this form was open: the form now edits their version (the
   * next save replaces it, knowingly), and keeps every character typed here.
   */
  rebase(latest: GlossaryEntry): void {
    this.entry = latest;
    this.conflict = true;
  }

  focusFirst(): void {
    document.querySelector<HTMLElement>(`#${this.id} input, #${this.id} textarea`)?.focus();
  }

  private focusFirstProblem(): void {
    document.querySelector<HTMLElement>(`#${this.id} [aria-invalid="true"]`)?.focus();
  }

  view(workspace: LanguageCode[], submit: () => void, cancel: () => void): TemplateResult {
    const editing = this.entry !== null;
    const title = editing ? t('glossary.editTitle', { term: this.name }) : t('glossary.proposeTitle');
    const termsProblem = this.problems.get('terms');
    return html`<form
      id=${this.id}
      class="glossary-form"
      aria-labelledby=${`${this.id}-title`}
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        if (!this.busy) submit();
      }}
    >
      <h2 id=${`${this.id}-title`} class="glossary-form-title">${title}</h2>
      ${editing && this.entry!.status === 'approved' ? html`<p class="glossary-form-note">${t('glossary.editAfterApproval')}</p>` : nothing}
      <fieldset class="glossary-terms" aria-describedby=${`${this.id}-terms-hint${termsProblem ? ` ${this.id}-terms-error` : ''}`}>
        <legend>${t('glossary.termsLabel')}</legend>
        <p id=${`${this.id}-terms-hint`} class="field-hint">${t('glossary.formHint')}</p>
        ${termsProblem ? html`<p id=${`${this.id}-terms-error`} class="field-error">${t(termsProblem)}</p>` : nothing}
        <div class="glossary-term-fields">${this.languagesFor(workspace).map((lang) => this.termField(lang))}</div>
      </fieldset>
      ${this.textField('definition', t('glossary.definition'), t('glossary.definitionHint'), true)}
      ${this.textField('source', t('glossary.sourceLabel'), t('glossary.sourceHint'), false)}
      ${this.failure ? html`<p class="form-error" role="alert">${this.failure}</p>` : nothing}
      <div class="glossary-form-actions">
        <button type="submit" class="button primary" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>
          ${this.busy ? t('glossary.saving') : editing ? t('glossary.submitEdit') : t('glossary.submitPropose')}
        </button>
        <button type="button" class="button" ?disabled=${this.busy} @click=${cancel}>${t('glossary.cancel')}</button>
      </div>
    </form>`;
  }

  private termField(lang: LanguageCode): TemplateResult {
    const id = `${this.id}-${lang}`;
    const problem = this.problems.get(lang);
    const value = this.terms[lang] ?? '';
    return html`<div class="field glossary-term-field">
      <label for=${id}>${t('glossary.termIn', { language: languageName(lang) })}
        <span class="glossary-native" lang=${lang}>${LANGUAGE_NAMES[lang].native}</span></label>
      <input
        id=${id}
        type="text"
        name=${`term-${lang}`}
        lang=${langAttribute(lang, value)}
        autocomplete="off"
        spellcheck="true"
        maxlength=${GLOSSARY_LIMITS.term}
        .value=${live(value)}
        aria-invalid=${problem ? 'true' : 'false'}
        aria-describedby=${problem ? `${id}-error` : nothing}
        @input=${(event: Event) => {
          this.terms = { ...this.terms, [lang]: (event.target as HTMLInputElement).value };
          const cleared = [this.problems.delete(lang), this.problems.delete('terms')];
          if (cleared.includes(true)) this.redraw();
        }}
      />
      ${problem ? html`<p id=${`${id}-error`} class="field-error">${t(problem)}</p>` : nothing}
    </div>`;
  }

  private textField(field: 'definition' | 'source', label: string, hint: string, multiline: boolean): TemplateResult {
    const id = `${this.id}-${field}`;
    const problem = this.problems.get(field);
    const value = field === 'definition' ? this.definition : this.source;
    const described = `${id}-hint${problem ? ` ${id}-error` : ''}`;
    const onInput = (event: Event) => {
      const text = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
      if (field === 'definition') this.definition = text;
      else this.source = text;
      if (this.problems.delete(field)) this.redraw();
    };
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${multiline
        ? html`<textarea id=${id} name=${field} rows="4" maxlength=${GLOSSARY_LIMITS.definition} .value=${live(value)}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${described} @input=${onInput}></textarea>`
        : html`<input id=${id} type="text" name=${field} maxlength=${GLOSSARY_LIMITS.source} .value=${live(value)}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${described} @input=${onInput} />`}
      <p id=${`${id}-hint`} class="field-hint">${hint}</p>
      ${problem ? html`<p id=${`${id}-error`} class="field-error">${t(problem)}</p>` : nothing}
    </div>`;
  }
}
