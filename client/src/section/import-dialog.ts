/**
 * "Import from Word" (#18): a modal dialog in which the person chooses a .docx, sees what will
 * arrive before anything is written — the text as it will read (drawn by the shared schema, read
 * only, scrolling inside the dialog), the Word comments that become threads, the tracked changes
 * that become their suggestions, and the list of what does not come through — and then appends it
 * at the end of the section or, for an empty section, makes it the section's text. The server
 * reads the file twice (preview, then import): nothing is kept between the two.
 *
 * A native `<dialog>` with `showModal()`: focus stays inside, Escape closes, and focus goes back
 * to where it was. Progress and refusals are announced (a status region and an alert).
 */
import { html, nothing, render, type TemplateResult } from 'lit-html';
import { DOMSerializer, Fragment } from 'prosemirror-model';
import type { ApiErrorBody } from '../../../shared/api';
import { DOCX_MEDIA_TYPE, type ImportMode, type ImportPreview, type LostItem, MAX_IMPORT_BYTES } from '../../../shared/api/imports';
import type { PluralBase } from '../../../shared/i18n/plural';
import { schema } from '../../../shared/schema';
import { ApiError, NetworkError } from '../api';
import { plural, t } from '../i18n';
import { explain } from './problems';
import './import-dialog.css';

export interface ImportDialogOptions {
  sectionId: string;
  /** Whether the section has no text now: "Replace" is offered only then (the server checks again). */
  sectionIsEmpty: () => boolean;
  /**
   * Where the cursor is, as the index of the top-level block after it (the file goes there), or
   * null when the text has no cursor: then only "at the end" is offered.
   */
  cursorBlock?: () => number | null;
  /** After the text was imported: it reaches the editor live; the threads list may want reloading. */
  onImported?: (preview: ImportPreview) => void;
}

type Step = 'choose' | 'reading' | 'preview' | 'writing' | 'done';

const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

/** Sends the file to the import route; refusals become `ApiError`, no answer `NetworkError`. */
export async function sendWordFile(sectionId: string, file: Blob, options: { dryRun: boolean; mode?: ImportMode; at?: number }): Promise<ImportPreview> {
  const query = new URLSearchParams(options.dryRun ? { dryRun: '1' } : { mode: options.mode ?? 'append' });
  if (!options.dryRun && options.at !== undefined) query.set('at', String(options.at));
  let response: Response;
  try {
    response = await fetch(`/api/sections/${encodeURIComponent(sectionId)}/import?${query.toString()}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': DOCX_MEDIA_TYPE, Accept: 'application/json' },
      body: file,
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // A proxy's HTML page: the status below says enough.
  }
  if (!response.ok) {
    const body = (json ?? {}) as Partial<Record<keyof ApiErrorBody, unknown>>;
    throw new ApiError(response.status, typeof body.code === 'string' ? body.code : null, typeof body.error === 'string' ? body.error : response.statusText);
  }
  return json as ImportPreview;
}

/** The refusals of the import route, said in the interface language. */
function refusal(error: unknown): string {
  const size = { size: MEGABYTES };
  const own: Record<string, string> = {
    'file-too-large': t('import.error.tooLarge', size),
    '413': t('import.error.tooLarge', size),
    'not-docx': t('import.error.notDocx'),
    'docx-required': t('import.error.notDocx'),
    'old-doc-format': t('import.error.oldDoc'),
    'password-protected': t('import.error.passwordProtected'),
    'damaged-file': t('import.error.damaged'),
    'zip-bomb': t('import.error.zipBomb'),
    'unpacks-too-large': t('import.error.unpacksTooLarge'),
    'too-many-parts': t('import.error.unpacksTooLarge'),
    'too-large': t('import.error.unpacksTooLarge'),
    'too-slow': t('import.error.tooSlow'),
    'empty-file': t('import.error.empty'),
    'section-not-empty': t('import.error.notEmpty'),
    busy: t('import.error.busy'),
    forbidden: t('import.error.forbidden'),
  };
  return explain(error, own);
}

/** The kinds of `lost` this client has words for; any other shows the server's English sentence. */
const WORDED: ReadonlySet<LostItem['kind']> = new Set([
  'image',
  'tracked-changes',
  'tracked-structure',
  'tracked-formatting',
  'merged-cells',
  'endnotes',
  'internal-links',
  'unsafe-links',
  'comment-length',
]);

/** One `lost` entry in the interface language. */
function lostSentence(item: LostItem): string {
  return WORDED.has(item.kind) ? plural(`import.lost.${item.kind}` as PluralBase, item.count) : item.message;
}

let dialogs = 0;

class ImportDialog {
  private readonly id = `import-dialog-${++dialogs}`;
  private readonly dialog = document.createElement('dialog');
  private readonly opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  private step: Step = 'choose';
  private file: File | null = null;
  private preview: ImportPreview | null = null;
  private rendered: HTMLElement | null = null;
  private error: string | null = null;

  constructor(private readonly options: ImportDialogOptions) {
    this.dialog.className = 'ask-dialog import-dialog';
    this.dialog.setAttribute('aria-labelledby', `${this.id}-title`);
    this.dialog.addEventListener('close', () => this.closed(), { once: true });
    // Escape while a file is being written must not hide the outcome: the dialog stays.
    this.dialog.addEventListener('cancel', (event) => {
      if (this.step === 'writing') event.preventDefault();
    });
  }

  open(): void {
    document.body.append(this.dialog);
    this.draw();
    this.dialog.showModal();
  }

  private async read(file: File): Promise<void> {
    this.file = file;
    this.preview = null;
    this.rendered = null;
    this.error = null;
    if (file.size > MAX_IMPORT_BYTES) {
      this.step = 'choose';
      this.error = t('import.error.tooLarge', { size: MEGABYTES });
      this.draw();
      return;
    }
    this.step = 'reading';
    this.draw();
    try {
      this.preview = await sendWordFile(this.options.sectionId, file, { dryRun: true });
      this.rendered = renderBlocks(this.preview.blocks);
      this.step = 'preview';
      this.draw();
      this.dialog.querySelector<HTMLElement>(`#${this.id}-preview-title`)?.focus();
    } catch (error) {
      this.step = 'choose';
      this.error = refusal(error);
      this.draw();
    }
  }

  private async write(mode: ImportMode, at?: number): Promise<void> {
    if (!this.file) return;
    this.step = 'writing';
    this.error = null;
    this.draw();
    try {
      const written = await sendWordFile(this.options.sectionId, this.file, { dryRun: false, mode, at });
      this.step = 'done';
      this.draw();
      this.dialog.querySelector<HTMLElement>(`#${this.id}-close`)?.focus();
      this.options.onImported?.(written);
    } catch (error) {
      this.step = 'preview';
      this.error = refusal(error);
      this.draw();
    }
  }

  private closed(): void {
    this.dialog.remove();
    if (this.opener?.isConnected) this.opener.focus();
  }

  private draw(): void {
    render(this.template(), this.dialog);
  }

  private template(): TemplateResult {
    const busy = this.step === 'reading' || this.step === 'writing';
    const status =
      this.step === 'reading' ? t('import.reading', { name: this.file?.name ?? '' })
      : this.step === 'writing' ? t('import.writing')
      : this.step === 'done' ? t('import.done')
      : '';
    return html`<form method="dialog" class="import-form" @submit=${(event: Event) => event.preventDefault()}>
      <h2 id=${`${this.id}-title`}>${t('import.title')}</h2>
      ${this.step === 'choose' || this.step === 'reading' ? this.chooser(busy) : nothing}
      <p class="import-status ${status ? '' : 'is-empty'}" role="status" aria-live="polite">${status}</p>
      ${this.error ? html`<p class="import-error" role="alert">${this.error}</p>` : nothing}
      ${this.preview && this.step !== 'choose' && this.step !== 'reading' ? this.previewOf(this.preview) : nothing}
      <div class="ask-actions import-actions">${this.actions(busy)}</div>
    </form>`;
  }

  private chooser(busy: boolean): TemplateResult {
    return html`<p id=${`${this.id}-hint`} class="import-hint">${t('import.hint', { size: MEGABYTES })}</p>
      <label class="import-file-label" for=${`${this.id}-file`}>${t('import.chooseFile')}</label>
      <input
        id=${`${this.id}-file`}
        class="import-file"
        type="file"
        accept=${`.docx,${DOCX_MEDIA_TYPE}`}
        aria-describedby=${`${this.id}-hint`}
        ?disabled=${busy}
        autofocus
        @change=${(event: Event) => {
          const file = (event.target as HTMLInputElement).files?.[0];
          if (file) void this.read(file);
        }}
      />`;
  }

  private previewOf(preview: ImportPreview): TemplateResult {
    const facts = [
      plural('import.blocks', preview.blocks.length),
      ...(preview.comments.length ? [plural('import.comments', preview.comments.length)] : []),
      ...(preview.suggestions ? [plural('import.suggestions', preview.suggestions)] : []),
    ];
    // Tracked changes arrive, as suggestions, but who made them in Word does not: listed here too.
    const lost = preview.lost;
    return html`<section class="import-preview" aria-labelledby=${`${this.id}-preview-title`}>
      <h3 id=${`${this.id}-preview-title`} tabindex="-1">${t('import.previewTitle')}</h3>
      <p class="import-summary">${t('import.summary', { name: this.file?.name ?? '' })}</p>
      <ul class="import-facts">${facts.map((fact) => html`<li>${fact}</li>`)}</ul>
      <div class="import-document" role="document" tabindex="0" aria-label=${t('import.previewLabel')}>${this.rendered}</div>
      ${preview.comments.length
        ? html`<ul class="import-comments">
            ${preview.comments.map((comment) => html`<li><span class="import-comment-by">${t('import.commentBy', { author: comment.author, quote: comment.quote })}</span> ${comment.text}</li>`)}
          </ul>`
        : nothing}
      <h3>${t('import.lostTitle')}</h3>
      ${lost.length
        ? html`<ul class="import-lost">${lost.map((item) => html`<li data-kind=${item.kind}>${lostSentence(item)}</li>`)}</ul>`
        : html`<p class="import-nothing-lost">${t('import.nothingLost')}</p>`}
    </section>`;
  }

  private actions(busy: boolean): TemplateResult {
    if (this.step === 'done') {
      return html`<button type="button" id=${`${this.id}-close`} class="button primary" @click=${() => this.dialog.close()}>${t('import.close')}</button>`;
    }
    const cancel = html`<button type="button" class="button" ?disabled=${this.step === 'writing'} @click=${() => this.dialog.close()}>${t('import.cancel')}</button>`;
    if (this.step !== 'preview' && this.step !== 'writing') return cancel;
    const empty = this.options.sectionIsEmpty();
    // Taken when the dialog draws: the cursor stays where it was while the dialog is open.
    const cursor = empty ? null : (this.options.cursorBlock?.() ?? null);
    return html`${cancel}
      <button
        type="button"
        class="button"
        ?disabled=${busy}
        @click=${() => {
          this.step = 'choose';
          this.preview = null;
          this.error = null;
          this.draw();
        }}
      >
        ${t('import.otherFile')}
      </button>
      <button
        type="button"
        class="button"
        ?disabled=${busy || !empty}
        title=${empty ? nothing : t('import.replaceUnavailable')}
        aria-describedby=${empty ? nothing : `${this.id}-replace-note`}
        @click=${() => void this.write('replace')}
      >
        ${t('import.replace')}
      </button>
      ${cursor === null
        ? nothing
        : html`<button type="button" class="button" ?disabled=${busy} @click=${() => void this.write('append', cursor)}>${t('import.atCursor')}</button>`}
      <button type="button" class="button primary" ?disabled=${busy} @click=${() => void this.write('append')}>${t('import.append')}</button>
      ${empty ? nothing : html`<p id=${`${this.id}-replace-note`} class="import-replace-note">${t('import.replaceUnavailable')}</p>`}`;
  }
}

/** The blocks as the section will show them, drawn by the shared schema (no editor, nothing editable). */
function renderBlocks(blocks: unknown[]): HTMLElement {
  const container = document.createElement('div');
  container.className = 'import-document-content';
  container.append(DOMSerializer.fromSchema(schema).serializeFragment(Fragment.fromJSON(schema, blocks), { document }));
  return container;
}

/** Opens the "Import from Word" dialog for a section. */
export function openImportDialog(options: ImportDialogOptions): void {
  new ImportDialog(options).open();
}
