/**
 * The text box of a comment, reply or edit, with @mention autocomplete: typing `@` and a few
 * letters lists matching colleagues (arrow keys, Enter or Tab to pick, Escape to close); a pick
 * writes `@Full Name ` into the text and remembers who it was, so the server is told whom to
 * notify. The server keeps a mention only while its `@Full Name` is still in the text, and so does
 * `mentions()` here.
 *
 * One instance per open text box; it keeps the draft across re-renders of the page.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { Person } from '../../../shared/api';
import { safeColour } from '../colour';
import { shortcut } from '../editor/toolbar';
import { locale, t } from '../i18n';
import { initials } from '../ui/parts';

/** The server's limit (413 beyond it); the box says so before sending. */
export const MAX_COMMENT_LENGTH = 5000;
const SUGGESTIONS = 6;

export interface MentionInputOptions {
  /** Unique among the boxes on the page: ids of the box, its list and its error. */
  id: string;
  /** Words are asked at every render, so they follow a change of language. */
  label: () => string;
  placeholder: () => string;
  submitLabel: () => string;
  /** Everyone who may be mentioned. */
  people: () => readonly Person[];
  /** Sends the text; a thrown error is shown under the box and the draft is kept. */
  submit: (body: string, mentions: number[]) => Promise<void>;
  cancel?: () => void;
  /** Explains a failure of `submit` in words. */
  explain: (error: unknown) => string;
  rerender: () => void;
}

interface Query {
  /** Where the `@` is in the text. */
  start: number;
  text: string;
}

export class MentionInput {
  text = '';
  busy = false;
  error: string | null = null;
  private picked = new Map<number, string>();
  private query: Query | null = null;
  private matches: Person[] = [];
  private index = 0;

  constructor(private readonly options: MentionInputOptions) {}

  /** Starts from an existing comment (editing it): its text and whom it mentioned. */
  fill(text: string, mentioned: readonly Person[]): void {
    this.text = text;
    this.picked = new Map(mentioned.map((person) => [person.id, person.name]));
  }

  /** The people picked from the list whose `@Name` is still in the text. */
  mentions(): number[] {
    return [...this.picked].filter(([, name]) => this.text.includes(`@${name}`)).map(([id]) => id);
  }

  get element(): HTMLTextAreaElement | null {
    return document.getElementById(this.options.id) as HTMLTextAreaElement | null;
  }

  focus(): void {
    const box = this.element;
    box?.focus();
    box?.setSelectionRange(box.value.length, box.value.length);
  }

  private get open(): boolean {
    return this.query !== null && this.matches.length > 0;
  }

  /** Looks for an unfinished `@name` right before the caret. */
  private findQuery(box: HTMLTextAreaElement): void {
    const caret = box.selectionStart ?? box.value.length;
    const match = /(?:^|[\s(«"])@([^@\n]{0,40})$/.exec(box.value.slice(0, caret));
    const text = match?.[1] ?? null;
    if (text === null || text.split(' ').length > 4) {
      this.query = null;
      this.matches = [];
      return;
    }
    const needle = text.toLocaleLowerCase();
    const candidates = this.options.people().filter((person) => {
      const name = person.name.toLocaleLowerCase();
      return name.startsWith(needle) || name.split(/\s+/).some((word) => word.startsWith(needle)) || (needle.length > 2 && name.includes(needle));
    });
    const previous = this.matches[this.index]?.id;
    this.query = { start: caret - text.length - 1, text };
    this.matches = candidates.slice(0, SUGGESTIONS);
    this.index = Math.max(0, this.matches.findIndex((person) => person.id === previous));
  }

  private pick(person: Person): void {
    const box = this.element;
    if (!box || !this.query) return;
    const before = box.value.slice(0, this.query.start);
    const after = box.value.slice(this.query.start + this.query.text.length + 1);
    const inserted = `@${person.name} `;
    this.text = before + inserted + after.replace(/^ /, '');
    box.value = this.text;
    const caret = before.length + inserted.length;
    box.setSelectionRange(caret, caret);
    this.picked.set(person.id, person.name);
    this.query = null;
    this.matches = [];
    this.options.rerender();
    box.focus();
  }

  private async send(): Promise<void> {
    const body = this.text.trim();
    if (this.busy) return;
    if (body.length === 0) {
      this.error = t('comments.error.empty');
      return this.options.rerender();
    }
    if (body.length > MAX_COMMENT_LENGTH) {
      this.error = t('comments.error.tooLong', { max: MAX_COMMENT_LENGTH.toLocaleString(locale()) });
      return this.options.rerender();
    }
    this.busy = true;
    this.error = null;
    this.options.rerender();
    try {
      await this.options.submit(body, this.mentions());
      this.text = '';
      this.picked.clear();
    } catch (error) {
      this.error = this.options.explain(error);
    } finally {
      this.busy = false;
      this.options.rerender();
    }
  }

  private keydown(event: KeyboardEvent): void {
    if (this.open) {
      const count = this.matches.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.index = (this.index + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        return this.options.rerender();
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        return this.pick(this.matches[this.index]);
      }
      if (event.key === 'Escape') {
        // Closes the list only, not the dialog or composer around it.
        event.preventDefault();
        event.stopPropagation();
        this.query = null;
        this.matches = [];
        return this.options.rerender();
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.send();
    } else if (event.key === 'Escape' && this.options.cancel) {
      event.preventDefault();
      this.options.cancel();
    }
  }

  template(): TemplateResult {
    const { id } = this.options;
    const listId = `${id}-people`;
    const errorId = `${id}-error`;
    const open = this.open;
    const over = this.text.length > MAX_COMMENT_LENGTH * 0.9;
    return html`<form
      class="mention-form"
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.send();
      }}
    >
      <div class="mention-box">
        <textarea
          id=${id}
          rows="2"
          role="combobox"
          aria-label=${this.options.label()}
          aria-autocomplete="list"
          aria-expanded=${String(open)}
          aria-controls=${listId}
          aria-activedescendant=${open ? `${listId}-${this.matches[this.index].id}` : nothing}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? errorId : nothing}
          placeholder=${this.options.placeholder()}
          .value=${live(this.text)}
          ?readonly=${this.busy}
          @input=${(event: Event) => {
            const box = event.target as HTMLTextAreaElement;
            this.text = box.value;
            this.error = null;
            this.findQuery(box);
            this.options.rerender();
          }}
          @click=${(event: Event) => {
            this.findQuery(event.target as HTMLTextAreaElement);
            this.options.rerender();
          }}
          @keydown=${(event: KeyboardEvent) => this.keydown(event)}
          @blur=${() => {
            // Later than a click on the list, which keeps the focus anyway.
            setTimeout(() => {
              if (document.activeElement === this.element || !this.open) return;
              this.query = null;
              this.matches = [];
              this.options.rerender();
            }, 150);
          }}
        ></textarea>
        <ul id=${listId} class="mention-list" role="listbox" aria-label=${t('comments.mention.list')} ?hidden=${!open}>
          ${open
            ? this.matches.map(
                (person, index) => html`<li
                  id=${`${listId}-${person.id}`}
                  role="option"
                  aria-selected=${String(index === this.index)}
                  @mousedown=${(event: MouseEvent) => event.preventDefault()}
                  @click=${() => this.pick(person)}
                >
                  <span class="avatar tiny" aria-hidden="true" style="background-color: ${safeColour(person.colour)}">${initials(person.name)}</span>
                  <span class="mention-name">${person.name}</span>
                  <span class="mention-group">${t(`group.${person.group}`)}</span>
                </li>`,
              )
            : nothing}
        </ul>
      </div>
      ${this.error ? html`<p id=${errorId} class="field-error" role="alert">${this.error}</p>` : nothing}
      <div class="mention-actions">
        ${over
          ? html`<span class="char-count ${this.text.length > MAX_COMMENT_LENGTH ? 'is-over' : ''}">${this.text.length.toLocaleString(locale())} / ${MAX_COMMENT_LENGTH.toLocaleString(locale())}</span>`
          : html`<span class="mention-hint">${t('comments.mention.hint', { keys: shortcut('Mod-Enter') })}</span>`}
        ${this.options.cancel
          ? html`<button type="button" class="button small quiet" @click=${() => this.options.cancel?.()}>${t('comments.cancel')}</button>`
          : nothing}
        <button type="submit" class="button small primary" ?disabled=${this.busy || this.text.trim() === ''}>${this.options.submitLabel()}</button>
      </div>
    </form>`;
  }
}
