/**
 * The cross-reference index (#18): the targets of every section (the section itself, its headings
 * and tables with ids) with their current number and title, and the references of each section
 * whose target is gone.
 *
 * Cheap by construction: a section's blocks are read from its settled text once per version of
 * that text (the content snapshot, which `SectionContent` keeps until the section's next stored
 * update), and placed — numbered and titled — per request, which is a walk over a short list.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { Actor } from '../../shared/policy';
import { maySection } from '../../shared/policy';
import {
  type ReferenceTarget,
  type ReferenceUse,
  type TargetBlock,
  brokenReferences,
  placeTargets,
  referencesIn,
  targetBlocksOf,
  targetKey,
} from '../../shared/references';
import { schema } from '../../shared/schema';
import { titleIn } from '../../shared/workspace';
import type { ContentSnapshot, SectionContent } from './section-content';
import type { Section, Sections } from './sections';

/** The language section titles are read in. */
export type ReferenceLocale = 'en' | 'ru';

interface SectionReading {
  /** The snapshot this reading was made from: a new snapshot means a new text. */
  snapshot: ContentSnapshot;
  blocks: TargetBlock[];
  doc: ProseMirrorNode;
}

export class References {
  private readonly readings = new Map<string, SectionReading>();

  constructor(private readonly deps: { sections: Sections; content: SectionContent }) {}

  /** A section's text as ProseMirror nodes and its blocks with ids, read once per text. */
  private reading(sectionId: string): SectionReading {
    const snapshot = this.deps.content.snapshot(sectionId);
    const cached = this.readings.get(sectionId);
    if (cached?.snapshot === snapshot) return cached;
    const doc = schema.nodeFromJSON(snapshot.settled.json);
    const reading = { snapshot, blocks: targetBlocksOf(doc), doc };
    this.readings.set(sectionId, reading);
    return reading;
  }

  /** The targets of one section, placed and titled in `locale`. */
  targetsOfSection(section: Section, locale: ReferenceLocale = 'en'): ReferenceTarget[] {
    const place = { id: section.id, part: section.part, position: section.position, title: titleIn(section.titles, locale) };
    return placeTargets(place, this.reading(section.id).blocks);
  }

  /**
   * What a person may point at: the targets of every section the policy lets them read, in master
   * order, section titles in their language.
   */
  targetsFor(person: Actor & { locale?: string }): ReferenceTarget[] {
    const locale: ReferenceLocale = person.locale === 'ru' ? 'ru' : 'en';
    return this.deps.sections
      .list()
      .filter((section) => maySection(person, 'read', section))
      .flatMap((section) => this.targetsOfSection(section, locale));
  }

  /**
   * Every target of the workspace by `targetKey`, whoever may read it: what exports and broken
   * references are checked against (a reference to a section someone cannot read is not broken).
   */
  index(locale: ReferenceLocale = 'en'): Map<string, ReferenceTarget> {
    const index = new Map<string, ReferenceTarget>();
    for (const section of this.deps.sections.list()) {
      for (const target of this.targetsOfSection(section, locale)) index.set(targetKey(target.section, target.target), target);
    }
    return index;
  }

  /**
   * The index as a plain record, as `MasterDocument.targets` holds it for the exporters. `texts`:
   * the text an export holds of some sections (their approved text, say), read for their targets
   * instead of the current draft, so a reference links to the heading the file actually has.
   */
  targetRecord(locale: ReferenceLocale = 'en', texts: ReadonlyMap<string, Record<string, unknown>> = new Map()): Record<string, ReferenceTarget> {
    const record: Record<string, ReferenceTarget> = {};
    for (const section of this.deps.sections.list()) {
      const text = texts.get(section.id);
      // The current targets first, the held text's over them: a heading the approved text lacks
      // (added since, or given its id after approval) still exists and is not "deleted".
      const current = this.targetsOfSection(section, locale);
      const held = text
        ? placeTargets({ id: section.id, part: section.part, position: section.position, title: titleIn(section.titles, locale) }, targetBlocksOf(schema.nodeFromJSON(text)))
        : [];
      for (const target of [...current, ...held]) record[targetKey(target.section, target.target)] = target;
    }
    return record;
  }

  /** The references of a section whose target is gone (deleted, or its section removed). */
  brokenIn(sectionId: string, index: ReadonlyMap<string, ReferenceTarget> = this.index()): ReferenceUse[] {
    return brokenReferences(this.reading(sectionId).doc, index);
  }

  /** Every reference a section makes, with the labels they stored. */
  referencesOf(sectionId: string): ReferenceUse[] {
    return referencesIn(this.reading(sectionId).doc);
  }
}
