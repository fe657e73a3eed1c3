/**
 * A question that needs an answer before going on ("Deactivate Aigerim?"), as a modal <dialog>:
 * the browser traps focus inside it, Escape cancels, and focus goes back to where it was.
 */
import { html, render } from 'lit-html';
import { t } from '../i18n';
import './dialog.css';

export interface Confirmation {
  title: string;
  message: string;
  confirm: string;
  /** The label of the way back, when "Cancel" does not say what staying means ("Stay signed in"). */
  cancel?: string;
  /** The confirming action loses something (deactivation): styled as such. */
  danger?: boolean;
}

let count = 0;

export function confirmDialog(question: Confirmation): Promise<boolean> {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const dialog = document.createElement('dialog');
  const id = `confirm-${++count}`;
  dialog.className = 'ask-dialog';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-message`);
  render(
    html`<form method="dialog">
      <h2 id=${`${id}-title`}>${question.title}</h2>
      <p id=${`${id}-message`}>${question.message}</p>
      <div class="ask-actions">
        <button type="submit" value="cancel" class="button" autofocus>${question.cancel ?? t('dialog.cancel')}</button>
        <button type="submit" value="confirm" class=${question.danger ? 'button destructive' : 'button primary'}>${question.confirm}</button>
      </div>
    </form>`,
    dialog,
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        resolve(dialog.returnValue === 'confirm');
        dialog.remove();
        if (opener?.isConnected) opener.focus();
      },
      { once: true },
    );
    dialog.showModal();
  });
}
