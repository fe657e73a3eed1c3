/**
 * "Insert reference" (#18): a modal dialog listing every place the person may point at — each
 * section they may read, its headings, tables and learning outcomes (#20: a national section maps
 * its content to a regional outcome, an assessment item names the outcomes it checks) — grouped by section in master order, with a
 * filter box. The list is a listbox driven from the filter box (the combobox pattern): typing
 * filters, ↑/↓/Home/End move through the places, Enter inserts, Escape cancels, and focus goes
 * back to the text. Choosing inserts a `cross_reference` at the cursor with the section, the
 * target and the label it shows now (kept for readers who cannot look it up).
 *
 * The index is read again every time the dialog opens, so what was added a moment ago elsewhere
 * is there.
 */
import { html, nothing, render, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import type { ReferenceTarget } from '../../../shared/api/references';
import { REFERENCE_WORDS, SECTION_TARGET, referenceLabel, targetKey } from '../../../shared/references';
import { schema } from '../../../shared/schema';
import { foldForSearch } from '../../../shared/search-text';
import { locale, plural, t } from '../i18n';
import { referenceTargets, refreshReferences } from '../editor/reference-index';
import { say } from '../editor/curriculum/words';
import './reference-picker.css';

interface SectionGroup {
  section: ReferenceTarget;
  places: ReferenceTarget[];
}

/** The targets grouped by section (the section's own target heads its group), in index order. */
export function groupBySection(targets: readonly ReferenceTarget[]): SectionGroup[] {
  const groups: SectionGroup[] = [];
  for (const target of targets) {
    const last = groups[groups.length - 1];
    if (target.kind === 'section' || !last || last.section.section !== target.section) {
      groups.push({ section: target, places: [target] });
    } else last.places.push(target);
  }
  return groups;
}

/**
 * The groups whose section or places match every word of the filter (case, diacritics and the
 * Uzbek apostrophes folded as search folds them): a section that matches keeps all its places.
 */
export function filterGroups(groups: readonly SectionGroup[], filter: string): SectionGroup[] {
  const words = foldForSearch(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  const matches = (target: ReferenceTarget) => {
    const text = foldForSearch(`${referenceLabel(target, REFERENCE_WORDS[locale()])} ${target.number}`);
    return words.every((word) => text.includes(word));
  };
  return groups
    .map((group) => (matches(group.section) ? group : { ...group, places: group.places.filter(matches) }))
    .filter((group) => group.places.length > 0);
}

let dialogs = 0;

/** The dialog's state while it is open. */
class ReferencePicker {
  private readonly id = `reference-picker-${++dialogs}`;
  private readonly dialog = document.createElement('dialog');
  private filter = '';
  private active: string | null = null;
  private error: string | null = null;
  private loaded = referenceTargets() !== null;

  constructor(private readonly view: EditorView) {
    this.dialog.className = 'ask-dialog reference-picker';
    this.dialog.setAttribute('aria-labelledby', `${this.id}-title`);
    this.dialog.addEventListener('close', () => this.closed(), { once: true });
  }

  open(): void {
    document.body.append(this.dialog);
    this.draw();
    this.dialog.showModal();
    this.input()?.focus();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      await refreshReferences();
      this.error = null;
    } catch (error) {
      // What was loaded before stays listed; without it, the reason and a way to try again.
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.loaded = referenceTargets() !== null;
    if (this.dialog.open) this.draw();
  }

  private input(): HTMLInputElement | null {
    return this.dialog.querySelector<HTMLInputElement>(`#${this.id}-filter`);
  }

  private groups(): SectionGroup[] {
    return filterGroups(groupBySection(referenceTargets() ?? []), this.filter);
  }

  private places(): ReferenceTarget[] {
    return this.groups().flatMap((group) => group.places);
  }

  /** The place the keyboard is on: the one chosen before if still listed, else the first. */
  private current(places = this.places()): ReferenceTarget | null {
    return places.find((place) => targetKey(place.section, place.target) === this.active) ?? places[0] ?? null;
  }

  private optionId(place: ReferenceTarget): string {
    // Target ids are [A-Za-z0-9_-] and section ids are slugs: safe in an element id.
    return `${this.id}-${place.section}-${place.target}`.replace(/[^A-Za-z0-9_-]/g, '_');
  }

  private move(event: KeyboardEvent): void {
    const places = this.places();
    if (places.length === 0) return;
    const index = Math.max(0, places.indexOf(this.current(places)!));
    const next =
      event.key === 'ArrowDown' ? Math.min(places.length - 1, index + 1)
      : event.key === 'ArrowUp' ? Math.max(0, index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? places.length - 1
      : null;
    if (next === null) {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.choose(places[index]);
      }
      return;
    }
    event.preventDefault();
    this.active = targetKey(places[next].section, places[next].target);
    this.draw();
    this.dialog.querySelector(`#${this.optionId(places[next])}`)?.scrollIntoView({ block: 'nearest' });
  }

  private choose(place: ReferenceTarget | null): void {
    if (!place) return;
    this.dialog.close('insert');
    insertAtCursor(this.view, place);
  }

  private closed(): void {
    this.dialog.remove();
    if (!this.view.isDestroyed) this.view.focus();
  }

  private draw(): void {
    render(this.template(), this.dialog);
  }

  private template(): TemplateResult {
    const groups = this.groups();
    const places = groups.flatMap((group) => group.places);
    const current = this.current(places);
    const words = REFERENCE_WORDS[locale()];
    const count = places.length;
    const option = (place: ReferenceTarget) => {
      const selected = place === current;
      const kind =
        place.kind === 'section' ? t('references.wholeSection')
        : place.kind === 'table' ? t('references.table')
        : place.kind === 'outcome' ? say('syllabusEditor.pickerKind')
        : t('references.heading');
      return html`<div
        id=${this.optionId(place)}
        role="option"
        class="reference-option kind-${place.kind} ${selected ? 'is-active' : ''}"
        style=${place.kind === 'heading' ? `--level: ${Math.min(3, place.ordinal ?? 1)}` : ''}
        aria-selected=${selected ? 'true' : 'false'}
        @mousedown=${(event: MouseEvent) => event.preventDefault()}
        @click=${() => this.choose(place)}
      >
        <span class="reference-kind">${kind}</span>
        <span class="reference-label">${place.kind === 'section' ? place.number : referenceLabel(place, words)}</span>
      </div>`;
    };
    return html`<form method="dialog" class="reference-picker-form" @submit=${(event: Event) => event.preventDefault()}>
      <h2 id=${`${this.id}-title`}>${t('references.pickerTitle')}</h2>
      <p class="reference-hint">${t('references.pickerHint')}</p>
      <label class="reference-filter-label" for=${`${this.id}-filter`}>${t('references.filter')}</label>
      <input
        id=${`${this.id}-filter`}
        class="reference-filter"
        type="search"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded="true"
        aria-controls=${`${this.id}-list`}
        aria-activedescendant=${current ? this.optionId(current) : nothing}
        .value=${this.filter}
        @input=${(event: Event) => {
          this.filter = (event.target as HTMLInputElement).value;
          this.active = null;
          this.draw();
        }}
        @keydown=${(event: KeyboardEvent) => this.move(event)}
      />
      <div id=${`${this.id}-list`} class="reference-list" role="listbox" aria-label=${t('references.listLabel')}>
        ${groups.map(
          (group) => html`<div role="group" class="reference-group" aria-labelledby=${`${this.optionId(group.section)}-name`}>
            <div class="reference-group-name" id=${`${this.optionId(group.section)}-name`} role="presentation">
              <span class="reference-number">${group.section.number}</span> ${group.section.kind === 'section' ? group.section.title : ''}
            </div>
            ${group.places.map(option)}
          </div>`,
        )}
      </div>
      ${this.status(count)}
      <div class="ask-actions">
        <button type="button" class="button" @click=${() => this.dialog.close('cancel')}>${t('references.cancel')}</button>
        <button type="button" class="button primary" ?disabled=${!current} @click=${() => this.choose(current)}>${t('references.insert')}</button>
      </div>
    </form>`;
  }

  private status(count: number): TemplateResult {
    if (this.error && !this.loaded) {
      return html`<div class="reference-status" role="alert">
        <p>${t('references.loadFailed', { reason: this.error })}</p>
        <button type="button" class="button small" @click=${() => void this.load()}>${t('references.retry')}</button>
      </div>`;
    }
    if (!this.loaded) return html`<p class="reference-status" role="status">${t('references.loading')}</p>`;
    const onlySections = (referenceTargets() ?? []).every((target) => target.target === SECTION_TARGET);
    return html`<p class="reference-status" role="status" aria-live="polite">
      ${count === 0 ? t('references.noMatch', { filter: this.filter }) : plural('references.matches', count)}
      ${onlySections ? html`<span class="reference-note">${t('references.noIdsHint')}</span>` : nothing}
    </p>`;
  }
}

/** Inserts a reference to `place` at the cursor (replacing a selection), labelled as it reads now. */
export function insertAtCursor(view: EditorView, place: ReferenceTarget): boolean {
  if (view.isDestroyed || !view.editable) return false;
  const node = schema.nodes.cross_reference.create({
    section: place.section,
    target: place.target,
    label: referenceLabel(place, REFERENCE_WORDS[locale()]),
  });
  view.dispatch(view.state.tr.replaceSelectionWith(node, false).scrollIntoView());
  return true;
}

/** Opens the "insert reference" dialog for this editor (the toolbar's button calls it). */
export function insertReference(view: EditorView): void {
  if (view.isDestroyed || !view.editable) return;
  new ReferencePicker(view).open();
}
