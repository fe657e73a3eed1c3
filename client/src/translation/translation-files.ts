/**
 * Files for translators (#19): the translation as XLIFF 2.0 for their tools and back, and a Word
 * file with the source and the translation in two columns for people without such tools. The
 * downloads are plain links (the browser saves them); the import sends the file's bytes as they
 * are and says what it changed, or why it was refused, in words.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { XliffImportResult } from '../../../shared/api';
import { MAX_XLIFF_BYTES } from '../../../shared/api/translations';
import { ApiError, NetworkError } from '../api';
import { t } from '../i18n';

const base = (sectionId: string, lang: string) => `/api/sections/${encodeURIComponent(sectionId)}/translations/${encodeURIComponent(lang)}`;

/** Sends an XLIFF file; the server's JSON answer or refusal. */
async function importXliff(sectionId: string, lang: string, file: File): Promise<XliffImportResult> {
  let response: Response;
  try {
    response = await fetch(`${base(sectionId, lang)}.xliff`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/xliff+xml', Accept: 'application/json' },
      body: file,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Not our JSON (a proxy's page): the status says enough.
  }
  if (!response.ok) {
    const body = (json ?? {}) as { error?: unknown; code?: unknown };
    throw new ApiError(response.status, typeof body.code === 'string' ? body.code : null, typeof body.error === 'string' ? body.error : response.statusText);
  }
  return json as XliffImportResult;
}

export class TranslationFiles {
  private busy = false;
  private message: { kind: 'done' | 'error'; text: string } | null = null;

  constructor(
    private readonly options: { sectionId: string; lang: string; update: () => void; imported: () => void },
  ) {}

  /** `mayImport`: the person may edit the translation (an import writes into it). */
  template(mayImport: boolean): TemplateResult {
    const { sectionId, lang } = this.options;
    return html`<div class="translation-files" role="group" aria-label=${t('translation.files')}>
      <a class="button small" href=${`${base(sectionId, lang)}.xliff`} download>${t('translation.files.xliff')}</a>
      <a class="button small" href=${`${base(sectionId, lang)}.docx`} download>${t('translation.files.docx')}</a>
      ${mayImport
        ? html`<label class="button small translation-files-import" aria-disabled=${String(this.busy)}>
            ${this.busy ? t('translation.files.importing') : t('translation.files.import')}
            <input type="file" class="visually-hidden" accept=".xliff,.xlf,application/xliff+xml,application/xml" ?disabled=${this.busy} @change=${(event: Event) => void this.chosen(event)} />
          </label>`
        : nothing}
      <span class=${`translation-files-message ${this.message?.kind === 'error' ? 'is-error' : ''}`} role="status" aria-live="polite">${this.message?.text ?? ''}</span>
    </div>`;
  }

  private async chosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_XLIFF_BYTES) {
      this.message = { kind: 'error', text: t('translation.files.tooLarge') };
      this.options.update();
      return;
    }
    this.busy = true;
    this.message = null;
    this.options.update();
    try {
      const result = await importXliff(this.options.sectionId, this.options.lang, file);
      this.message = { kind: 'done', text: t('translation.files.imported', { updated: result.updated, inserted: result.inserted, unchanged: result.unchanged }) };
      this.options.imported();
    } catch (error) {
      const text =
        error instanceof NetworkError
          ? t('app.error.network')
          : error instanceof ApiError
            ? t('translation.files.refused', { reason: error.message })
            : t('app.error.generic');
      this.message = { kind: 'error', text };
    } finally {
      this.busy = false;
      this.options.update();
    }
  }
}
