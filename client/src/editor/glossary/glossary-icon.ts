/** The toolbar's "Link to glossary" icon: an open book (drawn in the stroke style of `icons.ts`). */
import { html, svg } from 'lit-html';

export const glossaryIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  ${svg`<path d="M3 5.5C5.5 4.5 8.5 4.5 12 6.5v13c-3.5-2-6.5-2-9-1z"/><path d="M21 5.5c-2.5-1-5.5-1-9 1v13c3.5-2 6.5-2 9-1z"/>`}
</svg>`;
