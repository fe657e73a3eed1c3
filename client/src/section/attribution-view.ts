/**
 * "Who wrote what": the section's text with every passage tinted in its author's colour, and a
 * legend of the authors with how much of the text each wrote. The colour is never the only
 * signal: hovering a passage names its author, and the legend says it in words.
 */
import { html, type TemplateResult } from 'lit-html';
import type { Attribution } from '../../../shared/api';
import { safeColour } from '../colour';
import { locale, t } from '../i18n';
import { layoutBlocks } from './block-layout';
import { plural } from './plural';

const UNKNOWN_COLOUR = '#9aa4b1';

export function attributionView(attribution: Attribution): TemplateResult {
  const people = new Map(attribution.people.map((person) => [person.id, person]));
  const total = attribution.people.reduce((sum, person) => sum + person.characters, 0);
  const share = new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 });
  const blocks = layoutBlocks(attribution.blocks, {
    render: (block) =>
      html`${block.runs.map((run) => {
        const person = run.personId === null ? null : people.get(run.personId);
        const colour = person ? safeColour(person.colour) : UNKNOWN_COLOUR;
        const name = person?.name ?? t('attribution.unknown');
        return html`<span class="authored" title=${name} style="background-color: ${colour}26; box-shadow: inset 0 -2px 0 ${colour}">${run.text}</span>`;
      })}`,
  });
  const sorted = [...attribution.people].sort((a, b) => b.characters - a.characters);
  return html`<section class="attribution-legend" aria-labelledby="attribution-legend-title">
      <h3 id="attribution-legend-title">${t('attribution.legend')}</h3>
      <ul>
        ${sorted.map(
          (person) => html`<li>
            <span class="swatch" aria-hidden="true" style="background-color: ${safeColour(person.colour)}"></span>
            <span class="legend-name">${person.name}</span>
            <span class="legend-count">${plural('counted.characters', person.characters)}${total > 0 ? ` · ${share.format(person.characters / total)}` : ''}</span>
          </li>`,
        )}
      </ul>
    </section>
    <div class="document-text reading-text attribution-text">${blocks.length > 0 ? blocks : html`<p class="panel-empty">${t('attribution.empty')}</p>`}</div>`;
}
