/** Colours from the server go into style attributes: only plain #rrggbb is let through. */
const FALLBACK_COLOUR = '#5f6368';

export function safeColour(colour: unknown): string {
  return typeof colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : FALLBACK_COLOUR;
}
