/**
 * Links to a place inside a section (an outcome, a heading): the section's page with the block's id
 * as the fragment, which the section page scrolls to once its text has synced.
 */
import { navigate, sectionPath } from '../router';

/** `/sections/<id>#<block id>`, or the section itself while the block has no id yet. */
export function placeHref(section: string, target: string | null): string {
  return target ? `${sectionPath(section)}#${encodeURIComponent(target)}` : sectionPath(section);
}

/**
 * Follows such a link as a page of this app. The router's own link handling keeps only the path
 * and query, so the fragment would be lost; a click with a modifier keeps the browser's behaviour.
 */
export function followWithFragment(event: MouseEvent, href: string): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}
