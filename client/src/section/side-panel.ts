/**
 * The panel beside the text: Comments, Review and History as tabs (the WAI-ARIA tabs pattern:
 * one tab stop for the tab list, arrow keys, Home and End move between tabs and show them).
 */
import { html, type TemplateResult } from 'lit-html';
import { t } from '../i18n';

export type PanelTab = 'comments' | 'review' | 'history';
export const PANEL_TABS: PanelTab[] = ['comments', 'review', 'history'];

export interface TabLabel {
  text: string;
  /** A count or a status after the name, e.g. open comments. */
  extra?: TemplateResult | string;
}

export function sidePanel(
  current: PanelTab,
  labels: Record<PanelTab, TabLabel>,
  content: TemplateResult,
  select: (tab: PanelTab, focus: boolean) => void,
): TemplateResult {
  const keydown = (event: KeyboardEvent) => {
    const index = PANEL_TABS.indexOf(current);
    const last = PANEL_TABS.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(PANEL_TABS[(next + PANEL_TABS.length) % PANEL_TABS.length], true);
  };
  return html`<aside class="side-panel" aria-label=${t('panel.label')}>
    <div class="tabs" role="tablist" aria-label=${t('panel.label')} @keydown=${keydown}>
      ${PANEL_TABS.map((tab) => {
        const label = labels[tab];
        const selected = tab === current;
        return html`<button
          type="button"
          role="tab"
          id=${`tab-${tab}`}
          class="tab"
          aria-selected=${String(selected)}
          aria-controls=${`panel-${tab}`}
          tabindex=${selected ? 0 : -1}
          @click=${() => select(tab, false)}
        >
          <span>${label.text}</span>${label.extra ?? ''}
        </button>`;
      })}
    </div>
    <div class="tab-panel" role="tabpanel" id=${`panel-${current}`} aria-labelledby=${`tab-${current}`} tabindex="0">${content}</div>
  </aside>`;
}

/** Focuses the tab, after a keyboard move (the page re-rendered it selected). */
export function focusTab(tab: PanelTab): void {
  document.getElementById(`tab-${tab}`)?.focus();
}
