/** Icons of the section's side panel, in the toolbar's stroke style; always beside words or a label. */
import { type TemplateResult, html, svg } from 'lit-html';

function icon(content: TemplateResult<2>, className = 'icon'): TemplateResult {
  return html`<svg class=${className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">${content}</svg>`;
}

export const sectionIcons = {
  comment: icon(svg`<path d="M20 15a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2z"/>`),
  addComment: icon(svg`<path d="M20 15a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2z"/><path d="M12 7.5v6M9 10.5h6"/>`),
  check: icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`),
  reopen: icon(svg`<path d="M4 12a8 8 0 1 0 2.4-5.7"/><path d="M4 4v5h5"/>`),
  review: icon(svg`<path d="M9 12l2 2 4-4"/><path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6z"/>`),
  history: icon(svg`<path d="M3 12a9 9 0 1 0 3-6.7"/><path d="M3 4v5h5"/><path d="M12 7.5V12l3 2"/>`),
  back: icon(svg`<path d="M15 18l-6-6 6-6"/>`),
  warning: icon(svg`<path d="M12 3.5L2.5 20h19z"/><path d="M12 10v4.5M12 17.3v.2"/>`),
  eye: icon(svg`<path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>`),
  compare: icon(svg`<path d="M8 4v13M4 13l4 4 4-4"/><path d="M16 20V7M20 11l-4-4-4 4"/>`),
  restore: icon(svg`<path d="M4 12a8 8 0 1 0 2.4-5.7"/><path d="M4 4v5h5"/><path d="M12 8v4l2.5 1.5"/>`),
  people: icon(svg`<circle cx="9" cy="8" r="3.2"/><path d="M3 20c.6-3.4 3-5.5 6-5.5s5.4 2.1 6 5.5"/><path d="M15.5 5a3 3 0 0 1 0 6M17.5 14.8c1.8.8 3 2.6 3.4 5.2"/>`),
  send: icon(svg`<path d="M4 12l16-8-6 16-2.5-6.5z"/>`),
  dot: icon(svg`<circle class="fill" cx="12" cy="12" r="4"/>`, 'icon small'),
};
