/**
 * A national section's checklist against the common template (#20), in its side panel: each
 * heading the coordinators require, and whether the text has it with words under it, has it
 * still empty, or lacks it — read from the live document, so it follows everyone's typing. Whoever
 * may edit the section can add the missing headings (an empty section starts from the template);
 * the server writes them into the shared text, so they arrive here as any colleague's edit.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { Section, TemplateStarted, WorkspaceSettings } from '../../../shared/api';
import type { TemplateHeading } from '../../../shared/api/settings';
import { type TemplateConformance, templateConformance } from '../../../shared/curriculum';
import { isEmptySectionText } from '../../../shared/schema';
import { isUnauthenticated, request } from '../api';
import { locale, t } from '../i18n';
import './template-checklist.css';

type HeadingState = 'filled' | 'empty' | 'missing';

export interface TemplateChecklistOptions {
  sectionId: string;
  /** Re-render the page (the template arrived, the headings are being added, adding failed). */
  update: () => void;
  /** The session ended while adding: the page asks to sign in again. */
  sessionEnded: () => void;
}

export class TemplateChecklist {
  private headings: TemplateHeading[] | null = null;
  private doc: ProseMirrorNode | null = null;
  private conformance: TemplateConformance | null = null;
  /** What the list shows, to tell whether a change of the text changed it. */
  private shown = '';
  private adding = false;
  private failed = false;

  constructor(private readonly options: TemplateChecklistOptions) {}

  /** Reads the template, for a national section; a regional module has no checklist. */
  load(section: Pick<Section, 'part'>): void {
    if (section.part !== 2 || this.headings) return;
    request<WorkspaceSettings>('GET', '/settings')
      .then((settings) => {
        this.headings = settings.nationalTemplate;
        this.conformance = null;
        this.options.update();
      })
      .catch((error: unknown) => {
        // The list is a help beside the text: without the template there is simply no list.
        if (isUnauthenticated(error)) this.options.sessionEnded();
      });
  }

  /**
   * Takes the editor's document after a transaction; true when the list shows something else now
   * (a heading added, renamed away, filled or emptied), so the page renders only then.
   */
  changed(doc: ProseMirrorNode): boolean {
    if (!this.headings || doc === this.doc) return false;
    this.read(doc);
    const shown = JSON.stringify([this.conformance?.missing, this.conformance?.empty, isEmptySectionText(doc)]);
    if (shown === this.shown) return false;
    this.shown = shown;
    return true;
  }

  view(section: Section, doc: ProseMirrorNode): TemplateResult | typeof nothing {
    if (section.part !== 2 || !this.headings) return nothing;
    this.read(doc);
    const conformance = this.conformance!;
    const stateOf = (key: string): HeadingState => (conformance.missing.includes(key) ? 'missing' : conformance.empty.includes(key) ? 'empty' : 'filled');
    const language = locale() === 'ru' ? 'ru' : 'en';
    return html`<section class="template-checklist" aria-labelledby="template-checklist-title">
      <h2 id="template-checklist-title" class="template-checklist-title">${t('templateChecklist.title')}</h2>
      <p class="template-checklist-summary">
        ${t('templateChecklist.summary', { present: conformance.present, required: conformance.required, filled: conformance.filled })}
      </p>
      <ul class="template-checklist-items">
        ${this.headings.map((heading) => {
          const state = stateOf(heading.key);
          return html`<li class="is-${state}" data-key=${heading.key} data-state=${state}>
            <span class="template-checklist-mark" aria-hidden="true">${state === 'filled' ? '✓' : state === 'empty' ? '○' : '✕'}</span>
            <span class="template-checklist-name">${heading.title[language]}</span>
            <span class="template-checklist-state">${t(`templateChecklist.${state}`)}</span>
          </li>`;
        })}
      </ul>
      ${section.permissions.edit && conformance.missing.length > 0 ? this.addButton(section, doc) : nothing}
      ${this.failed ? html`<p class="form-error" role="alert">${t('templateChecklist.failed')}</p>` : nothing}
    </section>`;
  }

  private read(doc: ProseMirrorNode): void {
    if (doc === this.doc && this.conformance) return;
    this.doc = doc;
    this.conformance = templateConformance(this.headings ?? [], doc);
  }

  private addButton(section: Section, doc: ProseMirrorNode): TemplateResult {
    const label = this.adding ? t('templateChecklist.adding') : isEmptySectionText(doc) ? t('templateChecklist.start') : t('templateChecklist.addMissing');
    return html`<button type="button" class="button small primary template-checklist-add" ?disabled=${this.adding} @click=${() => void this.add(section.id)}>
      ${label}
    </button>`;
  }

  private async add(sectionId: string): Promise<void> {
    this.adding = true;
    this.failed = false;
    this.options.update();
    try {
      await request<TemplateStarted>('POST', `/sections/${encodeURIComponent(sectionId)}/template`, {});
    } catch (error) {
      if (isUnauthenticated(error)) return this.options.sessionEnded();
      this.failed = true;
    } finally {
      this.adding = false;
      this.options.update();
    }
  }
}
