/**
 * Page addresses with the History API. The server answers every non-API path with index.html, so
 * any address here can be loaded, reloaded and shared.
 */

export type Route =
  | { name: 'sign-in'; next: string | null }
  | { name: 'workspace' }
  | { name: 'section'; id: string }
  /** A section's translation beside its source (#19). */
  | { name: 'translation'; id: string; lang: string }
  | { name: 'master' }
  | { name: 'outcomes' }
  | { name: 'compare' }
  | { name: 'people' }
  | { name: 'audit' }
  | { name: 'settings' }
  | { name: 'glossary' }
  /** An invitation link: opened without a session by the person invited. */
  | { name: 'invite'; token: string }
  | { name: 'not-found' };

const PAGES: Record<string, Route> = {
  '/master': { name: 'master' },
  '/outcomes': { name: 'outcomes' },
  '/compare': { name: 'compare' },
  '/people': { name: 'people' },
  '/audit': { name: 'audit' },
  '/settings': { name: 'settings' },
  '/glossary': { name: 'glossary' },
};

export function parseRoute(location: { pathname: string; search: string }): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'workspace' };
  if (path === '/signin') return { name: 'sign-in', next: safeNext(new URLSearchParams(location.search).get('next')) };
  if (PAGES[path]) return PAGES[path];
  const invite = /^\/invite\/([A-Za-z0-9_-]+)$/.exec(path);
  if (invite) return { name: 'invite', token: invite[1] };
  const translation = /^\/sections\/([^/]+)\/translations\/([a-z]{2,3})$/.exec(path);
  if (translation) {
    try {
      return { name: 'translation', id: decodeURIComponent(translation[1]), lang: translation[2] };
    } catch {
      return { name: 'not-found' };
    }
  }
  const section = /^\/sections\/([^/]+)$/.exec(path);
  if (section) {
    try {
      return { name: 'section', id: decodeURIComponent(section[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

/** Only a path on this site may be a destination after sign-in (no open redirect). */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next === '/signin' ? null : next;
}

export function sectionPath(id: string): string {
  return `/sections/${encodeURIComponent(id)}`;
}

/** A section's translation into `lang`, beside its source. */
export function translationPath(id: string, lang: string): string {
  return `${sectionPath(id)}/translations/${encodeURIComponent(lang)}`;
}

type Listener = (route: Route) => void;
const listeners = new Set<Listener>();

export function onRouteChange(listener: Listener): void {
  listeners.add(listener);
}

function announce(): void {
  const route = parseRoute(window.location);
  for (const listener of listeners) listener(route);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) {
    if (!options.replace) return;
  }
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  announce();
}

/**
 * Same-site links become History API navigations; links with a modifier key, a target or to
 * other sites keep the browser's own behaviour (new tab, download, ...).
 */
export function startRouter(): void {
  window.addEventListener('popstate', announce);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a[href]');
    if (!(anchor instanceof HTMLAnchorElement)) return;
    if (anchor.target || anchor.hasAttribute('download') || anchor.origin !== window.location.origin) return;
    // Links inside the document text open as links, not as pages of this app.
    if (anchor.closest('.ProseMirror')) return;
    if (/^\/(api|collab|socket\.io)\//.test(anchor.pathname)) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  });
}
