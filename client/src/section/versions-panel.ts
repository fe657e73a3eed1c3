/**
 * The history tab: the saved versions of the section (named by people, made on submission and
 * approval, saved automatically after a burst of editing, made by a restore), and what to do with
 * them — save the text as a named version, read one, compare any two, restore one (a new change
 * that everybody's editor receives live), and see who wrote what.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { Version, VersionKind, VersionRef } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { isUnauthenticated } from '../api';
import { t } from '../i18n';
import { problem } from '../ui/parts';
import { plural } from './plural';
import { confirmAction } from './confirm-dialog';
import { sectionIcons } from './icons';
import { explain } from './problems';
import type { Reader } from './reader';
import { requests } from './requests';
import { exactTime, when } from './time';

export interface VersionsHost {
  readonly sectionId: string;
  /** May save the text as a named version (the people who may edit it). */
  maySave(): boolean;
  mayRestore(): boolean;
  rerender(): void;
  sessionEnded(): void;
}

const KIND_LABEL: Record<VersionKind, MessageKey> = {
  named: 'versions.kind.named',
  submission: 'versions.kind.submission',
  approval: 'versions.kind.approval',
  auto: 'versions.kind.auto',
  restore: 'versions.kind.restore',
};

export class VersionsPanel {
  versions: Version[] | null = null;
  loadError: unknown = null;
  private label = '';
  private saving = false;
  private saveError: string | null = null;
  private from: VersionRef | null = null;
  private to: VersionRef = 'current';
  private restoring: number | null = null;
  private error: string | null = null;
  private token = 0;

  constructor(
    private readonly host: VersionsHost,
    private readonly reader: Reader,
  ) {}

  async load(): Promise<void> {
    const token = ++this.token;
    try {
      const versions = await requests.versions(this.host.sectionId);
      if (token !== this.token) return;
      this.versions = versions;
      this.loadError = null;
      const known = (ref: VersionRef | null) => ref === 'current' || versions.some((version) => version.id === ref);
      if (this.from === null || !known(this.from)) this.from = versions[0]?.id ?? null;
      if (!known(this.to)) this.to = 'current';
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      if (token === this.token) this.loadError = error;
    }
    this.host.rerender();
  }

  /** A version's name in the list: its label, or what made it. */
  title(version: Version): string {
    if (version.kind === 'named' && version.label) return version.label;
    if (version.kind === 'approval' && version.label) return t('versions.title.approval', { who: version.label });
    if (version.kind === 'submission') return t('versions.title.submission');
    return t(KIND_LABEL[version.kind]);
  }

  private refName(ref: VersionRef): string {
    if (ref === 'current') return t('versions.current');
    const version = this.versions?.find((candidate) => candidate.id === ref);
    return version ? `${this.title(version)} (${exactTime(version.createdAt)})` : '';
  }

  private async save(): Promise<void> {
    const label = this.label.trim();
    if (label === '') {
      this.saveError = t('versions.error.nameRequired');
      this.host.rerender();
      document.getElementById('version-label')?.focus();
      return;
    }
    this.saving = true;
    this.saveError = null;
    this.host.rerender();
    try {
      await requests.saveVersion(this.host.sectionId, label);
      this.label = '';
      await this.load();
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.saveError = explain(error);
    } finally {
      this.saving = false;
      this.host.rerender();
    }
  }

  view(version: Version): void {
    void this.reader.show({
      id: `version-${version.id}`,
      title: () => this.title(version),
      subtitle: () => this.byline(version),
      load: async () => ({ kind: 'document', content: (await requests.version(version.id)).content }),
      actions: () => html`<button type="button" class="button small" @click=${() => this.compare(version.id, 'current')}>
          ${sectionIcons.compare}${t('versions.compareWithCurrent')}
        </button>
        ${this.host.mayRestore() ? this.restoreButton(version) : nothing}`,
    });
  }

  compare(from: VersionRef, to: VersionRef): void {
    this.from = from;
    this.to = to;
    void this.reader.show({
      id: `compare-${from}-${to}`,
      title: () => t('versions.compareTitle'),
      subtitle: () => t('versions.compareSubtitle', { from: this.refName(from), to: this.refName(to) }),
      load: async () => ({ kind: 'diff', diff: await requests.compare(this.host.sectionId, from, to) }),
    });
  }

  toggleAttribution(): void {
    if (this.reader.showing === 'attribution') return this.reader.close();
    void this.reader.show({
      id: 'attribution',
      title: () => t('attribution.title'),
      subtitle: () => t('attribution.subtitle'),
      load: async () => ({ kind: 'attribution', attribution: await requests.attribution(this.host.sectionId) }),
      live: true,
    });
  }

  private async restore(version: Version): Promise<void> {
    const confirmed = await confirmAction({
      title: t('versions.restore.title'),
      message: t('versions.restore.message', { name: this.title(version), time: exactTime(version.createdAt) }),
      confirm: t('versions.restore.confirm'),
    });
    if (!confirmed) return;
    this.restoring = version.id;
    this.error = null;
    this.host.rerender();
    try {
      await requests.restore(version.id);
      // The restored text arrives in the editor through Yjs; show it there.
      if (this.reader.showing?.startsWith('version-') || this.reader.showing?.startsWith('compare-')) this.reader.close();
      // Who wrote what, if shown, is now the restored text's.
      this.reader.refresh('attribution');
      await this.load();
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.error = explain(error);
    } finally {
      this.restoring = null;
      this.host.rerender();
    }
  }

  private restoreButton(version: Version): TemplateResult {
    return html`<button type="button" class="button small" ?disabled=${this.restoring !== null} @click=${() => void this.restore(version)}>
      ${sectionIcons.restore}${t('versions.restore')}
    </button>`;
  }

  private byline(version: Version): string {
    const authors = version.authors.length > 0 ? version.authors : version.createdBy ? [version.createdBy] : [];
    const names = authors.map((author) => author.name).filter(Boolean);
    return [exactTime(version.createdAt), names.length > 0 ? names.join(', ') : ''].filter(Boolean).join(' · ');
  }

  template(): TemplateResult {
    if (this.loadError) return problem(this.loadError, () => void this.load());
    const versions = this.versions;
    if (!versions) return html`<p class="panel-loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('app.loading')}</p>`;
    const attribution = this.reader.showing === 'attribution';
    return html`
      <div class="panel-actions">
        <button type="button" class="button small" aria-pressed=${String(attribution)} @click=${() => this.toggleAttribution()}>
          ${sectionIcons.people}${t('attribution.toggle')}
        </button>
      </div>
      ${this.host.maySave() ? this.saveForm() : nothing}
      ${versions.length > 0 ? this.compareForm(versions) : nothing}
      ${this.error ? html`<p class="field-error" role="alert">${this.error}</p>` : nothing}
      <h3 class="panel-subtitle">${t('versions.list')}</h3>
      ${versions.length === 0
        ? html`<p class="panel-empty">${t('versions.empty')}</p>`
        : html`<ol class="version-list">${versions.map((version) => this.item(version))}</ol>`}
    `;
  }

  private saveForm(): TemplateResult {
    return html`<form
      class="version-save"
      novalidate
      @submit=${(event: Event) => {
        event.preventDefault();
        void this.save();
      }}
    >
      <label for="version-label">${t('versions.save.label')}</label>
      <div class="inline-form">
        <input
          id="version-label"
          type="text"
          maxlength="120"
          autocomplete="off"
          placeholder=${t('versions.save.placeholder')}
          aria-invalid=${this.saveError ? 'true' : 'false'}
          aria-describedby=${this.saveError ? 'version-label-error' : nothing}
          .value=${live(this.label)}
          @input=${(event: Event) => {
            this.label = (event.target as HTMLInputElement).value;
          }}
        />
        <button type="submit" class="button small primary" ?disabled=${this.saving}>${t('versions.save')}</button>
      </div>
      ${this.saveError ? html`<p id="version-label-error" class="field-error" role="alert">${this.saveError}</p>` : nothing}
    </form>`;
  }

  private compareForm(versions: Version[]): TemplateResult {
    const options = (selected: VersionRef | null) => html`
      <option value="current" ?selected=${selected === 'current'}>${t('versions.current')}</option>
      ${versions.map(
        (version) => html`<option value=${String(version.id)} ?selected=${selected === version.id}>
          ${this.title(version)} — ${exactTime(version.createdAt)}
        </option>`,
      )}
    `;
    const parse = (value: string): VersionRef => (value === 'current' ? 'current' : Number(value));
    return html`<form
      class="version-compare"
      @submit=${(event: Event) => {
        event.preventDefault();
        if (this.from !== null) this.compare(this.from, this.to);
      }}
    >
      <fieldset>
        <legend>${t('versions.compare')}</legend>
        <label for="compare-from">${t('versions.compare.from')}</label>
        <select id="compare-from" @change=${(event: Event) => (this.from = parse((event.target as HTMLSelectElement).value))}>
          ${options(this.from)}
        </select>
        <label for="compare-to">${t('versions.compare.to')}</label>
        <select id="compare-to" @change=${(event: Event) => (this.to = parse((event.target as HTMLSelectElement).value))}>
          ${options(this.to)}
        </select>
        <button type="submit" class="button small">${sectionIcons.compare}${t('versions.compare.show')}</button>
      </fieldset>
    </form>`;
  }

  private item(version: Version): TemplateResult {
    const authors = version.authors.length > 0 ? version.authors : version.createdBy ? [version.createdBy] : [];
    const shown = this.reader.showing === `version-${version.id}`;
    return html`<li class="version ${shown ? 'is-shown' : ''} kind-${version.kind}">
      <div class="version-head">
        <span class="version-title" id=${`version-${version.id}-title`}>${this.title(version)}</span>
        ${this.title(version) === t(KIND_LABEL[version.kind]) ? nothing : html`<span class="version-kind">${t(KIND_LABEL[version.kind])}</span>`}
      </div>
      <p class="version-meta">
        ${when(version.createdAt)}${authors.length > 0 ? html` · ${authors.map((author) => author.name).join(', ')}` : nothing}
      </p>
      <p class="version-size" title=${t('versions.size.title')}>
        <span class="plus">+${version.insertions}</span> <span class="minus">−${version.deletions}</span>
        <span class="version-words">· ${plural('counted.words', version.words)}</span>
      </p>
      <div class="version-actions">
        <button type="button" class="link-button" aria-describedby=${`version-${version.id}-title`} @click=${() => this.view(version)}>${t('versions.view')}</button>
        <button type="button" class="link-button" aria-describedby=${`version-${version.id}-title`} @click=${() => this.compare(version.id, 'current')}>${t('versions.compareWithCurrent')}</button>
        ${this.host.mayRestore()
          ? html`<button
              type="button"
              class="link-button"
              aria-describedby=${`version-${version.id}-title`}
              ?disabled=${this.restoring !== null}
              @click=${() => void this.restore(version)}
            >
              ${t('versions.restore')}
            </button>`
          : nothing}
      </div>
    </li>`;
  }
}
