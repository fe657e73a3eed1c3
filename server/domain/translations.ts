/**
 * A section's translations (#19): how far each language version is, confirming a translation
 * after its source changed, and the XLIFF round trip with translators' tools. The rules of
 * current, stale and missing are `shared/translations.ts`; the XLIFF profile is
 * `server/translations/`. Every write goes through the `SectionStore`, so it reaches everyone
 * editing that document, as a keystroke would.
 *
 * Every entry point first gives the source's blocks their ids (`ensureSourceIds`): a unit is a
 * block with an id, and old text (or a section nobody edited since ids existed) has none.
 */
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import type { TranslationCounts, TranslationProgress, XliffImportResult } from '../../shared/api/translations';
import { type LanguageCode, type LanguageSettings, documentKey } from '../../shared/languages';
import { newTargetId } from '../../shared/references';
import { CONTENT_FRAGMENT, MAX_SOURCE_TEXT, schema } from '../../shared/schema';
import { type DocumentJson, type JsonNode, type SourceUnit, UNIT_TYPES, hasUnitsWithoutIds, sourceUnits, translationStatus } from '../../shared/translations';
import { applyXliff } from '../translations/xliff-apply';
import { XliffRefused } from '../translations/xliff-profile';
import { readXliff } from '../translations/xliff-read';
import { writeXliff } from '../translations/xliff-write';
import type { AuditLog } from './audit';
import { DomainError } from './errors';
import type { Reviews } from './reviews';
import type { SectionContent } from './section-content';
import type { SectionStore } from './section-store';
import type { Section, Sections } from './sections';
import type { Settings } from './settings';

export interface TranslationDeps {
  store: SectionStore;
  content: SectionContent;
  sections: Pick<Sections, 'find'>;
  settings: Pick<Settings, 'languages'>;
  reviews: Pick<Reviews, 'approvedText'>;
  audit: Pick<AuditLog, 'record'>;
}

/** Who confirms or imports: the person the change is attributed to. */
export interface Translator {
  id: number;
}

/** A source unit a person confirms a translation of, with the hash of the unit's text they saw. */
export interface SeenUnit {
  id: string;
  hash: string;
}

/** A section's translation as an XLIFF file to download. */
export interface XliffFile {
  fileName: string;
  xml: string;
}

/** The HTTP status of each reason an XLIFF file is refused. */
const REFUSAL_STATUS = { 'not-xliff': 422, 'language-mismatch': 422, 'ids-mismatch': 409, 'partial-unit': 422 } as const;

type YParent = Y.XmlFragment | Y.XmlElement;

/**
 * The block elements of a document, in document order, parents before their children. Textblocks
 * are not entered: what is inside one (a footnote, a reference, a break) is inline, and a
 * footnote's inner paragraph-like content is no block of the document.
 */
function blockElements(parent: YParent, found: Y.XmlElement[] = []): Y.XmlElement[] {
  for (const child of parent.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    const type = schema.nodes[child.nodeName];
    if (!type?.isBlock) continue;
    found.push(child);
    if (!type.isTextblock) blockElements(child, found);
  }
  return found;
}

/** The blocks that need an id: those without one, and every holder of an id after its first. */
function blocksWithoutIds(fragment: Y.XmlFragment): { missing: Y.XmlElement[]; taken: Set<string> } {
  const taken = new Set<string>();
  const missing: Y.XmlElement[] = [];
  for (const element of blockElements(fragment)) {
    const id = element.getAttribute('id');
    if (typeof id === 'string' && id !== '' && !taken.has(id)) taken.add(id);
    else missing.push(element);
  }
  return { missing, taken };
}

/** Whether a document's JSON has a block without an id of its own (the same walk as `blockElements`). */
function jsonNeedsIds(json: JsonNode): boolean {
  const taken = new Set<string>();
  const needs = (parent: JsonNode): boolean =>
    (parent.content ?? []).some((child) => {
      const type = schema.nodes[child.type];
      if (!type?.isBlock) return false;
      const id = child.attrs?.id;
      if (typeof id !== 'string' || id === '' || taken.has(id)) return true;
      taken.add(id);
      return !type.isTextblock && needs(child);
    });
  return needs(json);
}

/** The translation blocks linked to these source units, with the text each must be confirmed against. */
function linkedBlocks(fragment: Y.XmlFragment, units: ReadonlyMap<string, SourceUnit>): { element: Y.XmlElement; unit: SourceUnit }[] {
  const found: { element: Y.XmlElement; unit: SourceUnit }[] = [];
  for (const element of blockElements(fragment)) {
    if (!UNIT_TYPES.has(element.nodeName)) continue;
    const source = element.getAttribute('source');
    const unit = typeof source === 'string' ? units.get(source) : undefined;
    if (unit) found.push({ element, unit });
  }
  return found;
}

/** The link a confirmed block carries; a source text too long for the schema is not kept (the hash is). */
const confirmedLink = (unit: SourceUnit) => ({ sourceHash: unit.hash, sourceText: unit.text.length <= MAX_SOURCE_TEXT ? unit.text : null });

const needsConfirming = (element: Y.XmlElement, unit: SourceUnit) => {
  const link = confirmedLink(unit);
  return element.getAttribute('sourceHash') !== link.sourceHash || (element.getAttribute('sourceText') ?? null) !== link.sourceText;
};

const countsOf = (status: TranslationCounts): TranslationCounts => ({ blocks: status.blocks, stale: status.stale, missing: status.missing });

export class Translations {
  constructor(private readonly deps: TranslationDeps) {}

  /**
   * Gives every block of the source without an id (or with one an earlier block holds) a new
   * id, as one change by nobody; does nothing when every block has its own. The first holder of
   * a duplicated id keeps it (the original, before a copy the editor has not renumbered).
   * Approvals stay current: their hash leaves ids out. Returns how many blocks got one.
   *
   * Cheap once done: the cached text is looked at first (the dashboard and every translations
   * call come through here), and the document itself is read only when that text lacks an id.
   */
  ensureSourceIds(sectionId: string): number {
    if (!jsonNeedsIds(this.deps.content.snapshot(sectionId).json as unknown as JsonNode)) return 0;
    const needed = this.deps.store.read(sectionId, (doc) => blocksWithoutIds(doc.getXmlFragment(CONTENT_FRAGMENT)).missing.length);
    if (needed === 0) return 0;
    let given = 0;
    this.deps.store.change(sectionId, null, (doc) => {
      const { missing, taken } = blocksWithoutIds(doc.getXmlFragment(CONTENT_FRAGMENT));
      for (const element of missing) {
        let id = newTargetId();
        while (taken.has(id)) id = newTargetId();
        taken.add(id);
        element.setAttribute('id', id);
      }
      given = missing.length;
    });
    this.deps.content.invalidate(sectionId);
    return given;
  }

  /** Every target language's progress on the section, in the workspace's order. */
  status(sectionId: string): TranslationProgress[] {
    this.section(sectionId);
    this.ensureSourceIds(sectionId);
    return this.deps.settings.languages().targets.map((lang) => this.progress(sectionId, lang));
  }

  /** One target language's progress; 404 when the workspace does not translate into it. */
  statusIn(sectionId: string, lang: string): TranslationProgress {
    this.section(sectionId);
    const target = this.target(lang);
    this.ensureSourceIds(sectionId);
    return this.progress(sectionId, target);
  }

  /**
   * Marks the translations of these source units as made from the source as it stands now: each
   * linked block gets the unit's current hash and text, in one change by the person. `'all'`
   * confirms every translated unit (a missing one has nothing to confirm and is skipped); listed
   * units must all be source units (422 `unknown-blocks`) whose text is still the one the person
   * saw (409 `source-changed`: someone changed the source after the page showed it, and a confirm
   * would vouch for words nobody compared) with a translation (409 `not-translated`). A refusal
   * writes nothing.
   */
  confirm(sectionId: string, lang: string, person: Translator, which: SeenUnit[] | 'all'): TranslationProgress {
    this.section(sectionId);
    const target = this.target(lang);
    this.ensureSourceIds(sectionId);
    const source = this.source(sectionId);
    const key = documentKey(sectionId, target);
    const status = translationStatus(source, this.translation(sectionId, target));
    const byId = new Map(status.aligned.map((unit) => [unit.source.id, unit]));
    if (which !== 'all') {
      const unknown = which.filter((seen) => !byId.has(seen.id)).map((seen) => seen.id);
      if (unknown.length > 0) throw new DomainError(422, `these are not blocks of the source with text: ${named(unknown)}`, 'unknown-blocks');
      const changed = [...new Set(which.filter((seen) => byId.get(seen.id)!.source.hash !== seen.hash).map((seen) => seen.id))];
      if (changed.length > 0) throw new DomainError(409, `the source of these blocks changed since you looked; read it again before confirming: ${named(changed)}`, 'source-changed');
      const missing = which.filter((seen) => byId.get(seen.id)!.status === 'missing').map((seen) => seen.id);
      if (missing.length > 0) throw new DomainError(409, `these blocks have no translation to confirm yet: ${named(missing)}`, 'not-translated');
    }
    const confirmed = (which === 'all' ? status.aligned.filter((unit) => unit.status !== 'missing').map((unit) => unit.source.id) : [...new Set(which.map((seen) => seen.id))]).map(
      (id) => byId.get(id)!.source,
    );
    const units = new Map(confirmed.map((unit) => [unit.id, unit]));
    const outdated = (doc: Y.Doc) => linkedBlocks(doc.getXmlFragment(CONTENT_FRAGMENT), units).filter(({ element, unit }) => needsConfirming(element, unit));
    // Nothing is written (and nobody's client id claimed) when every block is confirmed already.
    if (this.deps.store.read(key, (doc) => outdated(doc).length) > 0) {
      this.deps.store.change(key, person.id, (doc) => {
        for (const { element, unit } of outdated(doc)) {
          const link = confirmedLink(unit);
          element.setAttribute('sourceHash', link.sourceHash);
          if (link.sourceText === null) element.removeAttribute('sourceText');
          else element.setAttribute('sourceText', link.sourceText);
        }
      });
      this.deps.content.invalidate(key);
    }
    this.deps.audit.record({ actorId: person.id, action: 'translation.confirmed', target: `section:${sectionId}`, detail: { lang: target, blocks: confirmed.length } });
    return this.progress(sectionId, target);
  }

  /** The translation as an XLIFF 2.0 file: the source as it stands, the translation as it stands. */
  exportXliff(sectionId: string, lang: string): XliffFile {
    const section = this.section(sectionId);
    const target = this.target(lang);
    this.ensureSourceIds(sectionId);
    const xml = writeXliff({
      file: section.id,
      srcLang: this.languages().source,
      trgLang: target,
      source: this.source(sectionId),
      translation: this.translation(sectionId, target),
    });
    return { fileName: `${section.id}.${target}.xliff`, xml };
  }

  /**
   * Takes a translator's XLIFF file back (see `xliff-read.ts` and `xliff-apply.ts` for what is
   * refused and what changes): one change by the person, written with y-prosemirror's own minimal
   * update (as a version restore is), so the blocks the file leaves alone stay the same elements
   * and edits made meanwhile merge. A refused file writes nothing.
   */
  importXliff(sectionId: string, lang: string, person: Translator, xml: string): XliffImportResult {
    const section = this.section(sectionId);
    const target = this.target(lang);
    this.ensureSourceIds(sectionId);
    const source = this.source(sectionId);
    let units;
    try {
      units = readXliff(xml, { file: section.id, trgLang: target, units: new Set(sourceUnits(source).map((unit) => unit.id)) });
    } catch (error) {
      if (error instanceof XliffRefused) throw new DomainError(REFUSAL_STATUS[error.code], error.message, error.code);
      throw error;
    }
    const key = documentKey(sectionId, target);
    let result: XliffImportResult = { updated: 0, inserted: 0, unchanged: units.length };
    // Applied to the document as it is inside the change (a pending batch of someone's typing is
    // stored first), never to a cached snapshot, which would write their latest words away.
    const apply = (doc: Y.Doc) => {
      const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
      const { doc: current, meta } = initProseMirrorDoc(fragment, schema);
      const applied = applyXliff(current.toJSON() as DocumentJson, source, units);
      const next = schema.nodeFromJSON(applied.json);
      next.check();
      return { applied, write: () => updateYFragment(doc, fragment, next, meta) };
    };
    const preview = this.deps.store.read(key, (doc) => apply(doc).applied);
    if (preview.updated + preview.inserted > 0) {
      this.deps.store.change(key, person.id, (doc) => {
        const { applied, write } = apply(doc);
        write();
        result = { updated: applied.updated, inserted: applied.inserted, unchanged: applied.unchanged };
      });
      this.deps.content.invalidate(key);
    } else result = { updated: 0, inserted: 0, unchanged: preview.unchanged };
    this.deps.audit.record({ actorId: person.id, action: 'translation.imported', target: `section:${sectionId}`, detail: { lang: target, ...result } });
    return result;
  }

  private progress(sectionId: string, lang: LanguageCode): TranslationProgress {
    const translation = this.translation(sectionId, lang);
    const status = translationStatus(this.source(sectionId), translation);
    return {
      lang,
      blocks: status.blocks,
      current: status.current,
      stale: status.stale,
      missing: status.missing,
      orphaned: status.orphaned,
      againstApproved: this.againstApproved(sectionId, translation, status),
    };
  }

  /**
   * The counts against the approved source; null when there is none, or when they cannot be known.
   * While the approval is current, that is the source as it stands (and its ids). Once the source
   * changed, the approved text is counted itself — unless it was approved before blocks had ids:
   * its units then match no translation and would count as zero units, which reads as "complete".
   * Unknown is not complete: 'unknown', so nobody is told the translation is complete and current.
   */
  private againstApproved(sectionId: string, translation: DocumentJson, current: TranslationCounts): TranslationCounts | 'unknown' | null {
    const approved = this.deps.reviews.approvedText(sectionId);
    if (!approved) return null;
    if (approved.hash === this.deps.content.settledHash(sectionId)) return countsOf(current);
    if (hasUnitsWithoutIds(approved.json)) return 'unknown';
    return countsOf(translationStatus(approved.json, translation));
  }

  private section(sectionId: string): Section {
    const section = this.deps.sections.find(sectionId);
    if (!section) throw new DomainError(404, 'no such section', 'not-found');
    return section;
  }

  private languages(): LanguageSettings {
    return this.deps.settings.languages();
  }

  /** The language, when the workspace translates into it (the source language is no translation). */
  private target(lang: string): LanguageCode {
    const target = this.languages().targets.find((code) => code === lang);
    if (!target) throw new DomainError(404, `no ${lang} version: the workspace does not translate into that language`, 'no-such-language');
    return target;
  }

  /** The source's settled text (open suggestions are no text yet). */
  private source(sectionId: string): DocumentJson {
    return this.deps.content.snapshot(sectionId).settled.json;
  }

  /** A translation's settled text. */
  private translation(sectionId: string, lang: LanguageCode): DocumentJson {
    return this.deps.content.snapshot(documentKey(sectionId, lang)).settled.json;
  }
}

/** Up to 20 ids, for a message. */
function named(ids: string[]): string {
  return ids.slice(0, 20).join(', ') + (ids.length > 20 ? ` and ${ids.length - 20} more` : '');
}

