/**
 * A comment's words as people wrote them: plain text, line breaks kept (by CSS), web addresses as
 * links and mentions of colleagues marked. Everything goes through lit-html's text bindings, so a
 * body that looks like markup stays text; only http and https addresses that `safeHref` accepts
 * become links.
 */
import { html, type TemplateResult } from 'lit-html';
import { safeHref } from '../../../shared/links';

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than an address: "see https://iom.int." */
const TRAILING = /[.,;:!?»”’]+$/;

type Piece = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string };

function trimAddress(address: string): string {
  let trimmed = address.replace(TRAILING, '');
  // A closing bracket belongs to the address only when the address opened one.
  while (trimmed.endsWith(')') && (trimmed.match(/\(/g)?.length ?? 0) < (trimmed.match(/\)/g)?.length ?? 0)) {
    trimmed = trimmed.slice(0, -1).replace(TRAILING, '');
  }
  return trimmed;
}

function splitMentions(text: string, names: readonly string[]): Piece[] {
  if (names.length === 0 || !text.includes('@')) return [{ kind: 'text', text }];
  const pieces: Piece[] = [];
  let rest = text;
  while (rest.length > 0) {
    let best: { index: number; name: string } | null = null;
    for (const name of names) {
      const index = rest.indexOf(`@${name}`);
      if (index >= 0 && (!best || index < best.index || (index === best.index && name.length > best.name.length))) best = { index, name };
    }
    if (!best) break;
    if (best.index > 0) pieces.push({ kind: 'text', text: rest.slice(0, best.index) });
    pieces.push({ kind: 'mention', text: `@${best.name}` });
    rest = rest.slice(best.index + best.name.length + 1);
  }
  if (rest.length > 0) pieces.push({ kind: 'text', text: rest });
  return pieces;
}

/** The body cut into text, links and mentions (of the people named in `mentionedNames`). */
export function bodyPieces(body: string, mentionedNames: readonly string[] = []): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of body.matchAll(WEB_ADDRESS)) {
    const address = trimAddress(match[0]);
    const href = safeHref(address);
    if (!href) continue;
    const start = match.index;
    if (start > last) pieces.push(...splitMentions(body.slice(last, start), mentionedNames));
    pieces.push({ kind: 'link', text: address, href });
    last = start + address.length;
  }
  if (last < body.length) pieces.push(...splitMentions(body.slice(last), mentionedNames));
  return pieces;
}

export function commentBody(body: string, mentionedNames: readonly string[] = []): TemplateResult {
  return html`<p class="comment-body">${bodyPieces(body, mentionedNames).map((piece) =>
    piece.kind === 'link'
      ? html`<a href=${piece.href} target="_blank" rel="noopener noreferrer nofollow">${piece.text}</a>`
      : piece.kind === 'mention'
        ? html`<span class="mention">${piece.text}</span>`
        : piece.text,
  )}</p>`;
}
