/**
 * "This is a shared computer: don't keep copies on this device", as the sign-in page asks it and
 * the account menu changes it. Checked means nothing is kept (`keepsCopies()` is false).
 */
import { html, type TemplateResult } from 'lit-html';
import { t } from '../i18n';
import './device-choice.css';

export function deviceChoice(id: string, shared: boolean, change: (shared: boolean) => void, disabled = false): TemplateResult {
  return html`<div class="device-choice">
    <input
      id=${id}
      type="checkbox"
      aria-describedby=${`${id}-hint`}
      ?disabled=${disabled}
      .checked=${shared}
      @change=${(event: Event) => change((event.target as HTMLInputElement).checked)}
    />
    <label for=${id}>${t('device.sharedComputer')}</label>
    <p id=${`${id}-hint`} class="device-hint">${t('device.sharedComputerHint')}</p>
  </div>`;
}
