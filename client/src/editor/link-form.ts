/**
 * The small form under the toolbar for a link's address. Addresses are checked with the same
 * `safeHref` the schema renders with, so a refused address is said at once, not silently dropped.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import { t } from '../i18n';
import { applyLink, linkAt } from './commands';

export class LinkForm {
  private open = false;
  private invalid = false;
  private value = '';
  private hadLink = false;

  constructor(private readonly rerender: () => void) {}

  get isOpen(): boolean {
    return this.open;
  }

  show(view: EditorView): void {
    const link = linkAt(view.state);
    this.value = link?.href ?? '';
    this.hadLink = link !== null;
    this.invalid = false;
    this.open = true;
    this.rerender();
    const input = view.dom.ownerDocument.getElementById('link-address') as HTMLInputElement | null;
    input?.focus();
    input?.select();
  }

  close(view: EditorView | null): void {
    if (!this.open) return;
    this.open = false;
    this.invalid = false;
    this.rerender();
    view?.focus();
  }

  template(view: EditorView): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const submit = (event: Event) => {
      event.preventDefault();
      const result = applyLink(view.state, view.dispatch, this.value);
      if (result === 'invalid') {
        this.invalid = true;
        this.rerender();
        return;
      }
      this.close(view);
    };
    const remove = () => {
      applyLink(view.state, view.dispatch, '');
      this.close(view);
    };
    return html`
      <form class="link-form" novalidate @submit=${submit} @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          this.close(view);
        }
      }}>
        <label for="link-address">${t('toolbar.linkPrompt')}</label>
        <div class="link-form-row">
          <input
            id="link-address"
            type="text"
            inputmode="url"
            autocomplete="off"
            spellcheck="false"
            placeholder="https://"
            aria-invalid=${this.invalid ? 'true' : 'false'}
            aria-describedby=${this.invalid ? 'link-error' : nothing}
            .value=${this.value}
            @input=${(event: Event) => {
              this.value = (event.target as HTMLInputElement).value;
            }}
          />
          <button type="submit" class="button primary">${t('toolbar.linkApply')}</button>
          ${this.hadLink
            ? html`<button type="button" class="button" @click=${remove}>${t('toolbar.linkRemove')}</button>`
            : nothing}
          <button type="button" class="button quiet" @click=${() => this.close(view)}>${t('toolbar.linkCancel')}</button>
        </div>
        ${this.invalid ? html`<p id="link-error" class="field-error" role="alert">${t('toolbar.linkInvalid')}</p>` : nothing}
      </form>
    `;
  }
}
