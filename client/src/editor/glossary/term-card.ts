/**
 * What a glossary term shows when the pointer rests on it or the caret or focus is in it: its term
 * in the reader's language, its terms in the other languages, the definition and the source. A
 * link to an entry that was deleted says so (the text keeps the link, so the words stay marked).
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { GlossaryEntry } from '../../../../shared/api';
import type { GlossaryLoad } from './glossary-store';
import { languageName, say, termsOf } from './words';

export function termCard(entry: GlossaryEntry | undefined, load: GlossaryLoad, unlink?: () => void): TemplateResult {
  if (!entry) {
    return html`<p class="glossary-card-missing">${load === 'ready' ? say('glossaryEditor.deleted') : say('glossaryEditor.unknownYet')}</p>
      ${unlink ? unlinkButton(unlink) : nothing}`;
  }
  const [first, ...others] = termsOf(entry);
  return html`<p class="glossary-card-kind">${say('glossaryEditor.tooltip')}${entry.status === 'proposed' ? html` · ${say('glossaryEditor.proposed')}` : nothing}</p>
    <p class="glossary-card-term" lang=${first?.lang ?? nothing}>${first?.text ?? ''}</p>
    <p class="glossary-card-definition">${entry.definition}</p>
    ${entry.source ? html`<p class="glossary-card-source">${say('glossaryEditor.source', { source: entry.source })}</p>` : nothing}
    ${others.length > 0
      ? html`<dl class="glossary-card-others" aria-label=${say('glossaryEditor.otherTerms')}>
          ${others.map((term) => html`<div><dt>${languageName(term.lang)}</dt><dd lang=${term.lang}>${term.text}</dd></div>`)}
        </dl>`
      : nothing}
    ${unlink ? unlinkButton(unlink) : nothing}`;
}

function unlinkButton(unlink: () => void): TemplateResult {
  return html`<button type="button" class="button small glossary-card-unlink" @mousedown=${(event: MouseEvent) => event.preventDefault()} @click=${unlink}>
    ${say('glossaryEditor.unlink')}
  </button>`;
}
