/** The toolbar's icons: static SVG in one stroke style, coloured by the button's text colour. */
import { type TemplateResult, html, svg } from 'lit-html';

function icon(content: TemplateResult<2>): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${content}</svg>`;
}

export const icons = {
  link: icon(svg`<path d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5"/><path d="M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"/>`),
  bulletList: icon(svg`<path d="M9 6h11M9 12h11M9 18h11"/><circle class="fill" cx="4.5" cy="6" r="1.3"/><circle class="fill" cx="4.5" cy="12" r="1.3"/><circle class="fill" cx="4.5" cy="18" r="1.3"/>`),
  orderedList: icon(svg`<path d="M10 6h10M10 12h10M10 18h10"/><path d="M4 4.5l1.5-1v5"/><path d="M3.5 10.8a1.4 1.4 0 0 1 2.6.6c0 .9-2.6 2.2-2.6 2.6h2.8"/><path d="M3.6 16.2h2.4l-1.3 1.6a1.3 1.3 0 1 1-1.2 1.9"/>`),
  blockquote: icon(svg`<path class="fill" d="M7.2 18C5 18 3.5 16.3 3.5 13.8c0-3.4 2.2-6.3 5.6-7.8l.8 1.3c-2.1 1.1-3.3 2.6-3.5 4.3.4-.2.8-.2 1.2-.2 1.8 0 3.1 1.3 3.1 3.2S9.2 18 7.2 18zm9.5 0c-2.2 0-3.7-1.7-3.7-4.2 0-3.4 2.2-6.3 5.6-7.8l.8 1.3c-2.1 1.1-3.3 2.6-3.5 4.3.4-.2.8-.2 1.2-.2 1.8 0 3.1 1.3 3.1 3.2s-1.5 3.4-3.5 3.4z"/>`),
  table: icon(svg`<rect x="3" y="4" width="18" height="16" rx="1.5"/><path d="M3 9.5h18M3 14.8h18M9 4v16M15 4v16"/>`),
  addRow: icon(svg`<rect x="3" y="3" width="18" height="11" rx="1.5"/><path d="M3 8.5h18M12 3v11"/><path d="M12 17v5M9.5 19.5h5"/>`),
  addColumn: icon(svg`<rect x="3" y="3" width="11" height="18" rx="1.5"/><path d="M8.5 3v18M3 12h11"/><path d="M17 12h5M19.5 9.5v5"/>`),
  deleteRow: icon(svg`<rect x="3" y="3" width="18" height="11" rx="1.5"/><path d="M3 8.5h18M12 3v11"/><path d="M9 19.5h6"/>`),
  deleteColumn: icon(svg`<rect x="3" y="3" width="11" height="18" rx="1.5"/><path d="M8.5 3v18M3 12h11"/><path d="M17 12h5"/>`),
  deleteTable: icon(svg`<rect x="3" y="4" width="18" height="16" rx="1.5"/><path d="M3 9.5h18M9 4v5.5M15 4v5.5"/><path d="M9.5 12.5l5 5M14.5 12.5l-5 5"/>`),
  hardBreak: icon(svg`<path d="M20 5v6a3 3 0 0 1-3 3H5"/><path d="M9 10l-4 4 4 4"/>`),
  undo: icon(svg`<path d="M9 14L4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>`),
  redo: icon(svg`<path d="M15 14l5-5-5-5"/><path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13"/>`),
  /** Lines of text with a superscript 1, and the note under a short rule. */
  footnote: icon(svg`<path d="M3 5.5h10M3 10h10"/><path d="M16.5 4.6l2-1.4v6.3"/><path d="M3 15h5.5"/><path d="M3 19h15"/>`),
  /** An arrow to a bookmarked place: a reference to a heading or table. */
  crossReference: icon(svg`<path d="M14.5 4h5.5v16l-2.75-2.2L14.5 20z"/><path d="M3 12h8.5"/><path d="M8.5 8.5L12 12l-3.5 3.5"/>`),
  comment: icon(svg`<path d="M20 15a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2z"/><path d="M12 7.5v6M9 10.5h6"/>`),
};

/** Text glyphs for what reads best as a letter (B, I, U, H1 ...). */
export function glyph(text: string, className = ''): TemplateResult {
  return html`<span class="glyph ${className}" aria-hidden="true">${text}</span>`;
}
