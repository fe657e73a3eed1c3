/**
 * The cross-reference index as this page knows it (#18): every target of the sections the person
 * may read, fetched from `GET /api/references` once when the first reference is drawn (or the
 * picker opens), and read again while references are on screen — when the picker opens, when the
 * tab comes back into view, when the language changes (section titles are in it), on
 * `refreshReferences()` (the page calls it when the section list changes) and every
 * `REFRESH_MS` — so a reference follows a heading reworded in another section without a reload.
 * The server answers from a cache per section text, so the refresh is cheap on both sides.
 */
import type { ReferenceIndex, ReferenceTarget } from '../../../shared/api/references';
import { targetKey } from '../../../shared/references';
import { request } from '../api';
import { onLocaleChange } from '../i18n';

/** How often references on screen are brought up to date while the tab is visible. */
export const REFRESH_MS = 15_000;

type Listener = () => void;

let targets: ReferenceTarget[] | null = null;
let byKey = new Map<string, ReferenceTarget>();
let loading: Promise<ReferenceTarget[]> | null = null;
const listeners = new Set<Listener>();
let watchers = 0;
let timer = 0;
let stopLocale: (() => void) | null = null;

/** The targets as last loaded, in master order; null while they have never loaded. */
export function referenceTargets(): readonly ReferenceTarget[] | null {
  return targets;
}

/**
 * What the index says of a target: the target, `undefined` when the index has loaded and does not
 * hold it (deleted, or its section gone), `null` while the index has not loaded.
 */
export function lookUpTarget(section: string, target: string): ReferenceTarget | undefined | null {
  if (!targets) return null;
  return byKey.get(targetKey(section, target));
}

/** Reads the index again (one request at a time); resolves with the targets, rejects when it failed. */
export function refreshReferences(): Promise<ReferenceTarget[]> {
  loading ??= request<ReferenceIndex>('GET', '/references')
    .then((index) => {
      const changed = JSON.stringify(index.targets) !== JSON.stringify(targets);
      targets = index.targets;
      byKey = new Map(targets.map((target) => [targetKey(target.section, target.target), target]));
      if (changed) for (const listener of listeners) listener();
      return targets;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** Tells `listener` each time the index changes; answers a function that stops telling it. */
export function onReferencesChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function refreshQuietly(): void {
  // A failed refresh keeps what was shown; the next one tries again.
  refreshReferences().catch(() => undefined);
}

function refreshWhenVisible(): void {
  if (document.visibilityState === 'visible') refreshQuietly();
}

/**
 * Keeps the index current while something shows references (a reference drawn in the text): the
 * first watcher loads it, the last one to stop stops the refreshing.
 */
export function watchReferences(): () => void {
  watchers += 1;
  if (watchers === 1) {
    refreshQuietly();
    timer = window.setInterval(refreshWhenVisible, REFRESH_MS);
    document.addEventListener('visibilitychange', refreshWhenVisible);
    stopLocale = onLocaleChange(refreshQuietly);
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    watchers -= 1;
    if (watchers > 0) return;
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', refreshWhenVisible);
    stopLocale?.();
    stopLocale = null;
  };
}
