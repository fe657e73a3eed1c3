/**
 * A person's name on the People page, and changing it in place (coordinators, their own name
 * included: the workspace starts with a coordinator called "Project coordinator"). One name is
 * edited at a time; Escape or Cancel puts the name back, focus returns to the Edit button.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { ManagedPerson } from '../../../shared/api';
import { t } from '../i18n';

export class NameEditor {
  private editing: number | null = null;
  private draft = '';
  private error: string | null = null;

  constructor(
    private readonly update: () => void,
    private readonly save: (person: ManagedPerson, name: string) => Promise<boolean>,
  ) {}

  /** The name cell's line: the name, or the form that changes it. */
  view(person: ManagedPerson, suffix: TemplateResult | typeof nothing, busy: boolean): TemplateResult {
    if (this.editing !== person.id) {
      return html`<span class="person-name">${person.name}${suffix}</span>
        <button
          type="button"
          class="button small quiet edit-name"
          data-edit-name=${person.id}
          ?disabled=${busy}
          aria-label=${t('people.editNameOf', { name: person.name })}
          @click=${() => this.open(person)}
        >
          ${t('people.editName')}
        </button>`;
    }
    const errorId = `name-error-${person.id}`;
    return html`<form
      class="name-form"
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.submit(person);
      }}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') this.close(person.id);
      }}
    >
      <input
        type="text"
        class="name-input"
        maxlength="200"
        autocomplete="off"
        aria-label=${t('people.nameOf', { name: person.name })}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${this.error ? errorId : nothing}
        .value=${this.draft}
        @input=${(event: Event) => (this.draft = (event.target as HTMLInputElement).value)}
      />
      <button type="submit" class="button small primary" ?disabled=${busy}>${t('people.saveName')}</button>
      <button type="button" class="button small" @click=${() => this.close(person.id)}>${t('people.cancelName')}</button>
      ${this.error ? html`<span class="field-error" id=${errorId}>${this.error}</span>` : nothing}
    </form>`;
  }

  private open(person: ManagedPerson): void {
    this.editing = person.id;
    this.draft = person.name;
    this.error = null;
    this.update();
    requestAnimationFrame(() => {
      const input = document.querySelector<HTMLInputElement>('.name-form .name-input');
      input?.focus();
      input?.select();
    });
  }

  private close(id: number): void {
    this.editing = null;
    this.error = null;
    this.update();
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`[data-edit-name="${id}"]`)?.focus());
  }

  private async submit(person: ManagedPerson): Promise<void> {
    const name = this.draft.trim();
    if (name === '') {
      this.error = t('people.nameMissing');
      return this.update();
    }
    if (name === person.name) return this.close(person.id);
    if (await this.save(person, name)) this.close(person.id);
  }
}
