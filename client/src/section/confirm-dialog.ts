/**
 * A modal question before an action that is hard to take back (restoring a version, deleting a
 * comment). A native `<dialog>` opened with `showModal()`: the browser traps the focus inside,
 * Escape cancels, and the rest of the page is inert. The focus starts on the safe answer and
 * returns to where it was when the dialog closes.
 */
import { html, render } from 'lit-html';
import { t } from '../i18n';

export interface Question {
  title: string;
  message: string;
  confirm: string;
  /** A destructive action gets the danger colour. */
  danger?: boolean;
}

/** Asks `question` in a modal dialog; resolves true when the person confirms. */
export function confirmAction(question: Question): Promise<boolean> {
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const host = document.createElement('div');
  document.body.append(host);
  return new Promise((resolve) => {
    const close = (answer: boolean) => {
      const dialog = host.querySelector('dialog');
      if (dialog?.open) dialog.close();
      host.remove();
      returnTo?.focus();
      resolve(answer);
    };
    render(
      html`<dialog class="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-message" @cancel=${(event: Event) => {
        event.preventDefault();
        close(false);
      }}>
        <h2 id="confirm-title">${question.title}</h2>
        <p id="confirm-message">${question.message}</p>
        <div class="dialog-actions">
          <button type="button" class="button" autofocus @click=${() => close(false)}>${t('confirm.cancel')}</button>
          <button type="button" class=${question.danger ? 'button danger' : 'button primary'} @click=${() => close(true)}>
            ${question.confirm}
          </button>
        </div>
      </dialog>`,
      host,
    );
    host.querySelector('dialog')?.showModal();
  });
}
