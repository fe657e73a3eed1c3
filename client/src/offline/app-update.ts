/**
 * Installing the service worker (`service-worker.ts`, built to /sw.js) and offering its updates.
 *
 * A new build is found when the browser re-checks /sw.js: at each page load, when the device
 * comes back online, and every hour for a tab left open. The new worker installs beside the
 * running one and waits; the page then offers "Reload to update", and only a click lets it take
 * over and reloads. Nothing reloads by itself: it would throw away what someone is typing.
 */
import { html } from 'lit-html';
import { t } from '../i18n';
import { showBanner } from './app-update-banner';

const CHECK_EVERY_MS = 60 * 60 * 1000;

/** Registers the worker and watches for updates; does nothing where service workers are missing. */
export function installAppWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js').then(watchForUpdates, () => {
      // No worker (a private window, storage refused, an insecure origin): the app works online as before.
    });
  // Installing fetches the whole app shell for offline use. On a first visit over a 3G-class link
  // that would compete with the page's own requests (#21), so it waits until the page has loaded
  // and drawn; a page a worker already controls registers at once (nothing new is fetched then).
  if (navigator.serviceWorker.controller) {
    void register();
    return;
  }
  const later = () => setTimeout(() => void register(), AFTER_LOAD_MS);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** How long after the load event a first visit installs the worker: the page's data comes first. */
const AFTER_LOAD_MS = 2_000;

function watchForUpdates(registration: ServiceWorkerRegistration): void {
  // An update found by an earlier visit is still waiting.
  if (registration.waiting) offerIfControlled(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const incoming = registration.installing;
    incoming?.addEventListener('statechange', () => {
      if (incoming.state === 'installed') offerIfControlled(incoming);
    });
  });
  const check = () => void registration.update().catch(() => undefined);
  window.addEventListener('online', check);
  setInterval(check, CHECK_EVERY_MS);
}

/**
 * Only a page that a worker already controls runs an older version: the very first install
 * (nothing controlled the page) is the version this page loaded, with nothing to offer.
 */
function offerIfControlled(worker: ServiceWorker): void {
  if (!navigator.serviceWorker.controller) return;
  let updating = false;
  const view = () => html`
    <p>${t('appUpdate.available')}</p>
    <button type="button" ?disabled=${updating} @click=${onClick}>${updating ? t('appUpdate.reloading') : t('appUpdate.reload')}</button>
  `;
  const onClick = () => {
    updating = true;
    showBanner('update', view);
    takeOver(worker);
  };
  showBanner('update', view);
}

function takeOver(worker: ServiceWorker): void {
  // Another tab let it take over already: this page still runs the old version, so reload it.
  if (worker.state === 'activating' || worker.state === 'activated') return window.location.reload();
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  worker.postMessage({ type: 'skip-waiting' });
}
