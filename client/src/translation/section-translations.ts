/**
 * The section page's "Translations" block (#19): each target language of the workspace with how
 * far its version is, linking to the side-by-side view. Nothing is shown while the workspace has no
 * target languages.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { TranslationProgress } from '../../../shared/api/translations';
import { isUnauthenticated } from '../api';
import { t } from '../i18n';
import { languageName } from './language-name';
import { translationPath } from '../router';
import { translationRequests } from './requests';
import './translation.css';

export class SectionTranslations {
  private progress: TranslationProgress[] | null = null;
  private failed = false;

  constructor(
    private readonly sectionId: string,
    private readonly rerender: () => void,
    private readonly sessionEnded: () => void,
  ) {}

  async load(): Promise<void> {
    try {
      // Asking for progress gives the source's blocks their ids on the server (a stored change): a
      // workspace that translates nothing is not asked.
      const { languages } = await translationRequests.settings();
      this.progress = languages.targets.length > 0 ? await translationRequests.progress(this.sectionId) : [];
      this.failed = false;
    } catch (error) {
      if (isUnauthenticated(error)) return this.sessionEnded();
      // The block is a convenience: the page works without it, and says it could not be read.
      this.failed = true;
    }
    this.rerender();
  }

  template(): TemplateResult | typeof nothing {
    if (this.failed) return html`<p class="section-translations counts">${t('translation.loadFailed')}</p>`;
    if (!this.progress || this.progress.length === 0) return nothing;
    return html`<section class="section-translations" aria-labelledby="section-translations-title">
      <h2 id="section-translations-title">${t('translation.sectionBlock')}</h2>
      <ul>
        ${this.progress.map(
          (entry) => html`<li>
            <a href=${translationPath(this.sectionId, entry.lang)} aria-label=${t('translation.open', { language: languageName(entry.lang) })}>${languageName(entry.lang)}</a>
            <span class="counts">${t('translation.sectionBlockCounts', { current: entry.current, blocks: entry.blocks, stale: entry.stale, missing: entry.missing })}</span>
          </li>`,
        )}
      </ul>
    </section>`;
  }
}
