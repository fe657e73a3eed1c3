/**
 * The strip at the foot of the window where the app speaks about itself rather than about a page:
 * a new version waiting, data shown from this device's copy. It lives outside the app's root (the
 * pages re-render theirs), in document.body, so every page shows it and none can drop it.
 *
 * Each banner is a live region (role="status") made once and then only hidden or filled, because
 * screen readers announce changes to a region they already know, not a region that appears.
 */
import { type TemplateResult, render } from 'lit-html';
import { onLocaleChange, t } from '../i18n';
import './app-update.css';

export type BannerName = 'update' | 'offline-copy';

/** Top to bottom: the offer to update stays nearest the eye's resting place, the bottom edge. */
const ORDER: readonly BannerName[] = ['offline-copy', 'update'];

const views = new Map<BannerName, () => TemplateResult>();
let area: HTMLElement | null = null;

function regions(): Map<BannerName, HTMLElement> {
  if (!area) {
    area = document.createElement('div');
    area.className = 'app-banners';
    for (const name of ORDER) {
      const region = document.createElement('div');
      region.className = `app-banner app-banner-${name}`;
      region.setAttribute('role', 'status');
      region.hidden = true;
      area.append(region);
    }
    document.body.append(area);
    onLocaleChange(() => {
      for (const name of views.keys()) draw(name);
    });
  }
  const found = new Map<BannerName, HTMLElement>();
  for (const name of ORDER) found.set(name, area.querySelector<HTMLElement>(`.app-banner-${name}`)!);
  return found;
}

function draw(name: BannerName): void {
  const region = regions().get(name)!;
  const view = views.get(name);
  region.hidden = !view;
  render(view ? view() : '', region);
  area?.setAttribute('aria-label', t('appUpdate.banners'));
}

/** Shows (or redraws) a banner; `view` is called again when the language changes. */
export function showBanner(name: BannerName, view: () => TemplateResult): void {
  views.set(name, view);
  draw(name);
}

export function hideBanner(name: BannerName): void {
  if (!views.delete(name)) return;
  draw(name);
}
