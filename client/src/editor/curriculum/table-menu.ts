/**
 * The toolbar's menu of syllabus tables (#20): an hours table or an assessment table, each a
 * menu item with a line saying what it is for. The menu-button pattern: the toolbar button opens
 * it with focus on the first item, ↑/↓/Home/End move, Enter or a click inserts, Escape (or Tab,
 * or a click elsewhere) closes it and focus goes back to where it was.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import { insertTableNode } from '../commands';
import { assessmentTable, hoursTable } from './tables';
import { say } from './words';

export const TABLE_MENU_ID = 'syllabus-table-menu';

export class TableMenu {
  private open = false;

  /** @param rerender draws the toolbar again; @param back returns focus to the menu's button. */
  constructor(
    private readonly rerender: () => void,
    private readonly back: () => void,
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  toggle(view: EditorView): void {
    if (this.open) {
      this.close(false);
      return;
    }
    this.open = true;
    this.rerender();
    view.dom.ownerDocument.querySelector<HTMLElement>(`#${TABLE_MENU_ID} [role="menuitem"]`)?.focus();
  }

  /** Closes the menu; `refocus`: focus goes back to its button (Escape), else it stays where it went. */
  close(refocus: boolean): void {
    if (!this.open) return;
    this.open = false;
    this.rerender();
    if (refocus) this.back();
  }

  private insert(view: EditorView, kind: 'hours' | 'assessment'): void {
    const table = kind === 'hours' ? hoursTable() : assessmentTable();
    this.open = false;
    insertTableNode(table)(view.state, view.dispatch, view);
    this.rerender();
    view.focus();
  }

  private keydown(event: KeyboardEvent): void {
    const menu = event.currentTarget as HTMLElement;
    const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const current = items.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'ArrowDown' ? (current + 1) % items.length
      : event.key === 'ArrowUp' ? (current - 1 + items.length) % items.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? items.length - 1
      : null;
    if (next !== null) {
      event.preventDefault();
      items[next]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close(true);
    } else if (event.key === 'Tab') this.close(false);
  }

  template(view: EditorView): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    const item = (kind: 'hours' | 'assessment') => html`<button
      type="button"
      role="menuitem"
      tabindex="-1"
      data-table-kind=${kind}
      @click=${() => this.insert(view, kind)}
    >
      <span class="menu-label">${say(kind === 'hours' ? 'syllabusEditor.menu.hours' : 'syllabusEditor.menu.assessment')}</span>
      <span class="menu-hint">${say(kind === 'hours' ? 'syllabusEditor.menu.hoursHint' : 'syllabusEditor.menu.assessmentHint')}</span>
    </button>`;
    return html`<div
      id=${TABLE_MENU_ID}
      class="syllabus-table-menu"
      role="menu"
      aria-label=${say('syllabusEditor.menuLabel')}
      @keydown=${(event: KeyboardEvent) => this.keydown(event)}
      @focusout=${(event: FocusEvent) => {
        // A click or Tab elsewhere closes the menu; moving between its items does not.
        const to = event.relatedTarget as Node | null;
        if (!to || !(event.currentTarget as HTMLElement).contains(to)) window.setTimeout(() => this.close(false), 0);
      }}
    >
      ${item('hours')} ${item('assessment')}
    </div>`;
  }
}
