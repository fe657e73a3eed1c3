/**
 * Beside the translation: what changed in the source since the focused block was translated (a
 * word diff between the text it was confirmed against and the source now), with "Confirm" (the
 * translation matches the source as it is now) and "Confirm all typo-only" for every stale block
 * whose source changed by a typo fix alone. A block never confirmed (its text came as a suggestion,
 * say) says so, with the same button.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { SourceUnit, TranslationStatus } from '../../../shared/translations';
import { ApiError, NetworkError, isUnauthenticated } from '../api';
import { t } from '../i18n';
import { type BlockState, blockState } from './alignment';
import type { PlacedBlock } from './blocks';
import { translationRequests } from './requests';
import { sourceChange, typoOnlyUnits } from './typo';

export interface StalePanelOptions {
  sectionId: string;
  lang: string;
  rerender: () => void;
  sessionEnded: () => void;
}

export class StalePanel {
  private busy = false;
  /** What the last confirm said, for the live region (until the cursor moves to another block). */
  announcement = '';
  private lastFocused: string | null = null;

  constructor(private readonly options: StalePanelOptions) {}

  private async confirm(blocks: { id: string; hash: string }[]): Promise<void> {
    if (this.busy || blocks.length === 0) return;
    this.busy = true;
    this.announcement = '';
    this.options.rerender();
    try {
      await translationRequests.confirm(this.options.sectionId, this.options.lang, blocks);
      this.announcement = blocks.length === 1 ? t('translation.confirmed') : t('translation.confirmedMany', { count: blocks.length });
    } catch (error) {
      if (isUnauthenticated(error)) return this.options.sessionEnded();
      const reason = error instanceof ApiError || error instanceof NetworkError ? error.message : String(error);
      this.announcement = t('translation.confirmFailed', { reason });
    } finally {
      this.busy = false;
      this.options.rerender();
    }
  }

  /**
   * The panel for the block under the translation's cursor; nothing when it is current. `mayConfirm`:
   * the person may edit the translation directly (confirming is refused in "suggestions only").
   */
  template(status: TranslationStatus | null, focused: PlacedBlock | null, units: (id: string) => SourceUnit | null, mayConfirm: boolean): TemplateResult {
    const focusedKey = focused ? `${focused.id ?? ''}|${focused.pos}` : null;
    if (focusedKey !== this.lastFocused) {
      if (!this.busy && this.lastFocused !== null) this.announcement = '';
      this.lastFocused = focusedKey;
    }
    // Confirmed against the source text shown here: if it changed meanwhile the server refuses (409).
    const typos =
      status && mayConfirm ? status.aligned.filter((a) => typoOnlyUnits(status).includes(a.source.id)).map((a) => ({ id: a.source.id, hash: a.source.hash })) : [];
    const state: BlockState | null = focused ? blockState(focused, new Map(focused.source && units(focused.source) ? [[focused.source, units(focused.source)!]] : [])) : null;
    const unit = focused?.source ? units(focused.source) : null;
    const body =
      (state === 'stale' || state === 'unconfirmed') && unit && focused
        ? this.staleBlock(state, focused, unit, mayConfirm)
        : state === 'orphan'
          ? html`<h3 class="stale-title">${t('translation.status.orphan')}</h3>
              <p>${t('translation.orphan.hint')}</p>`
          : null;
    if (!body && typos.length === 0 && !this.announcement) return html``;
    return html`<section class="stale-panel" aria-label=${t('translation.stale.title')}>
      ${body ?? nothing}
      ${typos.length > 0
        ? html`<button type="button" class="button small" ?disabled=${this.busy} @click=${() => void this.confirm(typos)}>
            ${t('translation.confirmTypos', { count: typos.length })}
          </button>`
        : nothing}
      <p class="stale-announcement" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  private staleBlock(state: 'stale' | 'unconfirmed', block: PlacedBlock, unit: SourceUnit, mayConfirm: boolean): TemplateResult {
    const change = state === 'stale' && block.sourceText !== null ? sourceChange(block.sourceText, unit.text) : null;
    return html`<h3 class="stale-title">${t(state === 'stale' ? 'translation.stale.title' : 'translation.status.unconfirmed')}</h3>
      ${change
        ? html`<p class="stale-diff">
            <span class="visually-hidden">${t('translation.stale.diffLabel')}: </span>
            ${change.parts.map((part) =>
              part.removed
                ? html`<del><span class="visually-hidden">[${t('translation.stale.removed')}: </span>${part.value}<span class="visually-hidden">]</span></del>`
                : part.added
                  ? html`<ins><span class="visually-hidden">[${t('translation.stale.added')}: </span>${part.value}<span class="visually-hidden">]</span></ins>`
                  : html`<span>${part.value}</span>`,
            )}
          </p>`
        : html`<p>${state === 'unconfirmed' ? t('translation.stale.unconfirmed') : unit.text}</p>`}
      <p class="stale-hint">${t('translation.stale.hint')}</p>
      ${mayConfirm
        ? html`<button type="button" class="button small primary" ?disabled=${this.busy} @click=${() => void this.confirm([{ id: unit.id, hash: unit.hash }])}>${t('translation.confirm')}</button>`
        : nothing}`;
  }
}
