/**
 * The five countries side by side (#20): pick a heading of the common national template and read
 * what each national section says under it, in columns (stacked on a phone), each with a link to
 * its section. A section without the heading, or with nothing under it, says so in words.
 *
 * The texts come from the server as HTML it wrote from the shared schema (text escaped, links
 * checked), so they are placed as they are. The chosen heading is kept in the address
 * (`/compare?heading=<key>`) so a comparison can be shared; the texts are read again when a
 * national section changes.
 */
import './pages.css';
import './compare.css';
import { html, nothing, type TemplateResult } from 'lit-html';
import { unsafeHTML } from 'lit-html/directives/unsafe-html.js';
import type { Comparison, CountryText } from '../../../shared/api/curriculum';
import type { TemplateHeading } from '../../../shared/api/settings';
import { isCountryGroup } from '../../../shared/workspace';
import { isUnauthenticated, request } from '../api';
import { locale, t } from '../i18n';
import { sectionPath } from '../router';
import { problem } from '../ui/parts';
import type { AppContext, Page } from './page';
import { loading, ownerName } from './parts';
import { LiveData } from './live-data';
import { followWithFragment, placeHref } from './section-places';


/** The heading the address names, if it looks like a template key (the server checks the rest). */
function headingInAddress(): string | null {
  const key = new URLSearchParams(window.location.search).get('heading');
  return key && /^[a-z0-9][a-z0-9-]{0,31}$/.test(key) ? key : null;
}

export class ComparePage implements Page {
  private comparison: Comparison | null = null;
  /** The language the section titles were read in: another one is read again. */
  private loadedIn: string | null = null;
  private error: unknown = null;
  private key: string | null = headingInAddress();
  /** Answers to earlier choices that arrive late are dropped. */
  private asked = 0;
  /** The national sections (Part 2) and the template (settings) are what this page shows. */
  private readonly live: LiveData;

  constructor(private readonly context: AppContext) {
    this.live = new LiveData(context.realtime, () => void this.load(), { changed: (part) => part === 2, settings: true });
    void this.load();
  }

  private get disposed(): boolean {
    return this.live.disposed;
  }

  title(): string {
    return `${t('curriculum.compare.title')} · ${t('app.title')}`;
  }

  refresh(): void {
    void this.load();
  }

  dispose(): void {
    this.live.dispose();
  }

  private async load(): Promise<void> {
    const asked = ++this.asked;
    const language = locale();
    this.loadedIn = language;
    try {
      const heading = this.key ? `&heading=${encodeURIComponent(this.key)}` : '';
      const comparison = await request<Comparison>('GET', `/curriculum/compare?locale=${language}${heading}`);
      if (this.disposed || asked !== this.asked) return;
      this.comparison = comparison;
      this.key = comparison.heading.key;
      this.error = null;
    } catch (error) {
      if (this.disposed || asked !== this.asked) return;
      if (isUnauthenticated(error)) return this.context.sessionEnded();
      this.error = error;
      // A heading removed from the template (an old link): open on the first one instead.
      if (this.key && !this.comparison) {
        this.key = null;
        return this.load();
      }
    }
    this.context.update();
  }

  private choose(key: string): void {
    this.key = key;
    // The address follows the choice without a new page (and without a history entry per choice).
    window.history.replaceState(null, '', `/compare?heading=${encodeURIComponent(key)}`);
    void this.load();
  }

  private headingTitle(heading: TemplateHeading): string {
    return locale() === 'ru' && heading.title.ru ? heading.title.ru : heading.title.en;
  }

  view(): TemplateResult {
    if (this.loadedIn !== null && this.loadedIn !== locale()) void this.load();
    const head = html`<div class="page-head">
      <p class="eyebrow">${t('app.course')}</p>
      <h1>${t('curriculum.compare.title')}</h1>
      <p class="page-intro">${t('curriculum.compare.intro')}</p>
    </div>`;
    if (this.error && !this.comparison) {
      return html`${head}${problem(this.error, () => {
        this.error = null;
        this.context.update();
        void this.load();
      })}`;
    }
    if (!this.comparison) return html`${head}${loading()}`;
    const { heading, template, countries } = this.comparison;
    const title = this.headingTitle(heading);
    return html`${head}
      <div class="compare-chooser">
        <label for="compare-heading">${t('curriculum.compare.heading')}</label>
        <select id="compare-heading" @change=${(event: Event) => this.choose((event.target as HTMLSelectElement).value)}>
          ${template.map((entry) => html`<option value=${entry.key} ?selected=${entry.key === heading.key}>${this.headingTitle(entry)}</option>`)}
        </select>
      </div>
      <section class="compare-countries" aria-labelledby="compare-countries-title">
        <h2 id="compare-countries-title" class="visually-hidden">${t('curriculum.compare.countries', { heading: title })}</h2>
        <div class="compare-grid">${countries.map((country) => this.country(country, title))}</div>
      </section>`;
  }

  private country(country: CountryText, heading: string): TemplateResult {
    const id = `compare-${country.section}`;
    const group = isCountryGroup(country.group) ? ownerName(country.group) : country.group;
    const headingHref = country.target ? placeHref(country.section, country.target) : null;
    return html`<article class=${`card compare-country ${country.state}`} aria-labelledby=${id} data-section=${country.section}>
      <header class="compare-country-head">
        <h3 id=${id}><a href=${sectionPath(country.section)} title=${`${country.title} — ${t('curriculum.compare.open', { group })}`}>${group}</a></h3>
        <p class=${`compare-state ${country.state}`}>
          ${country.state === 'filled' ? nothing : html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 3.5L2.5 20h19zM12 10v4.5M12 17v.5" /></svg>`}
          ${t(`curriculum.compare.state.${country.state}`)}
        </p>
      </header>
      ${country.heading
        ? html`<p class="compare-heading-words">
            ${headingHref
              ? html`<a href=${headingHref} title=${t('curriculum.compare.openHeading', { heading: country.heading, group })} @click=${(event: MouseEvent) => followWithFragment(event, headingHref)}
                  >${country.heading}</a
                >`
              : country.heading}
          </p>`
        : nothing}
      ${country.state === 'filled'
        ? html`<div class="compare-text">${unsafeHTML(country.html)}</div>`
        : html`<p class="muted compare-gap">${country.state === 'missing' ? t('curriculum.compare.missing', { heading }) : t('curriculum.compare.empty')}</p>`}
    </article>`;
  }
}
